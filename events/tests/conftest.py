"""Small builders for event tests: a site, events at fixed times, and members."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Site

from events.models import EventFormat, EventIndexPage, EventPage
from home.demo import rich_text, root_page
from home.models import HomePage

LONDON = ZoneInfo("Europe/London")


def london(*args):
    return datetime(*args, tzinfo=LONDON)


# A Friday; the default event is on the following Tuesday evening.
NOW = london(2025, 1, 10, 12)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def home(db):
    home = HomePage(title="Home", slug="hub-home")
    root_page().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def event_index(home):
    index = EventIndexPage(title="Events", slug="events")
    home.add_child(instance=index)
    return index


@pytest.fixture
def make_event(event_index):
    count = iter(range(1, 10_000))

    def make(**fields):
        number = next(count)
        values = {
            "title": f"Community meeting {number}",
            "slug": f"community-meeting-{number}",
            "introduction": "Talk to us about the draft plan.",
            "starts_at": london(2025, 1, 14, 18),
            "ends_at": london(2025, 1, 14, 20),
            "format": EventFormat.IN_PERSON,
            "venue": "Northside Library",
            "address": "22 High Street\nLondon",
            "capacity": 50,
            "description": rich_text("A meeting with the team who wrote the plan."),
            "accessibility": "Step-free access throughout.",
        } | fields
        live = values.pop("live", True)
        event = EventPage(**values)
        event_index.add_child(instance=event)
        if not live:
            event.unpublish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def make_member(db):
    count = iter(range(1, 100_000))

    def make(verified=True, email=None):
        number = next(count)
        email = email or f"member{number}@example.org"
        user = get_user_model().objects.create_user(
            username=f"member{number}", email=email, password="a-long-password"
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def member(make_member):
    return make_member()
