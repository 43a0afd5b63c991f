import contextlib

from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from accounts.signals import member_data_requested, member_deleting
from consultations.alerts import new_event
from consultations.follows import took_part
from core.links import absolute

from . import registration as registrations
from .models import EventPage, EventRegistration


@receiver(page_published, sender=EventPage)
def give_new_places_to_people_waiting(sender, instance, **kwargs):
    """An organiser may publish a larger capacity: the people waiting get the new places, in order.

    First, calendars learn that the event has a new version (events.calendar),
    so the calendar files those people get carry it.
    """
    EventPage.objects.filter(pk=instance.pk).update(calendar_sequence=F("calendar_sequence") + 1)
    registrations.fill_free_places(instance.pk)


@receiver(page_published, sender=EventPage)
def tell_followers_of_its_consultation(sender, instance, **kwargs):
    """The consultation's followers hear of each of its events once, when it is first published with it."""
    if instance.consultation_id and instance.cancelled_at is None:
        new_event(instance.consultation, instance)


@receiver(post_save, sender=EventRegistration, dispatch_uid="events_registration_takes_part")
def registering_takes_part(sender, instance, created, **kwargs):
    if created and instance.user_id and instance.event.consultation_id:
        took_part.send(sender=sender, user=instance.user, consultation=instance.event.consultation)


@receiver(member_deleting)
def cancel_registrations_of_deleted_member(sender, user, **kwargs):
    """Give a leaving member's places to the people waiting, before their rows go."""
    now = timezone.now()
    for registration in EventRegistration.objects.filter(user=user).active().select_related("event"):
        if now < registration.event.starts_at:
            # An unpublished event refuses to move its waiting list; the row
            # goes with the member anyway, and the deletion always completes.
            with contextlib.suppress(registrations.RegistrationRefused):
                registrations.cancel(registration, now=now)


@receiver(member_data_requested)
def export_registrations(sender, user, **kwargs):
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "event_url": absolute(registration.event),
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "registered_at": registration.registered_at.isoformat(),
                "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
                "attended": registration.attended,
                "access_needs": registration.access_needs_summary,
            }
            for registration in EventRegistration.objects.filter(user=user).select_related("event")
        ]
    }
