import pytest

from accounts.factories import MemberFactory
from discussions import factories
from discussions.comments import Comment
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import Reaction


def test_comment_count_counts_public_comments_only(client, discussion, alice, bob):
    CommentFactory(page=discussion, user=alice)
    CommentFactory(page=discussion, user=bob, is_public=False)
    CommentFactory(page=discussion, user=bob, is_removed=True)
    assert "Comments (1)" in client.get(discussion.url).content.decode()


def test_response_count_adds_approved_comments_in_the_consultations_discussions(discussion, alice, bob):
    consultation = discussion.consultation
    consultation.offline_response_count = 10
    consultation.save()
    DiscussionPageFactory(parent=consultation, title="Second discussion")
    second = consultation.get_children().last().specific
    CommentFactory(page=discussion, user=alice)
    CommentFactory(page=second, user=bob)
    CommentFactory(page=second, user=bob, is_public=False)
    CommentFactory(page=DiscussionPageFactory(title="Another consultation's"), user=bob)
    consultation.refresh_from_db()
    assert type(consultation).objects.get(pk=consultation.pk).response_count == 12


def test_replies_nest_under_their_parent(client, discussion, alice, bob):
    top = CommentFactory(page=discussion, user=alice, text="Top-level thought")
    CommentFactory(page=discussion, user=bob, text="A reply to it", parent=top)
    html = client.get(discussion.url).content.decode()
    top_at, reply_at = html.index("Top-level thought"), html.index("A reply to it")
    assert top_at < html.index("comment-list--replies") < reply_at


def test_oldest_and_newest_first(client, discussion, alice):
    CommentFactory(page=discussion, user=alice, text="Said first")
    CommentFactory(page=discussion, user=alice, text="Said second")
    oldest = client.get(discussion.url).content.decode()
    newest = client.get(discussion.url, {"order": "newest"}).content.decode()
    assert oldest.index("Said first") < oldest.index("Said second")
    assert newest.index("Said second") < newest.index("Said first")


def test_threads_are_paginated_with_show_more(client, discussion, alice, settings):
    settings.DISCUSSIONS_THREADS_PER_PAGE = 2
    for n in range(3):
        CommentFactory(page=discussion, user=alice, text=f"Thread {n}")
    first = client.get(discussion.url).content.decode()
    assert "Thread 0" in first and "Thread 1" in first and "Thread 2" not in first
    assert "Show more comments" in first
    second = client.get(discussion.url, {"page": 2}).content.decode()
    assert "Thread 2" in second and "Thread 0" not in second


def test_removed_comment_with_replies_leaves_a_placeholder(client, discussion, alice, bob):
    top = CommentFactory(page=discussion, user=alice, text="Something nasty")
    CommentFactory(page=discussion, user=bob, text="Please keep it civil", parent=top)
    CommentFactory(page=discussion, user=alice, text="Removed and alone", is_removed=True)
    type(top).objects.filter(pk=top.pk).update(is_removed=True)
    html = client.get(discussion.url).content.decode()
    assert "Something nasty" not in html
    assert "This comment was removed because it broke our community guidelines." in html
    assert "Please keep it civil" in html
    assert "Removed and alone" not in html
    assert html.count("This comment was removed") == 1


def test_avatars_are_coloured_by_class_not_inline_style(client, discussion, alice):
    CommentFactory(page=discussion, user=alice)
    html = client.get(discussion.url).content.decode()
    assert '<svg class="avatar"' in html
    assert 'style="' not in html.split('id="comments-heading"')[1]


def test_former_members_comments_read_a_former_member(client, discussion):
    CommentFactory(page=discussion, user=None, text="Words that stay")
    html = client.get(discussion.url).content.decode()
    assert "a former member" in html


def test_long_comments_have_show_full_comment_and_show_less(client, discussion, alice, settings):
    settings.DISCUSSIONS_PREVIEW_CHARS = 40
    CommentFactory(
        page=discussion, user=alice, text="The start of a long comment " + "and more words " * 20 + "THE END"
    )
    html = client.get(discussion.url).content.decode()
    assert "<summary>" in html and "Show full comment" in html and "Show less" in html
    assert html.count("THE END") == 1


def test_like_counts_are_shown(client, discussion, alice, bob):
    comment = CommentFactory(page=discussion, user=alice)
    Reaction.objects.create(comment=comment, user=bob)
    Reaction.objects.create(comment=comment, user=MemberFactory(email="carol@example.com"))
    assert "2 likes" in client.get(discussion.url).content.decode()


@pytest.mark.parametrize("count", [10, 2000])
def test_page_renders_in_bounded_queries(
    client, discussion, alice, bob, host, count, django_assert_max_num_queries
):
    factories.many_comments(discussion, [alice, bob, host], count)
    # Once per process: site settings row, content types and site root paths are cached.
    client.get(discussion.url)
    with django_assert_max_num_queries(20):
        response = client.get(discussion.url)
    assert f"Comments ({count})" in response.content.decode()
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        response = client.get(discussion.url, {"page": 2, "order": "newest"})
    html = response.content.decode()
    assert f"Comments ({count})" in html
    assert html.count('class="comment ') + html.count('class="comment"') <= 4 * 20


def test_bulk_made_threads_have_their_shape(discussion, alice, bob):
    factories.many_comments(discussion, [alice, bob], 8)
    comments = list(Comment.objects.filter(object_pk=str(discussion.pk)).order_by("pk"))
    first, second = comments[:4], comments[4:]
    for thread in (first, second):
        top = thread[0]
        assert [c.thread_id for c in thread] == [top.pk] * 4
        assert [c.level for c in thread] == [0, 1, 2, 1]
        assert [c.parent_id for c in thread] == [top.pk, top.pk, thread[1].pk, top.pk]


@pytest.mark.parametrize("number", ["9" * 30, "99999999999", "-5", "nope"])
def test_any_page_number_answers_without_an_error(client, db, number):
    discussion = DiscussionPageFactory()
    assert client.get(discussion.url, {"page": number}).status_code == 200
