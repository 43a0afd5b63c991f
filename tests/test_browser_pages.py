"""Every public page type of the demo site, in Chromium, checked with axe."""

import pytest

pytestmark = pytest.mark.browser

DEMO_PAGES = [
    "/",
    "/consultations/",
    "/consultations/?status=closed",
    "/consultations/community-safety-plan/",
    "/consultations/clean-air-streets/",
    "/consultations/libraries-and-community-spaces/",
    "/community-guidelines/",
    "/search/?q=safety",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_demo_pages_have_no_axe_violations(demo_site, browser_page, assert_accessible, path):
    browser_page.goto(path)
    assert browser_page.locator("h1").count() == 1
    assert_accessible(browser_page)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_site, browser_page):
    browser_page.goto("/consultations/community-safety-plan/")
    browser_page.keyboard.press("Tab")
    skip_link = browser_page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_filters_work_from_the_keyboard(demo_site, browser_page):
    browser_page.goto("/consultations/")
    browser_page.locator("#filter-status").focus()
    browser_page.keyboard.press("ArrowDown")  # "Upcoming"
    browser_page.keyboard.press("ArrowDown")  # "Open"
    browser_page.locator("#filter-status").press("Tab")
    browser_page.keyboard.press("Tab")  # past the topic filter, to the button
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**status=open**")
    assert browser_page.locator(".card__title").all_inner_texts() == [
        "Draft Community Safety Plan 2026 to 2030"
    ]
