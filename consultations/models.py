import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import ListBlockValidationError, StreamBlockValidationError, StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.feeds import FeedRoutes, parent_url
from core.filters import ListingFilters
from core.models import BasePage, RoutableBasePage
from core.sections import render_sections

from .blocks import ConsultationStreamBlock, OutcomeStreamBlock
from .feeds import ConsultationFeed
from .outcomes import (
    OUTCOME_SLOTS,
    find_quotes,
    key_commitments,
    matching_commitment,
    questions_asked,
    quote_refusal,
)
from .responses import participants, response_count_annotations, response_kinds
from .sections import HOOK as SECTION_HOOK
from .sections import SLOTS as SECTION_SLOTS


@register_snippet
class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ConsultationQuerySet(PageQuerySet):
    """Status filters that agree with `ConsultationPage.status` at any instant.

    A consultation opens at exactly `opens_at` and closes at exactly `closes_at`.
    """

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=now or timezone.now())

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())

    def with_status(self, status, now=None):
        return getattr(self, status)(now)

    def with_response_counts(self):
        """Annotate `response_count` (see consultations.responses) and one count per kind of response."""
        per_kind, total = response_count_annotations()
        return self.annotate(**per_kind).annotate(response_count=total)

    def with_outcomes(self):
        """Annotate each consultation's published outcome: `outcome_slug`, `outcome_published_at`
        and `outcome_summary` (None without one), so a listing links to it without a query per card."""
        outcomes = (
            OutcomePage.objects.live()
            .public()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        )
        return self.annotate(
            outcome_slug=Subquery(outcomes.values("slug")[:1]),
            outcome_published_at=Subquery(outcomes.values("first_published_at")[:1]),
            outcome_summary=Subquery(outcomes.values("summary")[:1]),
        )

    def featured(self, now=None):
        """Open consultations first (closing soonest first), then upcoming, then closed."""
        now = now or timezone.now()
        status_order = Case(
            When(opens_at__gt=now, then=Value(1)),
            When(closes_at__lte=now, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("topic", "hero_image")
            .prefetch_related("hero_image__renditions")
            .with_response_counts()
            .with_outcomes()
            .annotate(status_order=status_order)
            .order_by("status_order", "closes_at")
        )


ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


class ConsultationFilters(ListingFilters):
    status = django_filters.ChoiceFilter(
        label="Status", choices=ConsultationStatus.choices, empty_label="All", method="filter_status"
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic", queryset=Topic.objects.none(), to_field_name="slug", empty_label="All topics"
    )

    def __init__(self, *args, index, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the topics of this index's consultations.
        self.filters["topic"].queryset = Topic.objects.filter(
            pk__in=ConsultationPage.objects.child_of(index).live().values("topic")
        )

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)


class ConsultationIndexPage(FeedRoutes, RoutableBasePage):
    page_size = 10
    query_parameters = frozenset([*ConsultationFilters.base_filters, "page"])
    feed_class = ConsultationFeed
    feed_label = "Consultations"

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    def consultations(self):
        return ConsultationPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ConsultationFilters(
            request.GET, queryset=ConsultationPage.objects.child_of(self).featured(), index=self
        )
        context.update(
            filters=filters,
            consultations=Paginator(filters.qs, self.page_size).get_page(request.GET.get("page")),
        )
        return context


class ConsultationPage(BasePage):
    summary = models.TextField(max_length=600, help_text="Shown in listings and at the top of the page.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name="Hero image alternative text",
        help_text=(
            "Describe the image for people who cannot see it. Leave empty to use the image's own description."
        ),
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultations"
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    offline_response_count = models.PositiveIntegerField(
        default=0,
        help_text="Responses received by post, email or at events, added to the count shown on the page.",
    )
    body = StreamField(ConsultationStreamBlock(), blank=True)
    open_data = models.BooleanField(
        default=True,
        verbose_name="Publish open data",
        help_text=(
            "Once the consultation closes, anyone can download its approved comments (by pseudonym) "
            "and its survey results (totals only, small groups hidden) under the site's open data licence."
        ),
    )

    objects = ConsultationManager()

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Dates"),
        FieldPanel("offline_response_count"),
        FieldPanel("body"),
        FieldPanel("open_data"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
        index.RelatedFields("topic", [index.SearchField("name")]),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["discussions.DiscussionPage", "surveys.SurveyPage", "consultations.OutcomePage"]

    # The read API (core.api): what a consultation is, never who took part.
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("response_count"),
        APIField("topic", serializer=serializers.CharField(source="topic.name", allow_null=True)),
    ]

    @property
    def feed_links(self):
        return ConsultationIndexPage.feed_links_at(parent_url(self))

    def sharing_image(self):
        return self.share_image or self.hero_image

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing date must be after the opening date."})

    def status_at(self, now):
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return ConsultationStatus(self.status).label

    @property
    def is_open(self):
        return self.status == ConsultationStatus.OPEN

    @property
    def publishes_open_data(self):
        """Whether anyone may download what it gathered (apps add their downloads through sections)."""
        return self.open_data and self.status == ConsultationStatus.CLOSED

    @cached_property
    def response_count(self):
        """Everyone who has taken part (see consultations.responses), in one query.

        A consultation loaded with `with_response_counts()` already has it.
        """
        return self._response_counts.response_count

    def responses_by_kind(self):
        """(kind, count) for each kind of response the site records, offline responses aside."""
        kinds = response_kinds()
        counted = self if all(hasattr(self, kind.annotation) for kind in kinds) else self._response_counts
        return [(kind, getattr(counted, kind.annotation)) for kind in kinds]

    @cached_property
    def _response_counts(self):
        return ConsultationPage.objects.with_response_counts().only("offline_response_count").get(pk=self.pk)

    @cached_property
    def outcome(self):
        """Its published outcome, or None."""
        return OutcomePage.objects.child_of(self).live().public().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation"] = self
        context["sections"] = {
            slot: render_sections(SECTION_HOOK, request, self, slot=slot) for slot in SECTION_SLOTS
        }
        return context

    @property
    def hero_alt_text(self):
        if self.hero_image_alt:
            return self.hero_image_alt
        return self.hero_image.default_alt_text if self.hero_image else ""


class OutcomePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        consultation = (self.parent_page if self.instance.pk is None else self.instance.get_parent()).specific
        if consultation.status != ConsultationStatus.CLOSED:
            raise ValidationError(
                "This consultation is still %(status)s until %(closes_at)s. "
                "Its outcome can be written once it has closed.",
                params={
                    "status": consultation.status_label.lower(),
                    "closes_at": date_format(timezone.localtime(consultation.closes_at), "j F Y"),
                },
            )
        if cleaned_data.get("body") is not None:
            errors = outcome_body_errors(consultation, cleaned_data["body"])
            if errors:
                self.add_error("body", StreamBlockValidationError(block_errors=errors))
        return cleaned_data


def _error_on(field, message):
    return StructBlockValidationError(block_errors={field: ErrorList([ValidationError(message)])})


def outcome_body_errors(consultation, body):
    """Errors for the outcome's blocks, by position: quotes that may not be quoted, and
    commitments that are not the consultation's. The editor's text stays in the form."""
    checks = {
        # block type: (its list, the checked field of each item, the check)
        "you_said": ("quotes", "comment", quote_refusal),
        "we_did": ("decisions", "commitment", commitment_problem),
    }
    errors = {}
    for position_in_body, child in enumerate(body):
        if child.block_type not in checks:
            continue
        items, field, check = checks[child.block_type]
        problems = {
            position: _error_on(field, problem)
            for position, item in enumerate(child.value[items])
            if (problem := check(consultation, item[field]))
        }
        if problems:
            errors[position_in_body] = StructBlockValidationError(
                block_errors={items: ListBlockValidationError(block_errors=problems)}
            )
    return errors


def commitment_problem(consultation, commitment):
    if not commitment or matching_commitment(consultation, commitment):
        return None
    commitments = key_commitments(consultation)
    if not commitments:
        return "This consultation has no key commitments, so leave this empty."
    listed = " ".join(f"({number}) {item}" for number, item in enumerate(commitments, start=1))
    return (
        "This is not one of the consultation's key commitments. Copy one of them exactly, or leave this "
        f"empty if the decision changes none of them. They are: {listed}"
    )


class OutcomePage(BasePage):
    """What a closed consultation led to: "We asked, you said, we did"."""

    summary = models.TextField(
        max_length=1000,
        help_text=(
            "What people said and what was decided, in a few sentences. It opens the page "
            "and the email that tells everyone who took part."
        ),
    )
    body = StreamField(OutcomeStreamBlock(), blank=True)

    base_form_class = OutcomePageForm
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1

    api_fields = [APIField("summary")]

    @cached_property
    def consultation(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultation = self.consultation
        block_types = {block.block_type for block in self.body}
        context["consultation"] = consultation
        # Surveys' and discussions' parts, for the blocks on this page only.
        context["outcome_sections"] = {
            slot: render_sections(SECTION_HOOK, request, consultation, slot=slot)
            for block_type, slot in OUTCOME_SLOTS.items()
            if block_type in block_types
        }
        if "we_asked" in block_types:
            context["questions_asked"] = questions_asked(consultation)
        if "you_said" in block_types:
            references = [
                quote["comment"]
                for block in self.body
                if block.block_type == "you_said"
                for quote in block.value["quotes"]
            ]
            context.update(
                responses_by_kind=consultation.responses_by_kind(),
                participant_count=participants(consultation).count(),
                quotes=find_quotes(consultation, references),
            )
        return context


class Follow(models.Model):
    """A member who asked to hear about a consultation (consultations.follows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="one_follow_per_consultation")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.consultation_id}"


class TopicFollow(models.Model):
    """A member who asked to hear when a consultation on a topic opens."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_follow_per_topic")]

    def __str__(self):
        return f"{self.user_id} follows topic {self.topic_id}"


class TakingPartPreference(models.Model):
    """A member who said taking part in a consultation should not follow it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    follow_when_taking_part = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.user_id}: follow when taking part {self.follow_when_taking_part}"
