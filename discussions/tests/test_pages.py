import pytest

from consultations.models import ConsultationPage
from discussions import factories
from discussions.models import DiscussionPage
from home.models import SiteSettings


def test_discussion_page_lives_only_under_a_consultation(db):
    assert DiscussionPage.parent_page_types == ["consultations.ConsultationPage"]
    assert "discussions.DiscussionPage" in ConsultationPage.subpage_types
    assert DiscussionPage.allowed_parent_page_models() == [ConsultationPage]


def test_open_discussion_shows_prompts_hosts_header_and_safeguarding(client, discussion, alice):
    support = factories.consultation().get_parent().get_parent()
    settings_ = SiteSettings.for_site(discussion.get_site())
    settings_.support_page = support
    settings_.save()
    client.force_login(alice)
    html = client.get(discussion.url).content.decode()
    assert "What makes you trust the police?" in html
    assert "Alex from City Hall will join the discussion." in html
    assert f'href="{support.url}"' in html
    assert discussion.consultation.title in html
    assert "Open from" in html
    assert 'name="comment"' in html
    assert "Comments (0)" in html


def test_closed_discussion_says_when_it_ran_and_has_no_form(client, closed_discussion, alice):
    client.force_login(alice)
    html = client.get(closed_discussion.url).content.decode()
    consultation = closed_discussion.consultation
    assert "The discussion ran from" in html
    assert consultation.closes_at.strftime("%-d %B %Y") in html
    assert 'name="comment"' not in html


def test_visitors_are_invited_to_join_and_sign_in(client, discussion):
    html = client.get(discussion.url).content.decode()
    assert 'name="comment"' not in html
    assert "Already a member? Sign in" in html


def test_unverified_members_are_asked_to_verify(client, discussion):
    client.force_login(factories.member("new@example.com", verified=False))
    html = client.get(discussion.url).content.decode()
    assert 'name="comment"' not in html
    assert "verify your email address" in html
