import re

import pytest
from django_comments_xtd.models import XtdComment

from accounts.factories import MemberFactory
from core.ratelimit import WAIT_MESSAGE
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import ModerationItem

from .conftest import form_data

pytestmark = pytest.mark.usefixtures("seasoned")


def post(client, page, **overrides):
    return client.post(page.url, form_data(client, page, **overrides))


def test_member_posts_a_comment_that_publishes_at_once(client, discussion, alice):
    client.force_login(alice)
    response = post(client, discussion)
    comment = XtdComment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{discussion.url}#c{comment.pk}"
    assert comment.is_public and comment.user == alice
    assert comment.user_name == alice.profile.pseudonym
    page = client.get(discussion.url).content.decode()
    assert "Your comment is published." in page
    assert "Comments (1)" in page
    assert alice.profile.pseudonym in page


def test_member_replies_to_a_comment(client, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=bob)
    client.force_login(alice)
    post(client, discussion, reply_to=parent.pk, comment="I agree about the lighting.")
    reply = XtdComment.objects.get(user=alice)
    assert (reply.parent_id, reply.thread_id, reply.level) == (parent.pk, parent.pk, 1)


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_is_written(client, discussion):
    response = post(client, discussion)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not XtdComment.objects.exists()


def test_unverified_members_cannot_post(client, discussion):
    client.force_login(MemberFactory(email="new@example.com", unverified=True))
    response = post(client, discussion)
    assert response.status_code == 403
    assert "Verify your email address" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_posting_to_a_closed_discussion_is_refused(client, closed_discussion, alice):
    client.force_login(alice)
    response = post(client, closed_discussion)
    assert response.status_code == 400
    assert "This discussion has closed" in response.content.decode()
    assert not XtdComment.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("content_type", "auth.user"), ("object_pk", "1"), ("security_hash", "0" * 40), ("timestamp", "1")],
)
def test_forged_form_fields_are_refused(client, discussion, alice, field, value):
    client.force_login(alice)
    response = post(client, discussion, **{field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your comment was not posted" in html
    assert "Street lights on the canal path would help a lot." in html
    assert not XtdComment.objects.exists()


def test_a_valid_form_from_another_discussion_is_refused(client, discussion, alice):
    other = DiscussionPageFactory(title="Another discussion")
    client.force_login(alice)
    response = client.post(discussion.url, form_data(client, other))
    assert response.status_code == 400
    assert "belongs to another page" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_replying_to_a_comment_on_another_page_is_refused(client, discussion, alice, bob):
    elsewhere = CommentFactory(page=DiscussionPageFactory(title="Elsewhere"), user=bob)
    client.force_login(alice)
    response = post(client, discussion, reply_to=elsewhere.pk)
    assert response.status_code == 400
    assert "not in this discussion" in response.content.decode()
    assert XtdComment.objects.count() == 1


def test_replying_beyond_the_maximum_depth_is_refused(client, discussion, alice, bob, settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1
    top = CommentFactory(page=discussion, user=bob)
    reply = CommentFactory(page=discussion, user=bob, parent=top)
    client.force_login(alice)
    response = post(client, discussion, reply_to=reply.pk)
    assert response.status_code == 400
    assert "Replies can&#x27;t go any deeper" in response.content.decode()
    assert XtdComment.objects.count() == 2


def test_replying_to_a_removed_comment_is_refused(client, discussion, alice, bob):
    top = CommentFactory(page=discussion, user=bob, is_removed=True)
    client.force_login(alice)
    response = post(client, discussion, reply_to=top.pk)
    assert response.status_code == 400
    assert XtdComment.objects.count() == 1


def test_empty_and_overlong_comments_keep_the_text_and_explain(client, discussion, alice, settings):
    settings.COMMENT_MAX_LENGTH = 50
    client.force_login(alice)
    response = post(client, discussion, comment="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write your comment before you post it." in html
    # The form posts to a fragment, which the error summary takes: the page comes back there.
    assert f'action="{discussion.url}#comment-form"' in html
    assert '<div class="error-summary" id="comment-form"' in html
    long_text = "A thoughtful point about the bus station. " * 3
    response = post(client, discussion, comment=long_text)
    html = response.content.decode()
    assert "must be 50 characters or fewer" in html
    assert long_text in html
    assert not XtdComment.objects.exists()


def test_a_failed_reply_reopens_its_own_form_with_the_text(client, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=bob)
    client.force_login(alice)
    response = post(client, discussion, reply_to=parent.pk, comment="")
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="reply-{parent.pk}-comment"' in html
    assert "Cancel reply" in html


def test_a_reply_link_opens_the_one_reply_form_for_that_comment(client, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=bob)
    other = CommentFactory(page=discussion, user=bob)
    client.force_login(alice)
    html = client.get(discussion.url).content.decode()
    assert f'href="?reply_to={parent.pk}#c{parent.pk}"' in html
    assert f'id="reply-{parent.pk}-comment"' not in html
    html = client.get(discussion.url, {"reply_to": parent.pk}).content.decode()
    assert f'id="reply-{parent.pk}-comment"' in html
    assert f'id="reply-{other.pk}-comment"' not in html


@pytest.mark.parametrize("reply_to", ["abc", "-1", "999999"])
def test_a_bad_reply_link_shows_only_the_main_form(client, discussion, alice, reply_to):
    CommentFactory(page=discussion, user=alice)
    client.force_login(alice)
    response = client.get(discussion.url, {"reply_to": reply_to})
    assert response.status_code == 200
    assert 'id="new-comment"' in response.content.decode()


def test_posting_is_rate_limited_with_a_clear_message(client, discussion, alice, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "post_comment": "2/m/user"}
    client.force_login(alice)
    post(client, discussion, comment="First thought.")
    post(client, discussion, comment="Second thought.")
    response = post(client, discussion, comment="Third thought.")
    assert response.status_code == 429
    html = response.content.decode()
    assert WAIT_MESSAGE in html
    assert "Third thought." in html
    assert XtdComment.objects.count() == 2


def test_comment_posting_needs_a_csrf_token(discussion, alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(discussion.url, form_data(client, discussion))
    assert response.status_code == 403
    assert not XtdComment.objects.exists()


def test_html_and_javascript_in_comments_are_shown_as_text(client, discussion, alice):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)> <a href="javascript:alert(2)">hi</a>'
    client.force_login(alice)
    post(client, discussion, comment=payload)
    html = client.get(discussion.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_links_are_nofollow_ugc_and_paragraphs_are_kept(client, discussion, alice):
    client.force_login(alice)
    post(client, discussion, comment="See https://example.org/report for more.\n\nSecond paragraph.")
    html = client.get(discussion.url).content.decode()
    assert '<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>' in html
    assert "<p>Second paragraph.</p>" in html


def test_members_comments_are_held_until_they_have_enough_published(client, discussion, alice, settings):
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 1
    client.force_login(alice)
    post(client, discussion, comment="My first ever comment.")
    first = XtdComment.objects.get()
    assert not first.is_public
    assert ModerationItem.objects.get(comment=first).held_reasons == [
        "we check a new member's first comments"
    ]
    page = client.get(discussion.url).content.decode()
    assert (
        "Your comment is waiting for a moderator because we check a new member&#x27;s first comments" in page
    )
    assert "A moderator will review it before it appears" in page
    XtdComment.objects.filter(pk=first.pk).update(is_public=True)
    post(client, discussion, comment="My second comment.")
    assert XtdComment.objects.get(comment="My second comment.").is_public


def test_hosts_skip_the_first_comments_rule_and_show_their_badge(client, discussion, host, settings):
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 3
    client.force_login(host)
    post(client, discussion, comment="Thanks everyone, we are reading every comment.")
    assert XtdComment.objects.get().is_public
    html = client.get(discussion.url).content.decode()
    assert "Alex" in html and "Host, City Hall" in html


@pytest.mark.parametrize("path", ["/comments/post/", "/comments/api/comment/", "/comments/like/1/"])
def test_xtd_own_posting_endpoints_are_not_exposed(client, alice, path):
    """Only our views, with their checks, write comments; xtd's would bypass them."""
    client.force_login(alice)
    assert client.post(path, {"comment": "sneaky"}).status_code == 404
    assert not XtdComment.objects.exists()


def test_the_main_form_and_a_reply_form_share_no_ids(client, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=bob)
    client.force_login(alice)
    html = client.get(discussion.url, {"reply_to": parent.pk}).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert html.count("<textarea") == 2
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def the_comment(html, comment):
    """The HTML of `comment`'s own body, where the member lands after acting on it."""
    return html.split(f'id="c{comment.pk}"')[1].split("</article>")[0]


def top_messages(html):
    return html.split('id="main-content"')[1].split('class="consultation-header')[0]


def test_the_message_about_a_new_comment_is_on_the_comment_where_the_member_lands(client, discussion, alice):
    client.force_login(alice)
    post(client, discussion, comment="Street lights on the towpath, please.")
    comment = XtdComment.objects.get()
    html = client.get(discussion.url).content.decode()
    assert 'role="status">Your comment is published.</p>' in the_comment(html, comment)
    assert "Your comment is published." not in top_messages(html)
    # Shown once.
    assert "Your comment is published." not in client.get(discussion.url).content.decode()


def test_a_new_comment_on_a_later_page_of_threads_takes_the_member_there(
    client, discussion, alice, bob, settings
):
    settings.DISCUSSIONS_THREADS_PER_PAGE = 2
    for number in range(2):
        CommentFactory(page=discussion, user=bob, text=f"Earlier thread {number}.")
    client.force_login(alice)
    response = post(client, discussion, comment="A third thread, on the second page.")
    comment = XtdComment.objects.get(comment="A third thread, on the second page.")
    assert response["Location"] == f"{discussion.url}?page=2#c{comment.pk}"

    # Where the member lands, the message is on their comment; anywhere else it is at the top.
    first_page = client.get(discussion.url).content.decode()
    assert "Your comment is published." in top_messages(first_page)
    post(client, discussion, comment="A fourth thread, also on the second page.")
    comment = XtdComment.objects.get(comment="A fourth thread, also on the second page.")
    second_page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Your comment is published." in the_comment(second_page, comment)
