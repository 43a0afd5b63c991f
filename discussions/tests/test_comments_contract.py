"""What discussions.comments relies on from django-comments-xtd.

If an upgrade changes any of these, this file fails, loudly, before anything
subtler goes wrong on the site. Keep xtd pinned until every test here passes
with the new version.
"""

from importlib.metadata import version

import django_comments
import pytest
from django.conf import settings
from django.urls import reverse

from accounts.factories import MemberFactory
from discussions import comments
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.forms import DiscussionCommentForm

pytestmark = pytest.mark.django_db


def test_the_pinned_version_is_the_one_this_adapter_was_written_for():
    assert version("django-comments-xtd").startswith("2.10.")


def test_django_comments_is_set_up_with_xtds_model():
    assert django_comments.get_model() is comments.Comment
    assert settings.COMMENTS_APP == "django_comments_xtd"


def test_saving_a_new_comment_places_it_in_its_thread():
    page = DiscussionPageFactory()
    member = MemberFactory()
    top = CommentFactory(page=page, user=member)
    reply = CommentFactory(page=page, user=member, parent=top)
    second_reply = CommentFactory(page=page, user=member, parent=top)
    deeper = CommentFactory(page=page, user=member, parent=reply)
    for comment in (top, reply, second_reply, deeper):
        comment.refresh_from_db()
    # Replies are ordered depth first: a reply to the first reply comes before the second reply.
    assert (top.parent_id, top.thread_id, top.level, top.order) == (top.pk, top.pk, 0, 1)
    assert (reply.thread_id, reply.level, reply.order) == (top.pk, 1, 2)
    assert (deeper.parent_id, deeper.level, deeper.order) == (reply.pk, 2, 3)
    assert (second_reply.level, second_reply.order) == (1, 4)
    assert not comments.is_reply(top) and comments.is_reply(reply)


def test_saving_a_comment_would_change_its_replies_so_visibility_changes_by_update():
    page = DiscussionPageFactory()
    member = MemberFactory()
    top = CommentFactory(page=page, user=member)
    reply = CommentFactory(page=page, user=member, parent=top)

    # xtd's pre_save handler hides every reply of a comment saved as hidden...
    top.is_removed = True
    top.save()
    reply.refresh_from_db()
    assert not reply.is_public

    # ...which set_visibility avoids: the replies keep their own state.
    comments.set_visibility([reply.pk], is_public=True)
    comments.set_visibility([top.pk], is_public=False, is_removed=True)
    reply.refresh_from_db()
    assert reply.is_public


def test_set_visibility_says_which_comments_changed():
    comment = CommentFactory()
    heard = []

    def listener(sender, comment_ids, **kwargs):
        heard.append(comment_ids)

    comments.visibility_changed.connect(listener)
    try:
        comments.set_visibility([comment.pk], is_public=False)
    finally:
        comments.visibility_changed.disconnect(listener)
    assert heard == [[comment.pk]]


def test_the_form_signs_its_target_and_refuses_a_changed_one():
    page = DiscussionPageFactory()
    other = DiscussionPageFactory(title="Another discussion")
    form = DiscussionCommentForm(page)
    assert set(comments.SECURITY_FIELDS) <= set(form.initial)
    data = {name: form.initial[name] for name in comments.SECURITY_FIELDS}
    data.update(comment="Hello", reply_to=0)
    assert DiscussionCommentForm(page, data).is_valid()
    forged = DiscussionCommentForm(other, {**data, "object_pk": str(other.pk)})
    assert not forged.is_valid() and "security_hash" in forged.errors


def test_the_form_builds_a_new_comments_fields():
    page = DiscussionPageFactory()
    member = MemberFactory()
    form = DiscussionCommentForm(page, user=member)
    data = {name: form.initial[name] for name in comments.SECURITY_FIELDS}
    form = DiscussionCommentForm(page, {**data, "comment": "Hello", "reply_to": 0}, user=member)
    assert form.is_valid()
    comment = comments.create(form.get_comment_create_data(site_id=settings.SITE_ID))
    assert comment.content_object == page and comment.user == member and comment.comment == "Hello"


def test_a_comments_own_address_is_the_redirect_we_mount():
    comment = CommentFactory()
    assert comment.get_absolute_url().startswith(
        reverse("comments-url-redirect", args=[comment.content_type_id, comment.object_pk])
    )


def test_max_thread_level_comes_from_xtds_setting(settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1
    assert comments.max_thread_level() == 1
