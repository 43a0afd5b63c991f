"""The read API (Wagtail API v2): public pages, read-only, through the page cache.

Only live, public pages are listed (Wagtail's own rule), with the fields each
page type names in `api_fields`: none of them holds personal data, and a test
holds that. Nobody signs in to the API: it ignores sessions, so every reader
gets the same answer, which the page cache (core.cache) shares. An answer is
stored under the site's root page, whose token every change to a page or to
what a page counts (comments, registrations) replaces, so it is never stale.

Addresses in answers start from SITE_BASE_URL, as every absolute link does
(core.links), not from Wagtail's Site records.
"""

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from . import cache as page_cache
from .links import absolute


class PageAddressField(PageHtmlUrlField):
    def to_representation(self, page):
        return absolute(page)


class PublicPageSerializer(PageSerializer):
    html_url = PageAddressField(read_only=True)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        site = Site.find_for_request(request)
        self._shareable = page_cache.is_enabled() and page_cache.is_anonymous_request(request) and site
        if self._shareable:
            page_cache.mark_shareable(request._request, site.root_page)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "_shareable", False):
            page_cache.set_public_cache_headers(response)
        else:
            page_cache.set_private_cache_headers(response)
        return response
