import os

from .base import *  # noqa: F403

DEBUG = True

# A fixed key is fine here: this file never runs in production.
SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Where `make run` serves: the links in emails printed below lead there.
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = (
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)

# Mail is printed to the terminal running `make run`, so a person can follow
# a verification link from there.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Template and content changes show at once while developing.
PAGE_CACHE_SECONDS = 0
