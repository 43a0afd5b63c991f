"""RSS and Atom feeds of a listing page (consultations, events).

A listing mixes in ``FeedRoutes`` and names its ``feed_class``, a ``PageFeed``
that lists the items. The feeds are routes of the listing page, so they go
through the page cache and are purged with it. Every link in them is absolute
through core.links: Django's syndication framework would otherwise prefix
django.contrib.sites' domain, which says nothing about where the site is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import path

from .links import absolute

FORMATS = {
    "rss": (Rss201rev2Feed, "application/rss+xml", "RSS"),
    "atom": (Atom1Feed, "application/atom+xml", "Atom"),
}


@dataclass(frozen=True)
class FeedLink:
    """A `<link rel="alternate">` to a feed, in the page's head."""

    type: str
    title: str
    url: str


class PageFeed(Feed):
    """The feed of one listing page; subclasses give `items()` and each item's words."""

    def __init__(self, page, kind):
        super().__init__()
        self.page = page
        self.kind = kind
        self.feed_type = FORMATS[kind][0]

    def get_object(self, request, *args, **kwargs):
        return self.page

    def title(self):
        return f"{self.page.title} | {settings.WAGTAIL_SITE_NAME}"

    def description(self):
        return self.page.introduction or self.page.title

    def subtitle(self):
        return self.description()

    def link(self):
        return absolute(self.page)

    def feed_url(self):
        return absolute(self.page.url + self.page.reverse_subpage(f"{self.kind}_feed"))

    def item_link(self, item):
        return absolute(item)


class FeedRoutes:
    """Serve `feed_class` as RSS at feed/rss/ and as Atom at feed/atom/ (mix into a RoutableBasePage)."""

    feed_class = None
    # What the feeds are of, in their link titles: "Consultations".
    feed_label = ""

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return self.feed_class(self, "rss")(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self.feed_class(self, "atom")(request)

    @classmethod
    def feed_links_at(cls, listing_url):
        """The feed links of the listing at `listing_url`, for it and for the pages under it."""
        return [
            FeedLink(mime_type, f"{cls.feed_label} ({name})", absolute(f"{listing_url}feed/{kind}/"))
            for kind, (_, mime_type, name) in FORMATS.items()
        ]

    @property
    def feed_links(self):
        return self.feed_links_at(self.url)


def parent_url(page):
    """The address of `page`'s parent: a Wagtail page's path is its parent's plus its slug."""
    return page.url[: -len(page.slug) - 1]
