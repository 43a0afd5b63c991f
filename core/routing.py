"""Page routing from the shared cache, for readers the page cache cannot serve.

Wagtail finds a page by walking the tree from the site's root, one query per
level, and finds the site with another; on every request of a signed-in
member, whose pages are personal, that was most of the page's queries. Here
the same walk runs over a map of the site's pages kept with
``core.cache.remember``, and the specific page comes from the cache too, so
a page whose route and content have not changed costs no query to find.

The walk follows Wagtail's own (``Page.route``) step by step: a routable page
on the way takes over the rest of the path, exactly as it would in Wagtail,
and anything the map cannot answer is a 404 just as Wagtail's would be. The
map changes only when pages are published, unpublished or moved, which purge
the site; a page's own purge drops its cached copy.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from .cache import remember


def _pages_by_url_path(site):
    """{url_path: (page id, is routable)} for every page under the site's root."""
    rows = Page.objects.descendant_of(site.root_page, inclusive=True).values_list(
        "url_path", "pk", "content_type"
    )
    routable_types = {}
    pages = {}
    for url_path, page_id, content_type_id in rows:
        if content_type_id not in routable_types:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            routable_types[content_type_id] = model is not None and issubclass(model, RoutablePageMixin)
        pages[url_path] = (page_id, routable_types[content_type_id])
    return pages


def _specific_page(page_id):
    def fetch():
        try:
            return Page.objects.get(pk=page_id).specific
        except Page.DoesNotExist:
            return None

    return remember(f"page:{page_id}", fetch, page_id=page_id)


def site_for_request(request):
    """The request's Site, found once per host and kept until sites change."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = remember(f"site:{request.get_host()}", lambda: Site.find_for_request(request))
    return request._wagtail_site


def route(request, path):
    """Wagtail's RouteResult for `path` on the request's site (Page.route, from the cache)."""
    site = site_for_request(request)
    if site is None:
        raise Http404
    pages = remember(f"pages:{site.pk}", lambda: _pages_by_url_path(site))
    url_path = site.root_page.url_path
    components = [component for component in path.split("/") if component]
    for depth in range(len(components) + 1):
        if depth:
            url_path += components[depth - 1] + "/"
        found = pages.get(url_path)
        if found is None:
            raise Http404
        page_id, routable = found
        last = depth == len(components)
        if routable or last:
            page = _specific_page(page_id)
            if page is None:
                raise Http404
            return page.route(request, components[depth:])
    raise Http404


def serve(request, path):
    """Wagtail's page view, with the route found from the cache."""
    try:
        request._wagtail_route_for_request = route(request, path)
    except Http404:
        request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
