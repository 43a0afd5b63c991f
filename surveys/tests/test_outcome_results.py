"""A consultation's outcome shows its surveys' questions and results, small surveys' figures suppressed."""

import pytest

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory, OutcomePageFactory
from surveys.factories import SurveyPageFactory, SurveyResponseFactory
from surveys.results import MIN_GROUP_SIZE

QUESTIONS = [
    {"label": "How safe do you feel", "field_type": "radio", "choices": "Safe\nUnsafe"},
    {"label": "Anything else", "field_type": "multiline", "required": False},
]
BODY = [
    ("we_asked", {"heading": "We asked", "introduction": ""}),
    ("you_said", {"heading": "You said", "summary": "<p>Mixed feelings.</p>", "quotes": []}),
]


@pytest.fixture
def survey(db):
    consultation = ConsultationPageFactory(closed=True)
    return SurveyPageFactory(parent=consultation, title="Safety survey", questions=QUESTIONS)


def answer(survey, count, feeling):
    for _ in range(count):
        SurveyResponseFactory(
            page=survey,
            respondent=MemberFactory(),
            form_data={"how_safe_do_you_feel": feeling, "anything_else": "Secret words"},
        )


def test_the_outcome_asks_the_surveys_questions_and_shows_its_results(client, survey):
    answer(survey, 9, "Safe")
    answer(survey, 3, "Unsafe")
    outcome = OutcomePageFactory(parent=survey.get_parent(), body=BODY)
    html = client.get(outcome.url).content.decode()
    assert "In our survey: Safety survey" in html
    assert "<li>How safe do you feel</li>" in html
    assert "<h4>How safe do you feel</h4>" in html
    assert "12 people answered the survey." in html
    assert '<th scope="row">Safe</th><td>9</td><td>75%</td>' in html
    assert "12</strong> answers to its surveys" in html
    assert "12</strong> members took part online" in html
    # Free text is never published.
    assert "Secret words" not in html


def test_a_survey_with_fewer_responses_than_the_minimum_shows_no_figures(client, survey):
    answer(survey, MIN_GROUP_SIZE - 1, "Safe")
    outcome = OutcomePageFactory(parent=survey.get_parent(), body=BODY)
    html = client.get(outcome.url).content.decode()
    assert f"fewer than {MIN_GROUP_SIZE} responses, so we do not publish its figures" in html
    assert "<td>9</td>" not in html
