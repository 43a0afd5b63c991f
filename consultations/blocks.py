"""Blocks that only make sense on a consultation."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils import timezone
from wagtail import blocks

from core.blocks import BaseStreamBlock, LinkBlock

from .timeline import StageDates, StageState, prepare_entries, stage_states


class QuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Join the conversation")
    introduction = blocks.TextBlock(required=False, max_length=600)
    questions = blocks.ListBlock(blocks.CharBlock(max_length=300, label="Question"), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/questions.html"
        description = "The questions you want residents to discuss"
        preview_value = {
            "heading": "Join the conversation",
            "questions": [
                "What would make your street feel safer at night?",
                "Which services should we protect first?",
            ],
        }


class KeyCommitmentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="What is in the draft plan?")
    introduction = blocks.TextBlock(required=False, max_length=600)
    items = blocks.ListBlock(blocks.TextBlock(max_length=600, label="Commitment"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_commitments.html"
        description = "The main commitments of the draft policy"
        preview_value = {
            "heading": "Our key commitments",
            "introduction": "The draft plan commits us to:",
            "items": [
                "Plant 10,000 street trees by 2030.",
                "Open every school playground to the public at weekends.",
            ],
        }


class TimelineStageBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text='The kind of stage, such as "Evidence gathering".')
    title = blocks.CharBlock(max_length=160)
    starts_on = blocks.DateBlock(required=False, help_text="Leave empty if the date is not fixed yet.")
    ends_on = blocks.DateBlock(required=False)
    description = blocks.TextBlock(required=False, max_length=600)
    link = LinkBlock(required=False)
    events = blocks.ListBlock(
        blocks.PageChooserBlock("events.EventPage"),
        default=[],
        min_num=0,
        help_text="Events in this stage. A stage without dates takes its dates from its events.",
    )
    state_override = blocks.ChoiceBlock(
        choices=StageState.CHOICES,
        required=False,
        help_text="Leave empty to work the state out from the dates.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value["starts_on"] and value["ends_on"] and value["ends_on"] < value["starts_on"]:
            raise blocks.StructBlockValidationError(
                {"ends_on": ErrorList([ValidationError("The end date must be on or after the start date.")])}
            )
        return value

    class Meta:
        icon = "date"
        template = "blocks/timeline_stage.html"
        description = "One stage of the consultation"
        preview_value = {"label": "Evidence gathering", "title": "Tell us what you think"}


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Timeline")
    stages = blocks.ListBlock(TimelineStageBlock(), min_num=1)

    def clean(self, value):
        """Refuse stages whose typed dates run backwards: the timeline reads top to bottom, first to last.

        A stage without dates of its own (one that takes them from its events) is not compared.
        """
        value = super().clean(value)
        errors = {}
        previous = None
        for index, stage in enumerate(value["stages"]):
            field = "starts_on" if stage["starts_on"] else "ends_on"
            day = stage[field]
            if day is None:
                continue
            if previous is not None and day < previous[1]:
                title, previous_day = previous
                message = (
                    f"This stage is dated before the stage above it ({title}, {previous_day:%-d %B %Y}). "
                    "Put the stages in date order, or correct the date."
                )
                errors[index] = blocks.StructBlockValidationError(
                    {field: ErrorList([ValidationError(message)])}
                )
            previous = (stage["title"], day)
        if errors:
            raise blocks.StructBlockValidationError(
                {"stages": blocks.ListBlockValidationError(block_errors=errors)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        today = timezone.localdate()
        # The chooser loads every stage's pages in one query; unpublished ones are left out.
        stage_entries = [
            [page for page in stage["events"] if page and page.live] for stage in value["stages"]
        ]
        prepare_entries(entry for entries in stage_entries for entry in entries)
        dates = [
            StageDates(
                stage["starts_on"],
                stage["ends_on"],
                stage["state_override"] or "",
                event_days=tuple(entry.timeline_days for entry in entries if entry.timeline_days),
            )
            for stage, entries in zip(value["stages"], stage_entries, strict=True)
        ]
        context["stages"] = [
            {"stage": stage, "entries": entries, "state": state, "state_label": StageState.LABELS[state]}
            for stage, entries, state in zip(
                value["stages"], stage_entries, stage_states(dates, today), strict=True
            )
        ]
        return context

    class Meta:
        icon = "time"
        template = "blocks/timeline.html"
        description = "The stages of the consultation, from draft to published policy"
        preview_value = {
            "heading": "Timeline",
            "stages": [
                {"label": "Draft", "title": "The draft plan is published", "state_override": "happened"},
                {
                    "label": "Evidence gathering",
                    "title": "Tell us what you think",
                    "state_override": "current",
                },
                {"label": "Policy published", "title": "The final plan is published"},
            ],
        }


class ConsultationStreamBlock(BaseStreamBlock):
    questions = QuestionsBlock()
    key_commitments = KeyCommitmentsBlock()
    timeline = TimelineBlock()


class OutcomeStreamBlock(BaseStreamBlock):
    """What an outcome page is built from."""
