from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import emails
from .models import EventRegistration


def send_reminders(now=None):
    """Remind everyone with a place at an event starting within a day. Safe to run as often as you like.

    Each registration is claimed by setting reminder_sent_at in a conditional
    update, so two overlapping runs never remind anyone twice.
    """
    now = now or timezone.now()
    due = (
        EventRegistration.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            event__live=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(days=1),
        )
        .select_related("event", "user__profile")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = EventRegistration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                emails.send_reminder(registration)
                sent += claimed
    return sent
