import pytest

pytestmark = pytest.mark.browser


def test_demo_home_page_has_no_axe_violations(demo_site, browser_page, assert_accessible):
    browser_page.goto("/")
    assert browser_page.locator("h1").count() == 1
    assert_accessible(browser_page)
