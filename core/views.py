import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from .links import absolute

logger = logging.getLogger(__name__)


def healthz(request):
    """For load balancers and monitoring: can this server reach its database and cache?

    The answer says which service failed, never why: error messages can carry
    host names, users or paths.
    """
    checks = {"database": _database_is_up, "cache": _cache_is_up}
    results = {}
    for name, check in checks.items():
        try:
            results[name] = "ok" if check() else "error"
        except Exception:
            logger.exception("Health check of the %s failed", name)
            results[name] = "error"
    healthy = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503
    )
    add_never_cache_headers(response)
    return response


def _database_is_up():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_is_up():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


# Search engines may read every public page; the admin, accounts and the
# comment endpoints are no use to them.
ROBOTS_DISALLOWED = ["/admin/", "/accounts/", "/comments/", "/search/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"] + [f"Disallow: {path}" for path in ROBOTS_DISALLOWED]
    lines.append(f"Sitemap: {absolute('/sitemap.xml')}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response
