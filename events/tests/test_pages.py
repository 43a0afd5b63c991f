"""The events list, the event page, the calendar files, the timeline and the response count."""

import html

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import ConsultationPage
from events import registration as registrations
from events.models import EventFormat, EventIndexPage, EventPage, RegistrationStatus

from .conftest import london

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def consultation(home_page):
    return ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        title="Community Safety Plan",
        slug="community-safety-plan",
        opens_at=london(2025, 1, 1),
        closes_at=london(2025, 3, 1),
        offline_response_count=10,
    )


def test_tree_rules():
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]


def test_index_lists_upcoming_and_past_events_with_places(make_event, event_index):
    make_event(title="Coming up", capacity=12)
    make_event(title="Last week", starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20))
    response = Client().get(event_index.url)
    upcoming, past = response.context["upcoming_events"], response.context["past_events"]
    assert [event.title for event in upcoming] == ["Coming up"]
    assert [event.title for event in past] == ["Last week"]
    page = response.content.decode()
    assert "12 places left" in page and "Happened" in page
    assert "Tuesday 14 January, 6pm to 8pm" in page


def test_index_filters_by_format_and_consultation_and_ignores_nonsense(make_event, event_index, consultation):
    make_event(title="Online talk", format=EventFormat.ONLINE, venue="", consultation=consultation)
    make_event(title="Town hall", format=EventFormat.IN_PERSON)

    def titles(query):
        return [event.title for event in Client().get(event_index.url, query).context["upcoming_events"]]

    assert titles({"format": "online"}) == ["Online talk"]
    assert titles({"format": "in-person"}) == ["Town hall"]
    assert titles({"consultation": "community-safety-plan"}) == ["Online talk"]
    assert titles({"format": "<script>", "consultation": "nope", "page": "x"}) == ["Online talk", "Town hall"]


def test_index_is_paginated_in_bounded_queries(make_event, event_index, django_assert_max_num_queries):
    for number in range(12):
        make_event(starts_at=london(2025, 1, 14 + number, 18), ends_at=london(2025, 1, 14 + number, 20))
    client = Client()
    client.get(event_index.url)
    with django_assert_max_num_queries(20):
        response = client.get(event_index.url)
    assert len(response.context["upcoming_events"]) == 10
    assert response.context["upcoming_events"].paginator.num_pages == 2


def test_feed_has_upcoming_and_recent_events_linking_back(make_event, event_index):
    coming = make_event(title="Coming up")
    last_week = make_event(
        title="Last week", starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20)
    )
    make_event(title="Long ago", starts_at=london(2024, 12, 1, 18), ends_at=london(2024, 12, 1, 20))
    response = Client().get(event_index.feed_url)
    assert response["Content-Type"].startswith("text/calendar")
    entries = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(entry["summary"]), str(entry["url"])) for entry in entries] == [
        ("Last week", f"http://testserver{last_week.url}"),
        ("Coming up", f"http://testserver{coming.url}"),
    ]


def test_event_page_offers_its_calendar_file(event):
    response = Client().get(event.ics_url)
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["url"]) == f"http://testserver{event.url}"
    assert "meet." not in response.content.decode()


def test_joining_link_is_shown_only_to_confirmed_registrants(make_event, make_member):
    event = make_event(
        capacity=1, format=EventFormat.ONLINE, venue="", joining_link="https://meet.example.org/secret"
    )
    confirmed, waiting, bystander = make_member(), make_member(), make_member()
    registrations.register(event.pk, confirmed)
    registrations.register(event.pk, waiting)

    def page_for(user):
        client = Client()
        if user:
            client.force_login(user)
        return client.get(event.url).content.decode()

    assert "https://meet.example.org/secret" in page_for(confirmed)
    for user in [waiting, bystander, None]:
        assert "meet.example.org" not in page_for(user)


def test_event_page_renders_in_bounded_queries(event, member, django_assert_max_num_queries):
    registrations.register(event.pk, member)
    client = Client()
    client.force_login(member)
    client.get(event.url)
    with django_assert_max_num_queries(20):
        response = client.get(event.url)
    assert response["Cache-Control"] == "private, no-cache"


def test_a_past_event_offers_no_calendar_entry_and_no_place(make_event, member):
    past = make_event(starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20))
    coming = make_event()
    client = Client()
    client.force_login(member)
    html = client.get(past.url).content.decode()
    assert "Happened" in html
    assert "Add to your calendar" not in html and "Your place" not in html
    html = client.get(coming.url).content.decode()
    assert "Add to your calendar" in html and "Your place" in html


def timeline_body(*stage_events):
    stages = [
        {
            "label": f"Stage {number}",
            "title": f"Stage {number}",
            "starts_on": None,
            "ends_on": None,
            "description": "",
            "link": {"link_text": "", "page": None, "document": None, "external_url": ""},
            "state_override": "",
            "events": [event.pk for event in events],
        }
        for number, events in enumerate(stage_events)
    ]
    return [{"type": "timeline", "value": {"heading": "Timeline", "stages": stages}}]


def test_timeline_stage_shows_its_events_and_takes_its_state_from_them(make_event, consultation):
    past = make_event(title="Launch", starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20))
    coming = make_event(title="Workshop")
    draft = make_event(title="Secret draft", live=False)
    consultation.body = timeline_body([past], [coming, draft])
    consultation.save_revision().publish()

    response = Client().get(consultation.url)
    page = response.content.decode()
    assert "Launch" in page and "Happened" in page
    assert 'Register to attend<span class="visually-hidden">: Workshop</span>' in page
    assert "Tuesday 14 January, 6pm to 8pm" in page
    assert "Secret draft" not in page
    assert "timeline__stage--happened" in page  # the stage of the past event
    assert page.count("timeline__stage--upcoming") == 1


def test_a_full_event_on_the_timeline_offers_the_waitlist_as_its_page_does(
    make_event, make_member, consultation
):
    full = make_event(title="Workshop", capacity=1)
    registrations.register(full.pk, make_member())
    consultation.body = timeline_body([full])
    consultation.save_revision().publish()

    timeline = Client().get(consultation.url).content.decode()
    assert "Register to attend" not in timeline
    assert 'Join the waitlist<span class="visually-hidden">: Workshop</span>' in timeline
    assert full.status_label in timeline
    assert full.status_label in Client().get(full.url).content.decode()


def test_timeline_loads_events_in_bounded_queries(make_event, make_member, consultation):
    def queries_for(events_per_stage):
        events = [make_event(capacity=1) for _ in range(events_per_stage * 3)]
        for event in events[::2]:
            registrations.register(event.pk, make_member())
        consultation.body = timeline_body(*(events[i::3] for i in range(3)))
        consultation.save_revision().publish()
        client = Client()
        client.get(consultation.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(consultation.url)
        return len(queries)

    assert queries_for(1) == queries_for(5)


def test_confirmed_places_count_as_responses(make_event, make_member, consultation):
    event = make_event(consultation=consultation, capacity=2)
    make_event(capacity=5)  # not part of this consultation
    people = [make_member() for _ in range(4)]
    for person in people:
        registrations.register(event.pk, person)
    first = event.registrations.get(user=people[0])
    first.attended = True
    first.save()
    registrations.cancel(event.registrations.get(user=people[1]))
    # Two confirmed (one of them promoted), one waitlisted, one cancelled.
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    assert ConsultationPage.objects.get(pk=consultation.pk).response_count == 10 + 2


def calendar_entry(event):
    (entry,) = Calendar.from_ical(Client().get(event.ics_url).content).walk("VEVENT")
    return entry


def test_calendar_uid_is_on_the_sites_own_domain(event, settings):
    settings.SITE_BASE_URL = "https://hub.example.org"
    assert str(calendar_entry(event)["uid"]) == f"event-{event.pk}@hub.example.org"


def test_a_changed_or_cancelled_event_is_a_newer_version_in_calendars(event, frozen_now, member):
    event.save_revision().publish()
    first = calendar_entry(event)

    frozen_now.move_to(london(2025, 1, 11, 9))
    event.refresh_from_db()
    event.starts_at = london(2025, 1, 14, 19)
    event.save_revision().publish()
    moved = calendar_entry(event)
    assert str(moved["uid"]) == str(first["uid"])
    assert moved["sequence"] > first["sequence"]
    assert moved.decoded("last-modified") == london(2025, 1, 11, 9)
    assert moved.decoded("dtstart") == london(2025, 1, 14, 19)

    frozen_now.move_to(london(2025, 1, 12, 9))
    registrations.cancel_event(event)
    cancelled = calendar_entry(event)
    assert cancelled["sequence"] > moved["sequence"]
    assert cancelled.decoded("last-modified") == london(2025, 1, 12, 9)
    assert str(cancelled["status"]) == "CANCELLED"

    # Publishing an older revision never takes calendars back to an older version.
    event.refresh_from_db()
    event.revisions.order_by("created_at").first().publish()
    assert calendar_entry(event)["sequence"] > cancelled["sequence"]


def test_the_editor_shows_when_each_event_of_a_stage_is(make_event, consultation, admin_client):
    """A stage without dates takes them from its events: the editor shows those dates."""
    event = make_event(title="Launch", starts_at=london(2025, 1, 3, 18), ends_at=london(2025, 1, 3, 20))
    consultation.body = timeline_body([event])
    consultation.save_revision().publish()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()
    assert "Launch (Friday 3 January, 6pm to 8pm)" in html.unescape(editor)
