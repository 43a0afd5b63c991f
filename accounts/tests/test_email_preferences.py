"""Which emails a member gets, from My account or from the link in an email."""

import pytest
from django.urls import reverse
from wagtail import hooks

from accounts.email_preferences import ALL, HOOK, EmailKind, set_wanted, unsubscribe_url, wants
from accounts.models import EmailOptOut

pytestmark = pytest.mark.django_db

NEWS = "news"


@pytest.fixture(autouse=True)
def a_kind_of_email():
    with hooks.register_temporarily(HOOK, lambda: EmailKind(NEWS, "News about consultations")):
        yield


def test_a_member_gets_every_kind_until_they_stop_it_or_everything(member):
    assert wants(member, NEWS)
    set_wanted(member, NEWS, False)
    assert not wants(member, NEWS)
    set_wanted(member, NEWS, True)
    set_wanted(member, ALL, False)
    assert not wants(member, NEWS)


def test_the_link_in_an_email_asks_first_then_stops_that_kind_without_signing_in(client, member):
    url = unsubscribe_url(member, NEWS)
    page = client.get(url).content.decode()
    assert "News about consultations" in page and member.email in page
    assert wants(member, NEWS)
    response = client.post(url)
    assert response.status_code == 200 and "any more" in response.content.decode()
    assert not wants(member, NEWS)
    assert client.post(url).status_code == 200  # twice is harmless


def test_one_click_unsubscribe_from_a_mail_client_needs_no_token_or_cookie(member):
    from django.test import Client

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(unsubscribe_url(member, NEWS), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not wants(member, NEWS)


@pytest.mark.parametrize("change", ["cut", "swap-kind", "nonsense"])
def test_an_altered_link_says_so_and_changes_nothing(client, member, change):
    url = unsubscribe_url(member, NEWS)
    token = url.rstrip("/").rsplit("/", 1)[1]
    altered = {
        "cut": token[:-4],
        "swap-kind": token.replace(token.split(":")[0], token.split(":")[0][::-1]),
        "nonsense": "not-a-token",
    }[change]
    response = client.post(reverse("account_unsubscribe", args=[altered]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not EmailOptOut.objects.exists()


def test_my_account_has_a_switch_per_kind_and_one_for_everything(member_client, member):
    page = member_client.get(reverse("account_profile")).content.decode()
    assert "News about consultations" in page and "Stop all these emails" in page
    response = member_client.post(reverse("account_email_preferences"), {ALL: "on"})
    assert response.status_code == 302
    assert not wants(member, NEWS)
    member_client.post(reverse("account_email_preferences"), {NEWS: "on"})
    assert wants(member, NEWS)


def test_an_export_lists_the_emails_a_member_stopped(member_client, member):
    set_wanted(member, NEWS, False)
    exported = member_client.post(reverse("account_export")).json()
    assert exported["emails_stopped"] == [NEWS]
