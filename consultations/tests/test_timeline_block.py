"""The editor's timeline block refuses stages whose dates run backwards, with the message on the stage."""

from datetime import date

import pytest
from wagtail import blocks

from consultations.blocks import TimelineBlock


def timeline(*stages):
    block = TimelineBlock()
    return block, block.to_python(
        {
            "heading": "Timeline",
            "stages": [
                {"label": "Stage", "title": title, "starts_on": starts, "ends_on": None, "events": []}
                for title, starts in stages
            ],
        }
    )


def test_stages_in_date_order_are_accepted():
    block, value = timeline(("Draft", "2026-01-05"), ("Undated", None), ("Evidence", "2026-02-01"))
    assert block.clean(value)["stages"][2]["starts_on"] == date(2026, 2, 1)


def test_a_stage_dated_before_the_one_above_is_refused_on_its_date_field():
    block, value = timeline(("Draft", "2026-03-01"), ("Undated", None), ("Evidence", "2026-02-01"))
    with pytest.raises(blocks.StructBlockValidationError) as refused:
        block.clean(value)
    stage_errors = refused.value.block_errors["stages"].block_errors
    assert list(stage_errors) == [2]
    [message] = stage_errors[2].block_errors["starts_on"]
    assert "before the stage above it (Draft, 1 March 2026)" in str(message)
