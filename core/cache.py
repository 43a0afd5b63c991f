"""Full-page cache for anonymous readers of public pages.

A consultation in the news brings thousands of anonymous readers who all see
the same page, so their responses are kept in the Django cache (Redis in
production, shared by every app server) and served before sessions,
authentication or the page tree are touched.

The decision is split in two, because each half knows something the other
does not:

- ``PageCacheMiddleware`` sits just inside whitenoise. It answers from the
  cache, and after the inner middleware have run it sees the final response:
  the cookies it sets and whether a CSRF token was rendered.
- ``BasePage.serve`` knows the page: whether it is restricted, previewed or
  personalised for this request. Only it marks a response as shareable, so
  anything that is not a public Wagtail page is never stored.

Invalidation uses generation tokens rather than deleting keys (a page has
many cached URLs: query strings, hosts, schemes). Every stored entry records
the site-wide token and its page's token as they were *before* the page was
rendered; a purge replaces a token, so every entry stored under the old one
stops matching at once, on every server that shares the cache. Purging
before rendering has finished cannot leave stale content behind, because
that content carries the old token.

What purges what:

- Publishing, unpublishing (deleting included) and moving a page purge that
  page, its ancestors and every page's site-wide token: menus, breadcrumbs and
  listings anywhere may show it. Saving a draft purges nothing; readers never
  see drafts.
- Models shown across the site are registered by the app that owns them, from
  its ``AppConfig.ready()``, with ``purge_site_when_changed(Model, ...)``.
- Anything else shown on a page that changes outside the page tree (a comment
  approved or removed, an event's places) is purged by the app that changes it,
  with ``purge_page(page)`` or ``purge_pages(pages)``, once its transaction has
  committed; the page's ancestors, whose listings and response counts may show
  it, go too.

Signed-in members cannot share whole pages, but every request still needs
the same few facts: which site and page a path leads to, the menu, the
breadcrumbs, the site settings, which paths are restricted. ``remember()``
keeps such a value under the same tokens, so whatever purges the pages that
show it purges the value too, on every server at once.
"""

import copy
import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .links import absolute

SITE_TOKEN_KEY = "pagecache:site"
# A bound, not the means of invalidation: purges do that. It only lets values
# nobody asks for any more leave the cache.
REMEMBER_SECONDS = 24 * 60 * 60
CACHEABLE_METHODS = {"GET", "HEAD"}
# Headers that belong to one exchange and must never be replayed to another reader.
UNSHAREABLE_HEADERS = {"set-cookie", "x-page-cache"}
# Added to shared links by campaigns and social sites (besides every utm_*);
# they change nothing on a page, so readers arriving from a link in the news
# get the page everyone gets.
TRACKING_PARAMETERS = {"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid"}


def _page_token_key(page_id):
    return f"pagecache:page:{page_id}"


def _is_tracking(name):
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _page_parameters(request):
    """The query string as the page sees it: tracking parameters left out, the rest in order."""
    return [
        (name, value)
        for name, values in sorted(request.GET.lists())
        if not _is_tracking(name)
        for value in values
    ]


def _entry_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(_page_parameters(request))}"
    return "pagecache:entry:" + hashlib.sha256(address.encode()).hexdigest()


def has_only_parameters(request, names):
    """Whether the request's query string holds only `names`, besides tracking parameters.

    A response to any other query string is never stored, so made-up query
    strings cannot fill the cache with copies of one page.
    """
    return all(name in names for name, _ in _page_parameters(request))


def _current_tokens(keys):
    """The tokens for `keys`, creating any that are missing (or were evicted)."""
    tokens = cache.get_many(keys)
    for key in keys:
        if key not in tokens:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            tokens[key] = cache.get(key)
    return tokens


def remember(name, compute, page_id=None):
    """`compute()`, kept until the next site-wide purge (or purge of `page_id`).

    One round trip to the cache reads the tokens and the value together.
    Without a cache shared by every server, a purge on one would not reach the
    others, so nothing is kept.
    """
    if not settings.CACHE_IS_SHARED:
        return compute()
    key = f"pagecache:remember:{name}"
    token_keys = [SITE_TOKEN_KEY] if page_id is None else [SITE_TOKEN_KEY, _page_token_key(page_id)]
    found = cache.get_many([*token_keys, key])
    entry = found.get(key)
    if entry is not None and entry[0] == tuple(found.get(token_key) for token_key in token_keys):
        return entry[1]
    # The tokens are read before computing, so a purge meanwhile discards the result.
    current = _current_tokens(token_keys)
    value = compute()
    cache.set(key, (tuple(current[token_key] for token_key in token_keys), value), timeout=REMEMBER_SECONDS)
    return value


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def is_anonymous_request(request):
    """True if nothing in the request can make its response personal.

    Without a session cookie nobody is signed in and no session state (a
    passed page password, a pending message) can show; a messages cookie
    means a message is waiting to be shown to this reader.
    """
    return (
        request.method in CACHEABLE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


class PageCacheMiddleware:
    """Serve and store anonymous responses that a page marked as shareable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_enabled() and is_anonymous_request(request)):
            return self.get_response(request)

        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None:
            tokens = cache.get_many([SITE_TOKEN_KEY, _page_token_key(entry["page_id"])])
            if (
                tokens.get(SITE_TOKEN_KEY) == entry["site_token"]
                and tokens.get(_page_token_key(entry["page_id"])) == entry["page_token"]
            ):
                return self._replay(entry)

        response = self.get_response(request)
        marker = getattr(request, "_page_cache", None)
        if marker is not None and self._is_shareable(request, response):
            cache.set(key, self._entry(marker, response), timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _is_shareable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A rendered CSRF token belongs to one reader, even if the cookie
            # it pairs with was already set.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _entry(marker, response):
        return {
            **marker,
            "content": response.content,
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in UNSHAREABLE_HEADERS
            ],
        }

    @staticmethod
    def _replay(entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def mark_shareable(request, page):
    """Record, before `page` renders, that its response for `request` may be shared.

    The tokens are read now, not after rendering, so that a purge during
    rendering invalidates what is being rendered.
    """
    site_key, page_key = SITE_TOKEN_KEY, _page_token_key(page.pk)
    tokens = _current_tokens([site_key, page_key])
    request._page_cache = {"page_id": page.pk, "site_token": tokens[site_key], "page_token": tokens[page_key]}


def set_public_cache_headers(response):
    """Shared caches (a CDN) may keep the page as long as we do, since we purge
    them too; browsers, which nobody can purge, only briefly."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
        s_maxage=settings.PAGE_CACHE_SECONDS,
    )


def set_private_cache_headers(response):
    patch_cache_control(response, private=True, no_cache=True)


def _frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _purge_frontend_cache(pages):
    """Purge the pages' public addresses (core.links), with every path each one serves."""
    if not _frontend_cache_configured():
        return
    batch = PurgeBatch()
    for page in pages:
        address = absolute(page)
        batch.add_urls(address + path.lstrip("/") for path in page.specific_deferred.get_cached_paths())
    batch.purge()


def purge_all():
    """Invalidate every cached page: for changes shown on many pages, such as
    the menu, the footer settings or a snippet."""
    cache.set(SITE_TOKEN_KEY, uuid.uuid4().hex, timeout=None)


def purge_pages(pages, ancestors=True):
    """Invalidate `pages` (and, by default, their ancestors) here and in the
    frontend cache, if one is configured."""
    targets = {}
    for page in pages:
        targets[page.pk] = page
        if ancestors:
            targets.update((ancestor.pk, ancestor) for ancestor in page.get_ancestors().filter(depth__gt=1))
    cache.set_many({_page_token_key(page_id): uuid.uuid4().hex for page_id in targets}, timeout=None)
    _purge_frontend_cache(targets.values())


def purge_page(page, ancestors=True):
    purge_pages([page], ancestors=ancestors)


def purge_site():
    """Purge now, and again once the transaction commits: a reader whose request
    starts in between would otherwise render, and cache, the state from before."""
    purge_all()
    transaction.on_commit(purge_all)


def _purge_site_on_change(sender, **kwargs):
    purge_site()


def purge_site_when_changed(*models):
    """Purge every cached page whenever an instance of one of `models` is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(_purge_site_on_change, sender=model, dispatch_uid=f"page_cache_{label}_saved")
        post_delete.connect(_purge_site_on_change, sender=model, dispatch_uid=f"page_cache_{label}_deleted")


def _purge_published_page(sender, instance, **kwargs):
    purge_site()
    transaction.on_commit(lambda: purge_page(instance))


def _purge_moved_page(sender, instance, url_path_before, url_path_after, **kwargs):
    purge_site()
    transaction.on_commit(lambda: purge_page(instance))
    if url_path_before != url_path_after:
        # The CDN still holds the page at its old address.
        old_location = copy.copy(instance)
        old_location.url_path = url_path_before
        transaction.on_commit(lambda: purge_page(old_location, ancestors=False))


def _purge_site_when_page_added_or_deleted(sender, instance, created=True, **kwargs):
    # Live pages created or deleted in code (the demo loader, a whole
    # subtree going at once) send no publishing signal, and routing
    # remembers the page tree. A new draft changes nothing readers see.
    if created and isinstance(instance, Page) and instance.live:
        purge_site()


def purge_pages_when_published():
    post_save.connect(_purge_site_when_page_added_or_deleted, dispatch_uid="page_cache_page_added")
    post_delete.connect(_purge_site_when_page_added_or_deleted, dispatch_uid="page_cache_page_deleted")
    page_published.connect(_purge_published_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(_purge_published_page, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_purge_moved_page, dispatch_uid="page_cache_moved")
