"""The read API (Wagtail API v2): the fields each page type gives, read-only,
through the page cache, and never anything personal."""

import json

import pytest
from django.test import Client

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory, TopicFactory
from discussions import comments
from discussions.factories import CommentFactory, DiscussionPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import EventFormat
from home.factories import StandardPageFactory


@pytest.fixture
def site(home_page, make_member):
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        topic=TopicFactory(name="Safety"),
        offline_response_count=5,
    )
    discussion = DiscussionPageFactory(parent=consultation)
    author = make_member(email="resident@example.org")
    public = CommentFactory(page=discussion, user=author, text="Visible words")
    held = CommentFactory(page=discussion, user=author, text="Held back words")
    removed = CommentFactory(page=discussion, user=author, text="Removed words")
    comments.set_visibility([held.pk], is_public=False)
    comments.set_visibility([removed.pk], is_removed=True)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        consultation=consultation,
        format=EventFormat.HYBRID,
        capacity=10,
        joining_link="https://meet.example.org/secret-room",
    )
    attendee = make_member(email="attendee@example.org")
    RegistrationFactory(event=event, user=attendee)
    about = StandardPageFactory(parent=home_page, title="About", introduction="Who runs this.")
    return {
        "consultation": consultation,
        "event": event,
        "about": about,
        "people": [author, attendee],
        "comment": public,
    }


def get(path, client=None):
    response = (client or Client()).get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_consultations_have_status_dates_response_count_and_topic(site):
    data = get("/api/v2/pages/?type=consultations.ConsultationPage&fields=*")
    (item,) = data["items"]
    assert item["status"] == "open"
    assert item["topic"] == "Safety"
    assert item["response_count"] == 7  # an approved comment, a place at the event, five offline
    assert item["opens_at"] == site["consultation"].opens_at.isoformat().replace("+00:00", "Z")
    assert item["meta"]["html_url"].endswith(site["consultation"].url)


def test_addresses_start_from_the_sites_public_address_not_its_site_record(site, settings):
    settings.SITE_BASE_URL = settings.WAGTAILAPI_BASE_URL = "https://hub.example.org"
    data = get("/api/v2/pages/?type=consultations.ConsultationPage")
    (item,) = data["items"]
    assert item["meta"]["html_url"] == "https://hub.example.org" + site["consultation"].url
    assert item["meta"]["detail_url"] == f"https://hub.example.org/api/v2/pages/{site['consultation'].pk}/"


def test_events_have_times_place_places_left_and_status(site):
    data = get(f"/api/v2/pages/{site['event'].pk}/")
    assert data["starts_at"] and data["ends_at"]
    assert data["format"] == "hybrid"
    assert data["venue"] == "Northside Library"
    assert data["places_left"] == 9
    assert data["status"] == "open"
    assert data["consultation"]["id"] == site["consultation"].pk
    listing = get("/api/v2/pages/?type=events.EventPage&fields=starts_at,places_left,status&order=starts_at")
    assert [item["places_left"] for item in listing["items"]] == [9]
    found = Client().get(f"/api/v2/pages/find/?html_path={site['event'].url}")
    assert found.status_code == 302


def test_standard_pages_have_their_text(site):
    data = get(f"/api/v2/pages/{site['about'].pk}/")
    assert data["title"] == "About" and data["introduction"] == "Who runs this."


def walk_keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from walk_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk_keys(inner)


def test_nothing_personal_ever_and_no_hidden_comment(site):
    """Every page, listed and in detail, with every field it offers."""
    listing = get("/api/v2/pages/?fields=*&limit=50")
    answers = [listing] + [get(f"/api/v2/pages/{item['id']}/") for item in listing["items"]]
    text = json.dumps(answers)
    for person in site["people"]:
        assert person.email not in text
        assert person.profile.display_name not in text
    assert "@" not in text.replace("@example.org", "")  # no address of any kind
    assert "secret-room" not in text
    for words in ["Held back words", "Removed words", "Visible words"]:
        assert words not in text
    keys = set(walk_keys(answers))
    assert not keys & {"owner", "user", "user_id", "email", "author", "locked_by", "latest_revision"}
    response = Client().get("/api/v2/pages/?fields=owner")
    assert response.status_code == 400


def test_read_only(site):
    for method in ["post", "put", "patch", "delete"]:
        response = getattr(Client(), method)(f"/api/v2/pages/{site['about'].pk}/")
        assert response.status_code in (403, 405)


def test_answers_come_from_the_page_cache_until_something_changes(
    site, page_cache, django_capture_on_commit_callbacks
):
    path = f"/api/v2/pages/{site['event'].pk}/"
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(event=site["event"])
    response = Client().get(path)
    assert response["X-Page-Cache"] == "miss"
    assert response.json()["places_left"] == 8
