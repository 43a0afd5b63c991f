import io
import json

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from accounts.email_preferences import set_wanted, unsubscribe_url
from accounts.signals import member_data_requested, member_deleting
from discussions.factories import CommentFactory
from discussions.models import ModerationItem
from discussions.moderation import approve, hold
from discussions.notifications import REPLIES

from .conftest import form_data

pytestmark = pytest.mark.usefixtures("seasoned")


@pytest.fixture
def reply(client, django_capture_on_commit_callbacks):
    """Post a reply; the email goes out once the transaction commits, so run those callbacks."""

    def post(page, parent, member, text="I had the same thing on the night bus."):
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, form_data(client, page, reply_to=parent.pk, comment=text))

    return post


def test_the_author_gets_an_email_they_can_stop_with_one_click(reply, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=alice)
    mail.outbox.clear()
    reply(discussion, parent, bob)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [alice.email]
    assert email.subject == f"Engagement Hub: New reply to your comment on {discussion.title}"
    assert bob.profile.pseudonym in email.body and "I had the same thing on the night bus." in email.body
    stop = unsubscribe_url(alice, REPLIES)
    assert stop.startswith("http://testserver/accounts/unsubscribe/") and stop in email.body
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"
    assert f"http://testserver{discussion.url}#c" in email.body
    # Every link from SITE_BASE_URL, none from the Wagtail Site record.
    for body in [email.body, *(content for content, _ in email.alternatives)]:
        assert "localhost" not in body


def test_no_email_when_opted_out_or_replying_to_yourself(reply, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=alice)
    set_wanted(alice, REPLIES, False)
    mail.outbox.clear()
    reply(discussion, parent, bob)
    bobs = CommentFactory(page=discussion, user=bob)
    reply(discussion, bobs, bob, text="Adding to my own point.")
    assert mail.outbox == []


def test_held_reply_notifies_only_once_approved(
    reply, discussion, alice, bob, moderator, django_capture_on_commit_callbacks
):
    parent = CommentFactory(page=discussion, user=alice)
    mail.outbox.clear()
    reply(discussion, parent, bob, text="Call me on 07700 900123")
    assert mail.outbox == []
    held = XtdComment.objects.get(user=bob)
    with django_capture_on_commit_callbacks(execute=True):
        approve(ModerationItem.objects.filter(comment=held), moderator)
    # Bob hears his reply is published; Alice hears of the reply.
    assert sorted(email.to for email in mail.outbox) == [[alice.email], [bob.email]]
    assert "New reply" in next(email.subject for email in mail.outbox if email.to == [alice.email])


def test_reply_email_escapes_html(reply, discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=alice)
    mail.outbox.clear()
    reply(discussion, parent, bob, text="<script>alert('mail')</script>")
    html_body = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html_body and "&lt;script&gt;" in html_body


def test_a_reply_email_sent_before_the_upgrade_still_stops_reply_emails(client, alice):
    old_token = signing.Signer(salt="discussions.unsubscribe-replies").sign(str(alice.pk))
    response = client.get(f"/comments/unsubscribe/{old_token}/")
    assert response.status_code == 302 and response.url == unsubscribe_url(alice, REPLIES)
    assert client.get(f"/comments/unsubscribe/{alice.pk}:forged/").status_code == 400


def test_deleting_a_member_leaves_comments_from_a_former_member(client, discussion, alice):
    CommentFactory(page=discussion, user=alice, text="Words that outlive the account", ip_address="192.0.2.1")
    member_deleting.send(sender=type(alice), user=alice)
    alice.delete()
    comment = XtdComment.objects.get()
    assert (comment.user_id, comment.user_name, comment.user_email, comment.ip_address) == (
        None,
        "",
        "",
        None,
    )
    html = client.get(discussion.url).content.decode()
    assert "Words that outlive the account" in html and "a former member" in html


def test_member_data_export_includes_their_comments(discussion, alice, bob):
    CommentFactory(page=discussion, user=alice, text="Mine")
    CommentFactory(page=discussion, user=bob, text="Not mine")
    exports = [response for _receiver, response in member_data_requested.send(sender=type(alice), user=alice)]
    comments = next(export["comments"] for export in exports if "comments" in export)
    assert [c["text"] for c in comments] == ["Mine"]
    assert comments[0]["page"] == discussion.title
    json.dumps(comments)


def test_digest_command_queues_the_task(moderator, discussion, alice):
    hold(
        CommentFactory(page=discussion, user=alice, is_public=False),
        ["we check a new member's first comments"],
    )
    mail.outbox.clear()
    call_command("send_moderation_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_my_account_lists_my_comments_with_whether_they_show(client, discussion, alice, bob):
    CommentFactory(page=discussion, user=alice, text="Published words of mine")
    CommentFactory(page=discussion, user=alice, text="Words a moderator holds", is_public=False)
    CommentFactory(page=discussion, user=bob, text="Someone else's words")
    client.force_login(alice)
    html = client.get(reverse("account_profile")).content.decode()
    assert "Published words of mine" in html
    assert "Words a moderator holds" in html and "Waiting for a moderator" in html
    assert "Someone else&#x27;s words" not in html and "Someone else's words" not in html
    assert f'href="{discussion.url}#c' in html


def test_my_account_says_so_when_i_have_not_commented(client, alice):
    client.force_login(alice)
    assert "You have not commented yet" in client.get(reverse("account_profile")).content.decode()
