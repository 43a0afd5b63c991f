"""Security hardening: the content security policy, production's headers and
cookies, open redirects, the health check and escaping of hostile input."""

import json
import os
import secrets
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.urls import reverse
from wagtail.models import PageViewRestriction

from accounts.factories import PASSWORD
from home.factories import StandardPageFactory

from .attacks import OPEN_REDIRECT_TARGETS, XSS_PAYLOADS, assert_escaped, assert_redirect_is_local, marker_of


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password=PASSWORD
    )


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


# Content security policy


def test_public_pages_allow_no_inline_or_foreign_scripts(client, home_page):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_error_pages_and_allauth_pages_carry_the_policy_too(client, home_page):
    for path in ("/no-such-page/", reverse("account_login"), reverse("search") + "?q=x"):
        assert "script-src 'self'" in client.get(path)["Content-Security-Policy"], path


def test_the_wagtail_admin_is_left_to_its_own_inline_scripts(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_our_templates_have_no_inline_scripts_or_styles():
    templates = (settings.BASE_DIR / "templates").rglob("*.html")
    for template in templates:
        text = template.read_text()
        for line in text.splitlines():
            if "<script" in line:
                assert " src=" in line or "application/json" in line, f"inline script in {template}"
        assert " style=" not in text, f"inline style in {template}"


# Production settings


def production_settings(extra_env):
    """Selected production settings, as the production settings module computes them."""
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **extra_env,
    }
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SECURE_SSL_REDIRECT",
        "STORAGES",
        "WAGTAILFRONTENDCACHE",
        "CONTENT_SECURITY_POLICY",
        "PAGE_CACHE_SECONDS",
        "ALLAUTH_TRUSTED_PROXY_COUNT",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_and_headers_are_hardened_and_optional_services_are_off():
    values = production_settings({})
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["WAGTAILFRONTENDCACHE"] == {}


def test_s3_media_and_frontend_cache_purging_are_switched_on_by_environment_variables():
    values = production_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": "hub-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.hub.example.org",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
            "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
            "FRONTEND_CACHE_PURGE_URL": "http://varnish.internal:6081",
            "PAGE_CACHE_SECONDS": "120",
        }
    )
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert "https://media.hub.example.org" in values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert values["WAGTAILFRONTENDCACHE"]["cloudflare"]["ZONEID"] == "zone"
    assert values["WAGTAILFRONTENDCACHE"]["http"]["LOCATION"] == "http://varnish.internal:6081"
    assert values["PAGE_CACHE_SECONDS"] == 120


# Open redirects


@pytest.mark.parametrize("target", OPEN_REDIRECT_TARGETS)
def test_signing_in_never_redirects_off_the_site(client, member, target):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert_redirect_is_local(response)


@pytest.mark.parametrize("target", OPEN_REDIRECT_TARGETS)
def test_signing_out_never_redirects_off_the_site(client, member, target):
    client.force_login(member)
    response = client.post(reverse("account_logout"), {"next": target})
    assert response.status_code == 302
    assert_redirect_is_local(response)


@pytest.mark.parametrize("target", OPEN_REDIRECT_TARGETS)
def test_the_admin_sign_in_never_redirects_off_the_site(client, superuser, target):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": superuser.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert_redirect_is_local(response)


@pytest.mark.parametrize("target", OPEN_REDIRECT_TARGETS)
def test_a_page_password_never_redirects_off_the_site(client, home_page, target):
    page = StandardPageFactory(parent=home_page, title="Draft for the panel")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="panel"
    )
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "panel", "return_url": target},
    )
    assert response.status_code == 302
    assert_redirect_is_local(response)


# Health check


def test_the_health_check_reports_the_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_fails_without_saying_why(client, db):
    with mock.patch.object(
        connection, "cursor", side_effect=Exception("could not connect to db.internal as hub")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert b"db.internal" not in response.content


def test_the_health_check_notices_a_failing_cache(client, db):
    with mock.patch("core.views.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


# Hostile input through every field a visitor can type into (see tests/attacks.py)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_search_query_is_escaped(client, home_page, payload):
    StandardPageFactory(parent=home_page, title="Alert levels")
    response = client.get(reverse("search"), {"q": payload})
    assert response.status_code == 200
    assert_escaped(response.content, payload)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_an_address_is_escaped_on_the_not_found_page(client, home_page, payload):
    response = client.get("/" + payload + "/")
    assert response.status_code == 404
    assert_escaped(response.content, payload)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_next_parameter_is_escaped_in_the_sign_in_form(client, db, payload):
    response = client.get(reverse("account_login"), {"next": payload})
    assert_escaped(response.content, payload)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sign_in_and_sign_up_forms_escape_what_was_typed(client, db, payload):
    login = client.post(reverse("account_login"), {"login": payload, "password": payload})
    signup = client.post(
        reverse("account_signup"), {"email": payload, "password1": payload, "password2": payload}
    )
    reset = client.post(reverse("account_reset_password"), {"email": payload})
    for response in (login, signup, reset):
        assert response.status_code == 200
        assert_escaped(response.content, payload)
    # Invalid input never reaches an email.
    assert all(marker_of(payload) not in message.body for message in mail.outbox)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_admin_escapes_a_search_query(client, superuser, home_page, payload):
    client.force_login(superuser)
    for url in (reverse("wagtailadmin_pages:search"), reverse("wagtailusers_users:index")):
        response = client.get(url, {"q": payload})
        assert response.status_code == 200
        assert_escaped(response.content, payload)


@pytest.mark.parametrize("payload", [payload for payload in XSS_PAYLOADS if marker_of(payload) != "xss-10"])
def test_the_escaping_check_catches_each_payload_left_raw(payload):
    """The checker itself: xss-10 is plain text (it proves templates are not
    evaluated), every other payload is dangerous unescaped."""
    with pytest.raises(AssertionError):
        assert_escaped(f'<p>{payload}</p><input value="{payload}">', payload)


def test_production_counts_clients_behind_the_documented_load_balancer():
    # One proxy (the load balancer) unless the deployment says otherwise (docs/deployment.md).
    assert production_settings({})["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    for count in (2, 0):
        values = production_settings({"TRUSTED_PROXY_COUNT": str(count)})
        assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == count
