import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the test, unless a test asks for the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A run on Redis gets a key prefix of its own, so two runs never share keys.
if "REDIS_URL" in os.environ:
    CACHES["default"]["KEY_PREFIX"] = f"hub-test-{os.getpid()}"  # noqa: F405

MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
# Every test client builds the middleware afresh: without this, whitenoise would
# scan every collected static file each time (the tests fetch none).
WHITENOISE_AUTOREFRESH = True
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"

# The full-page cache is off so that tests see each change at once; the tests
# of the cache itself, and of anything that must purge it, turn it on with the
# `page_cache` fixture.
PAGE_CACHE_SECONDS = 0

# Each test process has one cache of its own, emptied before every test, so
# remembering values (core.cache.remember) is safe; keeping them in every test
# checks that every change purges what it must.
CACHE_IS_SHARED = True
