"""Emails to people registered for an event, each queued through the background email task."""

from datetime import datetime
from urllib.parse import urlencode

from django.core import signing

from core import email
from core.links import absolute

from . import calendar

CANCEL_SALT = "events.cancel-registration"


def cancel_token(registration):
    # The time of registering is signed too: a member who cancels and registers
    # again gets a new link, and the old one no longer cancels the new place.
    # Links stop working when the event starts, as cancelling does.
    return signing.dumps([registration.pk, registration.registered_at.isoformat()], salt=CANCEL_SALT)


def registration_from_token(token):
    """(registration id, time of registering) a cancel link was made for, or None if it was altered."""
    try:
        registration_id, registered_at = signing.loads(token, salt=CANCEL_SALT)
        return int(registration_id), datetime.fromisoformat(registered_at)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def cancel_link(registration):
    query = urlencode({"token": cancel_token(registration)})
    return f"{absolute(registration.event.subpage_url('cancel_by_link'))}?{query}"


def _send(template, registration, calendar_file=None, **context):
    event = registration.event
    context.update(
        registration=registration,
        event=event,
        event_url=absolute(event),
        member_name=registration.member_name,
    )
    return email.send(
        [registration.user.email],
        f"events/email/{template}",
        context,
        attachments=[calendar_file] if calendar_file else (),
    )


def _place(registration):
    """The event with its joining link, for someone with a place."""
    event = registration.event
    return calendar.attachment(event, calendar.single(event, joining_link=True), calendar.PUBLISH)


def send_confirmation(registration):
    return _send("confirmation", registration, _place(registration), cancel_url=cancel_link(registration))


def send_waitlisted(registration):
    return _send(
        "waitlisted",
        registration,
        position=registration.waitlist_position,
        cancel_url=cancel_link(registration),
    )


def send_promoted(registration):
    return _send("promoted", registration, _place(registration), cancel_url=cancel_link(registration))


def send_reminder(registration):
    return _send("reminder", registration, _place(registration), cancel_url=cancel_link(registration))


def send_event_cancelled(registration):
    """With the cancellation for the member's calendar, under the UID their copy has."""
    event = registration.event
    removal = calendar.cancellation(event, registration.user.email)
    return _send("event_cancelled", registration, calendar.attachment(event, removal, calendar.CANCEL))
