from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from consultations.models import ConsultationPage
from core.feeds import FeedRoutes, parent_url
from core.filters import ListingFilters
from core.links import absolute
from core.models import BasePage, RoutableBasePage, SiteSettings

from . import calendar, structured_data
from .dates import event_when
from .feeds import EventFeed

MAX_CAPACITY = 5000
# Feeds and the calendar keep an event this long after it ends, so a reader or
# calendar that catches up late still sees it happened (or was cancelled).
FEEDS_KEEP_PAST_EVENTS = timedelta(days=30)


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in-person", "In person"
    HYBRID = "hybrid", "Hybrid"


class EventStatus(models.TextChoices):
    REGISTRATION_OPEN = "open", "Registration open"
    REGISTRATION_NOT_OPEN = "not-open", "Registration not open yet"
    REGISTRATION_CLOSED = "closed", "Registration closed"
    FULL = "full", "Full - waitlist open"
    HAPPENED = "happened", "Happened"
    CANCELLED = "cancelled", "Cancelled"


class EventIndexPage(FeedRoutes, RoutableBasePage):
    page_size = 10
    feed_class = EventFeed
    feed_label = "Events"

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    @property
    def query_parameters(self):
        return frozenset([*EventFilters.base_filters, "page", "past_page"])

    def events(self):
        return EventPage.objects.child_of(self).live().public().defer_streamfields().with_counts()

    # Wagtail page paths are words and slashes, so the files end in "/"; their
    # Content-Disposition names them .ics.
    @path("calendar/", name="feed")
    def feed(self, request):
        events = self.events().recent_and_upcoming().order_by("starts_at", "pk")
        response = HttpResponse(
            calendar.feed(events, self.title), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="events.ics"'
        return response

    @property
    def feed_url(self):
        return self.url + self.reverse_subpage("feed")

    @property
    def webcal_url(self):
        """The calendar feed for calendar apps to subscribe to (they fetch webcal: over HTTP or HTTPS)."""
        return "webcal" + absolute(self.feed_url).removeprefix("https").removeprefix("http")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = EventFilters(request.GET, queryset=self.events().select_related("consultation"), index=self)
        now = timezone.now()
        upcoming = filters.qs.upcoming(now).order_by("starts_at", "pk")
        past = filters.qs.past(now).order_by("-starts_at", "-pk")
        context.update(
            filters=filters,
            upcoming_events=Paginator(upcoming, self.page_size).get_page(request.GET.get("page")),
            past_events=Paginator(past, self.page_size).get_page(request.GET.get("past_page")),
        )
        return context


class EventFilters(ListingFilters):
    format = django_filters.ChoiceFilter(
        label="Format", choices=EventFormat.choices, empty_label="All formats"
    )
    consultation = django_filters.ModelChoiceFilter(
        label="Consultation",
        queryset=ConsultationPage.objects.none(),
        to_field_name="slug",
        empty_label="All consultations",
    )

    def __init__(self, *args, index, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the consultations this index's events belong to.
        self.filters["consultation"].queryset = ConsultationPage.objects.filter(
            pk__in=EventPage.objects.child_of(index).live().values("consultation")
        ).order_by("title")


ORGANISERS_GROUP = "Event organisers"
# Event leads hold it: they see every event's registrations, not only those of
# the events they organise.
SEE_ALL_REGISTRATIONS = "events.view_all_registrations"


def sees_every_event(user):
    return user.is_superuser or user.has_perm(SEE_ALL_REGISTRATIONS)


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lte=now or timezone.now())

    def recent_and_upcoming(self, now=None):
        return self.filter(ends_at__gt=(now or timezone.now()) - FEEDS_KEEP_PAST_EVENTS)

    def organised_by(self, user):
        """The events whose registrations `user` may see: those they organise, or
        every event for superusers and Event leads."""
        return self if sees_every_event(user) else self.filter(organisers=user)

    def with_counts(self):
        """Annotate confirmed and waitlisted counts, so a listing needs no query per event."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlisted_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )


class EventPage(RoutableBasePage):
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    venue = models.CharField(max_length=160, blank=True, help_text="For in-person and hybrid events.")
    address = models.TextField(blank=True, max_length=400)
    joining_link = models.URLField(
        blank=True,
        help_text="For online and hybrid events. Shown only to people with a confirmed place.",
    )
    capacity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=(
            f"The number of places, from 1 to {MAX_CAPACITY}. Anyone registering after that joins the "
            f"waitlist."
        ),
    )
    registration_opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to open registration as soon as the page is published."
    )
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to take registrations until the event starts."
    )
    description = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    accessibility = models.TextField(
        blank=True,
        max_length=1000,
        verbose_name="Accessibility information",
        help_text="Step-free access, hearing loops, BSL, quiet rooms, toilets, and how to ask for more.",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        limit_choices_to={"groups__name": ORGANISERS_GROUP},
        help_text=(
            "The event organisers who see who registered, their email addresses and access needs. "
            "Event leads see every event's."
        ),
    )
    # Set by the organisers' "Cancel event" action, never typed.
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The version calendar apps see (SEQUENCE in events.calendar): raised on
    # every publish and on cancelling, never typed.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When"),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("venue"), FieldPanel("address"), FieldPanel("joining_link")],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Registration",
        ),
        FieldPanel("description"),
        FieldPanel("accessibility"),
        PageChooserPanel("consultation", "consultations.ConsultationPage"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("starts_at"),
        index.FilterField("format"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    # The read API (core.api): never the joining link, nor anyone registered.
    api_fields = [
        APIField("introduction"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("format"),
        APIField("venue"),
        APIField("address"),
        APIField("capacity"),
        APIField("places_left"),
        APIField("status"),
        APIField("consultation"),
    ]

    @property
    def feed_links(self):
        return EventIndexPage.feed_links_at(parent_url(self))

    def structured_data(self, request):
        return structured_data.event_data(self, SiteSettings.for_request(request))

    def get_admin_display_title(self):
        # Editors choose events for a timeline stage, which takes its dates from
        # them: the chooser and the stage show when each one is.
        title = super().get_admin_display_title()
        if self.starts_at is None or self.ends_at is None:
            return title
        return f"{title} ({event_when(self.starts_at, self.ends_at)})"

    class Meta:
        permissions = [("cancel_event", "Can cancel an event and tell everyone registered")]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The event must end after it starts."
        if self.registration_closes_at and self.starts_at and self.registration_closes_at > self.starts_at:
            errors["registration_closes_at"] = "Registration must close before the event starts."
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = "Registration must close after it opens."
        if self.format != EventFormat.ONLINE and not self.venue:
            errors["venue"] = "Give the venue of an in-person or hybrid event."
        if errors:
            raise ValidationError(errors)

    # Status, derived from the dates, the cancellation and the places taken.

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    @cached_property
    def confirmed_places(self):
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        if self.pk is None:  # a new event, previewed before it is first saved
            return 0
        return self.registrations.confirmed().count()

    @property
    def places_left(self):
        return max(self.capacity - self.confirmed_places, 0)

    def _window_status(self, now):
        if self.cancelled_at:
            return EventStatus.CANCELLED
        if now >= self.ends_at:
            return EventStatus.HAPPENED
        if self.registration_opens_at and now < self.registration_opens_at:
            return EventStatus.REGISTRATION_NOT_OPEN
        if now >= self.registration_closes:
            return EventStatus.REGISTRATION_CLOSED
        return None

    def status_at(self, now):
        if status := self._window_status(now):
            return status
        return EventStatus.FULL if self.places_left == 0 else EventStatus.REGISTRATION_OPEN

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return EventStatus(self.status).label

    @property
    def accepts_registrations(self):
        """Registration is open, for a place or the waitlist. Needs no count of places."""
        return self._window_status(timezone.now()) is None

    @property
    def allows_cancellation(self):
        """Members can give up a place until the event starts, unless it is cancelled."""
        return not self.cancelled_at and timezone.now() < self.starts_at

    @property
    def has_happened(self):
        return not self.cancelled_at and timezone.now() >= self.ends_at

    @property
    def when(self):
        return event_when(self.starts_at, self.ends_at)

    # A consultation's timeline lists events (see consultations.timeline).
    timeline_template = "events/includes/timeline_event.html"

    @classmethod
    def prepare_timeline_entries(cls, events):
        """The places taken at every event on a timeline, in one query: a full event's
        row offers the waitlist, as its page does."""
        taken = dict(
            EventRegistration.objects.confirmed()
            .filter(event__in=events)
            .values("event")
            .annotate(places=Count("pk"))
            .values_list("event", "places")
        )
        for event in events:
            event.confirmed_count = taken.get(event.pk, 0)

    @property
    def timeline_days(self):
        """The days the event takes, for the timeline stage it is in; None once cancelled."""
        if self.cancelled_at:
            return None
        return timezone.localdate(self.starts_at), timezone.localdate(self.ends_at)

    @property
    def last_changed_at(self):
        """When people outside last saw the event change: published again, or cancelled (None if never)."""
        return max(filter(None, [self.last_published_at, self.cancelled_at]), default=None)

    @property
    def is_online(self):
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self):
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    # Routes: the page, registering, cancelling and the calendar entry.

    @path("register/", name="register")
    def register(self, request):
        from . import views

        return views.register(request, self)

    @path("cancel/", name="cancel")
    def cancel(self, request):
        from . import views

        return views.cancel(request, self)

    @path("cancel/link/", name="cancel_by_link")
    def cancel_by_link(self, request):
        from . import views

        return views.cancel_by_link(request, self, request.GET.get("token", ""))

    @path("calendar/", name="ics")
    def ics(self, request):
        response = HttpResponse(calendar.single(self), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def subpage_url(self, name):
        return self.url + self.reverse_subpage(name)

    @property
    def register_url(self):
        return self.subpage_url("register")

    @property
    def cancel_url(self):
        return self.subpage_url("cancel")

    @property
    def ics_url(self):
        return self.subpage_url("ics")

    def with_content_json(self, content):
        # Cancelling is an organiser's action, not an edit: publishing an older
        # draft must not bring a cancelled event back.
        page = super().with_content_json(content)
        page.cancelled_at = self.cancelled_at
        # Nor may it take calendars back to an older version.
        page.calendar_sequence = self.calendar_sequence
        return page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        registration = None
        if request.user.is_authenticated and self.pk:
            registration = self.registrations.filter(user=request.user).exclude(status="cancelled").first()
        from .forms import RegistrationForm

        context.update(
            form=RegistrationForm(),
            registration=registration,
            waitlist_position=registration.waitlist_position
            if registration and registration.is_waitlisted
            else None,
        )
        return context


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class EventRegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waitlist_order(self):
        return self.waitlisted().order_by("registered_at", "pk")

    def organised_by(self, user):
        """The registrations `user` may see (EventPageQuerySet.organised_by)."""
        return self if sees_every_event(user) else self.filter(event__organisers=user)


class EventRegistration(models.Model):
    ACCESS_NEEDS = [
        ("needs_bsl_interpreter", "A British Sign Language interpreter"),
        ("needs_step_free_access", "Step-free access"),
        ("needs_hearing_loop", "A hearing loop"),
    ]

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    # When the member last registered; the waitlist is served in this order.
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)
    needs_bsl_interpreter = models.BooleanField(default=False, verbose_name="BSL interpreter")
    needs_step_free_access = models.BooleanField(default=False, verbose_name="Step-free access")
    needs_hearing_loop = models.BooleanField(default=False, verbose_name="Hearing loop")
    other_needs = models.TextField(blank=True, max_length=500, verbose_name="Other needs")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = EventRegistrationQuerySet.as_manager()

    # Registrations are not content: tracking their links to the event page
    # would cost a background task per registration and tell editors nothing.
    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member_per_event")
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]
        ordering = ["event", "registered_at", "pk"]
        permissions = [("view_all_registrations", "Can see the registrations of every event")]

    def __str__(self):
        return f"{self.member_name} at {self.event.title}"

    @property
    def member_name(self):
        return self.user.profile.display_name

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def waitlist_position(self):
        if not self.is_waitlisted:
            return None
        ahead = (
            EventRegistration.objects.waitlisted()
            .filter(event_id=self.event_id)
            .filter(
                Q(registered_at__lt=self.registered_at) | Q(registered_at=self.registered_at, pk__lt=self.pk)
            )
        )
        return ahead.count() + 1

    @property
    def access_needs_summary(self):
        needs = [label for field, label in self.ACCESS_NEEDS if getattr(self, field)]
        if self.other_needs:
            needs.append(self.other_needs)
        return "; ".join(needs)
