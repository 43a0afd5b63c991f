import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

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


def healthz_tasks(request):
    """For monitoring, not the load balancer: is the task worker keeping up?

    Reports how long the oldest task ready to run (an email, a CDN purge) has
    waited, and 503 once that passes TASKS_STALE_AFTER_SECONDS: the worker is
    down or overwhelmed. App servers stay in rotation either way.
    """
    try:
        oldest = (
            DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        )
    except Exception:
        logger.exception("Health check of the task queue failed")
        response = JsonResponse({"status": "error", "oldest_unsent_task_seconds": None}, status=503)
    else:
        age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
        healthy = age <= settings.TASKS_STALE_AFTER_SECONDS
        response = JsonResponse(
            {"status": "ok" if healthy else "stale", "oldest_unsent_task_seconds": age},
            status=200 if healthy else 503,
        )
    add_never_cache_headers(response)
    return response
