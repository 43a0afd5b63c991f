import functools
from contextlib import suppress

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import OuterRef, Q
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import DeleteView, EditView, IndexView, InspectView

from accounts.sections import HOOK as ACCOUNT_SECTION_HOOK
from consultations.responses import HOOK as RESPONSE_KIND_HOOK
from consultations.responses import ResponseKind
from core.dashboard import DashboardPanel
from core.queries import SubqueryCount
from core.sections import Section
from core.spreadsheets import SafeExportMixin

from . import admin_views
from . import registration as registrations
from .models import EventPage, EventRegistration


class EventFilter(SimpleListFilter):
    # Django's own related-field filter needs django.contrib.admin, which we do not install.
    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = (
            EventPage.objects.organised_by(request.user)
            .order_by("-starts_at")
            .only("pk", "title", "starts_at")
        )
        return [
            (str(event.pk), f"{event.title}, {timezone.localtime(event.starts_at):%-d %b %Y}")
            for event in events
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(event_id=self.value())
        return queryset


class RegistrationIndexView(SafeExportMixin, IndexView):
    export_headings = {
        "event_starts": "Event starts",
        "member_name": "Member",
        "email": "Email",
        "attended_answer": "Attended",
        "access_needs_summary": "Access needs",
        "status_label": "Status",
        "registered": "Registered",
    }


class OrganisedRegistrationMixin:
    """Organisers reach only the registrations of events they organise (Event leads, all).

    The list is filtered in `get_queryset`; a view of one registration checks
    it here, once, rather than the permission helper doing so for every button
    of every row.
    """

    def check_action_permitted(self, user):
        return (
            super().check_action_permitted(user)
            and EventRegistration.objects.organised_by(user).filter(pk=self.instance.pk).exists()
        )


class RegistrationInspectView(OrganisedRegistrationMixin, InspectView):
    pass


class RegistrationEditView(OrganisedRegistrationMixin, EditView):
    pass


class RegistrationDeleteView(OrganisedRegistrationMixin, DeleteView):
    def delete_instance(self):
        # Deleting frees a place as cancelling does: the first person waiting is
        # promoted and told. Once the event has started, nobody is promoted.
        with suppress(registrations.RegistrationRefused):
            registrations.cancel(self.instance)
        self.instance.delete()


class EventRegistrationAdmin(ModelAdmin):
    model = EventRegistration
    menu_label = "Registrations"
    # Reached from "Event registrations" (each event's list, or all of them), not a menu item of its own.
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    inspect_view_enabled = True
    list_display = (
        "member_name",
        "email",
        "event",
        "status",
        # Words, not Django admin's boolean icons: django.contrib.admin is not
        # installed, so production's static storage has no such file.
        "attended_answer",
        "access_needs_summary",
        "registered_at",
    )
    list_filter = (EventFilter, "status", "attended")
    list_select_related = ("event", "user__profile")
    search_fields = ("event__title", "user__email", "user__profile__pseudonym", "other_needs")
    list_export = (
        "event",
        "event_starts",
        "member_name",
        "email",
        "status_label",
        "attended_answer",
        "access_needs_summary",
        "registered",
    )
    export_filename = "event-registrations"
    form_fields_exclude = ["event", "user", "status", "registered_at", "cancelled_at", "reminder_sent_at"]

    def email(self, registration):
        return registration.user.email

    def event_starts(self, registration):
        return f"{timezone.localtime(registration.event.starts_at):%Y-%m-%d %H:%M}"

    def status_label(self, registration):
        return registration.get_status_display()

    @admin.display(description="Attended")
    def attended_answer(self, registration):
        # Only a confirmed place can be attended; "No" beside a cancellation would read as a no-show.
        if not registration.is_confirmed:
            return ""
        return "Yes" if registration.attended else "No"

    attended_answer.short_description = "Attended"

    def registered(self, registration):
        return f"{timezone.localtime(registration.registered_at):%Y-%m-%d %H:%M}"

    def get_queryset(self, request):
        return (
            super().get_queryset(request).organised_by(request.user).select_related("event", "user__profile")
        )


modeladmin_register(EventRegistrationAdmin)


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("events/", admin_views.event_summary, name="events_admin_summary"),
        path("events/<int:event_id>/attendance/", admin_views.attendance, name="events_admin_attendance"),
        path("events/<int:event_id>/cancel/", admin_views.cancel_event, name="events_admin_cancel"),
    ]


class EventSummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_eventregistration")


@hooks.register("register_admin_menu_item")
def register_event_summary_menu_item():
    return EventSummaryMenuItem(
        "Event registrations", reverse("events_admin_summary"), icon_name="date", order=300
    )


DASHBOARD_EVENTS = 5


def next_events(user):
    """The next of the events `user` organises still to come, with their places left, in one query."""
    events = list(
        EventPage.objects.organised_by(user)
        .live()
        .upcoming()
        .filter(cancelled_at__isnull=True)
        .with_counts()
        .order_by("starts_at")[:DASHBOARD_EVENTS]
    )
    for event in events:
        event.registrations_url = admin_views.registrations_url(event)
    return {"events": events}


@hooks.register("construct_homepage_panels")
def next_events_panel(request, panels):
    if request.user.has_perm("events.view_eventregistration"):
        panels.append(
            DashboardPanel(
                "next-events",
                "Next events",
                "events/admin/dashboard.html",
                functools.partial(next_events, request.user),
                order=30,
            )
        )


def confirmed_places_count():
    return SubqueryCount(EventRegistration.objects.confirmed().filter(event__consultation=OuterRef("pk")))


def registrants(consultation):
    # Everyone still registered took part, on the waitlist as much as with a place.
    return EventRegistration.objects.active().filter(event__consultation=consultation).values("user_id")


@hooks.register(RESPONSE_KIND_HOOK)
def event_places():
    """A confirmed place at one of the consultation's events is a response."""
    return ResponseKind("event_places", "places at its events", confirmed_places_count, registrants)


def my_registrations(request):
    """The member's event registrations, each with its place on the waitlist, in one query."""
    registered_at = OuterRef("registered_at")
    ahead = EventRegistration.objects.waitlisted().filter(
        Q(registered_at__lt=registered_at) | Q(registered_at=registered_at, pk__lt=OuterRef("pk")),
        event=OuterRef("event"),
    )
    registrations = (
        EventRegistration.objects.filter(user=request.user)
        .active()
        .select_related("event")
        .annotate(ahead=SubqueryCount(ahead))
        .order_by("event__starts_at")
    )
    for registration in registrations:
        registration.position = registration.ahead + 1 if registration.is_waitlisted else None
    return {"registrations": registrations, "next": request.get_full_path()}


@hooks.register(ACCOUNT_SECTION_HOOK)
def my_registrations_section():
    return Section("events/includes/my_registrations.html", my_registrations, order=20)
