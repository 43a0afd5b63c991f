"""What a page tells the world outside a browser: its canonical address, its
sharing card (OpenGraph and Twitter) and its schema.org data (JSON-LD).

Every address is absolute through core.links. A page's card image is its own
(`BasePage.sharing_image()`, which page types extend, such as a consultation's
hero image), else the site's default from SiteSettings. Page types add their
schema.org data by overriding `BasePage.structured_data(request)`.
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .links import absolute, base_url

CARD_IMAGE = "fill-1200x630"
DESCRIPTION_WORDS = 50
# Inside a <script> element, these would let text end the element early.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_media(url):
    """Media on local disk have paths; media in S3 storage already have full addresses."""
    return absolute(url) if url.startswith("/") else url


def image_card(image):
    """The card's image: its address, size and description."""
    rendition = image.get_rendition(CARD_IMAGE)
    return {
        "url": absolute_media(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def organisation(site_settings):
    """The body that runs the site, as schema.org describes it."""
    data = {
        "@type": "GovernmentOrganization",
        "name": site_settings.organisation_name,
        "url": base_url() + "/",
    }
    if site_settings.share_image:
        data["logo"] = image_card(site_settings.share_image)["url"]
    return data


def description_of(page):
    # Plain text fields: the template escapes them.
    text = page.search_description or page.introduction or getattr(page, "summary", "")
    return Truncator(text).words(DESCRIPTION_WORDS)


def json_ld(data):
    """`data` as the text of a <script type="application/ld+json"> element, safe inside it."""
    return mark_safe(json.dumps({"@context": "https://schema.org", **data}).translate(JSON_ESCAPES))


def card(request, page, site_settings):
    """The canonical address, sharing card and JSON-LD of `page` (None outside the page tree)."""
    site_name = f"{site_settings.organisation_name} {settings.WAGTAIL_SITE_NAME}"
    if page is None or not hasattr(page, "sharing_image"):
        return {
            "site_name": site_name,
            "url": absolute(request.path),
            "title": site_name,
            "structured_data": [],
        }
    image = page.sharing_image() or site_settings.share_image
    structured_data = [data for data in [page.structured_data(request)] if data]
    if page.depth <= 2:  # the home page speaks for the site
        structured_data.append(organisation(site_settings))
    return {
        "site_name": site_name,
        "url": absolute(page),
        "title": page.seo_title or page.title,
        "description": description_of(page),
        "type": "article" if page.depth > 3 else "website",
        "image": image_card(image) if image else None,
        "structured_data": [json_ld(data) for data in structured_data],
    }
