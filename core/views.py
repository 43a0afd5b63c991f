import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

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
