"""My account: pseudonym and avatar, re-roll, optional questions, and who may see what."""

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from accounts.access import VerifiedMemberRequiredMixin
from accounts.views import RerollPseudonymView


@pytest.mark.django_db
def test_my_account_shows_pseudonym_avatar_and_every_section(
    member_client, member, django_assert_max_num_queries
):
    # The page itself, plus a query or two for each section (comments, registrations).
    with django_assert_max_num_queries(16):
        response = member_client.get(reverse("account_profile"))
    page = response.content.decode()
    assert response.status_code == 200
    assert member.profile.pseudonym in page
    assert '<svg class="avatar"' in page
    for heading in ["How others see you", "My comments", "My event registrations", "About you (optional)"]:
        assert heading in page
    assert "You have not commented yet" in page
    assert "You have not registered for any events yet" in page
    assert '<option value="" selected>Not answered</option>' in page
    assert '<option value="prefer-not">Prefer not to say</option>' in page
    for name in ["account_email", "account_change_password", "account_export", "account_delete"]:
        assert f'href="{reverse(name)}"' in page
    assert member.email not in page


@pytest.mark.django_db
def test_the_header_links_my_account(member_client):
    page = member_client.get(reverse("account_profile")).content.decode()
    assert f'<a href="{reverse("account_profile")}">My account' in page


def test_my_account_needs_signing_in(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_optional_questions_are_saved_with_prefer_not_to_say(member_client, member):
    response = member_client.post(reverse("account_profile"), {"area": "Hackney", "age_band": "prefer-not"})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert (member.profile.area, member.profile.age_band) == ("Hackney", "prefer-not")


@pytest.mark.django_db
def test_a_made_up_answer_is_refused_and_nothing_changes(member_client, member):
    response = member_client.post(reverse("account_profile"), {"area": "x" * 500, "age_band": "65+"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select a valid choice." in page
    member.profile.refresh_from_db()
    assert member.profile.area == member.profile.age_band == ""


@pytest.mark.django_db
def test_re_roll_gives_a_new_pseudonym(member_client, member):
    before = member.profile.pseudonym
    response = member_client.post(reverse("account_reroll_pseudonym"), follow=True)
    member.profile.refresh_from_db()
    assert member.profile.pseudonym != before
    assert f"You are now known as {member.profile.pseudonym}." in response.content.decode()


@pytest.mark.django_db
def test_re_roll_is_refused_without_the_members_own_csrf_token(member):
    """A page elsewhere cannot re-roll someone's pseudonym: the request has no valid token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    before = member.profile.pseudonym
    response = browser.post(reverse("account_reroll_pseudonym"))
    assert response.status_code == 403
    member.profile.refresh_from_db()
    assert member.profile.pseudonym == before

    # With the token from the member's own page, it works.
    browser.get(reverse("account_profile"))
    response = browser.post(
        reverse("account_reroll_pseudonym"), {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_re_roll_is_rate_limited(member_client):
    statuses = [member_client.post(reverse("account_reroll_pseudonym")).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]


@pytest.mark.django_db
def test_re_roll_only_by_post(member_client):
    assert member_client.get(reverse("account_reroll_pseudonym")).status_code == 405


@pytest.mark.django_db
def test_an_unverified_member_is_refused_member_only_actions(client, make_member):
    member = make_member(unverified=True)
    client.force_login(member)
    before = member.profile.pseudonym
    response = client.post(reverse("account_reroll_pseudonym"))
    assert response.status_code == 403
    assert "Verify your email address" in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.pseudonym == before
    assert issubclass(RerollPseudonymView, VerifiedMemberRequiredMixin)


def test_visitors_are_sent_to_sign_in_for_member_only_actions(client):
    response = client.post(reverse("account_reroll_pseudonym"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def render(source, **context):
    return Template("{% load accounts_tags %}" + source).render(Context(context))


@pytest.mark.django_db
def test_avatar_is_inline_svg_hidden_from_assistive_technology(member):
    html = render("{% avatar profile %}", profile=member.profile)
    assert html.startswith('<svg class="avatar"')
    assert 'aria-hidden="true"' in html
    assert member.profile.avatar["colour"] in html
    assert f">{member.profile.avatar['initials']}</text>" in html
    assert "<img" not in html and "http" not in html.replace("http://www.w3.org", "")
    # The same pseudonym always gives the same avatar.
    assert html == render("{% avatar profile %}", profile=member.profile)


@pytest.mark.django_db
def test_author_shows_residents_by_pseudonym_only(member):
    member.first_name, member.last_name = "Jane", "Smith"
    html = render('{% include "accounts/includes/author.html" with author=member %}', member=member)
    assert member.profile.pseudonym in html
    assert "Jane" not in html and "Smith" not in html and member.email not in html
    assert "badge--official" not in html


@pytest.mark.django_db
def test_author_shows_hosts_with_name_and_official_badge(make_member):
    host = make_member(email="alex@city-hall.example")
    host.profile.is_host, host.profile.host_name, host.profile.host_organisation = True, "Alex", "City Hall"
    html = render('{% include "accounts/includes/author.html" with author=host %}', host=host)
    assert '<span class="author__name">Alex</span>' in html
    assert "Host, City Hall" in html
    assert host.profile.pseudonym not in html


def test_author_of_a_deleted_account_is_a_former_member():
    html = render('{% include "accounts/includes/author.html" with author=None %}')
    assert "a former member" in html
    assert '<svg class="avatar"' in html


@pytest.mark.django_db
def test_hosts_need_a_name(member):
    from django.core.exceptions import ValidationError

    member.profile.is_host = True
    with pytest.raises(ValidationError):
        member.profile.full_clean()
