"""Admins mark staff as hosts in the Wagtail admin (Settings > Hosts)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

User = get_user_model()


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


@pytest.fixture
def staff_member(db):
    user = User.objects.create_user("alex", "alex@city-hall.example", "x", first_name="Alex")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_hosts_lists_staff_but_not_residents(admin_client, staff_member, make_member):
    resident = make_member(email="resident@example.org")
    page = admin_client.get(reverse("hosts:index")).content.decode()
    assert staff_member.profile.pseudonym in page
    assert resident.profile.pseudonym not in page


def test_an_admin_makes_a_staff_member_a_host(admin_client, staff_member):
    url = reverse("hosts:edit", args=[staff_member.profile.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"is_host": "on", "host_name": "Alex", "host_organisation": "City Hall"}
    )
    assert response.status_code == 302
    staff_member.profile.refresh_from_db()
    assert staff_member.profile.display_name == "Alex"
    assert staff_member.profile.host_organisation == "City Hall"


def test_a_host_without_a_name_is_refused(admin_client, staff_member):
    response = admin_client.post(reverse("hosts:edit", args=[staff_member.profile.pk]), {"is_host": "on"})
    assert response.status_code == 200
    assert "A host needs a name to appear under." in response.content.decode()
    staff_member.profile.refresh_from_db()
    assert not staff_member.profile.is_host


def test_hosts_are_never_added_or_deleted_here(admin_client, staff_member):
    assert admin_client.get(reverse("hosts:add")).status_code in (302, 403)
    assert admin_client.get(reverse("hosts:delete", args=[staff_member.profile.pk])).status_code in (302, 403)


def test_editors_cannot_make_hosts(client, staff_member):
    client.force_login(staff_member)
    assert client.get(reverse("hosts:index")).status_code in (302, 403)
    client.post(reverse("hosts:edit", args=[staff_member.profile.pk]), {"is_host": "on", "host_name": "Alex"})
    staff_member.profile.refresh_from_db()
    assert not staff_member.profile.is_host
