"""Keep cached pages (core/cache.py) in step with an event's places.

"N places left", "Full" and the status show on the event page, the events
list, the home page and the consultation whose timeline lists the event (and
whose response count moves with registrations). Every change of places saves
a registration, so one receiver catches them all; cancelling an event is an
`update()` and purges for itself. Purging waits for the commit, so no reader
can re-cache the old state in between.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from core import cache as page_cache

from .models import EventRegistration


def purge_event(event_id):
    """Purge the event (with its ancestors: the events list and the home page) and its consultation."""

    def purge():
        event = Page.objects.filter(pk=event_id).specific().first()
        if event is None:
            return
        pages = [event] + ([event.consultation] if event.consultation_id else [])
        page_cache.purge_pages(pages)

    transaction.on_commit(purge)


@receiver(post_save, sender=EventRegistration, dispatch_uid="events_cache_registration_saved")
@receiver(post_delete, sender=EventRegistration, dispatch_uid="events_cache_registration_deleted")
def purge_on_registration_change(sender, instance, **kwargs):
    purge_event(instance.event_id)
