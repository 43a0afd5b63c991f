"""Emailing a set of members once (accounts.announcements): batches, opt-outs, failures, resuming."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone
from wagtail import hooks

from accounts import announcements
from accounts.announcements import Audience, announce, resume_stalled, send_batch
from accounts.email_preferences import ALL, EmailKind, set_wanted, unsubscribe_url
from accounts.email_preferences import HOOK as EMAIL_KIND_HOOK
from accounts.factories import MemberFactory
from accounts.models import Announcement, AnnouncementDelivery

NEWS = "news"
EVERYONE_NAMED = "members-named"


def members_named(prefix):
    return get_user_model().objects.filter(username__startswith=prefix)


@pytest.fixture(autouse=True)
def a_kind_and_an_audience():
    with (
        hooks.register_temporarily(EMAIL_KIND_HOOK, lambda: EmailKind(NEWS, "News")),
        hooks.register_temporarily(announcements.HOOK, lambda: Audience(EVERYONE_NAMED, members_named)),
    ):
        yield


@pytest.fixture
def templates(settings, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "note_subject.txt").write_text("{{ title }}")
    (folder / "note.txt").write_text("{{ title }}. Stop: {{ unsubscribe_url }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


def make_members(count, prefix="reader"):
    return [MemberFactory(username=f"{prefix}-{n}", email=f"{prefix}{n}@example.org") for n in range(count)]


def announce_news(key="news:1", prefix="reader"):
    context = {"title": "Hello"}
    return announce(
        key, kind=NEWS, audience=EVERYONE_NAMED, template_prefix="news/note", context=context, prefix=prefix
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.django_db
def test_everyone_gets_one_email_with_their_own_unsubscribe_link(
    templates, django_capture_on_commit_callbacks
):
    members = make_members(3)
    with django_capture_on_commit_callbacks(execute=True):
        announcement, created = announce_news()
    assert created
    assert recipients() == sorted(member.email for member in members)
    for member in members:
        message = next(message for message in mail.outbox if message.to == [member.email])
        link = unsubscribe_url(member, NEWS)
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        assert link in message.body
    announcement.refresh_from_db()
    assert announcement.finished_at is not None
    assert AnnouncementDelivery.objects.filter(announcement=announcement).count() == 3


@pytest.mark.django_db
def test_announcing_again_sends_nothing(templates, django_capture_on_commit_callbacks):
    make_members(2)
    with django_capture_on_commit_callbacks(execute=True):
        announce_news()
    with django_capture_on_commit_callbacks(execute=True):
        _, created = announce_news()
    assert not created
    assert len(mail.outbox) == 2
    send_batch.enqueue(Announcement.objects.get().pk)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_members_who_stopped_that_kind_or_everything_are_skipped_when_it_is_sent(
    templates, django_capture_on_commit_callbacks
):
    keen, stopped_news, stopped_all, no_address, closed = make_members(5)
    set_wanted(stopped_news, NEWS, False)
    set_wanted(stopped_all, ALL, False)
    get_user_model().objects.filter(pk=no_address.pk).update(email="")
    get_user_model().objects.filter(pk=closed.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        announce_news()
    assert recipients() == [keen.email]


@pytest.mark.django_db
def test_publishing_stores_the_announcement_and_queues_one_task(
    templates, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    make_members(30)
    # Whatever the audience's size: look the key up, and store it in a savepoint.
    with django_assert_max_num_queries(4), django_capture_on_commit_callbacks() as callbacks:
        announce_news()
    assert len(callbacks) == 1 and mail.outbox == []


class FailingOnce(EmailBackend):
    """The mail server accepts `accepted` messages, then fails once; then it works again."""

    accepted = 0
    failed = False

    def send_messages(self, messages):
        if not FailingOnce.failed and len(mail.outbox) >= FailingOnce.accepted:
            FailingOnce.failed = True
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_batch_failing_half_way_resumes_with_the_rest_and_no_duplicates(
    templates, settings, monkeypatch, django_capture_on_commit_callbacks
):
    members = make_members(7)
    monkeypatch.setattr(announcements, "BATCH_SIZE", 3)
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnce"
    monkeypatch.setattr(FailingOnce, "accepted", 4)
    monkeypatch.setattr(FailingOnce, "failed", False)
    with django_capture_on_commit_callbacks(execute=True):
        announcement, _ = announce_news()
    # The immediate backend retries at once: the first batch sent 3, the second
    # failed after 1, and its retry carried on from the fifth member.
    assert FailingOnce.failed
    assert recipients() == sorted(member.email for member in members)
    assert AnnouncementDelivery.objects.filter(announcement=announcement).count() == 7
    announcement.refresh_from_db()
    assert announcement.finished_at is not None


@pytest.mark.django_db
def test_a_killed_batch_is_resumed_by_the_sweep_once_its_lease_runs_out(templates):
    members = make_members(4)
    announcement, _ = announce_news()  # its first batch never ran (the worker was killed)
    AnnouncementDelivery.objects.create(announcement=announcement, user=members[0])
    held = timezone.now() + timedelta(seconds=30)
    Announcement.objects.filter(pk=announcement.pk).update(lease_until=held)
    assert resume_stalled() == 0  # still moving, as far as anyone knows

    long_ago = timezone.now() - timedelta(minutes=10)
    Announcement.objects.filter(pk=announcement.pk).update(lease_until=long_ago, progressed_at=long_ago)
    assert resume_stalled() == 1
    assert recipients() == sorted(member.email for member in members[1:])
    assert resume_stalled() == 0


@pytest.mark.django_db
def test_a_batch_costs_one_insert_per_member_and_a_few_queries_besides(
    templates, monkeypatch, django_assert_max_num_queries
):
    make_members(20)
    monkeypatch.setattr(announcements, "BATCH_SIZE", 50)
    announcement, _ = announce_news()
    with django_assert_max_num_queries(20 + 5):
        assert send_batch.call(announcement.pk) == 20


@pytest.mark.usefixtures("transactional_db")
def test_batches_racing_for_one_announcement_send_each_email_once(templates, monkeypatch):
    members = make_members(12)
    monkeypatch.setattr(announcements, "BATCH_SIZE", 5)
    announcement, _ = announce_news()  # outside a transaction: its first batch runs at once
    Announcement.objects.filter(pk=announcement.pk).update(finished_at=None)
    AnnouncementDelivery.objects.all().delete()
    mail.outbox.clear()
    start = threading.Barrier(4)

    def race():
        start.wait()
        try:
            send_batch.call(announcement.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=race) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One took the lease and carried on batch after batch; the others stood aside.
    assert recipients() == sorted(member.email for member in members)
    announcement.refresh_from_db()
    assert announcement.finished_at is not None
