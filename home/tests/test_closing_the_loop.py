"""Closing the loop: everyone who took part or follows hears of the outcome, once; taking part follows."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.email_preferences import ALL, set_wanted, unsubscribe_url, wants
from accounts.factories import MemberFactory
from consultations.alerts import OUTCOMES, UPDATES
from consultations.factories import ConsultationPageFactory, OutcomePageFactory
from consultations.follows import follow, follows, set_follows_when_taking_part
from consultations.models import OutcomePage
from core.links import absolute
from discussions.factories import CommentFactory, DiscussionPageFactory
from events.factories import EventPageFactory, RegistrationFactory
from surveys.factories import SurveyPageFactory, SurveyResponseFactory

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def closed(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, closed=True)


def test_the_outcome_reaches_everyone_who_took_part_or_follows_once(
    closed, django_capture_on_commit_callbacks
):
    commenter, respondent, registered, follower, did_everything, stopped_outcomes, stopped_all = (
        MemberFactory.create_batch(7)
    )
    discussion = DiscussionPageFactory(parent=closed)
    CommentFactory(page=discussion, user=commenter)
    SurveyResponseFactory(page=SurveyPageFactory(parent=closed), respondent=respondent)
    RegistrationFactory(event=EventPageFactory(consultation=closed), user=registered)
    follow(follower, closed)
    CommentFactory(page=discussion, user=did_everything)
    follow(did_everything, closed)
    for member, kind in [(stopped_outcomes, OUTCOMES), (stopped_all, ALL)]:
        CommentFactory(page=discussion, user=member)
        set_wanted(member, kind, False)
    MemberFactory()  # took no part

    outcome = OutcomePageFactory(parent=closed, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        outcome.save_revision().publish()
    told = [commenter, respondent, registered, follower, did_everything]
    assert recipients() == sorted(member.email for member in told)
    message = next(message for message in mail.outbox if message.to == [follower.email])
    assert closed.title in message.subject
    assert outcome.summary in message.body and absolute(outcome) in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url(follower, OUTCOMES)}>"

    # Publishing again, or an edit, sends nothing more.
    outcome = OutcomePage.objects.get(pk=outcome.pk)
    outcome.summary = "We will light 45 more streets by spring."
    with django_capture_on_commit_callbacks(execute=True):
        outcome.save_revision().publish()
        outcome.save_revision().publish()
    assert len(mail.outbox) == 5


def test_a_new_event_of_a_followed_consultation_is_news_once(
    consultation_index, django_capture_on_commit_callbacks
):
    consultation = ConsultationPageFactory(parent=consultation_index)
    follower = MemberFactory()
    follow(follower, consultation)
    event = EventPageFactory(consultation=consultation, live=False, title="Drop-in at the library")
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        event.save_revision().publish()
    assert recipients() == [follower.email]
    assert "Drop-in at the library" in mail.outbox[0].subject
    assert unsubscribe_url(follower, UPDATES) in mail.outbox[0].body


def test_an_event_that_has_begun_is_not_news(consultation_index, django_capture_on_commit_callbacks):
    consultation = ConsultationPageFactory(parent=consultation_index)
    follow(MemberFactory(), consultation)
    started = timezone.now() - timedelta(hours=1)
    event = EventPageFactory(consultation=consultation, live=False, starts_at=started)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert mail.outbox == []


def test_loading_the_demo_tells_its_members_only_of_the_finished_consultations_outcome(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    outcome = OutcomePage.objects.live().get()
    assert mail.outbox
    assert {message.subject for message in mail.outbox} == {
        f"Engagement Hub: What came of “{outcome.consultation.title}”"
    }
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    assert len({message.to[0] for message in mail.outbox}) == len(mail.outbox)


def test_commenting_answering_or_registering_follows_the_consultation(consultation_index):
    consultation = ConsultationPageFactory(parent=consultation_index)
    commenter, respondent, registered, said_no = MemberFactory.create_batch(4)
    set_follows_when_taking_part(said_no, False)
    discussion = DiscussionPageFactory(parent=consultation)
    CommentFactory(page=discussion, user=commenter)
    CommentFactory(page=discussion, user=said_no)
    SurveyResponseFactory(page=SurveyPageFactory(parent=consultation), respondent=respondent)
    RegistrationFactory(event=EventPageFactory(consultation=consultation), user=registered)
    assert all(follows(member, consultation) for member in [commenter, respondent, registered])
    assert not follows(said_no, consultation)


def test_the_outcome_emails_one_click_unsubscribe_works_signed_out_and_refuses_a_tampered_link(
    closed, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    follow(member, closed)
    with django_capture_on_commit_callbacks(execute=True):
        OutcomePageFactory(parent=closed, live=False).save_revision().publish()
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    path = link.removeprefix(absolute("/").rstrip("/"))

    mail_program = Client(enforce_csrf_checks=True)
    asking = mail_program.get(path).content.decode()
    assert "Stop these emails" in asking and "What came of consultations" in asking
    assert wants(member, OUTCOMES)  # a look is not a yes
    tampered = mail_program.post(path[:-3] + "xyz/", {"List-Unsubscribe": "One-Click"})
    assert tampered.status_code == 400 and "This link does not work" in tampered.content.decode()
    assert wants(member, OUTCOMES)

    # RFC 8058: the mail program POSTs without cookies or a CSRF token.
    assert mail_program.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not wants(member, OUTCOMES) and wants(member, UPDATES)
