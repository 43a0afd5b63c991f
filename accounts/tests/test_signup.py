"""Joining, confirming the email address, signing in, and what goes wrong on the way."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PASSWORD
from accounts.models import Profile
from accounts.pseudonyms import ANIMALS

User = get_user_model()


def join(client, email="newcomer@example.org", password1=PASSWORD, password2=PASSWORD, **extra):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password1, "password2": password2, **extra}
    )


def link_in(message):
    return urlparse(re.search(r"https?://\S+", message.body).group()).path


@pytest.mark.django_db
def test_join_confirm_by_email_link_and_be_signed_in(client, mailoutbox):
    response = join(client, email="Newcomer@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    user = User.objects.get(email__iexact="newcomer@example.org")
    assert user.profile.pseudonym in ANIMALS
    # Nothing of the email address in the username, which other apps may copy.
    assert re.fullmatch(r"member-[0-9a-f]{16}", user.username)
    assert not EmailAddress.objects.get(user=user).verified

    [message] = mailoutbox
    assert message.to == ["newcomer@example.org"]
    assert message.subject == "Engagement Hub: Confirm your email address to finish joining"
    assert "Thank you for joining the Engagement Hub" in message.body
    confirm_path = link_in(message)

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Confirm your email address" in page.content.decode()

    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)

    welcome = client.get(reverse("account_profile")).content.decode()
    assert f"Successfully signed in as {user.profile.pseudonym}" in welcome


@pytest.mark.django_db
def test_sign_in_with_email_and_password(client, member):
    response = client.post(reverse("account_login"), {"login": member.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_an_unverified_member_is_sent_a_new_link_instead_of_being_signed_in(client, make_member, mailoutbox):
    member = make_member(unverified=True)
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert "confirm that this is your email address" in mailoutbox[0].body


@pytest.mark.django_db
def test_joining_with_an_existing_email_reveals_nothing_and_creates_nothing(client, member, mailoutbox):
    response = join(client, email=member.email)
    fresh = join(client, email="someone-new@example.org")

    # The same answer as for a new address: "check your email".
    assert response.status_code == fresh.status_code == 302
    assert response.url == fresh.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=member.email).count() == 1
    already = next(message for message in mailoutbox if message.to == [member.email])
    assert "you already have an account" in already.body
    assert "/accounts/password/reset/" in already.body


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting-md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.mark.django_db
def test_joining_with_an_existing_email_does_the_same_work_as_joining(client, member, settings):
    """Sign-up time must not tell whether an address is registered: hashing the
    password is most of the work, so both answers hash it once."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    hashes = []
    for email in [member.email, "someone-new@example.org"]:
        CountingHasher.hashed = 0
        assert join(client, email=email).url == reverse("account_email_verification_sent")
        hashes.append(CountingHasher.hashed)
    assert hashes == [1, 1]


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_unknown_addresses_and_mails_only_members(
    client, member, mailoutbox
):
    known = client.post(reverse("account_reset_password"), {"email": member.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    # Only the member is emailed: the site never mails an address it does not know.
    [reset] = mailoutbox
    assert reset.to == [member.email]
    assert "To choose a new password, follow this link" in reset.body


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password(client, member, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": member.email})
    form_page = client.get(link_in(mailoutbox[0]), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-fresh-and-long-passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)
    notification = mailoutbox[-1]
    assert notification.subject == "Engagement Hub: Your password has been reset"
    assert "If you did not, someone else may be using your account" in notification.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password1, password2, message",
    [
        (PASSWORD, PASSWORD + "x", "You must type the same password each time."),
        ("short", "short", "This password is too short."),
        ("password123", "password123", "This password is too common."),
        ("83629174501", "83629174501", "This password is entirely numeric."),
    ],
)
def test_mismatched_or_weak_passwords_are_refused_and_the_email_is_kept(
    client, password1, password2, message
):
    response = join(client, email="typed@example.org", password1=password1, password2=password2)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    assert 'value="typed@example.org"' in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_oversized_fields_are_refused_with_a_clear_message(client):
    long_email = "a" * 250 + "@example.org"
    response = join(client, email=long_email, password1="x" * 5000, password2="x" * 5000)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Email addresses can be at most 254 characters long." in page
    assert "Passwords can be at most 128 characters long." in page
    assert not User.objects.exists()

    response = client.post(reverse("account_login"), {"login": long_email, "password": "x" * 5000})
    assert "Passwords can be at most 128 characters long." in response.content.decode()


@pytest.mark.django_db
def test_a_filled_honeypot_creates_nothing_and_looks_like_success(client, mailoutbox):
    response = join(client, website="https://spam.example")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not User.objects.exists()
    assert not Profile.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_honeypot_is_in_the_form_but_hidden_from_people(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert re.search(r'<div class="signup-trap">\s*<label for="id_website">', page)
    assert 'style="' not in page


@pytest.mark.django_db
def test_a_tampered_confirmation_link_is_explained(client, mailoutbox):
    join(client)
    tampered = link_in(mailoutbox[0]).rstrip("/") + "x/"
    page = client.get(tampered).content.decode()
    assert "This link does not work" in page
    response = client.post(tampered)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not EmailAddress.objects.filter(verified=True).exists()


@pytest.mark.django_db
def test_an_expired_confirmation_link_is_explained(client, mailoutbox):
    join(client)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.post(link_in(mailoutbox[0]))
    assert "This link does not work" in response.content.decode()
    assert not EmailAddress.objects.filter(verified=True).exists()


@pytest.mark.django_db
def test_repeated_failed_sign_ins_for_one_account_are_paused(client, member):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    # Even the right password is refused for a while, with a clear message.
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_many_sign_in_attempts_from_one_address_get_the_too_many_attempts_page(client):
    statuses = [
        client.post(
            reverse("account_login"), {"login": f"guess{number}@example.org", "password": "x"}
        ).status_code
        for number in range(31)
    ]
    assert set(statuses[:30]) == {200}
    assert statuses[30] == 429


@pytest.mark.django_db
def test_repeated_password_reset_requests_get_the_too_many_attempts_page(client, member, mailoutbox):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": member.email}).status_code for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(mailoutbox) == 3
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    page = response.content.decode()
    assert "Too many requests" in page
    assert 'id="main-content"' in page


@pytest.mark.django_db
def test_an_empty_form_says_what_each_field_needs(client):
    html = join(client, email="", password1="", password2="").content.decode()
    assert "This field is required." not in html
    for message in ["Enter your email address.", "Create a password.", "Type your password again."]:
        assert message in html
    html = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert "This field is required." not in html
    assert "Enter your email address." in html and "Enter your password." in html


@pytest.mark.django_db
def test_many_signups_from_one_address_are_rate_limited(client):
    statuses = [join(client, email=f"person{number}@example.org").status_code for number in range(12)]
    assert statuses[0] == 302
    assert statuses[-1] == 429
    assert User.objects.count() < 12


@pytest.mark.django_db
def test_account_pages_use_the_site_layout(client):
    for name in ["account_signup", "account_login", "account_reset_password"]:
        page = client.get(reverse(name)).content.decode()
        assert 'id="main-content"' in page
        assert page.count("<h1") == 1


@pytest.mark.django_db
def test_a_failed_signup_leaves_no_half_made_account(client, monkeypatch):
    def no_free_pseudonym(user):
        raise IntegrityError("Could not find a free pseudonym.")

    monkeypatch.setattr(Profile, "create_for", no_free_pseudonym)
    with pytest.raises(IntegrityError):
        join(client)
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
