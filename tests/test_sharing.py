"""Sharing cards, canonical links and schema.org data, read back with extruct as crawlers read them."""

import extruct
import pytest
from django.test import Client
from lxml import etree
from wagtail.models import Site

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from core.factories import ImageFactory
from core.models import SiteSettings
from events import registration as registrations
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import EventFormat
from home.factories import StandardPageFactory


@pytest.fixture
def site_settings(home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Northtown Council"
    site_settings.share_image = ImageFactory(title="Town hall")
    site_settings.save()
    return site_settings


def head_of(page, query=""):
    response = Client().get(page.url + query)
    assert response.status_code == 200
    return response.content.decode()


def metadata(html):
    return extruct.extract(
        html, base_url="http://testserver/", syntaxes=["json-ld", "opengraph"], uniform=True
    )


def meta(html, attribute, name):
    (value,) = etree.HTML(html).xpath(f"//head/meta[@{attribute}='{name}']/@content")
    return value


def test_every_page_has_a_card_with_the_site_image_and_a_canonical_link(site_settings, home_page):
    page = StandardPageFactory(parent=home_page, slug="about", title="About us", introduction="Who we <are>.")
    html = head_of(page, "?utm_source=newsletter")
    tree = etree.HTML(html)
    assert tree.xpath("//head/link[@rel='canonical']/@href") == ["http://testserver/about/"]
    (card,) = metadata(html)["opengraph"]
    assert card["og:title"] == "About us"
    assert card["og:description"] == "Who we <are>."
    assert card["og:url"] == "http://testserver/about/"
    assert card["og:image"].startswith("http://testserver/media/") and ".fill-1200x630." in card["og:image"]
    assert card["og:image:width"] == "1200"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:image") == card["og:image"]


def test_a_page_image_overrides_the_site_default(site_settings, home_page):
    page = StandardPageFactory(parent=home_page, share_image=ImageFactory(title="Park"))
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page), hero_image=ImageFactory(title="Hero")
    )
    default = metadata(head_of(home_page))["opengraph"][0]["og:image"]
    assert metadata(head_of(page))["opengraph"][0]["og:image"] != default
    assert metadata(head_of(consultation))["opengraph"][0]["og:image"] not in (
        default,
        metadata(head_of(page))["opengraph"][0]["og:image"],
    )


def test_home_page_describes_the_organisation(site_settings, home_page):
    (organisation,) = metadata(head_of(home_page))["json-ld"]
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "Northtown Council"
    assert organisation["url"] == "http://testserver/"


@pytest.fixture
def events(site_settings, home_page):
    return EventIndexPageFactory(parent=home_page)


def event_data(event):
    (data,) = metadata(head_of(event))["json-ld"]
    assert data["@context"] == "https://schema.org"
    return data


def test_an_in_person_event_is_a_schema_org_event(events):
    event = EventPageFactory(parent=events, capacity=3, title="Safer </script> streets")
    RegistrationFactory(event=event)
    data = event_data(event)
    assert data["@type"] == "Event"
    assert data["name"] == "Safer </script> streets"
    assert data["url"] == f"http://testserver{event.url}"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Northside Library"
    assert data["location"]["address"]["streetAddress"] == "22 High Street, London"
    assert data["organizer"]["name"] == "Northtown Council"
    assert data["remainingAttendeeCapacity"] == 2
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["startDate"] == event.starts_at.isoformat()


def test_a_full_online_event_sold_out_at_a_virtual_location(events, make_member):
    event = EventPageFactory(
        parent=events,
        format=EventFormat.ONLINE,
        venue="",
        capacity=1,
        joining_link="https://meet.example.org/s",
    )
    RegistrationFactory(event=event)
    data = event_data(event)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": f"http://testserver{event.url}"}
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert "meet.example.org" not in head_of(event)


def test_a_cancelled_hybrid_event(events):
    event = EventPageFactory(parent=events, format=EventFormat.HYBRID)
    registrations.cancel_event(event)
    data = event_data(event)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
