"""Emails to people registered for an event, each queued through the background email task."""

from urllib.parse import urlencode

from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from core.email import queue_email

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
    return f"{registration.event.subpage_full_url('cancel_by_link')}?{query}"


def _send(template, registration, attach_calendar=False, **context):
    event = registration.event
    context.update(
        registration=registration,
        event=event,
        event_url=event.full_url,
        member_name=registration.member_name,
    )
    subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"events/email/{template}.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[registration.user.email])
    if attach_calendar:
        message.attach(f"{event.slug}.ics", calendar.single(event, joining_link=True), "text/calendar")
    return queue_email(message)


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
