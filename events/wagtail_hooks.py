from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from . import admin_views
from .models import EventPage, EventRegistration
from .spreadsheets import neutralise


class EventFilter(SimpleListFilter):
    # Django's own related-field filter needs django.contrib.admin, which we do not install.
    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = EventPage.objects.order_by("-starts_at").only("pk", "title", "starts_at")
        return [
            (str(event.pk), f"{event.title}, {timezone.localtime(event.starts_at):%-d %b %Y}")
            for event in events
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(event_id=self.value())
        return queryset


class RegistrationIndexView(IndexView):
    export_headings = {
        "event_starts": "Event starts",
        "member_name": "Member",
        "email": "Email",
        "attended_answer": "Attended",
        "access_needs_summary": "Access needs",
        "registered": "Registered",
    }

    def write_csv_row(self, writer, row_dict):
        # Names and "other needs" are typed by members; never let a spreadsheet run them.
        return super().write_csv_row(writer, {field: neutralise(value) for field, value in row_dict.items()})


class EventRegistrationAdmin(ModelAdmin):
    model = EventRegistration
    menu_label = "Registrations"
    menu_icon = "group"
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    list_display = (
        "member_name",
        "email",
        "event",
        "status",
        "attended",
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
        "status",
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

    def attended_answer(self, registration):
        return "Yes" if registration.attended else "No"

    def registered(self, registration):
        return f"{timezone.localtime(registration.registered_at):%Y-%m-%d %H:%M}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "user__profile")


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
