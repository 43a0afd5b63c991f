"""Keep the full-page cache (home.cache) and any frontend cache in step with content."""

import copy

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache as page_cache

# Models whose changes can show on any page: the menu and breadcrumbs list
# pages, the footer comes from the site settings, and notices, topics, images
# and documents are embedded across pages. A view restriction must take a page
# out of the shared cache at once.
SITE_WIDE_MODELS = [
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "home.Notice",
    "home.SiteSettings",
    "consultations.Topic",
    "wagtailimages.Image",
    "wagtaildocs.Document",
]


def purge_site():
    """Purge now, and again once the transaction commits: a reader whose request
    starts in between would otherwise render, and cache, the state from before."""
    page_cache.purge_all()
    transaction.on_commit(page_cache.purge_all)


def purge_everything(sender, instance=None, **kwargs):
    purge_site()


def purge_for_page_change(sender, instance, **kwargs):
    """Every page save or deletion (drafts included, which is harmless)."""
    if isinstance(instance, Page):
        purge_site()


def purge_published_page(sender, instance, **kwargs):
    purge_site()
    transaction.on_commit(lambda: page_cache.purge_page(instance))


def purge_moved_page(sender, instance, url_path_before, url_path_after, **kwargs):
    purge_site()
    transaction.on_commit(lambda: page_cache.purge_page(instance))
    if url_path_before != url_path_after:
        # The CDN still holds the page at its old address.
        old_location = copy.copy(instance)
        old_location.url_path = url_path_before
        transaction.on_commit(lambda: page_cache.purge_page(old_location, ancestors=False))


def connect():
    page_published.connect(purge_published_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge_published_page, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="page_cache_moved")
    post_save.connect(purge_for_page_change, dispatch_uid="page_cache_page_saved")
    post_delete.connect(purge_for_page_change, dispatch_uid="page_cache_page_deleted")
    for label in SITE_WIDE_MODELS:
        model = apps.get_model(label)
        post_save.connect(purge_everything, sender=model, dispatch_uid=f"page_cache_{label}_saved")
        post_delete.connect(purge_everything, sender=model, dispatch_uid=f"page_cache_{label}_deleted")
