"""Every public page type of the demo site, in Chromium: each visit is checked with
axe and under the content security policy at once.

The demo is built once for the module and served by a live server of the
module's own; the tests only read it, and the database is put back as
migrations left it when the module ends.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connections

from tests.browser import open_tab
from tests.database import restore_migrated_data

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/consultations/",
    "/consultations/?status=closed",
    "/consultations/community-safety-plan/",
    "/consultations/clean-air-streets/",
    "/consultations/libraries-and-community-spaces/",
    "/consultations/community-safety-plan/trust-and-confidence/",
    "/consultations/community-safety-plan/survey/",
    "/events/",
    "/events/north-neighbourhood-workshop/",
    "/community-guidelines/",
    "/search/?q=safety",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def demo_server(chromium, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        server = LiveServer("localhost")
        yield server.url
        server.stop()
        for connection in connections.all():
            call_command("flush", database=connection.alias, interactive=False, inhibit_post_migrate=True)
        restore_migrated_data()


@pytest.fixture
def tab(chromium, demo_server):
    page = open_tab(chromium, demo_server)
    yield page
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_public_page(tab, check_page, path):
    response = tab.goto(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The site's own script ran: the policy let it through.
    assert tab.evaluate("document.documentElement.classList.contains('js')")
    assert tab.locator("h1").count() == 1
    check_page(tab)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(tab):
    tab.goto("/consultations/community-safety-plan/")
    tab.keyboard.press("Tab")
    skip_link = tab.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main-content"


def test_filters_work_from_the_keyboard(tab):
    tab.goto("/consultations/")
    tab.locator("#filter-status").focus()
    tab.keyboard.press("ArrowDown")  # "Upcoming"
    tab.keyboard.press("ArrowDown")  # "Open"
    tab.locator("#filter-status").press("Tab")
    tab.keyboard.press("Tab")  # past the topic filter, to the button
    tab.keyboard.press("Enter")
    tab.wait_for_url("**status=open**")
    assert tab.locator(".card__title").all_inner_texts() == ["Draft Community Safety Plan 2026 to 2030"]
