"""Registering, cancelling and promoting from the waitlist.

Every change takes a lock on the event's row first (PostgreSQL: SELECT ... FOR
UPDATE), so registrations for one event happen one after another and the
count of confirmed places read inside the lock is exact: capacity is never
exceeded however many people press the button at once. Emails are queued in
the same transaction, so a registration and its email task commit together.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails
from .cache import purge_event
from .models import EventPage, EventRegistration, EventStatus, RegistrationStatus


class RegistrationRefused(Exception):
    """Why a registration cannot be made or changed, in words for the member."""


REFUSALS = {
    EventStatus.REGISTRATION_NOT_OPEN: "Registration for this event has not opened yet.",
    EventStatus.REGISTRATION_CLOSED: "Registration for this event has closed.",
    EventStatus.HAPPENED: "This event has already happened.",
    EventStatus.CANCELLED: "This event has been cancelled.",
}


def _locked_event(event_id):
    event = EventPage.objects.select_for_update(of=("self",)).filter(pk=event_id, live=True).first()
    if event is None:
        raise RegistrationRefused("We could not find that event. It may have been removed.")
    return event


def register(event_id, user, needs=None, now=None):
    """Give the member a place, or a waitlist place when the event is full.

    Returns (registration, created). A repeated request returns the member's
    existing registration with created=False and changes nothing.
    """
    now = now or timezone.now()
    needs = needs or {}
    with transaction.atomic():
        event = _locked_event(event_id)
        existing = EventRegistration.objects.select_for_update().filter(event=event, user=user).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            return existing, False

        status = event.status_at(now)
        if status in REFUSALS:
            raise RegistrationRefused(REFUSALS[status])

        registration = existing or EventRegistration(event=event, user=user)
        registration.status = (
            RegistrationStatus.WAITLISTED if status == EventStatus.FULL else RegistrationStatus.CONFIRMED
        )
        registration.registered_at = now
        registration.cancelled_at = None
        registration.reminder_sent_at = None
        for field, value in needs.items():
            setattr(registration, field, value)
        try:
            # A savepoint: on a database without row locks (SQLite) the unique
            # constraint is what stops a double submission.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            return EventRegistration.objects.get(event=event, user=user), False

        if registration.is_confirmed:
            emails.send_confirmation(registration)
        else:
            emails.send_waitlisted(registration)
        return registration, True


def cancel(registration, now=None):
    """Cancel a member's registration; a freed place goes to the first person waiting.

    Returns the registration promoted into the place, if any.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        if now >= event.starts_at:
            raise RegistrationRefused(
                "This event has already started, so the registration cannot be cancelled."
            )

        freed_place = registration.is_confirmed
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if freed_place and not event.cancelled_at:
            return _promote_next(event)
        return None


def fill_free_places(event_id, now=None):
    """Promote people waiting into any free places, such as after an organiser raises the capacity.

    Returns the registrations promoted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(event_id)
        if event.cancelled_at or now >= event.starts_at:
            return []
        free = event.capacity - event.registrations.confirmed().count()
        promoted = []
        while len(promoted) < free and (registration := _promote_next(event)):
            promoted.append(registration)
        return promoted


def _promote_next(event):
    waiting = (
        event.registrations.waitlist_order().select_for_update(of=("self",)).select_related("user").first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.CONFIRMED
    waiting.save(update_fields=["status"])
    waiting.event = event
    emails.send_promoted(waiting)
    return waiting


def cancel_event(event, now=None):
    """The organisers' action: cancel the event and tell everyone registered."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(event.pk)
        if event.cancelled_at:
            raise RegistrationRefused("This event has already been cancelled.")
        if now >= event.ends_at:
            raise RegistrationRefused("This event has already happened.")
        event.cancelled_at = now
        event.calendar_sequence += 1
        EventPage.objects.filter(pk=event.pk).update(
            cancelled_at=now, calendar_sequence=event.calendar_sequence
        )
        purge_event(event.pk)

        registrations = list(
            event.registrations.active().select_for_update(of=("self",)).select_related("user")
        )
        for registration in registrations:
            registration.event = event
            emails.send_event_cancelled(registration)
        event.registrations.active().update(status=RegistrationStatus.CANCELLED, cancelled_at=now)
        return len(registrations)
