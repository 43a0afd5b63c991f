"""The consultations feed, read by feedparser: each opening, last week and closing, once each."""

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from django.test import Client

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory, OutcomePageFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2025, 3, 10, 12, tzinfo=LONDON)


@pytest.fixture
def index(home_page):
    with time_machine.travel(NOW, tick=False):
        yield ConsultationIndexPageFactory(parent=home_page)


def make(index, title, opens, closes):
    return ConsultationPageFactory(
        parent=index,
        title=title,
        summary=f"About {title}",
        opens_at=datetime(*opens, tzinfo=LONDON),
        closes_at=datetime(*closes, tzinfo=LONDON),
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_has_each_milestone_reached_newest_first(index, kind):
    closed = make(index, "Parks", (2025, 1, 1), (2025, 2, 1))
    closing = make(index, "Buses", (2025, 2, 1), (2025, 3, 15))
    just_open = make(index, "Libraries", (2025, 3, 1), (2025, 5, 1))
    make(index, "Not yet", (2025, 4, 1), (2025, 6, 1))
    make(index, "Draft", (2025, 1, 1), (2025, 6, 1)).unpublish()
    with time_machine.travel(NOW, tick=False):
        response = Client().get(f"{index.url}feed/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert [entry.title for entry in feed.entries] == [
        "Closing on 15 March 2025: Buses",
        "Now open: Libraries",
        "Now open: Buses",
        "Closed: Parks",
        "Closing on 1 February 2025: Parks",
        "Now open: Parks",
    ]
    links = {entry.link for entry in feed.entries}
    assert links == {f"http://testserver{page.url}" for page in (closed, closing, just_open)}
    assert len({entry.id for entry in feed.entries}) == 6
    assert feed.entries[0].summary.startswith("About Buses")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_published_outcome_is_an_entry_of_its_own_linking_to_it(index, kind):
    parks = make(index, "Parks", (2025, 1, 1), (2025, 2, 1))
    with time_machine.travel(datetime(2025, 3, 5, 9, tzinfo=LONDON), tick=False):
        outcome = OutcomePageFactory.build(
            title="What we heard about parks", slug="outcome", summary="More benches."
        )
        parks.add_child(instance=outcome)
        outcome.save_revision().publish()
    draft = OutcomePageFactory.build(slug="draft-outcome", summary="Not yet", live=False)
    make(index, "Buses", (2025, 1, 1), (2025, 2, 1)).add_child(instance=draft)
    with time_machine.travel(NOW, tick=False):
        response = Client().get(f"{index.url}feed/{kind}/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    first = feed.entries[0]
    assert first.title == "Outcome published: Parks"
    assert first.link == f"http://testserver{outcome.url}"
    assert first.summary == "More benches."
    assert [entry.title for entry in feed.entries].count("Outcome published: Buses") == 0
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
