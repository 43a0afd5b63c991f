"""The Wagtail admin's sign-in is throttled like the site's, and for staff only."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def sign_in_to_admin(client, email, password=PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": email, "password": password})


def signed_in(client):
    return SESSION_KEY in client.session


@pytest.fixture
def superuser():
    return MemberFactory(is_superuser=True, is_staff=True)


def test_wrong_passwords_lock_the_account_out_even_with_the_right_one_next(client, superuser):
    for _ in range(5):
        assert not signed_in(client) and sign_in_to_admin(client, superuser.email, "wrong").status_code == 200
    response = sign_in_to_admin(client, superuser.email)
    assert not signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()


def test_each_address_is_limited_across_accounts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    staff = MemberFactory(is_superuser=True)
    for number in range(3):
        sign_in_to_admin(client, f"someone{number}@example.org", "wrong")
    sign_in_to_admin(client, staff.email)
    assert not signed_in(client)


@pytest.mark.parametrize("verified", [True, False], ids=["verified member", "unverified member"])
def test_members_cannot_sign_in_through_the_admin(client, verified):
    member = MemberFactory(unverified=not verified)
    response = sign_in_to_admin(client, member.email)
    assert not signed_in(client)
    assert "didn&#x27;t match" in response.content.decode()


def test_superusers_and_staff_roles_sign_in(client, superuser):
    response = sign_in_to_admin(client, superuser.email)
    assert response.status_code == 302 and signed_in(client)

    editor = MemberFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.logout()
    response = sign_in_to_admin(client, editor.email)
    assert response.status_code == 302 and signed_in(client)
