"""Registering and cancelling, served as routes of the event page (see EventPage)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import is_verified_member, verification_required_response
from core import ratelimit
from core.links import return_address

from . import registration as registrations
from .emails import registration_from_token
from .forms import RegistrationForm
from .models import EventRegistration, RegistrationStatus

# Registering and cancelling share one limit: enough for anyone doing it by
# hand, while a script hammering the button is refused before it reaches a lock.
RATE_LIMITED_ACTION = "event_registration"


def _member_required(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if not is_verified_member(request.user):
        return verification_required_response(request)
    return None


def _back(request, event):
    """Back to where the form was, such as My account, or else to the event."""
    return redirect(return_address(request) or event.url)


def register(request, event):
    if request.method != "POST":
        return redirect(event.url)
    if refusal := _member_required(request, event):
        return refusal

    form = RegistrationForm(request.POST)
    allowed = ratelimit.allows(request, RATE_LIMITED_ACTION, form=form)
    if not allowed or not form.is_valid():
        response = event.render(request, context_overrides={"form": form})
        response.status_code = 400 if allowed else ratelimit.TOO_MANY_REQUESTS
        return response

    try:
        registration, created = registrations.register(event.pk, request.user, form.cleaned_data)
    except registrations.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(event.url)

    if not created:
        messages.info(request, "You are already registered for this event.")
    elif registration.is_confirmed:
        messages.success(
            request, "Your place is confirmed. We have emailed you the details and a calendar entry."
        )
    else:
        messages.success(
            request,
            f"The event is full, so you are on the waitlist, at number {registration.waitlist_position}. "
            "We will email you if a place comes up.",
        )
    return redirect(event.url)


@require_http_methods(["GET", "POST"])
def cancel(request, event):
    """GET asks the member to confirm (a page, so it works without JavaScript); POST cancels."""
    if refusal := _member_required(request, event):
        return refusal
    if request.method == "POST" and not ratelimit.allows(request, RATE_LIMITED_ACTION):
        return ratelimit.too_many_requests(request)
    registration_id = request.POST.get("registration") or request.GET.get("registration", "")
    registration = None
    if registration_id.isdigit():
        registration = (
            EventRegistration.objects.filter(pk=registration_id, event=event, user=request.user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    if registration is None:
        messages.error(
            request, "We could not find that registration in your account, so nothing has changed."
        )
        return _back(request, event)
    if request.method == "GET":
        return render(
            request,
            "events/cancel_confirm.html",
            {
                "page": event,
                "event": event,
                "registration": registration,
                "form_action": event.cancel_url,
                "next": return_address(request),
            },
        )
    return _cancel_and_report(request, event, registration, _back(request, event))


def cancel_by_link(request, event, token):
    signed = registration_from_token(token)
    registration = (
        EventRegistration.objects.filter(pk=signed[0], registered_at=signed[1], event=event)
        .select_related("user")
        .first()
        if signed
        else None
    )
    if registration is None:
        return render(request, "events/cancel_link_invalid.html", {"page": event, "event": event}, status=400)
    if request.method == "POST":
        return _cancel_and_report(request, event, registration, redirect(event.url))
    return render(
        request, "events/cancel_confirm.html", {"page": event, "event": event, "registration": registration}
    )


def _cancel_and_report(request, event, registration, response):
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, "This registration was already cancelled.")
        return response
    try:
        registrations.cancel(registration)
    except registrations.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
        return response
    messages.success(request, f"Your registration for {event.title} is cancelled.")
    return response
