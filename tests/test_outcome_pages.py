"""The demo's finished consultation in Chromium: its outcome, its closed discussion and the
pages that link to them pass axe and the Nu HTML Checker, the outcome prints as a clean
report, and the discussion shows what was discussed beside its comments (below, on a phone)."""

import io

import pytest
from django.core.management import call_command

from tests.browser import open_tab

pytestmark = pytest.mark.browser

CONSULTATION = "/consultations/clean-air-streets/"
OUTCOME = CONSULTATION + "what-we-heard/"
DISCUSSION = CONSULTATION + "school-streets/"
PAGES = [OUTCOME, DISCUSSION, CONSULTATION, "/consultations/", "/"]


@pytest.fixture
def demo(transactional_db, live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def test_the_finished_consultations_pages_pass_axe_and_the_nu_checker(
    browser_page, demo, check_page, nu_errors
):
    documents = {}
    for path in PAGES:
        response = browser_page.goto(demo + path)
        assert response.status == 200
        assert browser_page.locator("h1").count() == 1
        check_page(browser_page)
        documents[path] = browser_page.request.get(demo + path).text()
    found = nu_errors(documents)
    assert not found, "The Nu HTML Checker found errors:\n" + "\n".join(
        f"{name}:\n    " + "\n    ".join(messages) for name, messages in found.items()
    )


def test_an_outcome_prints_as_a_clean_report(browser_page, demo):
    browser_page.emulate_media(media="print")
    browser_page.goto(demo + OUTCOME)
    for chrome in (".site-header", ".site-footer", ".outcome__back", ".skip-link"):
        assert not browser_page.locator(chrome).first.is_visible(), chrome
    decision = browser_page.locator(".decision").first
    assert decision.evaluate("element => getComputedStyle(element).breakInside") == "avoid"
    quote_link = browser_page.locator(".quote__by a").first
    shown = quote_link.evaluate("element => getComputedStyle(element, '::after').content")
    assert quote_link.get_attribute("href") in shown


def test_the_discussion_shows_its_commitments_and_timeline_beside_the_comments_or_below_on_a_phone(
    chromium, demo
):
    for width, beside in ((1280, True), (390, False)):
        tab = open_tab(chromium, demo)
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(demo + DISCUSSION)
        comments = tab.locator(".comments").bounding_box()
        aside = tab.locator(".discussion-context").bounding_box()
        page_width = tab.evaluate("document.documentElement.scrollWidth")
        tab.context.close()
        assert page_width <= width, f"{page_width}px wide at {width}px"
        if beside:
            assert aside["x"] >= comments["x"] + comments["width"]
            assert aside["y"] < comments["y"] + comments["height"]
        else:
            assert aside["y"] >= comments["y"] + comments["height"]
