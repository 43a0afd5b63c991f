import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from core.ratelimit import WAIT_MESSAGE
from surveys.factories import VALID_ANSWERS, SurveyPageFactory, SurveyResponseFactory
from surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return SurveyPageFactory()


@pytest.fixture
def member_client(client):
    user = MemberFactory(profile__area="Hackney", profile__age_band="25-34")
    client.force_login(user)
    client.user = user
    return client


def answers(**changes):
    data = {**VALID_ANSWERS, **changes}
    return {name: value for name, value in data.items() if value is not None}


def test_member_sees_the_form_with_the_consultation_header(member_client, survey):
    response = member_client.get(survey.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Part of" in html and survey.consultation.title in html
    assert "Tell us what you think." in html
    assert re.search(r'<legend class="field__label">\s*How safe do you feel\s*</legend>', html)
    assert 'aria-describedby="id_tell_us_more_helptext"' in html
    assert "Strongly disagree" in html and "Strongly agree" in html
    assert "Choose an answer" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_member_answers_and_sees_what_happens_next(member_client, survey):
    response = member_client.post(survey.url, answers())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you, we have your answers" in html
    assert "What happens next" in html and "We will publish a report." in html

    stored = SurveyResponse.objects.get(page=survey)
    assert stored.respondent == member_client.user
    assert (stored.area, stored.age_band) == ("Hackney", "25-34")
    assert stored.form_data == {
        "your_neighbourhood": "Hackney Wick",
        "tell_us_more": "Better lighting, please.",
        "how_safe_do_you_feel": "Safe",
        "places_to_improve": ["Streets", "Buses"],
        "how_you_hear_about_us": "News",
        "the_priorities_are_right": 4,
        "years_lived_here": "12",
    }
    assert survey.consultation.response_count == 1


def test_optional_questions_may_be_left_blank(member_client, survey):
    response = member_client.post(
        survey.url,
        answers(tell_us_more="", places_to_improve=None, how_you_hear_about_us="", years_lived_here=""),
    )
    assert "Thank you, we have your answers" in response.content.decode()
    data = SurveyResponse.objects.get().form_data
    assert data["places_to_improve"] == [] and data["years_lived_here"] is None


def test_second_visit_says_already_responded_and_shows_the_answers(member_client, survey):
    member_client.post(survey.url, answers())
    response = member_client.get(survey.url)
    html = response.content.decode()
    assert "You have already responded" in html
    assert '<form class="survey__form"' not in html
    assert "Hackney Wick" in html and "Streets, Buses" in html and "Agree" in html


def test_double_submit_stores_one_response(member_client, survey):
    first = member_client.post(survey.url, answers())
    second = member_client.post(survey.url, answers(your_neighbourhood="Somewhere else"))
    assert "Thank you" in first.content.decode()
    assert "You have already responded" in second.content.decode()
    assert SurveyResponse.objects.get().form_data["your_neighbourhood"] == "Hackney Wick"


def test_a_submission_racing_past_the_first_check_gets_already_responded(member_client, survey, monkeypatch):
    """Another request stores the member's answers between this one's check and its insert."""
    SurveyResponseFactory(
        page=survey, respondent=member_client.user, form_data={"your_neighbourhood": "From the other request"}
    )
    look_ups = []

    def response_of(page, user):
        look_ups.append(user)
        return None if len(look_ups) == 1 else SurveyResponse.objects.get(page=page, respondent=user)

    monkeypatch.setattr(SurveyPage, "response_of", response_of)
    response = member_client.post(survey.url, answers())
    assert "You have already responded" in response.content.decode()
    assert SurveyResponse.objects.get().form_data == {"your_neighbourhood": "From the other request"}


class TestBadInput:
    def post(self, client, survey, data):
        response = client.post(survey.url, data)
        assert SurveyResponse.objects.count() == 0
        return response, response.content.decode()

    def test_missing_required_answer_keeps_what_was_typed(self, member_client, survey):
        response, html = self.post(
            member_client, survey, answers(how_safe_do_you_feel=None, the_priorities_are_right=None)
        )
        assert response.status_code == 200
        assert "There is a problem with your answers" in html
        assert '<a href="#id_how_safe_do_you_feel_0">Answer the question: How safe do you feel</a>' in html
        assert (
            '<a href="#id_the_priorities_are_right_0">Answer the question: The priorities are right</a>'
            in html
        )
        assert "<title>Error: " in html
        assert 'value="Hackney Wick"' in html
        assert "Better lighting, please.</textarea>" in html
        assert 'value="Streets" id="id_places_to_improve_0" checked' in html

    def test_value_outside_the_choices(self, member_client, survey):
        _, html = self.post(
            member_client,
            survey,
            answers(
                how_safe_do_you_feel="Invented", places_to_improve=["Moon"], the_priorities_are_right="9"
            ),
        )
        assert "Choose one of the answers given for: How safe do you feel" in html
        assert "Choose one of the answers given for: Places to improve" in html
        assert "Choose one of the answers given for: The priorities are right" in html

    def test_oversized_text(self, member_client, survey):
        _, html = self.post(
            member_client, survey, answers(your_neighbourhood="x" * 256, tell_us_more="y" * 5001)
        )
        assert "Shorten your answer to: Your neighbourhood (255 characters at most, you have 256)" in html
        assert "Shorten your answer to: Tell us more (5000 characters at most, you have 5001)" in html
        assert 'aria-invalid="true"' in html
        assert 'aria-describedby="id_your_neighbourhood_error"' in html

    def test_not_a_number(self, member_client, survey):
        _, html = self.post(member_client, survey, answers(years_lived_here="lots"))
        assert "Enter a number." in html

    def test_a_negative_number(self, member_client, survey):
        _, html = self.post(member_client, survey, answers(years_lived_here="-3"))
        assert "Enter 0 or more for: Years lived here" in html

    def test_closed_survey_shows_a_message_and_no_form(self, client):
        survey = SurveyPageFactory(
            parent=ConsultationPageFactory(
                opens_at=timezone.now() + timedelta(days=-14), closes_at=timezone.now() + timedelta(days=-1)
            )
        )
        client.force_login(MemberFactory())
        page = client.get(survey.url).content.decode()
        assert "This survey has closed" in page and '<form class="survey__form"' not in page
        response, html = self.post(client, survey, answers())
        assert response.status_code == 403 and "This survey has closed" in html

    def test_after_closing_a_member_can_still_read_their_answers(self, client):
        survey = SurveyPageFactory(
            parent=ConsultationPageFactory(
                opens_at=timezone.now() + timedelta(days=-14), closes_at=timezone.now() + timedelta(days=-1)
            )
        )
        user = MemberFactory()
        SurveyResponseFactory(page=survey, respondent=user, form_data={"your_neighbourhood": "Hackney Wick"})
        client.force_login(user)
        html = client.get(survey.url).content.decode()
        assert "This survey has closed" in html and "View your answers" in html and "Hackney Wick" in html

    def test_upcoming_survey_is_not_open_yet(self, client):
        survey = SurveyPageFactory(
            parent=ConsultationPageFactory(
                opens_at=timezone.now() + timedelta(days=2), closes_at=timezone.now() + timedelta(days=9)
            )
        )
        client.force_login(MemberFactory())
        response, html = self.post(client, survey, answers())
        assert response.status_code == 403 and "This survey is not open yet" in html

    def test_visitor_is_asked_to_sign_in(self, client, survey):
        html = client.get(survey.url).content.decode()
        assert f"/accounts/login/?next={survey.url}" in html
        response = client.post(survey.url, answers())
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        assert not SurveyResponse.objects.exists()

    def test_unverified_member_is_asked_to_verify(self, client, survey):
        client.force_login(MemberFactory(unverified=True))
        response, html = self.post(client, survey, answers())
        assert response.status_code == 403 and "Verify your email address" in html

    def test_posting_over_and_over_is_slowed_down_keeping_the_answers(self, member_client, survey, settings):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "answer_survey": "3/m/user"}
        for _ in range(3):
            self.post(member_client, survey, answers(how_safe_do_you_feel=None))
        response, html = self.post(member_client, survey, answers())
        assert response.status_code == 429 and WAIT_MESSAGE in html
        assert "Hackney Wick" in html
        assert not SurveyResponse.objects.exists()

    def test_post_without_csrf_token_is_refused(self, survey):
        client = Client(enforce_csrf_checks=True)
        client.force_login(MemberFactory())
        response, html = self.post(client, survey, answers())
        assert response.status_code == 403 and "Your form has expired" in html


def test_survey_page_queries_are_bounded(member_client, survey, django_assert_max_num_queries):
    for number in range(30):
        SurveyResponseFactory(page=survey, respondent=MemberFactory(email=f"other-{number}@example.com"))
    member_client.get(survey.url)  # Creates the site settings and warms Wagtail's site cache.
    # The consultation header's response count is one query per kind of response.
    with django_assert_max_num_queries(20):
        assert member_client.get(survey.url).status_code == 200
    with django_assert_max_num_queries(30):
        assert "Thank you" in member_client.post(survey.url, answers()).content.decode()
    with django_assert_max_num_queries(20):
        assert "already responded" in member_client.get(survey.url).content.decode()


def test_consultation_page_leads_to_its_survey(client, survey):
    html = client.get(survey.consultation.url).content.decode()
    assert "Answer the survey" in html and f'href="{survey.url}"' in html


def test_closed_consultation_page_links_to_its_survey_without_asking_for_answers(client):
    survey = SurveyPageFactory(
        parent=ConsultationPageFactory(
            opens_at=timezone.now() + timedelta(days=-14), closes_at=timezone.now() + timedelta(days=-1)
        )
    )
    html = client.get(survey.consultation.url).content.decode()
    assert "Answer the survey" not in html and f'href="{survey.url}"' in html
