import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from consultations.models import ConsultationPage
from home.models import HomePage, StandardPage
from surveys.models import SurveyPage, SurveyResponse

from . import factories


class SurveyPageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.consultation = factories.consultation()

    def setUp(self):
        self.login()

    def test_survey_lives_only_under_a_consultation(self):
        self.assertCanCreateAt(ConsultationPage, SurveyPage)
        self.assertCanNotCreateAt(HomePage, SurveyPage)
        self.assertCanNotCreateAt(StandardPage, SurveyPage)
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
        survey = factories.survey(self.consultation)
        self.assertPageIsRenderable(survey)
        self.assertPageIsPreviewable(survey, mode="form")
        self.assertPageIsPreviewable(survey, mode="landing")


@pytest.mark.django_db
def test_consultation_response_count_adds_survey_responses_in_its_subtree():
    consultation = factories.consultation()
    consultation.offline_response_count = 5
    consultation.save()
    survey = factories.survey(consultation)
    other = factories.survey(factories.consultation(slug="other"), slug="other-survey")
    factories.response(survey, factories.member("a@example.com"))
    factories.response(survey, factories.member("b@example.com"))
    factories.response(other, factories.member("c@example.com"))

    assert ConsultationPage.objects.get(pk=consultation.pk).response_count == 7


@pytest.mark.django_db
def test_consultation_response_count_costs_one_query_per_kind_of_response(django_assert_max_num_queries):
    consultation = factories.consultation()
    survey = factories.survey(consultation)
    for number in range(3):
        factories.response(survey, factories.member(f"member{number}@example.com"))
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    # Comments, survey responses and event registrations: one count each.
    with django_assert_max_num_queries(3):
        assert consultation.response_count == 3


@pytest.mark.django_db
def test_one_response_per_member_is_a_database_rule():
    from django.db import IntegrityError, transaction

    survey = factories.survey()
    user = factories.member()
    factories.response(survey, user)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.response(survey, user)
    # Former members' answers (respondent unlinked) do not clash with each other.
    factories.response(survey, None)
    factories.response(survey, None)
    assert SurveyResponse.objects.filter(page=survey).count() == 3
