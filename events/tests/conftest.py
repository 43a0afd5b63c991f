"""Event tests happen at a fixed time: events are built around NOW."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.factories import EventIndexPageFactory, EventPageFactory

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
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def make_event(event_index):
    """Events on the Tuesday evening after NOW, unless told otherwise."""

    def make(**fields):
        tuesday_evening = {"starts_at": london(2025, 1, 14, 18), "ends_at": london(2025, 1, 14, 20)}
        return EventPageFactory(**{"parent": event_index, **tuesday_evening, **fields})

    return make


@pytest.fixture
def event(make_event):
    return make_event()
