"""A timeline stage without dates of its own takes its state from its events' days."""

from datetime import date

from consultations.timeline import StageDates, StageState, stage_states

TODAY = date(2025, 1, 10)


def state(stage, others=()):
    return stage_states([*others, stage], TODAY)[-1]


def test_a_stage_whose_events_are_all_over_has_happened():
    days = ((date(2025, 1, 2), date(2025, 1, 2)), (date(2025, 1, 9), date(2025, 1, 9)))
    assert state(StageDates(None, event_days=days)) == StageState.HAPPENED


def test_a_stage_whose_first_event_has_begun_is_current():
    days = ((date(2025, 1, 2), date(2025, 1, 2)), (date(2025, 1, 14), date(2025, 1, 14)))
    assert state(StageDates(None, event_days=days)) == StageState.CURRENT


def test_a_stage_whose_events_are_all_ahead_is_upcoming():
    days = ((date(2025, 1, 14), date(2025, 1, 14)),)
    assert state(StageDates(None, event_days=days)) == StageState.UPCOMING


def test_a_stages_own_dates_and_the_override_come_first():
    past_events = ((date(2025, 1, 2), date(2025, 1, 2)),)
    assert state(StageDates(date(2025, 1, 20), event_days=past_events)) == StageState.UPCOMING
    assert state(StageDates(None, override=StageState.CURRENT, event_days=past_events)) == StageState.CURRENT


def test_a_stage_dated_by_its_events_dates_its_neighbours_too():
    undated = StageDates(None)
    with_events = StageDates(None, event_days=((date(2025, 1, 5), date(2025, 1, 20)),))
    assert stage_states([undated, with_events], TODAY) == [StageState.HAPPENED, StageState.CURRENT]
