from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground every other app stands on; it imports none of them."""

    name = "core"
    verbose_name = "Site"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site

        from . import cache
        from .models import Notice, SiteSettings

        cache.purge_pages_when_published()
        # The menu and breadcrumbs list pages, the footer comes from the site
        # settings, and notices, images and documents are embedded across
        # pages; a view restriction must take a page out of the shared cache.
        cache.purge_site_when_changed(
            Site, PageViewRestriction, Notice, SiteSettings, get_image_model(), get_document_model()
        )
