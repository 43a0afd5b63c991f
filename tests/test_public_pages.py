"""Every public page type of the demo site, in Chromium: each visit is checked with
axe and under the content security policy at once.

The demo is built once for the module and served by a live server of the
module's own; the tests only read it, and the database is put back as
migrations left it when the module ends.
"""

import io
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from wagtail.models import Page

from conftest import CHROMIUM_PATH, DEVELOPMENT_DATABASE
from events.emails import cancel_link
from events.models import EventRegistration, RegistrationStatus
from tests import lighthouse
from tests.browser import open_tab, sign_in
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
    "/consultations/clean-air-streets/school-streets/",
    "/consultations/clean-air-streets/what-we-heard/",
    "/events/",
    "/events/north-neighbourhood-workshop/",
    "/events/launch-meeting/",
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
        # The demo is emptied afterwards: never from the developer's own database.
        assert connections["default"].settings_dict["NAME"] != DEVELOPMENT_DATABASE
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


# A member with comments (My account lists them) and one with a place at an event.
COMMENTER = "amara@demo.engagement-hub.localhost"
ATTENDEE_EVENT = "women-and-girls-workshop"
DISCUSSION = "/consultations/community-safety-plan/trust-and-confidence/"


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


def test_every_public_page_type_is_valid_html(chromium, demo_server, django_db_blocker, nu_errors):
    """Zero Nu HTML Checker errors on every page above, and on the pages members see:
    My account, the discussion with the reply form open beside the main form, an
    event they have a place at, and the cancel link from their email."""
    documents = {}

    def fetch(tab, path, name=None):
        documents[name or path] = tab.request.get(path).text()

    anonymous = open_tab(chromium, demo_server)
    for path in PAGES:
        fetch(anonymous, path)
    with django_db_blocker.unblock():
        commenter = get_user_model().objects.get(email=COMMENTER)
        registration = EventRegistration.objects.filter(
            event__slug=ATTENDEE_EVENT, status=RegistrationStatus.CONFIRMED
        ).first()
        attendee = registration.user
        fetch(anonymous, cancel_link(registration).removeprefix(settings.SITE_BASE_URL), "cancel by link")
    anonymous.context.close()

    as_commenter = open_tab(chromium, demo_server)
    sign_in(as_commenter, demo_server, commenter)
    as_commenter.goto(DISCUSSION)
    reply_link = as_commenter.locator(".comment__reply a").first.get_attribute("href")
    fetch(as_commenter, "/accounts/", "My account, with comments")
    fetch(as_commenter, DISCUSSION, "discussion, signed in")
    fetch(as_commenter, DISCUSSION + reply_link.split("#")[0], "discussion, replying")
    as_commenter.context.close()

    as_attendee = open_tab(chromium, demo_server)
    sign_in(as_attendee, demo_server, attendee)
    fetch(as_attendee, "/accounts/", "My account, with a place")
    fetch(as_attendee, f"/events/{ATTENDEE_EVENT}/", "event, with a place")
    as_attendee.context.close()

    # The states checked are there: both comment forms, and a place at the event.
    assert "Post reply" in documents["discussion, replying"]
    assert "Post comment" in documents["discussion, replying"]
    assert "Yes, cancel my registration" in documents["cancel by link"]
    found = nu_errors(documents)
    assert not found, "The Nu HTML Checker found errors:\n" + "\n".join(
        f"{name}:\n    " + "\n    ".join(messages) for name, messages in found.items()
    )


def test_every_page_type_scores_full_marks_in_lighthouse_seo_and_best_practices(
    demo_server, django_db_blocker
):
    """One page of each type the demo has. Search and account pages are left out:
    they ask search engines not to index them, which Lighthouse's SEO marks down."""
    if reason := lighthouse.missing():
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with django_db_blocker.unblock():
        one_of_each_type = {
            type(page).__name__: page.url for page in Page.objects.live().filter(depth__gt=1).specific()
        }
    expected = {"HomePage", "ConsultationPage", "DiscussionPage", "SurveyPage", "EventPage", "StandardPage"}
    assert expected <= set(one_of_each_type)
    results = lighthouse.audit([demo_server + path for path in one_of_each_type.values()], CHROMIUM_PATH)
    below_full_marks = {
        address: result for address, result in results.items() if set(result["scores"].values()) != {1}
    }
    assert not below_full_marks, below_full_marks


@pytest.mark.parametrize(
    "path", ["/", "/events/", "/consultations/", "/events/north-neighbourhood-workshop/"]
)
def test_on_a_phone_nothing_scrolls_sideways_and_the_header_leaves_room_for_the_page(
    chromium, demo_server, path
):
    width, height = 390, 844
    context = chromium.new_context(base_url=demo_server, viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(path)
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    header = tab.locator(".site-header").bounding_box()["height"]
    context.close()
    assert page_width <= width, f"{path} is {page_width}px wide at {width}px"
    assert header <= height * 0.2, f"the header takes {header / height:.0%} of the first screen"
