"""The content security policy in a real browser: our pages and Wagtail's userbar
run without a single violation, and axe can still be injected."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from . import test_browser_pages

pytestmark = pytest.mark.browser


def record_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


DEMO_PAGES = [
    *test_browser_pages.DEMO_PAGES,
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
if apps.is_installed("discussions"):
    DEMO_PAGES.append("/consultations/community-safety-plan/trust-and-confidence/")
if apps.is_installed("surveys"):
    DEMO_PAGES.append("/consultations/community-safety-plan/survey/")


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_public_pages_run_under_the_policy_without_a_violation(demo_site, browser_page, path):
    violations = record_csp_violations(browser_page)
    response = browser_page.goto(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert browser_page.evaluate("document.documentElement.classList.contains('js')")
    assert violations == []


def test_axe_can_still_be_injected_under_the_policy(demo_site, browser_page, assert_accessible):
    browser_page.goto("/consultations/community-safety-plan/")
    assert_accessible(browser_page)


def test_the_wagtail_userbar_works_for_editors_under_the_policy(demo_site, browser_page, client, live_server):
    editor = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )
    client.force_login(editor)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    violations = record_csp_violations(browser_page)
    browser_page.goto("/consultations/community-safety-plan/")
    userbar_trigger = browser_page.locator("wagtail-userbar").locator("[aria-haspopup]").first
    userbar_trigger.click()
    expect(browser_page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    assert violations == []
