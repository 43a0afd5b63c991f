"""Data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.factories import PASSWORD
from accounts.privacy import delete_member
from accounts.signals import member_data_requested, member_deleting
from core.email import queue_email

User = get_user_model()


@pytest.fixture
def other_app_data():
    """Stands in for an app (comments, registrations) that answers the export signal."""

    def receiver(sender, user, **kwargs):
        return {"comments": [{"text": f"A comment by {user.profile.pseudonym}"}]}

    member_data_requested.connect(receiver)
    yield
    member_data_requested.disconnect(receiver)


def download(client):
    response = client.post(reverse("account_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="engagement-hub-my-data.json"'
    return json.loads(response.content)


@pytest.mark.django_db
def test_export_holds_the_members_data_and_no_one_elses(client, make_member, other_app_data):
    member = make_member(email="me@example.org")
    other = make_member(email="someone-else@example.org")
    EmailAddress.objects.create(user=member, email="me.too@example.org", verified=False)
    member.profile.area, member.profile.age_band = "Camden", "25-34"
    member.profile.save()
    client.force_login(member)

    data = download(client)

    assert data["account"]["email"] == "me@example.org"
    assert data["account"]["username"] == member.username
    assert [address["email"] for address in data["account"]["email_addresses"]] == [
        "me.too@example.org",
        "me@example.org",
    ]
    assert data["profile"]["pseudonym"] == member.profile.pseudonym
    assert (data["profile"]["area"], data["profile"]["age_band"]) == ("Camden", "25 to 34")
    assert data["comments"] == [{"text": f"A comment by {member.profile.pseudonym}"}]
    text = json.dumps(data)
    assert other.email not in text
    assert other.profile.pseudonym not in text


@pytest.mark.django_db
def test_export_page_explains_and_downloads_only_by_post(member_client):
    page = member_client.get(reverse("account_export")).content.decode()
    assert "Download my data" in page
    assert 'method="post"' in page


def test_export_needs_signing_in(client):
    assert client.post(reverse("account_export")).status_code == 302


def every_text_field_containing(text):
    """(model, field) pairs anywhere in the database whose value contains `text`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            text_field = isinstance(field, (models.CharField, models.TextField, models.JSONField))
            if text_field and model._default_manager.filter(**{f"{field.name}__icontains": text}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.mark.django_db
def test_deleting_an_account_removes_every_trace_of_the_email(client, make_member):
    member = make_member(email="leaving@example.org", first_name="Lee", last_name="Ving")
    EmailAddress.objects.create(user=member, email="old.address@example.org", verified=True)
    stayer = make_member(email="staying@example.org")
    # An email waiting in the database queue holds the address too.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        queue_email(EmailMessage("Hello", "Reply", to=["leaving@example.org"]))
    assert every_text_field_containing("leaving@example.org")

    deleting = []

    def receiver(sender, user, **kwargs):
        # Other apps see the member still there, inside the deletion's transaction.
        deleting.append(User.objects.filter(pk=user.pk).exists())

    member_deleting.connect(receiver)
    try:
        client.post(reverse("account_login"), {"login": "leaving@example.org", "password": PASSWORD})
        page = client.get(reverse("account_delete")).content.decode()
        assert "Delete your account" in page
        response = client.post(reverse("account_delete"), {"password": PASSWORD})
    finally:
        member_deleting.disconnect(receiver)

    assert deleting == [True]  # Once only, though the user row's pre_delete follows.
    assert response.status_code == 302 and response.url == "/"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Your account has been deleted. Thank you for taking part."
    ]
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pk=member.pk).exists()
    for trace in ["leaving@example.org", "old.address@example.org", "Ving"]:
        assert every_text_field_containing(trace) == [], trace
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        assert not [
            s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(member.pk)
        ]
    assert User.objects.filter(pk=stayer.pk).exists()
    assert EmailAddress.objects.filter(email="staying@example.org").exists()
    # And no way back in.
    response = client.post(reverse("account_login"), {"login": "leaving@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_user_deleted_in_the_wagtail_admin_is_forgotten_too(client, make_member):
    member = make_member(email="erase-me@example.org")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        queue_email(EmailMessage("Hello", "Reply", to=["erase-me@example.org"]))
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    deleting = []

    def receiver(sender, user, **kwargs):
        deleting.append(user.pk)

    member_deleting.connect(receiver)
    try:
        response = client.post(reverse("wagtailusers_users:delete", args=[member.pk]))
    finally:
        member_deleting.disconnect(receiver)
    assert response.status_code == 302
    assert deleting == [member.pk]
    assert every_text_field_containing("erase-me@example.org") == []


@pytest.mark.django_db
def test_other_sessions_of_a_deleted_member_end(make_member, client):
    member = make_member(email="two-devices@example.org")
    other_device = type(client)()
    other_device.force_login(member)
    client.force_login(member)
    client.post(reverse("account_delete"), {"password": PASSWORD})
    response = other_device.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_a_wrong_password_deletes_nothing(member_client, member):
    response = member_client.post(reverse("account_delete"), {"password": "not-my-password"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "That is not your password. Your account has not been deleted." in page
    assert "There is a problem" in page
    assert User.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_guessing_the_password_on_the_deletion_page_is_rate_limited(member_client, member):
    statuses = [
        member_client.post(reverse("account_delete"), {"password": "guess"}).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert User.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_a_member_without_a_password_confirms_by_typing(client, make_member):
    member = make_member(email="no-password@example.org")
    member.set_unusable_password()
    member.save()
    client.force_login(member)
    response = client.post(reverse("account_delete"), {"confirmation": "delete my acount"})
    assert "exactly to delete your account" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    client.post(reverse("account_delete"), {"confirmation": "Delete my account"})
    assert not User.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_a_failure_in_another_app_leaves_the_account_whole(member_client, member):
    def failing_receiver(sender, user, **kwargs):
        raise RuntimeError("registrations could not be cancelled")

    member_deleting.connect(failing_receiver)
    try:
        with pytest.raises(RuntimeError):
            member_client.post(reverse("account_delete"), {"password": PASSWORD})
    finally:
        member_deleting.disconnect(failing_receiver)
    assert User.objects.filter(pk=member.pk).exists()
    assert EmailAddress.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_deleting_an_account_keeps_other_members_queued_email_whose_address_contains_theirs(make_member):
    leaving = make_member(email="bob@example.org")
    make_member(email="jimbob@example.org")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        queue_email(EmailMessage("Hello", "Reply", to=["jimbob@example.org"]))
        queue_email(EmailMessage("Hello", "Reply", to=["Bob <BOB@example.org>"]))
    delete_member(leaving)
    kept = [json.dumps(result.args_kwargs) for result in DBTaskResult.objects.all()]
    assert len(kept) == 1 and "jimbob@example.org" in kept[0]
