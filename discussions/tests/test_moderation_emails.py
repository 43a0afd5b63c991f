"""Authors hear what a moderator decided about their held or removed comments."""

import pytest

from accounts.email_preferences import set_wanted
from consultations.factories import ConsultationPageFactory
from core.models import SiteSettings
from discussions.factories import CommentFactory
from discussions.models import ModerationItem
from discussions.moderation import hold, report
from discussions.notifications import MODERATION_DECISIONS

QUEUE = "/admin/moderation/"


@pytest.fixture
def decide(client, moderator, django_capture_on_commit_callbacks):
    """Post a moderator's decision to the queue and run what waits for the commit."""
    client.force_login(moderator)

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(QUEUE, data)

    return post


@pytest.fixture
def guidelines(discussion):
    # Any page will do: the guidelines are a StandardPage, from a layer discussions cannot import.
    page = ConsultationPageFactory(title="Community guidelines", slug="community-guidelines")
    site_settings = SiteSettings.for_site(discussion.get_site())
    site_settings.guidelines_page = page
    site_settings.save()
    return page


def held_comment(discussion, author, text):
    comment = CommentFactory(page=discussion, user=author, text=text, is_public=False)
    hold(comment, ["we check a new member's first comments"])
    return comment


def item_pk(comment):
    return ModerationItem.objects.get(comment=comment).pk


def test_approving_a_held_comment_tells_its_author_where_it_shows(decide, discussion, alice, mailoutbox):
    comment = held_comment(discussion, alice, "More benches <b>please</b>")
    decide({"approve_one": item_pk(comment)})
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert "published" in message.subject
    assert f"{discussion.url}#c{comment.pk}\n" in message.body
    html = message.alternatives[0][0]
    assert "&lt;b&gt;please&lt;/b&gt;" in html and "<b>please</b>" not in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_removing_names_the_guideline_broken_and_links_the_guidelines(
    decide, discussion, alice, guidelines, mailoutbox
):
    comment = held_comment(discussion, alice, "Buy cheap watches")
    decide({"remove_one": item_pk(comment), f"reason-{item_pk(comment)}": "spam"})
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert "removed" in message.subject
    assert "Spam or advertising" in message.body
    assert guidelines.url in message.body
    assert "Buy cheap watches" in message.body


def test_bulk_decisions_tell_each_author_once(decide, discussion, alice, bob, mailoutbox):
    held = [
        held_comment(discussion, alice, "First from Alice"),
        held_comment(discussion, alice, "Second from Alice"),
        held_comment(discussion, bob, "One from Bob"),
    ]
    decide({"action": "approve", "selected": [item_pk(c) for c in held]})
    assert sorted(message.to[0] for message in mailoutbox) == ["alice@example.com", "bob@example.com"]
    to_alice = next(message for message in mailoutbox if message.to == ["alice@example.com"])
    assert "First from Alice" in to_alice.body and "Second from Alice" in to_alice.body
    assert "One from Bob" not in to_alice.body
    mailoutbox.clear()
    decide({"action": "approve", "selected": [item_pk(c) for c in held]})
    assert mailoutbox == []


def test_a_reported_comment_kept_up_sends_no_email(decide, discussion, alice, bob, mailoutbox):
    comment = CommentFactory(page=discussion, user=alice, text="A sharp but fair point")
    report(comment, bob, "abuse")
    mailoutbox.clear()
    decide({"approve_one": item_pk(comment)})
    assert mailoutbox == []


def test_a_reported_comment_taken_down_tells_its_author(decide, discussion, alice, bob, mailoutbox):
    comment = CommentFactory(page=discussion, user=alice, text="You are all idiots")
    report(comment, bob, "abuse")
    mailoutbox.clear()
    decide({"remove_one": item_pk(comment), f"reason-{item_pk(comment)}": "abuse"})
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert "Abusive, threatening or harassing" in message.body


def test_an_author_who_stopped_these_emails_gets_none(decide, discussion, alice, mailoutbox):
    set_wanted(alice, MODERATION_DECISIONS, False)
    comment = held_comment(discussion, alice, "Quiet please")
    decide({"approve_one": item_pk(comment)})
    assert mailoutbox == []
