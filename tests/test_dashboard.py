"""The admin dashboard: each role sees the panels for its work, each drawn in a bounded number of queries."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.moderation import hold
from events.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

PANELS = {
    "moderation": "Moderation",
    "open-consultations": "Open consultations",
    "next-events": "Next events",
}


def dashboard_for(*groups, superuser=False):
    user = MemberFactory(is_superuser=superuser, is_staff=superuser)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return client.get("/admin/").content.decode()


def panels_in(html):
    return {panel_id for panel_id in PANELS if f'id="{panel_id}' in html}


@pytest.fixture
def activity(home_page):
    discussion = DiscussionPageFactory(parent=ConsultationPageFactory(title="Safer parks"))
    for number in range(3):
        comment = CommentFactory(
            page=discussion, user=MemberFactory(), text=f"Held {number}", is_public=False
        )
        hold(comment, ["we check a new member's first comments"])
    CommentFactory(page=discussion, user=MemberFactory(), text="Published")
    EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Park walk", capacity=12)


def test_each_role_sees_the_panels_for_its_work(activity):
    assert panels_in(dashboard_for("Moderators")) == {"moderation"}
    assert panels_in(dashboard_for("Event organisers")) == {"next-events"}
    assert panels_in(dashboard_for("Editors")) == {"open-consultations"}
    everything = dashboard_for(superuser=True)
    assert panels_in(everything) == set(PANELS)
    assert "<strong>3</strong> comments waiting" in everything
    assert "Safer parks" in everything
    assert "Park walk" in everything and "12 of 12" in everything


def test_organisers_see_only_the_events_they_organise(home_page):
    organiser = MemberFactory()
    organiser.groups.add(Group.objects.get(name="Event organisers"))
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, title="Park walk", organisers=[organiser])
    EventPageFactory(parent=index, title="Youth forum")
    client = Client()
    client.force_login(organiser)
    html = client.get("/admin/").content.decode()
    assert "Park walk" in html and "Youth forum" not in html


def test_the_dashboard_queries_do_not_grow_with_the_site(activity):
    client = Client()
    client.force_login(MemberFactory(is_superuser=True, is_staff=True))

    def queries():
        client.get("/admin/")  # Warms the caches a new page purged.
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/")
        return len(captured)

    before = queries()
    for number in range(5):
        ConsultationPageFactory(title=f"More {number}")
        EventPageFactory(parent=EventIndexPageFactory(), title=f"Event {number}")
    assert queries() == before
