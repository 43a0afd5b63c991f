import pytest
from django.core import mail
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from accounts.factories import MemberFactory
from discussions.factories import CommentFactory
from discussions.models import ModerationDecision, ModerationItem, Report
from discussions.moderation import hold, report
from discussions.notifications import send_moderation_digest

QUEUE = "/admin/moderation/"
LOG = "/admin/moderation/log/"

# Production's static storage: a missing static file fails here as it would live.
pytestmark = pytest.mark.usefixtures("production_static_storage")


@pytest.fixture
def held(discussion, alice):
    comment = CommentFactory(page=discussion, user=alice, text="Ring me on 07700 900123", is_public=False)
    hold(comment, ["it seems to include a phone number"])
    return comment


@pytest.fixture
def reported(discussion, alice, bob):
    parent = CommentFactory(page=discussion, user=bob, text="The parent comment about buses")
    comment = CommentFactory(page=discussion, user=alice, text="A rude reply", parent=parent)
    report(comment, bob, "abuse")
    return comment


def item_for(comment):
    return ModerationItem.objects.get(comment=comment)


def test_queue_is_for_moderators_only(client, alice, moderator):
    client.force_login(alice)
    assert client.get(QUEUE).status_code in (302, 403)
    client.force_login(moderator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert reverse("discussions_moderation_queue") in client.get("/admin/").content.decode()


def test_queue_shows_items_with_context(client, moderator, discussion, held, reported, alice):
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "Ring me on 07700 900123" in html
    assert "Held: it seems to include a phone number" in html
    assert "Reported 1 time: Abusive, threatening or harassing" in html
    assert "In reply to" in html and "The parent comment about buses" in html
    assert discussion.title in html
    assert alice.profile.pseudonym in html


def test_queue_filters_and_search(client, moderator, held, reported):
    client.force_login(moderator)
    held_only = client.get(QUEUE, {"kind": "held"}).content.decode()
    assert "07700 900123" in held_only and "A rude reply" not in held_only
    reported_only = client.get(QUEUE, {"kind": "reported"}).content.decode()
    assert "A rude reply" in reported_only and "07700 900123" not in reported_only
    searched = client.get(QUEUE, {"q": "rude"}).content.decode()
    assert "A rude reply" in searched and "07700 900123" not in searched
    approved = client.get(QUEUE, {"status": "approved"}).content.decode()
    assert "A rude reply" not in approved


def test_approving_publishes_and_logs(client, moderator, discussion, held):
    client.force_login(moderator)
    response = client.post(QUEUE, {"approve_one": item_for(held).pk, "note": "Shop number, fine"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_public
    assert item_for(held).status == ModerationItem.Status.APPROVED
    decision = ModerationDecision.objects.get()
    assert (decision.moderator, decision.action, decision.note) == (moderator, "approve", "Shop number, fine")
    log = client.get(LOG).content.decode()
    assert "Approved" in log and "Shop number, fine" in log
    assert "07700 900123" in client.get(discussion.url).content.decode()


def test_removing_needs_a_reason_then_removes_and_logs(client, moderator, discussion, reported):
    client.force_login(moderator)
    pk = item_for(reported).pk
    client.post(QUEUE, {"remove_one": pk})
    reported.refresh_from_db()
    assert not reported.is_removed and not ModerationDecision.objects.exists()
    client.post(QUEUE, {"remove_one": pk, f"reason-{pk}": "abuse"})
    reported.refresh_from_db()
    assert reported.is_removed
    decision = ModerationDecision.objects.get()
    assert (decision.action, decision.reason, decision.moderator) == ("remove", "abuse", moderator)
    assert "Abusive, threatening or harassing" in client.get(LOG).content.decode()
    assert "A rude reply" not in client.get(discussion.url).content.decode()


def test_bulk_approve_and_remove(client, moderator, held, reported):
    client.force_login(moderator)
    items = [item_for(held).pk, item_for(reported).pk]
    client.post(QUEUE, {"action": "approve", "selected": items})
    assert ModerationDecision.objects.filter(action="approve").count() == 2
    client.post(QUEUE, {"action": "remove", "selected": items, "reason": "spam"})
    assert XtdComment.objects.filter(is_removed=True).count() == 2
    assert ModerationDecision.objects.filter(action="remove", reason="spam").count() == 2


def test_removed_comment_with_replies_leaves_a_placeholder(client, moderator, discussion, bob, held):
    XtdComment.objects.filter(pk=held.pk).update(is_public=True)
    CommentFactory(page=discussion, user=bob, text="Replying before it went", parent=held)
    client.force_login(moderator)
    client.post(QUEUE, {"remove_one": item_for(held).pk, f"reason-{item_for(held).pk}": "identifying"})
    html = client.get(discussion.url).content.decode()
    assert "This comment was removed because it broke our community guidelines." in html
    assert "Replying before it went" in html
    assert "07700 900123" not in html


def test_approval_clears_reports_so_only_new_ones_count(client, moderator, reported, settings):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 2
    client.force_login(moderator)
    client.post(QUEUE, {"approve_one": item_for(reported).pk})
    report(reported, MemberFactory(email="r2@example.com", established=True), "spam")
    reported.refresh_from_db()
    assert reported.is_public
    assert item_for(reported).status == ModerationItem.Status.PENDING
    assert Report.objects.filter(reviewed=False).count() == 1


def test_payloads_are_escaped_in_the_queue_and_log(client, moderator, discussion, alice):
    nasty = CommentFactory(page=discussion, user=alice, text='<script>alert("q")</script>', is_public=False)
    hold(nasty, ["we check a new member's first comments"])
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert '<script>alert("q")' not in html and "&lt;script&gt;" in html
    client.post(
        QUEUE,
        {"remove_one": item_for(nasty).pk, f"reason-{item_for(nasty).pk}": "spam", "note": "<b>bold</b>"},
    )
    log = client.get(LOG).content.decode()
    assert "<b>bold</b>" not in log and "&lt;b&gt;bold&lt;/b&gt;" in log
    assert '<script>alert("q")' not in log


def test_moderators_get_a_digest_of_new_items_once(moderator, held, reported):
    mail.outbox.clear()
    assert send_moderation_digest.call() == 2
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [moderator.email]
    assert "2 new comments to moderate" in digest.subject
    assert "07700 900123" in digest.body and "/admin/moderation/" in digest.body
    assert send_moderation_digest.call() == 0
    assert len(mail.outbox) == 1


def test_digest_escapes_comment_html(moderator, discussion, alice):
    nasty = CommentFactory(page=discussion, user=alice, text="<img src=x onerror=alert(1)>", is_public=False)
    hold(nasty, ["we check a new member's first comments"])
    mail.outbox.clear()
    send_moderation_digest.call()
    html_body = mail.outbox[0].alternatives[0][0]
    assert "<img src=x" not in html_body and "&lt;img src=x" in html_body


@pytest.mark.parametrize("query", [{"q": "bus\x00"}, {"status": "\x00"}, {"bus\x00": "1"}])
def test_a_null_character_in_the_queues_filters_is_refused_not_an_error(client, moderator, reported, query):
    client.force_login(moderator)
    assert client.get(QUEUE, query).status_code == 400


def test_each_row_chooses_its_own_removal_reason(client, moderator, held, reported):
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    for comment in (held, reported):
        pk = item_for(comment).pk
        assert f'<select id="reason-{pk}" name="reason-{pk}">' in html
    # The reason chosen for the selected comments is not a row's reason.
    client.post(QUEUE, {"remove_one": item_for(held).pk, "reason": "spam"})
    held.refresh_from_db()
    assert not held.is_removed
