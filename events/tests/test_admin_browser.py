"""Organisers' screens fit the screen they are used on: the summary on a desktop,
attendance and the registrations list on a phone too."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.factories import MemberFactory
from events import registration as registrations
from events.factories import EventIndexPageFactory, EventPageFactory
from tests.browser import assert_fit_side_by_side, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def organiser_tab(browser_page, live_server, home_page):
    organiser = MemberFactory(email="organiser@example.com")
    organiser.groups.add(Group.objects.get(name="Event organisers"))
    starts = timezone.now() + timedelta(days=7)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="Neighbourhood workshop on the future of the Lea Valley riverside paths",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=5,
        organisers=[organiser],
    )
    member = MemberFactory(
        email="a.very.long.address.for.wrapping.checks@residents-of-the-borough.example.org"
    )
    registrations.register(event.pk, member)
    sign_in(browser_page, live_server.url, organiser)
    browser_page.event = event
    return browser_page


def test_the_summary_fits_a_desktop(organiser_tab):
    page = organiser_tab
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/events/")
    assert_fit_side_by_side(page, [".hub-admin-actions .button"])
    assert page.get_by_role("link", name=f"Attendance for {page.event.title}").is_visible()


def test_attendance_is_marked_on_a_phone(organiser_tab):
    page = organiser_tab
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/events/{page.event.pk}/attendance/")
    assert_fit_side_by_side(page, ["input[name=attended]", "text=Save attendance"])
    page.check("input[name=attended]")
    with page.expect_navigation():
        page.click("text=Save attendance")
    assert page.event.registrations.get().attended


@pytest.mark.parametrize("width", [390, 1280])
def test_the_registrations_list_keeps_names_whole_and_emails_inside(organiser_tab, width):
    page = organiser_tab
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/admin/events/eventregistration/?event={page.event.pk}")
    email_cell = page.locator("td.field-email").first
    assert email_cell.evaluate("cell => getComputedStyle(cell).overflowWrap") == "anywhere"
    assert (
        page.locator("td.field-member_name").first.evaluate("cell => getComputedStyle(cell).wordBreak")
        == "normal"
    )
    content = email_cell.evaluate("cell => cell.scrollWidth <= cell.clientWidth")
    assert content, "The email address runs out of its cell"
