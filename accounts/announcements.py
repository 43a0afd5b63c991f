"""Emailing everyone in a set of members, once: an outcome, a new stage, a reminder.

An app announces with a unique key ("outcome:42") and names an *audience*,
a set of members it registers with the ``register_announcement_audience``
hook, so that accounts imports no app above it::

    @hooks.register("register_announcement_audience")
    def outcome_audience():
        return Audience("consultation-outcome", lambda consultation: members_who_took_part(consultation))

``announce()`` only stores the announcement and queues its first batch, so
publishing returns at once however large the audience is. Announcing a key
again (republishing, editing) does nothing.

The batches run in the task worker. Each takes a lease on its announcement,
so only one batch sends at a time, picks the next members of the audience
who have no delivery for it and still want its kind of email (checked now,
not when it was announced), and sends to them over one mail server
connection. A delivery row is written straight after each message is handed
to the mail server and is unique per announcement and member, so a batch
that stops half-way (the mail server failing, the worker killed) is resumed
by sending only to those without one. The window for a duplicate is the
moment between the mail server accepting a message and its row being written.

A failing mail server makes the batch retry later, with backoff. A worker
killed mid-batch leaves its lease to expire; ``resume_stalled()``, run by the
``send_alerts`` command every few minutes (docs/deployment.md), queues the
next batch of every unfinished announcement that has stopped moving.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_tasks import task
from wagtail import hooks

from core import email

from .email_preferences import ALL, unsubscribe_url
from .models import Announcement, AnnouncementDelivery, EmailOptOut

logger = logging.getLogger(__name__)

HOOK = "register_announcement_audience"
BATCH_SIZE = 250
# A batch renews its lease every RENEW_LEASE_EVERY emails, which even a slow
# mail server sends well within it; a killed batch holds up its announcement
# for this long at most.
LEASE = timedelta(seconds=60)
RENEW_LEASE_EVERY = 50
# An unfinished announcement that has not moved for this long is resumed by the sweep.
STALLED_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Audience:
    name: str
    members: Callable[..., QuerySet]


def audience_named(name):
    return next(
        audience for audience in (register() for register in hooks.get_hooks(HOOK)) if audience.name == name
    )


def announce(key, *, kind, audience, template_prefix, context, **audience_arguments):
    """Email `audience` (called with `audience_arguments`) once, unless `key` was announced before.

    `context` (JSON values) renders `template_prefix` for every recipient,
    with their own `unsubscribe_url` for `kind`. Returns the announcement and
    whether it is new. The first batch is queued once the transaction commits.
    """
    announcement, created = Announcement.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "audience": audience,
            "audience_arguments": audience_arguments,
            "template_prefix": template_prefix,
            "context": context,
        },
    )
    if created:
        transaction.on_commit(lambda: send_batch.enqueue(announcement.pk))
    return announcement, created


def pending_recipients(announcement):
    """Members of the audience without a delivery who still want this kind of email, by id."""
    audience = audience_named(announcement.audience)
    delivered = AnnouncementDelivery.objects.filter(announcement=announcement, user=OuterRef("pk"))
    stopped = EmailOptOut.objects.filter(user=OuterRef("pk"), kind__in=[announcement.kind, ALL])
    return (
        get_user_model()
        .objects.filter(pk__in=audience.members(**announcement.audience_arguments).values("pk"))
        .filter(is_active=True)
        .exclude(email="")
        .exclude(Exists(delivered))
        .exclude(Exists(stopped))
        .order_by("pk")
        .only("pk", "email")
    )


def _take_lease(announcement_id):
    now = timezone.now()
    return Announcement.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now), pk=announcement_id, finished_at__isnull=True
    ).update(lease_until=now + LEASE)


def _renew_lease(announcement_id):
    now = timezone.now()
    Announcement.objects.filter(pk=announcement_id).update(lease_until=now + LEASE, progressed_at=now)


def _send_to(announcement, recipients):
    """Send to each recipient over one connection, recording each delivery as it goes.

    The lease is renewed as the batch goes, so a slow mail server never lets
    another batch start on the same members.
    """
    connection = get_connection()
    connection.open()
    try:
        for sent, member in enumerate(recipients):
            if sent and sent % RENEW_LEASE_EVERY == 0:
                _renew_lease(announcement.pk)
            message = email.render(
                [member.email],
                announcement.template_prefix,
                announcement.context,
                unsubscribe_url=unsubscribe_url(member, announcement.kind),
            )
            message.connection = connection
            message.send()
            AnnouncementDelivery.objects.create(announcement=announcement, user_id=member.pk)
    finally:
        connection.close()


@task()
def send_batch(announcement_id, attempt=1):
    """Send the next batch of an announcement, then queue the one after, or mark it finished."""
    if not _take_lease(announcement_id):
        return 0
    announcement = Announcement.objects.get(pk=announcement_id)
    recipients = list(pending_recipients(announcement)[:BATCH_SIZE])
    try:
        _send_to(announcement, recipients)
    except (OSError, smtplib.SMTPException):
        Announcement.objects.filter(pk=announcement_id).update(lease_until=None, progressed_at=timezone.now())
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Announcement %s keeps failing; the sweep will resume it", announcement.key)
            return 0
        logger.warning(
            "Announcement %s failed (attempt %s); will retry", announcement.key, attempt, exc_info=True
        )
        retry = send_batch
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=30 * 2**attempt))
        retry.enqueue(announcement_id, attempt + 1)
        return 0
    finished = len(recipients) < BATCH_SIZE
    Announcement.objects.filter(pk=announcement_id).update(
        lease_until=None, progressed_at=timezone.now(), finished_at=timezone.now() if finished else None
    )
    if not finished:
        send_batch.enqueue(announcement_id)
    return len(recipients)


def resume_stalled():
    """Queue the next batch of every unfinished announcement that has stopped moving; returns how many."""
    now = timezone.now()
    stalled = Announcement.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        finished_at__isnull=True,
        progressed_at__lt=now - STALLED_AFTER,
    ).values_list("pk", flat=True)
    count = 0
    for announcement_id in stalled:
        Announcement.objects.filter(pk=announcement_id).update(progressed_at=now)
        send_batch.enqueue(announcement_id)
        count += 1
    return count
