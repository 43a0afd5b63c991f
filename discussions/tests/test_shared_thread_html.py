"""Threads' shared HTML (discussions/thread_html.py): kept for every reader,
never carrying one reader's controls or held comments to another, and
showing every change at once."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from accounts.privacy import delete_member
from discussions.comments import Comment, set_visibility
from discussions.factories import CommentFactory
from discussions.models import ModerationItem
from discussions.moderation import approve, hold, remove

HELD_TEXT = "My own words, still waiting for a moderator."


@pytest.fixture
def clients(alice, bob):
    """An anonymous reader, Alice and Bob, each with a browser of their own."""
    readers = {"anonymous": Client(), "alice": Client(), "bob": Client()}
    readers["alice"].force_login(alice)
    readers["bob"].force_login(bob)
    return readers


@pytest.fixture
def thread(discussion, alice, bob):
    """Alice's comment, which Bob likes, Bob's public reply and Bob's held reply."""
    top = CommentFactory(page=discussion, user=alice, text="Better lighting on the canal path.")
    CommentFactory(page=discussion, user=bob, parent=top, text="Agreed, it is very dark.")
    held = CommentFactory(page=discussion, user=bob, parent=top, text=HELD_TEXT)
    set_visibility([held.pk], is_public=False)
    hold(held, ["it is one of your first comments"])
    return top, held


def read(client, discussion):
    response = client.get(discussion.url)
    assert response.status_code == 200
    return response.content.decode()


def like_forms(html):
    return len(re.findall(r'action="/comments/\d+/like/"', html))


def test_each_reader_sees_only_their_own_controls_and_held_comments(clients, discussion, thread, alice):
    top, _ = thread
    clients["bob"].post(f"/comments/{top.pk}/like/")
    # Bob renders first, so the kept threads were made while he was reading.
    pages = {name: read(client, discussion) for name, client in clients.items()}

    assert HELD_TEXT in pages["bob"] and "Only you can see this comment" in pages["bob"]
    assert "You like this" in pages["bob"]
    for other in ("alice", "anonymous"):
        assert HELD_TEXT not in pages[other] and "Only you can see" not in pages[other]
        assert "You like this" not in pages[other]
        assert "1 like" in pages[other]

    assert like_forms(pages["anonymous"]) == 0 and "Report<" not in pages["anonymous"]
    # Alice may like Bob's reply, not her own comment.
    assert like_forms(pages["alice"]) == 1

    for name in ("alice", "bob"):
        secret = clients[name].cookies[settings.CSRF_COOKIE_NAME].value
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', pages[name])
        # Each token is masked afresh; unmasked, every one must be this reader's own.
        assert tokens and {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert alice.profile.pseudonym in pages["anonymous"]


def test_a_like_shows_at_once_to_everyone(clients, discussion, thread):
    top, _ = thread
    assert "1 like" not in read(clients["anonymous"], discussion)
    clients["bob"].post(f"/comments/{top.pk}/like/")
    assert "1 like" in read(clients["anonymous"], discussion)
    assert "1 like" in read(clients["alice"], discussion)


def test_an_approval_shows_the_comment_to_everyone(clients, discussion, thread, moderator):
    _, held = thread
    assert HELD_TEXT not in read(clients["anonymous"], discussion)
    approve(ModerationItem.objects.filter(comment=held), moderator)
    assert HELD_TEXT in read(clients["anonymous"], discussion)
    bobs = read(clients["bob"], discussion)
    assert HELD_TEXT in bobs and "Only you can see" not in bobs


def test_a_removal_and_an_edit_show_at_once(clients, discussion, thread, moderator):
    top, _ = thread
    read(clients["alice"], discussion)
    Comment.objects.filter(pk=top.pk).update(comment="Better lighting, and more benches.")
    # Edited in the admin, which saves the row: the key changes with it.
    edited = Comment.objects.get(pk=top.pk)
    edited.save()
    assert "more benches" in read(clients["anonymous"], discussion)

    ModerationItem.objects.create(comment=top)
    remove(ModerationItem.objects.filter(comment=top), moderator, reason="guidelines")
    html = read(clients["anonymous"], discussion)
    assert "more benches" not in html and "This comment was removed" in html


def test_a_deleted_members_comments_turn_anonymous_at_once(clients, discussion, thread, alice):
    assert alice.profile.pseudonym in read(clients["anonymous"], discussion)
    delete_member(alice)
    html = read(clients["anonymous"], discussion)
    assert alice.profile.pseudonym not in html and "a former member" in html


def test_a_thread_is_rendered_once_for_all_readers_but_its_held_comments_author(
    clients, discussion, thread, monkeypatch
):
    from discussions import thread_html

    renders = []

    class CountingRenders:
        def __init__(self, template):
            self.template = template

        def render(self, *args, **kwargs):
            renders.append(1)
            return self.template.render(*args, **kwargs)

    original = thread_html.get_template

    def get_template(name):
        template = original(name)
        return CountingRenders(template) if name == thread_html.THREAD_TEMPLATE else template

    monkeypatch.setattr(thread_html, "get_template", get_template)
    for name in ("alice", "anonymous", "alice"):
        read(clients[name], discussion)
    assert len(renders) == 1
    # Bob's held reply is in the thread: his view is his alone, rendered each time.
    read(clients["bob"], discussion)
    read(clients["bob"], discussion)
    assert len(renders) == 3
