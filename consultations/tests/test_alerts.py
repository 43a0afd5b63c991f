"""Alerts to followers: new stages, opening, closing soon (consultations.alerts)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.email_preferences import ALL, set_wanted, unsubscribe_url
from accounts.factories import MemberFactory
from consultations import alerts
from consultations.factories import ConsultationPageFactory, TopicFactory
from consultations.follows import follow, follow_topic
from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


def stage(title):
    return {"label": "Next steps", "title": title, "description": "We will say what we decided."}


def timeline(*titles):
    return [("timeline", {"heading": "Timeline", "stages": [stage(title) for title in titles]})]


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def consultation(consultation_index):
    consultation = ConsultationPageFactory(parent=consultation_index, body=timeline("Evidence gathering"))
    consultation.save_revision().publish()
    return ConsultationPage.objects.get(pk=consultation.pk)


def add_stage(consultation, title):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    stages = page.body[0].value["stages"]
    stages.append(stages.list_block.child_block.to_python(stage(title)))
    return page


def test_a_new_stage_emails_followers_only_and_only_once(consultation, django_capture_on_commit_callbacks):
    follower, stopped_everything = MemberFactory.create_batch(2)
    MemberFactory()  # follows nothing
    follow(follower, consultation)
    follow(stopped_everything, consultation)
    set_wanted(stopped_everything, ALL, False)

    page = add_stage(consultation, "Final plan published")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert recipients() == [follower.email]
    message = mail.outbox[0]
    assert "Final plan published" in message.subject
    assert unsubscribe_url(follower, alerts.UPDATES) in message.body

    # Publishing again, or editing something else, sends nothing more.
    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.summary = "A clearer summary."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.save_revision().publish()
    assert len(mail.outbox) == 1


def test_a_first_publication_or_an_unchanged_timeline_is_not_news(
    consultation_index, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    page = ConsultationPageFactory(parent=consultation_index, live=False, body=timeline("Draft"))
    follow(member, page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        ConsultationPage.objects.get(pk=page.pk).save_revision().publish()
    assert mail.outbox == []


def test_the_sweep_tells_followers_once_that_a_consultation_closes_in_three_days(
    consultation_index, django_capture_on_commit_callbacks
):
    closing = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() + timedelta(days=2),
    )
    later = ConsultationPageFactory(parent=consultation_index)
    follower = MemberFactory()
    follow(follower, closing)
    follow(follower, later)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_alerts", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_alerts", stdout=io.StringIO())
    assert recipients() == [follower.email]
    assert mail.outbox[0].subject.endswith(f"Closing soon: {closing.title}")
    assert unsubscribe_url(follower, alerts.REMINDERS) in mail.outbox[0].body


def test_the_sweep_tells_followers_of_it_or_its_topic_when_it_opens(
    consultation_index, django_capture_on_commit_callbacks
):
    topic = TopicFactory()
    waiting = ConsultationPageFactory(parent=consultation_index, upcoming=True, topic=topic)
    asked, topic_follower = MemberFactory.create_batch(2)
    follow(asked, waiting)
    follow_topic(topic_follower, topic)
    assert alerts.send_time_alerts() == []

    with django_capture_on_commit_callbacks(execute=True):
        assert len(alerts.send_time_alerts(now=waiting.opens_at + timedelta(hours=1))) == 1
    assert recipients() == sorted([asked.email, topic_follower.email])
    assert alerts.send_time_alerts(now=waiting.opens_at + timedelta(hours=2)) == []
    assert len(mail.outbox) == 2


def test_a_consultation_open_for_days_is_not_announced_as_opening(consultation_index):
    follow(MemberFactory(), ConsultationPageFactory(parent=consultation_index))
    assert alerts.send_time_alerts() == []
