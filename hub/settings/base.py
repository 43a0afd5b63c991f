"""Settings shared by every environment.

Only the services a deployment plugs in are read from the environment here
(DATABASE_URL, REDIS_URL), so that one machine with nothing running gets
SQLite and the local-memory cache. Everything else environment-specific
lives in dev.py, test.py and production.py.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Our apps, from the ground up: each imports only the ones above it here.
    "core",
    "accounts",
    "consultations",
    "discussions",
    "surveys",
    "events",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # django-comments-xtd needs sites first, then itself, then django_comments.
    "django.contrib.sites",
    "django_comments_xtd",
    "django_comments",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RefuseNullCharactersMiddleware",
    # Outside the page cache, so cached responses get the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: a cached page for an anonymous
    # reader is served without touching them (see core/cache.py).
    "core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"

# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

# SQLite set up for a web server: readers never wait for the writer (WAL); a
# writer waits its turn (up to 20 s) instead of failing with "database is
# locked"; and each transaction takes the write lock as it begins, so two never
# deadlock trying to turn their read locks into write locks.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis backs the cache and sessions when REDIS_URL is set, so that several
# app servers share them; otherwise one process keeps its own in memory.
# If Redis goes away the site fails open: every read misses and every write is
# dropped (and logged) within a second, so pages render from the database;
# sessions are kept in the database too, so nobody is signed out; rate limits
# refuse until Redis is back (core/ratelimit.py). redis-py reconnects by itself.
if "REDIS_URL" in os.environ:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hub"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Values every request needs (routing, the menu, site settings) are remembered
# only in a cache every process shares, where one purge reaches them all.
CACHE_IS_SHARED = "REDIS_URL" in os.environ

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production's static files: hashed names, compressed, and an error for any file
# the release did not collect. The admin listing tests use it too (conftest.py).
PRODUCTION_STATICFILES_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Complex page models can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Engagement Hub"
# The address people reach the site at: every absolute link starts here (core/links.py).
SITE_BASE_URL = "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILSEARCH_BACKENDS = {
    # On PostgreSQL this backend uses its ranked full-text search.
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_I18N_ENABLED = False
# No outside calls from the admin (privacy; a public body's staff): no release
# check, and no Gravatar for staff without an avatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

DEFAULT_FROM_EMAIL = "Engagement Hub <noreply@engagement-hub.localhost>"

# Background work (email above all) is stored in the database and run by
# `manage.py db_worker`, so it survives a failing mail server or a restart.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# /healthz/tasks answers 503 once the oldest task waiting to run is older than this.
TASKS_STALE_AFTER_SECONDS = 600

# Members sign in with their email address, which they must verify before
# they can comment or register. allauth rate-limits login, signup and resets.
AUTHENTICATION_BACKENDS = [
    # First, because Django loads the signed-in user through the backend that
    # signed them in: this one brings their profile in the same query.
    "accounts.backends.MemberBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# The admin's own sign-in: throttled like the site's, and for staff only.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an address we do not know sends nothing: the page answers
# the same either way, and the site cannot be used to email strangers.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Every email's subject starts with this (core/email.py), allauth's too.
EMAIL_SUBJECT_PREFIX = ACCOUNT_EMAIL_SUBJECT_PREFIX = "Engagement Hub: "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.LoginForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
# A field people never see; a bot that fills it in is told "check your email"
# and nothing is created.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Every rate limit on the site (core/ratelimit.py), allauth's and ours; too many
# requests get the "Too many requests" page (templates/429.html), or the form
# back with what was typed.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip,50/h/ip",
    "reset_password": "10/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
    # Ours: the "My account" actions, then taking part.
    "reroll_pseudonym": "10/m/user",
    "delete_account": "5/m/user",
    "post_comment": "3/m/user",
    "report_comment": "5/10m/user",
    "event_registration": "30/10m/user",
    "answer_survey": "20/m/user",
}
# The confirmation emails say "3 days".
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# Tell members by email when their password or email address changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Content Security Policy (django-csp): scripts and styles only from our own
# files, never inline. The Wagtail admin is excluded: it relies on inline
# scripts and styles of its own and is for trusted staff behind a sign-in.
# The userbar on public pages loads Wagtail's static files, which "self" allows.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Embed blocks: the video services editors use.
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Full-page cache for anonymous readers (core/cache.py): how long the Django
# cache and a CDN keep a page (purged on change), and how long browsers may.
# 0 turns the cache off.
PAGE_CACHE_SECONDS = 300
PAGE_CACHE_BROWSER_SECONDS = 60

# Discussions: django-comments-xtd comments on DiscussionPage, posted only by
# verified members through discussions.views (never xtd's own endpoints).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_FORM_CLASS = "discussions.forms.DiscussionCommentForm"
# Members are signed in, so comments publish (or wait for a moderator) without
# xtd's email-confirmation round trip meant for anonymous commenters.
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_DEFAULT_FOLLOWUP = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": False,
        "allow_feedback": False,
        "show_feedback": False,
    }
}
COMMENT_MAX_LENGTH = 3000
DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 2
DISCUSSIONS_REPORTS_TO_HIDE = 3
# Reports from accounts younger than this with no published comment reach the
# moderators but do not count towards hiding a comment (discussions/moderation.py).
DISCUSSIONS_REPORTER_MIN_AGE_DAYS = 7
DISCUSSIONS_THREADS_PER_PAGE = 20
DISCUSSIONS_PREVIEW_CHARS = 400

# The read API (core/api.py, /api/v2/) answers in JSON only, to anyone, read-only.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
WAGTAILAPI_LIMIT_MAX = 50
