"""A member registers from a consultation's timeline and cancels, with the keyboard alone."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.factories import MemberFactory
from events.models import EventRegistration
from tests.browser import sign_in, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def events_demo(transactional_db):
    """The demo site, for a test in a live browser."""
    call_command("load_demo_content", stdout=io.StringIO())


def test_register_from_the_timeline_and_cancel_with_the_keyboard(
    events_demo, browser_page, live_server, check_page
):
    # One test for the whole journey and the axe checks: each browser test empties the database after it.
    for url in [
        "/events/",
        "/events/?format=online",
        "/events/women-and-girls-workshop/",
        "/events/launch-meeting/",
    ]:
        browser_page.goto(url)
        assert browser_page.locator("h1").count() == 1
        check_page(browser_page)

    user = sign_in(browser_page, live_server.url, MemberFactory(email="keyboard@example.org"))
    browser_page.goto("/consultations/community-safety-plan/")

    tab_to(browser_page, 'a.timeline-event__register[href*="north-neighbourhood-workshop"]')
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/events/north-neighbourhood-workshop/**")
    check_page(browser_page)

    tab_to(browser_page, ".event-registration button[type=submit]")
    browser_page.keyboard.press("Enter")
    expect(browser_page.get_by_text("Your place is confirmed. We have emailed you")).to_be_visible()
    expect(browser_page.get_by_text("You are registered.")).to_be_visible()
    assert EventRegistration.objects.get(user=user).is_confirmed
    check_page(browser_page)

    tab_to(browser_page, '.event-registration form[action$="/cancel/"] button')
    browser_page.keyboard.press("Enter")
    # A confirmation page asks first, and nothing is cancelled until the member says yes.
    expect(browser_page.get_by_role("heading", name="Cancel your registration")).to_be_visible()
    assert EventRegistration.objects.get(user=user).is_confirmed
    check_page(browser_page)
    tab_to(browser_page, "button.button--danger")
    browser_page.keyboard.press("Enter")
    expect(browser_page.get_by_text("Your registration for Neighbourhood workshop")).to_be_visible()
    assert EventRegistration.objects.get(user=user).status == "cancelled"
