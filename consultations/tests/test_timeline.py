from datetime import date

import pytest
import time_machine

from consultations.blocks import TimelineBlock
from consultations.timeline import StageDates, StageState, stage_states

HAPPENED, CURRENT, UPCOMING = StageState.HAPPENED, StageState.CURRENT, StageState.UPCOMING

DRAFT = StageDates(date(2025, 1, 1))
EVIDENCE = StageDates(date(2025, 1, 10), date(2025, 2, 12))
EVENTS = StageDates(date(2025, 2, 1), date(2025, 2, 5))
PUBLISHED = StageDates(None)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 12, 31), [UPCOMING, UPCOMING, UPCOMING, UPCOMING]),
        (date(2025, 1, 1), [CURRENT, UPCOMING, UPCOMING, UPCOMING]),
        (date(2025, 1, 9), [CURRENT, UPCOMING, UPCOMING, UPCOMING]),
        (date(2025, 1, 10), [HAPPENED, CURRENT, UPCOMING, UPCOMING]),
        (date(2025, 2, 1), [HAPPENED, CURRENT, CURRENT, UPCOMING]),
        (date(2025, 2, 5), [HAPPENED, CURRENT, CURRENT, UPCOMING]),
        (date(2025, 2, 6), [HAPPENED, CURRENT, HAPPENED, UPCOMING]),
        (date(2025, 2, 12), [HAPPENED, CURRENT, HAPPENED, UPCOMING]),
        (date(2025, 2, 13), [HAPPENED, HAPPENED, HAPPENED, UPCOMING]),
    ],
)
def test_stage_states_follow_the_dates(today, expected):
    assert stage_states([DRAFT, EVIDENCE, EVENTS, PUBLISHED], today) == expected


def test_a_later_stage_starting_closes_an_open_ended_one():
    stages = [StageDates(date(2025, 1, 1)), StageDates(date(2025, 3, 1))]
    assert stage_states(stages, date(2025, 2, 1)) == [CURRENT, UPCOMING]
    assert stage_states(stages, date(2025, 3, 1)) == [HAPPENED, CURRENT]


def test_undated_stages_take_their_state_from_their_neighbours():
    stages = [StageDates(None), StageDates(date(2025, 3, 1)), StageDates(None)]
    assert stage_states(stages, date(2025, 3, 2)) == [HAPPENED, CURRENT, UPCOMING]


def test_an_editor_override_wins():
    stages = [StageDates(date(2025, 1, 1), override=UPCOMING), StageDates(None, override=HAPPENED)]
    assert stage_states(stages, date(2025, 6, 1)) == [UPCOMING, HAPPENED]


def test_timeline_block_renders_each_state_in_words():
    block = TimelineBlock()
    value = block.to_python(
        {
            "heading": "Timeline",
            "stages": [
                {"label": "City Hall challenge", "title": "Draft published", "starts_on": "2025-01-01"},
                {
                    "label": "Evidence gathering",
                    "title": "Tell us",
                    "starts_on": "2025-01-10",
                    "ends_on": "2025-02-12",
                },
                {"label": "Policy published", "title": "Final plan"},
            ],
        }
    )
    with time_machine.travel(date(2025, 1, 20), tick=False):
        html = block.render(value)
    assert html.count("Happened") == 1
    assert html.count("Happening now") == 1
    assert html.count("Coming up") == 1
    assert "timeline__stage--current" in html
    assert "Stage: Evidence gathering" in html
