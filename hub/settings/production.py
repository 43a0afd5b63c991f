"""Production settings: everything comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = False

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.") from missing

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in emails and admin notifications.
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = os.environ.get(
    "SITE_BASE_URL", "https://localhost"
).rstrip("/")

STORAGES["staticfiles"] = PRODUCTION_STATICFILES_STORAGE  # noqa: F405

# TLS is terminated at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (the load balancer, then a CDN if any) append to
# X-Forwarded-For: every rate limit per address counts the client they saw
# (core/ratelimit.py). 0 when the app servers face the internet themselves.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe app servers directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/tasks)?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# No script of ours reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", PAGE_CACHE_SECONDS))  # noqa: F405
PAGE_CACHE_BROWSER_SECONDS = int(
    os.environ.get("PAGE_CACHE_BROWSER_SECONDS", PAGE_CACHE_BROWSER_SECONDS)  # noqa: F405
)

# Media (images, documents) in S3-compatible object storage, so that every app
# server sees every upload. Without a bucket they stay on the local disk.
if "AWS_STORAGE_BUCKET_NAME" in os.environ:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by
    # boto3 itself, or from the machine's role.
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # The bucket's own policy decides who may read; published images and
    # documents are public, so their URLs need no signature unless asked.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # Two uploads with the same name never overwrite each other.
    AWS_S3_FILE_OVERWRITE = False
    media_origin = (
        AWS_S3_CUSTOM_DOMAIN or AWS_S3_ENDPOINT_URL or f"{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
    media_origin = media_origin if "://" in media_origin else f"https://{media_origin}"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [  # noqa: F405
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],  # noqa: F405
        media_origin,
    ]

# A CDN or caching proxy in front, purged when pages change (core/cache.py).
# Off unless configured: Cloudflare by zone and API token, or any cache that
# accepts HTTP PURGE requests (Varnish, Fastly, nginx with a purge module).
WAGTAILFRONTENDCACHE = {}
if "FRONTEND_CACHE_CLOUDFLARE_ZONEID" in os.environ:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
    }
if "FRONTEND_CACHE_PURGE_URL" in os.environ:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
