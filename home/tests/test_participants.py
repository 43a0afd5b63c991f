"""Who took part in a consultation: the one answer the outcome's figures and its email share."""

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from consultations.responses import participants
from discussions.factories import CommentFactory, DiscussionPageFactory
from events.factories import EventPageFactory, RegistrationFactory
from events.models import RegistrationStatus
from surveys.factories import SurveyPageFactory, SurveyResponseFactory


def test_everyone_who_commented_answered_or_registered_takes_part_once(db, django_assert_num_queries):
    consultation = ConsultationPageFactory()
    discussion = DiscussionPageFactory(parent=consultation)
    survey = SurveyPageFactory(parent=consultation)
    event = EventPageFactory(consultation=consultation)
    commenter, respondent, confirmed, waitlisted, did_everything = MemberFactory.create_batch(5)
    CommentFactory(page=discussion, user=commenter)
    SurveyResponseFactory(page=survey, respondent=respondent)
    RegistrationFactory(event=event, user=confirmed)
    RegistrationFactory(event=event, user=waitlisted, status=RegistrationStatus.WAITLISTED)
    CommentFactory(page=discussion, user=did_everything)
    SurveyResponseFactory(page=survey, respondent=did_everything)
    RegistrationFactory(event=event, user=did_everything)

    # Not taking part: a held comment, a cancelled place, another consultation, a closed account.
    CommentFactory(page=discussion, user=MemberFactory(), is_public=False)
    RegistrationFactory(event=event, user=MemberFactory(), status=RegistrationStatus.CANCELLED)
    CommentFactory(user=MemberFactory())
    gone = MemberFactory(is_active=False)
    CommentFactory(page=discussion, user=gone)

    with django_assert_num_queries(1):
        taking_part = set(participants(consultation))
    assert taking_part == {commenter, respondent, confirmed, waitlisted, did_everything}


def test_a_consultation_nobody_took_part_in_has_no_participants(db):
    assert not participants(ConsultationPageFactory()).exists()
