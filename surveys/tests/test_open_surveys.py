"""Anyone can read a survey; a member gets a receipt of their answers and finds them in My account."""

import re

import pytest
from django.utils.html import escape

from accounts.factories import MemberFactory
from surveys.factories import VALID_ANSWERS, SurveyPageFactory, SurveyResponseFactory
from surveys.forms import LONG_TEXT_MAX_LENGTH
from surveys.models import SIGN_IN_TO_SEND, SurveyResponse

pytestmark = pytest.mark.django_db

# My account with every app's section, however many surveys the member answered.
MY_ACCOUNT_QUERIES = 13


@pytest.fixture
def survey():
    return SurveyPageFactory()


def test_a_signed_out_visitor_reads_the_questions_and_is_asked_to_sign_in_to_answer(client, survey):
    html = client.get(survey.url).content.decode()
    for field in survey.get_form_fields():
        assert escape(field.label) in html
    assert "Sign in to answer this survey" in html
    assert f"/accounts/login/?next={survey.url}" in html
    assert f"/accounts/signup/?next={survey.url}" in html
    assert "Sign in to send my answers" in html


def test_answers_sent_while_signed_out_wait_for_the_member_to_sign_in(client, survey):
    response = client.post(survey.url, {**VALID_ANSWERS, "tell_us_more": "Lights by the <canal>"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={survey.url.replace('/', '%2F')}"
    login_page = client.get(response["Location"]).content.decode()
    assert escape(SIGN_IN_TO_SEND) in login_page
    assert not SurveyResponse.objects.exists()

    client.force_login(MemberFactory())
    form = client.get(survey.url).content.decode()
    assert 'value="Hackney Wick"' in form
    assert "Lights by the &lt;canal&gt;" in form
    assert re.search(r'value="Streets"[^>]*checked', form)
    client.post(survey.url, VALID_ANSWERS)
    assert SurveyResponse.objects.count() == 1
    assert f"survey-draft-{survey.pk}" not in client.session


def test_an_unverified_member_keeps_what_they_typed(client, survey):
    client.force_login(MemberFactory(unverified=True))
    response = client.post(survey.url, VALID_ANSWERS)
    html = response.content.decode()
    assert response.status_code == 403 and "Verify your email address" in html
    assert 'value="Hackney Wick"' in html
    assert not SurveyResponse.objects.exists()


def test_the_member_gets_a_receipt_of_their_own_answers(client, survey, mailoutbox):
    member = MemberFactory(email="resident@example.com")
    SurveyResponseFactory(
        page=survey, respondent=MemberFactory(email="other@example.com"), form_data={"tell_us_more": "Secret"}
    )
    client.force_login(member)
    client.post(survey.url, {**VALID_ANSWERS, "tell_us_more": "More <b>light</b>"})
    [receipt] = mailoutbox
    assert receipt.to == ["resident@example.com"]
    assert survey.title in receipt.subject
    assert "How safe do you feel" in receipt.body and "Safe" in receipt.body
    assert "More <b>light</b>" in receipt.body
    html = receipt.alternatives[0][0]
    assert "More &lt;b&gt;light&lt;/b&gt;" in html and "<b>light</b>" not in html
    assert "Secret" not in receipt.body and "Secret" not in html
    assert survey.url in receipt.body


def test_my_account_lists_the_members_survey_answers(client, django_assert_max_num_queries):
    member = MemberFactory()
    surveys = [SurveyPageFactory(title=f"Survey {number}") for number in range(3)]
    for survey in surveys:
        SurveyResponseFactory(
            page=survey, respondent=member, form_data={"tell_us_more": f"On {survey.title}"}
        )
    SurveyResponseFactory(
        page=surveys[0],
        respondent=MemberFactory(email="other@example.com"),
        form_data={"tell_us_more": "Not mine"},
    )
    client.force_login(member)
    client.get("/accounts/")
    with django_assert_max_num_queries(MY_ACCOUNT_QUERIES):
        html = client.get("/accounts/").content.decode()
    assert "My survey answers" in html
    for survey in surveys:
        assert f'href="{survey.url}"' in html and f"On {survey.title}" in html
    assert "Not mine" not in html
    more = SurveyPageFactory(title="Survey 4")
    SurveyResponseFactory(page=more, respondent=member)
    client.get("/accounts/")  # Publishing a page purged the site-wide values the page uses.
    with django_assert_max_num_queries(MY_ACCOUNT_QUERIES):
        assert "Survey 4" in client.get("/accounts/").content.decode()


def test_the_pages_are_valid_html(client, survey, nu_errors):
    documents = {"survey, signed out": client.get(survey.url).content.decode()}
    member = MemberFactory()
    SurveyResponseFactory(page=survey, respondent=member)
    client.force_login(member)
    documents["my account"] = client.get("/accounts/").content.decode()
    assert nu_errors(documents) == {}


def test_a_visitors_kept_answers_are_no_bigger_than_one_response(client, survey):
    client.post(survey.url, {**VALID_ANSWERS, "tell_us_more": "x" * 100_000, "unknown": "y" * 100_000})
    kept = client.session[f"survey-draft-{survey.pk}"]
    assert "unknown" not in kept
    assert len(kept["tell_us_more"][0]) == LONG_TEXT_MAX_LENGTH
