"""The "My event registrations" section of My account."""

import pytest
from django.test import Client, RequestFactory

from events import registration as registrations
from events.wagtail_hooks import my_registrations_section

pytestmark = pytest.mark.usefixtures("frozen_now")


def render_my_registrations(user):
    request = RequestFactory().get("/accounts/")
    request.user = user
    return my_registrations_section().render(request)


def test_my_registrations_lists_places_and_waitlist_positions_with_cancel_buttons(make_event, make_member):
    event, full = make_event(title="Town hall"), make_event(title="Workshop", capacity=1)
    member = make_member()
    registrations.register(event.pk, member)
    registrations.register(full.pk, make_member())
    registrations.register(full.pk, make_member())
    registrations.register(full.pk, member)
    html = render_my_registrations(member)
    assert "Town hall" in html and "Your place is confirmed." in html
    assert "Workshop" in html and "You are on the waitlist, at number 2." in html
    assert html.count('name="registration"') == 2
    assert 'name="next" value="/accounts/"' in html


def test_my_registrations_renders_in_bounded_queries(make_event, make_member, django_assert_max_num_queries):
    member = make_member()
    for _number in range(5):
        event = make_event(capacity=1)
        registrations.register(event.pk, make_member())
        registrations.register(event.pk, member)
    with django_assert_max_num_queries(3):
        html = render_my_registrations(member)
    assert html.count("You are on the waitlist, at number 1.") == 5


def test_cancelling_from_my_account_returns_there(event, member):
    registration, _ = registrations.register(event.pk, member)
    client = Client()
    client.force_login(member)
    response = client.post(event.cancel_url, {"registration": registration.pk, "next": "/accounts/"})
    assert response["Location"] == "/accounts/"
    response = client.post(
        event.cancel_url, {"registration": registration.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == event.url


def test_cancelling_asks_for_confirmation_first_and_keeps_the_place_until_then(event, member):
    registration, _ = registrations.register(event.pk, member)
    client = Client()
    client.force_login(member)
    for page in (event.url, "/accounts/"):
        html = client.get(page).content.decode()
        assert f'<form method="get" action="{event.cancel_url}">' in html

    response = client.get(event.cancel_url, {"registration": registration.pk, "next": "/accounts/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do you want to cancel your place at" in html
    assert f'<input type="hidden" name="registration" value="{registration.pk}">' in html
    assert '<a href="/accounts/">No, keep it</a>' in html
    registration.refresh_from_db()
    assert registration.is_confirmed

    client.post(event.cancel_url, {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_an_empty_list_says_so(member):
    assert "You have not registered for any events yet." in render_my_registrations(member)
