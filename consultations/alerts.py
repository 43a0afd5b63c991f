"""Closing the loop by email: each alert is one announcement (accounts.announcements), sent once.

- outcome: an outcome page is first published; to who took part and the
  followers; OUTCOMES; key "outcome:<page>".
- new stage: a consultation is published with a timeline stage its previous
  live version lacked; to followers; UPDATES; "stage:<page>:<block id>".
- new event: an event of the consultation is first published (the events app
  calls `new_event`); to followers; UPDATES; "event:<page>".
- opened: the `send_alerts` sweep, within a day of opening; to followers of
  the consultation or its topic; REMINDERS; "opened:<page>".
- closing soon: the `send_alerts` sweep, three days or less before closing;
  to followers; REMINDERS; "closing:<page>:<closes_at>".

The keys make every alert idempotent: republishing, editing, or running the
sweep twice sends nothing more. A changed closing date is a new reminder.

An event that has already begun is not news. Nor is content built in bulk
(the demo loader): inside `updates_held_back()` no stage or event is
announced, while an outcome still is.
"""

import contextlib
import contextvars
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import PageLogEntry

from accounts.announcements import announce
from core.links import absolute

from .follows import followers
from .models import ConsultationPage
from .responses import participants

OUTCOMES = "consultation-outcomes"
UPDATES = "consultation-updates"
REMINDERS = "consultation-reminders"

_updates_held_back = contextvars.ContextVar("updates_held_back", default=False)


@contextlib.contextmanager
def updates_held_back():
    token = _updates_held_back.set(True)
    try:
        yield
    finally:
        _updates_held_back.reset(token)


TOOK_PART_OR_FOLLOWERS = "consultation-took-part-or-following"
FOLLOWERS = "consultation-followers"
FOLLOWERS_AND_TOPIC = "consultation-and-topic-followers"

CLOSING_SOON = timedelta(days=3)
# A consultation that opened longer ago than this is not news: the sweep
# never announces opening for consultations that were open before it ran.
OPENED_RECENTLY = timedelta(days=1)

TEMPLATE = "consultations/email/alert"
FOLLOWING_REASON = "You get these emails because you follow this consultation."


def took_part_or_following(consultation):
    consultation = ConsultationPage.objects.get(pk=consultation)
    return get_user_model().objects.filter(
        Q(pk__in=participants(consultation).values("pk")) | Q(pk__in=followers(consultation).values("pk"))
    )


def following(consultation):
    return followers(ConsultationPage.objects.get(pk=consultation))


def following_it_or_its_topic(consultation):
    return followers(ConsultationPage.objects.get(pk=consultation), with_topic=True)


def _local_date(moment):
    return date_format(timezone.localtime(moment), "j F Y")


def announce_outcome(outcome):
    consultation = outcome.consultation
    return announce(
        f"outcome:{outcome.pk}",
        kind=OUTCOMES,
        audience=TOOK_PART_OR_FOLLOWERS,
        consultation=consultation.pk,
        template_prefix=TEMPLATE,
        context={
            "subject": f"What came of “{consultation.title}”",
            "intro": f"The consultation “{consultation.title}” has closed, and here is what came of it.",
            "text": outcome.summary,
            "link_url": absolute(outcome),
            "link_text": "Read the outcome",
            "reason": "You get these emails because you took part in or follow this consultation.",
        },
    )


def _stages(consultation):
    """The consultation's timeline stages, by block id."""
    return {
        stage.id: stage.value
        for block in consultation.body
        if block.block_type == "timeline"
        for stage in block.value["stages"].bound_blocks
    }


def _previous_live_version(consultation, revision):
    """The consultation as last published before `revision`, or None if this is its first publication."""
    entry = (
        PageLogEntry.objects.filter(page=consultation, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def announce_new_stages(consultation, revision):
    """Tell followers about each stage this publication adds; none on a first publication."""
    if _updates_held_back.get():
        return []
    previous = _previous_live_version(consultation, revision)
    if previous is None:
        return []
    before = _stages(previous)
    added = [(stage_id, stage) for stage_id, stage in _stages(consultation).items() if stage_id not in before]
    return [
        announce(
            f"stage:{consultation.pk}:{stage_id}",
            kind=UPDATES,
            audience=FOLLOWERS,
            consultation=consultation.pk,
            template_prefix=TEMPLATE,
            context={
                "subject": f"New stage in “{consultation.title}”: {stage['title']}",
                "intro": f"A new stage has been added to “{consultation.title}”: "
                f"{stage['label']}, {stage['title']}"
                + (f", from {date_format(stage['starts_on'], 'j F Y')}." if stage["starts_on"] else "."),
                "text": stage["description"],
                "link_url": absolute(consultation),
                "link_text": "See the timeline",
                "reason": FOLLOWING_REASON,
            },
        )
        for stage_id, stage in added
    ]


def new_event(consultation, event):
    """Tell the consultation's followers about one of its events (an events.EventPage), once."""
    if _updates_held_back.get() or event.starts_at <= timezone.now():
        return None
    return announce(
        f"event:{event.pk}",
        kind=UPDATES,
        audience=FOLLOWERS,
        consultation=consultation.pk,
        template_prefix=TEMPLATE,
        context={
            "subject": f"New event for “{consultation.title}”: {event.title}",
            "intro": f"“{event.title}” on {_local_date(event.starts_at)} is part of “{consultation.title}”.",
            "text": event.introduction,
            "link_url": absolute(event),
            "link_text": "Find out more and register",
            "reason": FOLLOWING_REASON,
        },
    )


def send_time_alerts(now=None):
    """Announce consultations that opened lately or close within three days; returns new announcements."""
    now = now or timezone.now()
    live = ConsultationPage.objects.live().public().defer_streamfields()
    announced = []
    for consultation in live.filter(opens_at__lte=now, opens_at__gt=now - OPENED_RECENTLY, closes_at__gt=now):
        announcement, created = announce(
            f"opened:{consultation.pk}",
            kind=REMINDERS,
            audience=FOLLOWERS_AND_TOPIC,
            consultation=consultation.pk,
            template_prefix=TEMPLATE,
            context={
                "subject": f"Now open: {consultation.title}",
                "intro": f"“{consultation.title}” is open until {_local_date(consultation.closes_at)}.",
                "text": consultation.summary,
                "link_url": absolute(consultation),
                "link_text": "Have your say",
                "reason": "You get these emails because you follow this consultation or its topic.",
            },
        )
        if created:
            announced.append(announcement)
    for consultation in live.filter(closes_at__gt=now, closes_at__lte=now + CLOSING_SOON):
        announcement, created = announce(
            f"closing:{consultation.pk}:{consultation.closes_at.isoformat()}",
            kind=REMINDERS,
            audience=FOLLOWERS,
            consultation=consultation.pk,
            template_prefix=TEMPLATE,
            context={
                "subject": f"Closing soon: {consultation.title}",
                "intro": f"“{consultation.title}” closes on {_local_date(consultation.closes_at)}. "
                "There is still time to have your say.",
                "text": consultation.summary,
                "link_url": absolute(consultation),
                "link_text": "Have your say",
                "reason": FOLLOWING_REASON,
            },
        )
        if created:
            announced.append(announcement)
    return announced
