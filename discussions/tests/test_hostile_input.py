"""Hostile input (tests/attacks.py) against discussions: XSS payloads through the
comment field, escaped on the public page, for members, in the moderation queue
and in every email; off-site targets in the queue's return address."""

import pytest
from django_comments_xtd.models import XtdComment

from core.forms import NULL_CHARACTER_MESSAGE
from discussions.factories import CommentFactory
from discussions.models import ModerationItem
from discussions.moderation import approve, hold, report
from discussions.notifications import send_moderation_digest
from tests.attacks import (
    OPEN_REDIRECT_TARGETS,
    XSS_PAYLOADS,
    assert_escaped,
    assert_escaped_in_email,
    assert_redirect_is_local,
    marker_of,
)

from .conftest import form_data

pytestmark = pytest.mark.usefixtures("seasoned")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_hostile_comment_is_escaped_everywhere_it_shows(
    client, discussion, alice, bob, moderator, payload, mailoutbox, django_capture_on_commit_callbacks
):
    parent = CommentFactory(page=discussion, user=bob, text="Better lighting, please.")

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(discussion.url, form_data(client, discussion, reply_to=parent.pk, comment=payload))
        comment = XtdComment.objects.get(user=alice)
        if not comment.is_public:
            approve(ModerationItem.objects.filter(comment=comment), moderator)
    assert marker_of(payload) in XtdComment.objects.get(pk=comment.pk).comment

    for viewer in (None, alice, bob):
        if viewer:
            client.force_login(viewer)
        else:
            client.logout()
        page = client.get(discussion.url)
        assert marker_of(payload) in page.content.decode()
        assert_escaped(page.content, payload)

    report(comment, bob, "abuse")
    client.force_login(moderator)
    queue = client.get("/admin/moderation/")
    assert marker_of(payload) in queue.content.decode()
    assert_escaped(queue.content, payload)

    send_moderation_digest.enqueue()
    emails_with_payload = [message for message in mailoutbox if marker_of(payload) in message.body]
    assert len(emails_with_payload) >= 2  # the reply notification and the moderators' digest
    for message in mailoutbox:
        assert_escaped_in_email(message, payload)


@pytest.mark.parametrize("target", OPEN_REDIRECT_TARGETS)
def test_the_moderation_queue_returns_only_to_itself(client, discussion, alice, moderator, target):
    held = CommentFactory(page=discussion, user=alice, text="Held for a moderator", is_public=False)
    hold(held, ["first comments"])
    client.force_login(moderator)
    response = client.post(
        "/admin/moderation/",
        {
            "action": "approve",
            "selected": ModerationItem.objects.get(comment=held).pk,
            "return_query": target,
        },
    )
    assert response.status_code == 302
    assert_redirect_is_local(response)
    assert response["Location"].startswith("/admin/moderation/")


def test_a_null_character_in_a_comment_is_refused_clearly_and_the_text_kept(client, discussion, alice):
    client.force_login(alice)
    response = client.post(
        discussion.url,
        form_data(client, discussion, comment="The bus stop\x00 on Mare Street needs a shelter."),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert NULL_CHARACTER_MESSAGE.split(",")[0] in page
    assert "The bus stop on Mare Street needs a shelter." in page
    assert not XtdComment.objects.filter(user=alice).exists()
