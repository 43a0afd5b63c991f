"""Emails to people registered for an event, each queued through the background email task."""

from urllib.parse import urlencode

from django.core import signing

from core import email
from core.links import absolute

from . import calendar

CANCEL_SALT = "events.cancel-registration"


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token):
    """The registration id a cancel link was made for, or None if the link was altered."""
    try:
        return int(signing.loads(token, salt=CANCEL_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def cancel_link(registration):
    query = urlencode({"token": cancel_token(registration)})
    return f"{absolute(registration.event.subpage_url('cancel_by_link'))}?{query}"


def _send(template, registration, attach_calendar=False, **context):
    event = registration.event
    context.update(
        registration=registration,
        event=event,
        event_url=absolute(event),
        member_name=registration.member_name,
    )
    attachments = [(f"{event.slug}.ics", calendar.single(event, joining_link=True), "text/calendar")]
    return email.send(
        [registration.user.email],
        f"events/email/{template}",
        context,
        attachments=attachments if attach_calendar else (),
    )


def send_confirmation(registration):
    return _send("confirmation", registration, attach_calendar=True, cancel_url=cancel_link(registration))


def send_waitlisted(registration):
    return _send(
        "waitlisted",
        registration,
        position=registration.waitlist_position,
        cancel_url=cancel_link(registration),
    )


def send_promoted(registration):
    return _send("promoted", registration, attach_calendar=True, cancel_url=cancel_link(registration))


def send_reminder(registration):
    return _send("reminder", registration, attach_calendar=True, cancel_url=cancel_link(registration))


def send_event_cancelled(registration):
    return _send("event_cancelled", registration)
