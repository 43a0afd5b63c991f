"""What an editor sees on the public site, in Chromium, under the content security policy."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.factories import StandardPageFactory

pytestmark = pytest.mark.browser


def test_the_wagtail_userbar_works_for_editors_under_the_policy(browser_page, home_page, client, live_server):
    page = StandardPageFactory(parent=home_page, title="About us")
    editor = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )
    client.force_login(editor)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    browser_page.goto(page.url)
    userbar_trigger = browser_page.locator("wagtail-userbar").locator("[aria-haspopup]").first
    userbar_trigger.click()
    expect(browser_page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    assert browser_page.csp_violations == []
