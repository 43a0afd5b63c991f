"""Registering and cancelling over HTTP and through the service, including every refusal."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.factories import PASSWORD
from accounts.signals import member_data_requested, member_deleting
from core.ratelimit import WAIT_MESSAGE
from events import registration as registrations
from events.emails import cancel_link, cancel_token
from events.models import EventRegistration, RegistrationStatus

from .conftest import london

pytestmark = pytest.mark.usefixtures("frozen_now")


def member_client(user):
    client = Client()
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_a_verified_member_registers_with_one_post(event, member):
    client = member_client(member)
    response = client.post(
        event.register_url, {"needs_step_free_access": "on", "other_needs": "A quiet seat"}, follow=True
    )
    registration = EventRegistration.objects.get(event=event, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.needs_step_free_access and registration.other_needs == "A quiet seat"
    assert "Your place is confirmed" in response.content.decode()
    assert "You are registered." in response.content.decode()
    assert "49 places left" in response.content.decode()


def test_repeated_requests_make_one_registration(event, member):
    client = member_client(member)
    client.post(event.register_url)
    response = client.post(event.register_url, follow=True)
    assert EventRegistration.objects.filter(event=event, user=member).count() == 1
    assert "You are already registered for this event." in messages_of(response)
    assert len(mail.outbox) == 1


def test_when_full_the_member_joins_the_waitlist_and_sees_their_position(make_event, make_member):
    event = make_event(capacity=1)
    registrations.register(event.pk, make_member())
    registrations.register(event.pk, make_member())
    latecomer = make_member()
    response = member_client(latecomer).post(event.register_url, follow=True)
    assert EventRegistration.objects.get(user=latecomer).status == RegistrationStatus.WAITLISTED
    assert "you are on the waitlist, at number 2" in messages_of(response)[0]
    assert "You are on the waitlist, at number 2." in response.content.decode()
    assert event.registrations.confirmed().count() == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"registration_opens_at": london(2025, 1, 11)}, "Registration for this event has not opened yet."),
        ({"registration_closes_at": london(2025, 1, 10, 9)}, "Registration for this event has closed."),
        ({"cancelled_at": london(2025, 1, 9)}, "This event has been cancelled."),
        (
            {"starts_at": london(2025, 1, 9, 18), "ends_at": london(2025, 1, 9, 20)},
            "This event has already happened.",
        ),
    ],
)
def test_refused_registrations_say_why_and_write_nothing(make_event, member, fields, message):
    event = make_event(**fields)
    response = member_client(member).post(event.register_url, follow=True)
    assert messages_of(response) == [message]
    assert not EventRegistration.objects.exists()
    assert mail.outbox == []


def test_unpublished_and_missing_events_cannot_be_registered_for(make_event, member):
    draft = make_event(live=False)
    client = member_client(member)
    assert client.post(draft.url_path.replace("/hub-home", "") + "register/").status_code == 404
    assert client.post("/events/no-such-event/register/").status_code == 404
    with pytest.raises(registrations.RegistrationRefused):
        registrations.register(draft.pk, member)
    assert not EventRegistration.objects.exists()


def test_visitors_are_sent_to_sign_in_and_unverified_members_to_verify(event, make_member):
    response = Client().post(event.register_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = member_client(make_member(unverified=True)).post(event.register_url)
    assert response.status_code == 403
    assert "Verify your email address" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_registration_needs_a_csrf_token(event, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(event.register_url).status_code == 403
    assert not EventRegistration.objects.exists()


def test_too_long_other_needs_keeps_what_was_typed(event, member):
    response = member_client(member).post(
        event.register_url, {"needs_hearing_loop": "on", "other_needs": "x" * 501}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "x" * 501 in page
    assert not EventRegistration.objects.exists()


def test_cancelling_promotes_the_first_person_waiting(make_event, make_member):
    event = make_event(capacity=1)
    first, second, third = make_member(), make_member(), make_member()
    confirmed, _ = registrations.register(event.pk, first)
    registrations.register(event.pk, second)
    registrations.register(event.pk, third)
    mail.outbox.clear()

    response = member_client(first).post(event.cancel_url, {"registration": confirmed.pk}, follow=True)
    assert f"Your registration for {event.title} is cancelled." in messages_of(response)
    statuses = dict(event.registrations.values_list("user", "status"))
    assert statuses == {
        first.pk: RegistrationStatus.CANCELLED,
        second.pk: RegistrationStatus.CONFIRMED,
        third.pk: RegistrationStatus.WAITLISTED,
    }
    assert [message.to for message in mail.outbox] == [[second.email]]
    assert EventRegistration.objects.get(user=third).waitlist_position == 1


def test_leaving_the_waitlist_promotes_nobody(make_event, make_member):
    event = make_event(capacity=1)
    registrations.register(event.pk, make_member())
    waiting, _ = registrations.register(event.pk, make_member())
    assert registrations.cancel(waiting) is None
    assert event.registrations.confirmed().count() == 1


def test_a_member_can_register_again_after_cancelling(event, member):
    registration, _ = registrations.register(event.pk, member)
    registrations.cancel(registration)
    again, created = registrations.register(event.pk, member)
    assert created and again.pk == registration.pk and again.status == RegistrationStatus.CONFIRMED


def test_another_members_registration_cannot_be_cancelled(event, make_member):
    owner, intruder = make_member(), make_member()
    registration, _ = registrations.register(event.pk, owner)
    for value in [registration.pk, "not-a-number", ""]:
        response = member_client(intruder).post(event.cancel_url, {"registration": value}, follow=True)
        assert messages_of(response) == [
            "We could not find that registration in your account, so nothing has changed."
        ]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancel_link_asks_first_then_cancels(event, member):
    registration, _ = registrations.register(event.pk, member)
    link = cancel_link(registration).replace("http://testserver", "")
    response = Client().get(link)
    assert response.status_code == 200
    assert "Yes, cancel my registration" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    Client().post(link)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_a_tampered_cancel_link_is_refused(event, make_member):
    registration, _ = registrations.register(event.pk, make_member())
    other, _ = registrations.register(event.pk, make_member())
    token = cancel_token(registration)
    # Another registration's data with this one's signature.
    forged = cancel_token(other).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in [forged, token[:-2] + "xx", "", "1"]:
        response = Client().post(f"{event.url}cancel/link/?{urlencode({'token': bad})}")
        assert response.status_code == 400
        assert "This cancel link does not work" in response.content.decode()
    assert event.registrations.confirmed().count() == 2


def test_an_old_cancel_link_does_not_cancel_a_later_registration(event, member, frozen_now):
    registration, _ = registrations.register(event.pk, member)
    old_link = cancel_link(registration)
    registrations.cancel(registration)
    frozen_now.shift(3600)
    registration, _ = registrations.register(event.pk, member)
    response = Client().post(old_link)
    assert response.status_code == 400 and "This cancel link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed
    Client().post(cancel_link(registration))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_a_cancel_link_only_works_on_its_own_event(make_event, member):
    event, other_event = make_event(), make_event()
    registration, _ = registrations.register(event.pk, member)
    response = Client().post(f"{other_event.url}cancel/link/?token={cancel_token(registration)}")
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_places_cannot_be_given_up_once_the_event_has_started(event, member, frozen_now):
    registration, _ = registrations.register(event.pk, member)
    frozen_now.move_to(london(2025, 1, 14, 18, 30))
    with pytest.raises(registrations.RegistrationRefused):
        registrations.cancel(registration)
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_deleting_a_member_gives_their_place_to_the_next_person(make_event, make_member):
    event = make_event(capacity=1)
    leaving, waiting = make_member(), make_member()
    registrations.register(event.pk, leaving)
    registrations.register(event.pk, waiting)
    member_deleting.send(sender=get_user_model(), user=leaving)
    leaving.delete()
    assert EventRegistration.objects.get(user=waiting).is_confirmed


def test_a_members_data_export_lists_their_registrations(event, member):
    registrations.register(event.pk, member, {"needs_bsl_interpreter": True})
    exports = {}
    for _, response in member_data_requested.send(sender=get_user_model(), user=member):
        exports.update(response)
    assert exports["event_registrations"] == [
        {
            "event": event.title,
            "event_url": f"http://testserver{event.url}",
            "starts_at": "2025-01-14T18:00:00+00:00",
            "status": "confirmed",
            "registered_at": "2025-01-10T12:00:00+00:00",
            "cancelled_at": None,
            "attended": False,
            "access_needs": "A British Sign Language interpreter",
        }
    ]


@pytest.fixture
def three_changes_allowed(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_registration": "3/10m/user"}


@pytest.mark.usefixtures("three_changes_allowed")
def test_registering_and_cancelling_is_rate_limited(event, member):
    client = member_client(member)
    client.post(event.register_url)
    registration = EventRegistration.objects.get(user=member)
    client.post(event.cancel_url, {"registration": registration.pk})
    client.post(event.register_url)
    response = client.post(event.cancel_url, {"registration": registration.pk})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed


@pytest.mark.usefixtures("three_changes_allowed")
def test_a_refused_registration_keeps_what_was_typed(event, member):
    client = member_client(member)
    for _ in range(3):
        client.post(event.register_url, {"other_needs": "x" * 501})
    response = client.post(event.register_url, {"other_needs": "A quiet room, please"})
    html = response.content.decode()
    assert response.status_code == 429
    assert WAIT_MESSAGE in html and "A quiet room, please" in html
    assert not EventRegistration.objects.exists()


def test_raising_the_capacity_promotes_people_waiting_in_order(make_event, make_member):
    event = make_event(capacity=1)
    booked = [registrations.register(event.pk, make_member())[0] for _ in range(4)]
    mail.outbox.clear()
    event.capacity = 3
    event.save_revision().publish()
    statuses = [EventRegistration.objects.get(pk=registration.pk).status for registration in booked]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert [message.to for message in mail.outbox] == [[booked[1].user.email], [booked[2].user.email]]
    assert EventRegistration.objects.get(pk=booked[3].pk).waitlist_position == 1


@pytest.mark.parametrize("where", ["my account", "the admin"])
def test_deleting_a_member_with_a_place_at_an_event_later_unpublished_completes(
    make_event, make_member, where
):
    event = make_event()
    leaving = make_member()
    registrations.register(event.pk, leaving)
    event.unpublish()
    client = Client()
    if where == "my account":
        client.force_login(leaving)
        response = client.post(reverse("account_delete"), {"password": PASSWORD})
    else:
        client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "x"))
        response = client.post(reverse("wagtailusers_users:delete", args=[leaving.pk]))
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=leaving.pk).exists()
    assert not EventRegistration.objects.filter(event=event).exists()
