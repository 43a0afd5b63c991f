"""Cached discussion pages (core/cache.py) change for anonymous readers as soon
as a comment is posted, approved, removed, hidden by reports or liked, or its
author deletes their account."""

import pytest

from accounts.factories import MemberFactory
from accounts.signals import member_deleting
from discussions.factories import CommentFactory
from discussions.models import ModerationItem, Reaction
from discussions.moderation import approve, hold, remove, report
from tests.caching import cached_anonymous_copy

pytestmark = pytest.mark.usefixtures("page_cache")


def fresh(client, url):
    response = client.get(url)
    assert response.get("X-Page-Cache") != "hit"
    return response.content.decode()


def test_the_anonymous_discussion_page_is_cached_without_a_form_or_token(client, discussion, alice):
    CommentFactory(page=discussion, user=alice, text="Buses after midnight feel unsafe.")
    html = cached_anonymous_copy(client, discussion.url)
    assert "Buses after midnight feel unsafe." in html
    assert "csrfmiddlewaretoken" not in html


def test_a_members_page_with_the_comment_form_is_never_shared(client, discussion, alice):
    client.force_login(alice)
    members_page = client.get(discussion.url)
    assert "csrfmiddlewaretoken" in members_page.content.decode()
    assert "private" in members_page["Cache-Control"]
    client.logout()
    html = client.get(discussion.url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert alice.profile.display_name not in html


def test_a_new_comment_shows_at_once(client, discussion, alice, django_capture_on_commit_callbacks):
    consultation = discussion.get_parent()
    cached_anonymous_copy(client, discussion.url)
    cached_anonymous_copy(client, consultation.url)
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(page=discussion, user=alice, text="Street lights on the canal path.")
    assert "Street lights on the canal path." in fresh(client, discussion.url)
    # The consultation's response count includes the comment.
    fresh(client, consultation.url)


def test_an_approved_comment_shows_at_once(
    client, discussion, alice, moderator, django_capture_on_commit_callbacks
):
    held = CommentFactory(page=discussion, user=alice, text="Held for a moderator", is_public=False)
    hold(held, ["first comments"])
    assert "Held for a moderator" not in cached_anonymous_copy(client, discussion.url)
    with django_capture_on_commit_callbacks(execute=True):
        approve(ModerationItem.objects.filter(comment=held), moderator)
    assert "Held for a moderator" in fresh(client, discussion.url)


def test_a_removed_comment_goes_at_once(
    client, discussion, alice, bob, moderator, django_capture_on_commit_callbacks
):
    comment = CommentFactory(page=discussion, user=alice, text="Something rude")
    report(comment, bob, "abuse")
    assert "Something rude" in cached_anonymous_copy(client, discussion.url)
    with django_capture_on_commit_callbacks(execute=True):
        remove(ModerationItem.objects.filter(comment=comment), moderator, "abuse")
    assert "Something rude" not in fresh(client, discussion.url)


def test_a_comment_hidden_by_reports_goes_at_once(
    client, discussion, alice, settings, django_capture_on_commit_callbacks
):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 1
    comment = CommentFactory(page=discussion, user=alice, text="Reported into hiding")
    assert "Reported into hiding" in cached_anonymous_copy(client, discussion.url)
    with django_capture_on_commit_callbacks(execute=True):
        assert report(comment, MemberFactory(email="carol@example.com", established=True), "abuse")
    assert "Reported into hiding" not in fresh(client, discussion.url)


def test_a_like_updates_the_count_at_once(client, discussion, alice, bob, django_capture_on_commit_callbacks):
    comment = CommentFactory(page=discussion, user=alice)
    assert "1 like" not in cached_anonymous_copy(client, discussion.url)
    with django_capture_on_commit_callbacks(execute=True):
        Reaction.objects.create(comment=comment, user=bob)
    assert "1 like" in fresh(client, discussion.url)


def test_a_deleted_members_name_goes_at_once(client, discussion, alice, django_capture_on_commit_callbacks):
    CommentFactory(page=discussion, user=alice)
    name = alice.profile.display_name
    assert name in cached_anonymous_copy(client, discussion.url)
    with django_capture_on_commit_callbacks(execute=True):
        member_deleting.send(sender=type(alice), user=alice)
    assert name not in fresh(client, discussion.url)
