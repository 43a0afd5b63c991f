"""The sitemap, robots.txt and the feed links in listings' heads, read as crawlers and feed readers do."""

import feedparser
import pytest
from django.test import Client
from lxml import etree

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import StandardPageFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(home_page):
    consultations = ConsultationIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    return {
        "consultations": consultations,
        "consultation": ConsultationPageFactory(parent=consultations, slug="safer-streets"),
        "events": events,
        "event": EventPageFactory(parent=events, slug="town-hall"),
        "about": StandardPageFactory(parent=home_page, slug="about"),
        "draft": StandardPageFactory(parent=home_page, slug="draft", live=False),
    }


def test_sitemap_lists_every_live_page_at_the_sites_address(site, settings):
    settings.SITE_BASE_URL = "https://hub.example.org"
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    locations = tree.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    assert sorted(locations) == sorted(
        f"https://hub.example.org{path}"
        for path in [
            "/",
            "/consultations/",
            "/consultations/safer-streets/",
            "/events/",
            "/events/town-hall/",
            "/about/",
        ]
    )


def test_sitemap_gives_when_a_page_was_last_published(site):
    site["about"].save_revision().publish()
    tree = etree.fromstring(Client().get("/sitemap.xml").content)
    (lastmod,) = tree.xpath(
        "//sm:url[sm:loc='http://testserver/about/']/sm:lastmod/text()", namespaces=SITEMAP_NS
    )
    assert lastmod.startswith(
        str(site["about"].specific.__class__.objects.get(pk=site["about"].pk).last_published_at.date())
    )


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(settings):
    settings.SITE_BASE_URL = "https://hub.example.org"
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://hub.example.org/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines


@pytest.mark.parametrize("page_name", ["consultations", "consultation", "events", "event"])
def test_listings_and_their_pages_link_to_the_feeds_that_parse(site, page_name):
    listing = site["consultations" if page_name.startswith("consultation") else "events"]
    html = etree.HTML(Client().get(site[page_name].url).content)
    links = {link.get("type"): link.get("href") for link in html.xpath("//head/link[@rel='alternate']")}
    assert links == {
        "application/rss+xml": f"http://testserver{listing.url}feed/rss/",
        "application/atom+xml": f"http://testserver{listing.url}feed/atom/",
    }
    for address in links.values():
        response = Client().get(address.removeprefix("http://testserver"))
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.link == f"http://testserver{listing.url}"


def test_pages_without_feeds_link_to_none(site):
    html = etree.HTML(Client().get(site["about"].url).content)
    assert html.xpath("//link[@rel='alternate']") == []
