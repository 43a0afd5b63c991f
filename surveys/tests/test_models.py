import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage
from surveys.factories import SurveyPageFactory, SurveyResponseFactory
from surveys.models import SurveyPage, SurveyResponse


class SurveyPageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.consultation = ConsultationPageFactory()

    def setUp(self):
        self.login()

    def test_survey_lives_only_under_a_consultation(self):
        self.assertCanCreateAt(ConsultationPage, SurveyPage)
        self.assertAllowedParentPageTypes(SurveyPage, {ConsultationPage})
        self.assertCanNotCreateAt(SurveyPage, SurveyPage)

    def test_editor_builds_a_survey_with_every_question_type(self):
        questions = [
            {
                "label": "Short",
                "help_text": "A hint",
                "required": "on",
                "field_type": "singleline",
                "choices": "",
            },
            {"label": "Long", "help_text": "", "field_type": "multiline", "choices": ""},
            {"label": "One", "help_text": "", "required": "on", "field_type": "radio", "choices": "A\nB"},
            {"label": "Many", "help_text": "", "field_type": "checkboxes", "choices": "A\nB\nC"},
            {"label": "Pick", "help_text": "", "field_type": "dropdown", "choices": "X\nY"},
            {"label": "Agree", "help_text": "", "required": "on", "field_type": "agreement", "choices": ""},
            {"label": "Count", "help_text": "", "field_type": "number", "choices": ""},
        ]
        self.assertCanCreate(
            self.consultation,
            SurveyPage,
            nested_form_data(
                {
                    "title": "Built in the admin",
                    "slug": "built-in-the-admin",
                    "introduction": "",
                    "intro": rich_text("<p>Before the questions.</p>"),
                    "thank_you_text": rich_text("<p>What happens next.</p>"),
                    "form_fields": inline_formset(questions),
                }
            ),
        )
        survey = SurveyPage.objects.get(slug="built-in-the-admin")
        fields = list(survey.get_form_fields())
        assert [field.field_type for field in fields] == [
            "singleline",
            "multiline",
            "radio",
            "checkboxes",
            "dropdown",
            "agreement",
            "number",
        ]
        assert [field.required for field in fields] == [True, False, True, False, False, True, False]
        assert fields[0].help_text == "A hint"
        assert list(survey.get_form().fields) == [field.clean_name for field in fields]

    def test_survey_renders_and_previews(self):
        survey = SurveyPageFactory(parent=self.consultation)
        self.assertPageIsRenderable(survey)
        self.assertPageIsPreviewable(survey, mode="form")
        self.assertPageIsPreviewable(survey, mode="landing")


@pytest.mark.django_db
def test_consultation_response_count_adds_survey_responses_in_its_subtree():
    consultation = ConsultationPageFactory()
    consultation.offline_response_count = 5
    consultation.save()
    survey = SurveyPageFactory(parent=consultation)
    other = SurveyPageFactory(parent=ConsultationPageFactory(slug="other"), slug="other-survey")
    SurveyResponseFactory(page=survey, respondent=MemberFactory(email="a@example.com"))
    SurveyResponseFactory(page=survey, respondent=MemberFactory(email="b@example.com"))
    SurveyResponseFactory(page=other, respondent=MemberFactory(email="c@example.com"))

    assert ConsultationPage.objects.get(pk=consultation.pk).response_count == 7


@pytest.mark.django_db
def test_consultation_response_count_costs_one_query_for_every_kind_of_response(django_assert_num_queries):
    consultation = ConsultationPageFactory()
    survey = SurveyPageFactory(parent=consultation)
    for number in range(3):
        SurveyResponseFactory(page=survey, respondent=MemberFactory(email=f"member{number}@example.com"))
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    # Comments, survey responses and event places, each a subquery of one query.
    with django_assert_num_queries(1):
        assert consultation.response_count == 3


@pytest.mark.django_db
def test_one_response_per_member_is_a_database_rule():
    from django.db import IntegrityError, transaction

    survey = SurveyPageFactory()
    user = MemberFactory()
    SurveyResponseFactory(page=survey, respondent=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponseFactory(page=survey, respondent=user)
    # Former members' answers (respondent unlinked) do not clash with each other.
    SurveyResponseFactory(page=survey, respondent=None)
    SurveyResponseFactory(page=survey, respondent=None)
    assert SurveyResponse.objects.filter(page=survey).count() == 3
