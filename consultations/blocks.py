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
        # The last stage is where the consultation ends up: its outcome, once published.
        consultation = context.get("consultation")
        outcome = getattr(consultation, "outcome", None)
        if outcome is not None and context["stages"]:
            context["stages"][-1]["outcome"] = outcome
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


class WeAskedBlock(blocks.StructBlock):
    """The consultation's questions and its surveys' questions, drawn from them, never retyped."""

    heading = blocks.CharBlock(max_length=120, default="We asked")
    introduction = blocks.TextBlock(required=False, max_length=600)

    class Meta:
        icon = "help"
        template = "blocks/we_asked.html"
        description = "What the consultation asked: its questions and its surveys' questions, shown for you"
        preview_value = {"heading": "We asked", "introduction": "We asked residents four questions."}


class QuoteBlock(blocks.StructBlock):
    comment = blocks.CharBlock(
        max_length=300,
        label="Comment",
        help_text=(
            "The comment's number or link, such as #c123: copy the link from the time shown on the comment. "
            "It must be an approved comment in one of this consultation's discussions."
        ),
    )

    class Meta:
        icon = "openquote"
        label = "Quote"


class YouSaidBlock(blocks.StructBlock):
    """The figures the site computes, the editor's summary, and quotes from approved comments.

    The page finds every quote in one go (OutcomePage.get_context, as `quotes`);
    a quote whose comment is no longer public is left out.
    """

    heading = blocks.CharBlock(max_length=120, default="You said")
    summary = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text="What people said: the main themes, in your words. The figures are added for you.",
    )
    quotes = blocks.ListBlock(QuoteBlock(), default=[], min_num=0, label="Quotes from the discussion")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        found = context.get("quotes") or {}
        context["shown_quotes"] = [
            found[quote["comment"]] for quote in value["quotes"] if quote["comment"] in found
        ]
        return context

    class Meta:
        icon = "group"
        template = "blocks/you_said.html"
        description = "What people said: the response figures, your summary and quotes from the discussion"
        preview_value = {
            "heading": "You said",
            "summary": "<p>Most of you asked for better lighting on the way home.</p>",
            "quotes": [],
        }


class DecisionBlock(blocks.StructBlock):
    decision = blocks.CharBlock(
        max_length=200, help_text='What was decided, such as "We will light 40 streets".'
    )
    what_changed = blocks.TextBlock(max_length=1500, help_text="What changed because of what people said.")
    commitment = blocks.TextBlock(
        required=False,
        max_length=600,
        label="Key commitment it changes",
        help_text=(
            "Leave empty if it changes none. Otherwise copy the key commitment exactly as the consultation "
            "shows it."
        ),
    )

    class Meta:
        icon = "tick"
        label = "Decision"


class WeDidBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="We did")
    introduction = blocks.TextBlock(required=False, max_length=600)
    decisions = blocks.ListBlock(DecisionBlock(), min_num=1)

    class Meta:
        icon = "tick-inverse"
        template = "blocks/we_did.html"
        description = "What was decided and what changed, each against the key commitment it changes"
        preview_value = {
            "heading": "We did",
            "decisions": [
                {
                    "decision": "We will light 40 more streets by spring",
                    "what_changed": "The draft plan named 10 streets; you told us about 30 more.",
                    "commitment": "",
                }
            ],
        }


class OutcomeStreamBlock(BaseStreamBlock):
    """What an outcome page is built from: "We asked, you said, we did", and the usual content blocks."""

    we_asked = WeAskedBlock()
    you_said = YouSaidBlock()
    we_did = WeDidBlock()
