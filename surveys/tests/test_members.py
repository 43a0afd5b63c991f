import pytest

from accounts.factories import MemberFactory
from accounts.signals import member_data_requested, member_deleting
from consultations.models import ConsultationPage
from surveys.factories import SurveyPageFactory, SurveyResponseFactory

pytestmark = pytest.mark.django_db


def test_member_data_export_includes_their_answers_only():
    survey = SurveyPageFactory()
    user = MemberFactory()
    SurveyResponseFactory(
        page=survey,
        respondent=user,
        form_data={"how_safe_do_you_feel": "Safe", "the_priorities_are_right": 5},
    )
    SurveyResponseFactory(
        page=survey,
        respondent=MemberFactory(email="other@example.com"),
        form_data={"how_safe_do_you_feel": "Unsafe"},
    )

    exports = [data for receiver, data in member_data_requested.send(sender=None, user=user)]
    [survey_export] = [data["survey_responses"] for data in exports if "survey_responses" in data]
    [answered] = survey_export
    assert answered["survey"] == "Safety survey"
    assert answered["answers"]["How safe do you feel"] == "Safe"
    assert answered["answers"]["The priorities are right"] == "Strongly agree"
    assert answered["answers"]["Your neighbourhood"] == "Not answered"


def test_deleting_a_member_keeps_their_answers_anonymously():
    survey = SurveyPageFactory()
    user = MemberFactory(profile__area="Hackney", profile__age_band="25-34")
    stored = SurveyResponseFactory(
        page=survey,
        respondent=user,
        area="Hackney",
        age_band="25-34",
        form_data={"how_safe_do_you_feel": "Safe"},
    )
    key = stored.respondent_key

    member_deleting.send(sender=None, user=user)
    user.delete()

    stored.refresh_from_db()
    assert stored.respondent is None
    assert (stored.area, stored.age_band) == ("", "")
    assert stored.respondent_key == key
    assert stored.form_data == {"how_safe_do_you_feel": "Safe"}
    assert ConsultationPage.objects.get(pk=survey.consultation.pk).response_count == 1
