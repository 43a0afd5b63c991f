"""Organiser tools beyond the registrations list: counts per event, attendance, cancelling."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.auth import permission_required

from . import registration as registrations
from .models import EventPage, RegistrationStatus


def registrations_url(event):
    return reverse("events_eventregistration_modeladmin_index") + f"?event={event.pk}"


@permission_required("events.view_eventregistration")
def event_summary(request):
    events = (
        EventPage.objects.organised_by(request.user)
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
            cancelled_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)
            ),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("-starts_at")
    )
    page = Paginator(events, 25).get_page(request.GET.get("p"))
    for event in page:
        event.registrations_url = registrations_url(event)
    return TemplateResponse(
        request,
        "events/admin/summary.html",
        {
            "events": page,
            "all_registrations_url": reverse("events_eventregistration_modeladmin_index"),
            "can_cancel": request.user.has_perm("events.cancel_event"),
            "can_mark_attendance": request.user.has_perm("events.change_eventregistration"),
        },
    )


@permission_required("events.change_eventregistration")
def attendance(request, event_id):
    """Tick who came: one form for the whole list, so marking many is one save."""
    event = get_object_or_404(EventPage.objects.organised_by(request.user), pk=event_id)
    confirmed = (
        event.registrations.confirmed().select_related("user__profile").order_by("user__profile__pseudonym")
    )
    if request.method == "POST":
        attended_ids = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        marked = confirmed.filter(pk__in=attended_ids).update(attended=True)
        confirmed.exclude(pk__in=attended_ids).update(attended=False)
        messages.success(request, f"Attendance saved for {event.title}: {marked} attended.")
        return redirect("events_admin_summary")
    return TemplateResponse(
        request, "events/admin/attendance.html", {"event": event, "registrations": confirmed}
    )


@permission_required("events.cancel_event")
def cancel_event(request, event_id):
    event = get_object_or_404(EventPage.objects.organised_by(request.user), pk=event_id)
    if request.method == "POST":
        try:
            notified = registrations.cancel_event(event)
        except registrations.RegistrationRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, f"{event.title} is cancelled. We are emailing the {notified} people registered."
            )
        return redirect("events_admin_summary")
    return TemplateResponse(
        request,
        "events/admin/cancel_event.html",
        {"event": event, "registered": event.registrations.active().count()},
    )
