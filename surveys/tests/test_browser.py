"""A member answers a survey of every question type with the keyboard alone."""

import pytest

from accounts.factories import MemberFactory
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from surveys.factories import SurveyPageFactory
from surveys.models import SurveyResponse
from tests.browser import sign_in, tab_to

pytestmark = pytest.mark.browser


def test_member_answers_the_survey_with_the_keyboard_alone(home_page, browser_page, live_server, check_page):
    page = browser_page
    user = sign_in(page, live_server.url, MemberFactory(email="keys@example.com"))
    consultation = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    survey = SurveyPageFactory(parent=consultation)
    questions = {field.field_type: field.clean_name for field in survey.get_form_fields()}

    # From the consultation page, which counts everyone who has responded.
    page.goto(survey.consultation.url)
    count_before = int(page.locator(".response-count__number").inner_text().replace(",", ""))
    check_page(page)
    tab_to(page, f'a[href="{survey.url}"].button')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{survey.url}")
    assert page.locator("h1").count() == 1
    check_page(page)

    # Send it empty first: the error summary names the required questions and links to them.
    tab_to(page, ".survey__form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    check_page(page)
    page.locator(f'.error-summary a[href="#id_{questions["radio"]}_0"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"id_{questions['radio']}_0"

    # Single choice: arrow keys move through a radio group and choose as they go.
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#id_{questions['radio']}_1")

    # The agreement scale: Tab into the group, choose "Agree" with the arrows.
    tab_to(page, f"input[name={questions['agreement']}]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#id_{questions['agreement']}_3")

    # Multiple choice: Space ticks a checkbox, Tab moves to the next one.
    tab_to(page, f"#id_{questions['checkboxes']}_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")

    # Dropdown: the arrow keys change a focused select.
    tab_to(page, f"select[name={questions['dropdown']}]")
    page.keyboard.press("ArrowDown")

    tab_to(page, f"input[name={questions['singleline']}]")
    page.keyboard.type("Hackney Wick")

    tab_to(page, f"input[name={questions['number']}]")
    page.keyboard.type("12")
    tab_to(page, f"textarea[name={questions['multiline']}]")
    page.keyboard.type("Better lighting by the station.")

    tab_to(page, ".survey__form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Thank you, we have your answers")
    assert page.locator("h1").count() == 1
    assert page.locator("h2", has_text="What happens next").count() == 1
    assert int(page.locator(".response-count__number").inner_text().replace(",", "")) == count_before + 1
    check_page(page)

    answers = SurveyResponse.objects.get(page=survey, respondent=user).form_data
    choices = {field.field_type: field.get_choices() for field in survey.get_form_fields() if field.choices}
    assert answers[questions["radio"]] == choices["radio"][1]
    assert answers[questions["agreement"]] == 4
    assert answers[questions["checkboxes"]] == [choices["checkboxes"][0], choices["checkboxes"][2]]
    assert answers[questions["dropdown"]] == choices["dropdown"][0]
    assert answers[questions["number"]] == "12"
    assert answers[questions["multiline"]] == "Better lighting by the station."

    # Coming back: already responded, and the answers are a keyboard press away.
    page.goto(survey.url)
    assert page.get_by_role("heading", name="You have already responded").is_visible()
    tab_to(page, ".survey__your-answers summary")
    page.keyboard.press("Enter")
    assert page.get_by_text("Better lighting by the station.").is_visible()
    check_page(page)
