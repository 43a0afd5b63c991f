"""Cached pages (core/cache.py) show an event's places as they change."""

import pytest

from events import registration
from tests.caching import cached_anonymous_copy

pytestmark = pytest.mark.usefixtures("page_cache", "frozen_now")


def test_registering_and_cancelling_update_the_places_left_at_once(
    client, make_event, make_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    assert "2 places left" in cached_anonymous_copy(client, event.url)
    index_url = event.get_parent().url
    cached_anonymous_copy(client, index_url)

    with django_capture_on_commit_callbacks(execute=True):
        place, _ = registration.register(event.pk, make_member())
    assert "1 place left" in client.get(event.url).content.decode()
    assert "1 place left" in client.get(index_url).content.decode()

    cached_anonymous_copy(client, event.url)
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel(place)
    assert "2 places left" in client.get(event.url).content.decode()


def test_cancelling_the_event_shows_at_once(client, event, django_capture_on_commit_callbacks):
    cached_anonymous_copy(client, event.url)
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel_event(event)
    assert "Cancelled" in client.get(event.url).content.decode()
