"""The events feeds (RSS and Atom) and the calendar subscription link."""

import feedparser
import pytest
from django.test import Client
from lxml import etree

from events import registration as registrations

from .conftest import london

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def events(make_event):
    return {
        "coming": make_event(title="Coming up"),
        "last_week": make_event(
            title="Last week", starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20)
        ),
        "long_ago": make_event(
            title="Long ago", starts_at=london(2024, 11, 1, 18), ends_at=london(2024, 11, 1, 20)
        ),
    }


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_lists_upcoming_and_recent_events(events, event_index, kind):
    registrations.cancel_event(events["coming"])
    response = Client().get(f"{event_index.url}feed/{kind}/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Last week", "Coming up"]
    assert feed.entries[1].link == f"http://testserver{events['coming'].url}"
    assert "Tuesday 14 January, 6pm to 8pm. Northside Library. Cancelled." in feed.entries[1].summary


def test_index_offers_a_webcal_subscription(event_index, settings):
    settings.SITE_BASE_URL = "https://hub.example.org"
    html = etree.HTML(Client().get(event_index.url).content)
    assert html.xpath("//a[starts-with(@href, 'webcal:')]/@href") == [
        "webcal://hub.example.org/events/calendar/"
    ]
