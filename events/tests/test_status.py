"""Status is derived from the dates, the places taken and the cancellation, at any instant."""

from datetime import UTC, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from events.dates import event_when
from events.models import EventPage, EventStatus, RegistrationStatus

from .conftest import london

pytestmark = pytest.mark.django_db


def status_at(event, moment):
    with time_machine.travel(moment, tick=False):
        return EventPage.objects.get(pk=event.pk).status


def test_status_moves_through_the_registration_window_to_happened(make_event):
    event = make_event(
        registration_opens_at=london(2025, 1, 5, 9),
        registration_closes_at=london(2025, 1, 14, 12),
    )
    assert status_at(event, london(2025, 1, 5, 8, 59)) == EventStatus.REGISTRATION_NOT_OPEN
    assert status_at(event, london(2025, 1, 5, 9)) == EventStatus.REGISTRATION_OPEN
    assert status_at(event, london(2025, 1, 14, 11, 59)) == EventStatus.REGISTRATION_OPEN
    assert status_at(event, london(2025, 1, 14, 12)) == EventStatus.REGISTRATION_CLOSED
    assert status_at(event, london(2025, 1, 14, 19)) == EventStatus.REGISTRATION_CLOSED
    assert status_at(event, london(2025, 1, 14, 20)) == EventStatus.HAPPENED


def test_without_a_closing_time_registration_closes_when_the_event_starts(event):
    assert status_at(event, london(2025, 1, 14, 17, 59)) == EventStatus.REGISTRATION_OPEN
    assert status_at(event, london(2025, 1, 14, 18)) == EventStatus.REGISTRATION_CLOSED


def test_full_when_every_place_is_confirmed(make_event, make_member):
    event = make_event(capacity=2)
    event.registrations.create(user=make_member(), status=RegistrationStatus.CONFIRMED)
    assert status_at(event, london(2025, 1, 10)) == EventStatus.REGISTRATION_OPEN
    event.registrations.create(user=make_member(), status=RegistrationStatus.CONFIRMED)
    assert status_at(event, london(2025, 1, 10)) == EventStatus.FULL
    # Once registration has closed, "closed" says more than "full".
    assert status_at(event, london(2025, 1, 14, 18)) == EventStatus.REGISTRATION_CLOSED
    assert status_at(event, london(2025, 1, 15)) == EventStatus.HAPPENED


def test_cancelled_wins_at_every_time(event):
    event.cancelled_at = london(2025, 1, 9)
    event.save()
    for moment in [london(2025, 1, 1), london(2025, 1, 14, 19), london(2025, 2, 1)]:
        assert status_at(event, moment) == EventStatus.CANCELLED


def test_places_left_counts_only_confirmed_places(make_event, make_member):
    event = make_event(capacity=3)
    event.registrations.create(user=make_member(), status=RegistrationStatus.CONFIRMED)
    event.registrations.create(user=make_member(), status=RegistrationStatus.CANCELLED)
    assert event.places_left == 2


@pytest.mark.parametrize(
    "starts_at, ends_at, words",
    [
        (london(2025, 1, 14, 18), london(2025, 1, 14, 20), "Tuesday 14 January, 6pm to 8pm"),
        (london(2025, 1, 14, 9, 30), london(2025, 1, 14, 12), "Tuesday 14 January, 9:30am to 12 noon"),
        # British Summer Time: stored in UTC, shown in London time.
        (london(2025, 7, 1, 18), london(2025, 7, 1, 19, 15), "Tuesday 1 July, 6pm to 7:15pm"),
        (
            london(2025, 1, 14, 22),
            london(2025, 1, 15, 2),
            "Tuesday 14 January, 10pm to Wednesday 15 January, 2am",
        ),
        (london(2026, 3, 3, 18), london(2026, 3, 3, 20), "Tuesday 3 March 2026, 6pm to 8pm"),
    ],
)
def test_times_in_plain_words_in_london_time(starts_at, ends_at, words):
    assert event_when(starts_at.astimezone(UTC), ends_at.astimezone(UTC), now=london(2025, 1, 10)) == words


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ends_at": london(2025, 1, 14, 17)}, "ends_at"),
        ({"ends_at": london(2025, 1, 14, 18)}, "ends_at"),
        ({"registration_closes_at": london(2025, 1, 14, 19)}, "registration_closes_at"),
        (
            {"registration_opens_at": london(2025, 1, 12), "registration_closes_at": london(2025, 1, 11)},
            "registration_closes_at",
        ),
        ({"capacity": -1}, "capacity"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 1_000_000}, "capacity"),
        ({"venue": ""}, "venue"),
    ],
)
def test_impossible_events_are_refused(event, changes, field):
    for name, value in changes.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert field in error.value.message_dict


def test_an_online_event_needs_no_venue(event):
    event.format = "online"
    event.venue = ""
    event.full_clean()


def test_publishing_an_old_draft_does_not_undo_a_cancellation(event):
    from events import registration as registrations

    revision = event.save_revision()
    with time_machine.travel(london(2025, 1, 10), tick=False):
        registrations.cancel_event(event)
    # As in the editor: the revision is loaded afresh, after the cancellation.
    Revision.objects.get(pk=revision.pk).publish()
    event.refresh_from_db()
    assert event.cancelled_at is not None
    assert event.status == EventStatus.CANCELLED
    assert event.ends_at - event.starts_at == timedelta(hours=2)
