"""Organiser tools: who can use them, counts, attendance, CSV export and cancelling an event."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from events import registration as registrations
from events.models import EventPage, RegistrationStatus

from .conftest import london

# Production's static storage: a missing static file fails here as it would live.
pytestmark = pytest.mark.usefixtures("frozen_now", "production_static_storage")

REGISTRATIONS = reverse("events_eventregistration_modeladmin_index")
SUMMARY = reverse("events_admin_summary")


@pytest.fixture
def staff(make_member):
    def make(group_name):
        user = make_member()
        group, _ = Group.objects.get_or_create(name=group_name)
        if group_name != "Event organisers":
            # Staff in other roles can reach the admin, but not the organiser tools.
            group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def organiser_member(make_member):
    member = make_member()
    member.groups.add(Group.objects.get(name="Event organisers"))
    return member


@pytest.fixture
def organiser(organiser_member):
    """An event organiser, signed in to the admin: they organise the events made with `make_event`."""
    client = Client()
    client.force_login(organiser_member)
    return client


@pytest.fixture
def make_event(make_event, organiser_member):
    def make(**fields):
        return make_event(**{"organisers": [organiser_member], **fields})

    return make


@pytest.fixture
def registered(make_event, make_member):
    event = make_event(title="Town hall", capacity=1)
    people = [
        make_member(email='=HYPERLINK("http://evil.example")@example.org'),
        make_member(),
        make_member(),
    ]
    registrations.register(event.pk, people[0], {"other_needs": "+cmd|' /C calc'!A0"})
    registrations.register(event.pk, people[1])
    registrations.register(event.pk, people[2])
    registrations.cancel(event.registrations.get(user=people[2]))
    return event


def test_organisers_see_counts_per_event(organiser, registered):
    response = organiser.get(SUMMARY)
    assert response.status_code == 200
    (event,) = response.context["events"]
    assert (event.confirmed_count, event.waitlisted_count, event.cancelled_count, event.attended_count) == (
        1,
        1,
        1,
        0,
    )
    page = response.content.decode()
    # Short words on the buttons; the hidden rest names the event for a screen reader.
    assert 'Attendance<span class="w-sr-only"> for Town hall</span>' in page
    assert 'Cancel<span class="w-sr-only"> event Town hall</span>' in page
    assert 'class="visually-hidden"' not in page
    assert f'href="{REGISTRATIONS}"' in page


def test_the_admin_menu_has_one_way_to_registrations(admin_client):
    menu = re.findall(r'"label": "([^"]+)"', admin_client.get("/admin/").content.decode())
    assert menu.count("Event registrations") == 1
    assert "Registrations" not in menu


@pytest.mark.parametrize("role", ["Editors", "Moderators", "Publishers"])
def test_other_staff_cannot_use_the_organiser_tools(staff, registered, role):
    client = staff(role)
    for url in [
        SUMMARY,
        REGISTRATIONS,
        REGISTRATIONS + "?export=csv",
        reverse("events_admin_attendance", args=[registered.pk]),
        reverse("events_admin_cancel", args=[registered.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Town hall" not in response.content.decode()
    client.post(reverse("events_admin_cancel", args=[registered.pk]))
    client.post(reverse("events_admin_attendance", args=[registered.pk]), {"attended": [1]})
    assert EventPage.objects.get(pk=registered.pk).cancelled_at is None
    assert not registered.registrations.filter(attended=True).exists()


def test_members_cannot_reach_the_admin(member, registered):
    client = Client()
    client.force_login(member)
    for url in [SUMMARY, REGISTRATIONS, REGISTRATIONS + "?export=csv"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_organisers_list_filter_and_search_registrations(organiser, registered):
    response = organiser.get(REGISTRATIONS, {"status": "waitlisted"})
    assert [registration.status for registration in response.context["object_list"]] == ["waitlisted"]
    response = organiser.get(REGISTRATIONS, {"q": "HYPERLINK"})
    assert len(response.context["object_list"]) == 1
    response = organiser.get(REGISTRATIONS, {"event": registered.pk})
    assert len(response.context["object_list"]) == 3
    # Attendance in words, not Django admin's icons (not served here) with alt text "False".
    html = response.content.decode()
    assert "/static/admin/img/" not in html
    assert re.search(r">\s*No\s*<", html)


def test_the_registrations_list_and_each_registration_render_with_production_static_files(
    organiser, registered
):
    registered.registrations.update(attended=True)
    response = organiser.get(REGISTRATIONS)
    assert response.status_code == 200
    assert "<td" in response.content.decode() and "Attended" in response.content.decode()
    for registration in registered.registrations.all():
        url = reverse("events_eventregistration_modeladmin_inspect", args=[registration.pk])
        assert organiser.get(url).status_code == 200


def test_csv_export_neutralises_a_formula_in_the_event_title(organiser, make_event, make_member):
    event = make_event(title='=HYPERLINK("http://evil.example","Town hall")')
    registrations.register(event.pk, make_member())
    response = organiser.get(REGISTRATIONS, {"export": "csv", "event": event.pk})
    [row] = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert row["Event"] == '\'=HYPERLINK("http://evil.example","Town hall")'


def test_csv_export_neutralises_formulas(organiser, registered):
    response = organiser.get(REGISTRATIONS, {"export": "csv", "event": registered.pk})
    assert response.status_code == 200
    content = response.getvalue()
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 3
    first = next(row for row in rows if row["Status"] == "Confirmed")
    assert first["Email"] == '\'=HYPERLINK("http://evil.example")@example.org'
    assert first["Access needs"] == "'+cmd|' /C calc'!A0"
    assert first["Event"] == "Town hall"
    assert (first["Event starts"], first["Attended"]) == ("2025-01-14 18:00", "No")
    assert first["Member"] == registered.registrations.confirmed().get().member_name
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_organisers_mark_attendance_for_many_at_once(organiser, registered, make_member):
    registered.capacity = 3
    registered.save()
    for _ in range(2):
        registrations.register(registered.pk, make_member())
    confirmed = list(registered.registrations.confirmed().order_by("pk"))
    assert len(confirmed) == 3
    url = reverse("events_admin_attendance", args=[registered.pk])
    assert organiser.get(url).status_code == 200
    organiser.post(url, {"attended": [confirmed[0].pk, confirmed[2].pk]})
    assert set(registered.registrations.filter(attended=True).values_list("pk", flat=True)) == {
        confirmed[0].pk,
        confirmed[2].pk,
    }
    # Unticking is saved too.
    organiser.post(url, {"attended": [confirmed[2].pk]})
    assert list(registered.registrations.filter(attended=True).values_list("pk", flat=True)) == [
        confirmed[2].pk
    ]


def test_organisers_cancel_an_event_and_everyone_is_told(organiser, registered):
    url = reverse("events_admin_cancel", args=[registered.pk])
    assert "cannot be undone" in organiser.get(url).content.decode()
    mail.outbox.clear()
    response = organiser.post(url, follow=True)
    assert "is cancelled" in response.content.decode()
    assert len(mail.outbox) == 2
    assert EventPage.objects.get(pk=registered.pk).cancelled_at is not None
    assert set(registered.registrations.values_list("status", flat=True)) == {RegistrationStatus.CANCELLED}


@pytest.fixture
def admin_client_for_pages(make_member, event_index):
    user = make_member()
    user.is_superuser = True
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def event_form(**overrides):
    data = {
        "title": "Town hall",
        "slug": "town-hall",
        "introduction": "",
        "starts_at": "2025-01-14 18:00",
        "ends_at": "2025-01-14 20:00",
        "format": "in-person",
        "venue": "City Hall",
        "address": "",
        "joining_link": "",
        "capacity": "50",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "description": rich_text("<p>Come along.</p>"),
        "accessibility": "",
        "consultation": "",
        "action-publish": "publish",
    } | overrides
    return nested_form_data(data)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"ends_at": "2025-01-14 17:00"}, "The event must end after it starts."),
        ({"registration_closes_at": "2025-01-15 09:00"}, "Registration must close before the event starts."),
        ({"capacity": "-5"}, "Ensure this value is greater than or equal to"),
        ({"capacity": "99999999"}, "Ensure this value is less than or equal to 5000."),
        ({"capacity": "lots"}, "Enter a whole number."),
    ],
)
def test_admin_form_reports_impossible_events(admin_client_for_pages, event_index, overrides, message):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    response = admin_client_for_pages.post(url, event_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_admin_form_creates_a_good_event(admin_client_for_pages, event_index):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    response = admin_client_for_pages.post(url, event_form())
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.live and event.starts_at == london(2025, 1, 14, 18)


def test_a_new_event_can_be_previewed_before_it_is_saved(admin_client_for_pages, event_index):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["events", "eventpage", event_index.pk])
    assert admin_client_for_pages.post(url, event_form()).json() == {"is_valid": True, "is_available": True}
    response = admin_client_for_pages.get(url)
    assert response.status_code == 200
    assert "Tuesday 14 January, 6pm to 8pm" in response.content.decode()
    assert "50 places left" in response.content.decode()


def test_organisers_mark_one_registration_attended_from_its_row(organiser, registered):
    registration = registered.registrations.confirmed().get()
    url = reverse("events_eventregistration_modeladmin_edit", args=[registration.pk])
    response = organiser.get(url)
    assert response.status_code == 200
    assert 'name="event"' not in response.content.decode()  # who and which event are not editable
    organiser.post(url, {"attended": "on", "other_needs": registration.other_needs})
    registration.refresh_from_db()
    assert registration.attended and registration.is_confirmed


@pytest.fixture
def someone_elses_event(make_event, make_member):
    event = make_event(title="Youth forum", organisers=[])
    registrations.register(event.pk, make_member(email="youth@example.org"), {"other_needs": "Quiet room"})
    return event


def test_organisers_see_only_the_events_they_organise(organiser, registered, someone_elses_event):
    summary = organiser.get(SUMMARY).content.decode()
    assert "Town hall" in summary and "Youth forum" not in summary
    listing = organiser.get(REGISTRATIONS).content.decode()
    assert "Youth forum" not in listing and "youth@example.org" not in listing
    export = organiser.get(REGISTRATIONS, {"export": "csv"}).getvalue().decode("utf-8-sig")
    assert "Town hall" in export and "youth@example.org" not in export and "Quiet room" not in export
    assert (
        "youth@example.org"
        not in organiser.get(REGISTRATIONS, {"event": someone_elses_event.pk}).content.decode()
    )

    theirs = someone_elses_event.registrations.get()
    for action in ("inspect", "edit", "delete"):
        url = reverse(f"events_eventregistration_modeladmin_{action}", args=[theirs.pk])
        response = organiser.get(url)
        # Refused: Wagtail sends staff back to the dashboard with "Sorry, you do not have permission".
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), action
    for name in ("events_admin_attendance", "events_admin_cancel"):
        url = reverse(name, args=[someone_elses_event.pk])
        assert organiser.get(url).status_code == 404
        assert organiser.post(url).status_code == 404
    someone_elses_event.refresh_from_db()
    assert someone_elses_event.cancelled_at is None


def test_event_leads_see_every_event(make_member, registered, someone_elses_event):
    lead = make_member()
    lead.groups.add(Group.objects.get(name="Event leads"))
    client = Client()
    client.force_login(lead)
    summary = client.get(SUMMARY).content.decode()
    assert "Town hall" in summary and "Youth forum" in summary
    assert "youth@example.org" in client.get(REGISTRATIONS).content.decode()


def test_editors_name_an_events_organisers_from_the_event_organisers(
    admin_client_for_pages, someone_elses_event, organiser_member, make_member
):
    not_an_organiser = make_member(email="editor-only@example.org")
    url = reverse("wagtailadmin_pages:edit", args=[someone_elses_event.pk])
    form = admin_client_for_pages.get(url).content.decode()
    assert f'value="{organiser_member.pk}"' in form
    assert f'value="{not_an_organiser.pk}"' not in form


def test_csv_export_reads_as_words_with_empty_cells_left_empty(organiser, registered):
    response = organiser.get(REGISTRATIONS, {"export": "csv", "event": registered.pk})
    rows = {
        row["Status"]: row for row in csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
    }
    assert set(rows) == {"Confirmed", "On the waitlist", "Cancelled"}
    assert rows["On the waitlist"]["Access needs"] == ""
    assert rows["Confirmed"]["Attended"] == "No"
    # Only a confirmed place can be attended: no "No" beside a cancellation.
    assert rows["Cancelled"]["Attended"] == rows["On the waitlist"]["Attended"] == ""


def test_deleting_a_registration_promotes_the_first_person_waiting(admin_client, registered):
    # Organisers cannot delete registrations; an administrator can.
    confirmed = registered.registrations.confirmed().get()
    waiting = registered.registrations.waitlisted().get()
    mail.outbox.clear()
    delete_url = reverse("events_eventregistration_modeladmin_delete", args=[confirmed.pk])
    assert admin_client.post(delete_url).status_code == 302
    assert not registered.registrations.filter(pk=confirmed.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    [email] = mail.outbox
    assert email.to == [waiting.user.email]
    assert "place" in email.subject.lower()
