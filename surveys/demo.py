"""A short demo survey under the open demo consultation, with answers from demo members.

Fourteen members answer from one area and eleven share an age band, so the breakdowns show
figures for those groups and "fewer than 10" for the others.
"""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.factories import member_with_email
from core.demo import child_page, rich_text

from .factories import SurveyResponseFactory
from .models import SurveyField, SurveyPage, SurveyResponse

QUESTIONS = [
    {
        "label": "How safe do you feel in your neighbourhood after dark?",
        "field_type": "radio",
        "choices": "Very safe\nFairly safe\nA bit unsafe\nVery unsafe\nDon't know",
    },
    {
        "label": "The draft plan's four priorities are the right ones",
        "field_type": "agreement",
        "help_text": (
            "Rebuilding trust, preventing violence, supporting victims, and safer streets, parks and "
            "transport."
        ),
    },
    {
        "label": "Which places should we make safer first?",
        "field_type": "checkboxes",
        "help_text": "Choose all that apply.",
        "choices": (
            "Streets and town centres\nParks and open spaces\nBuses and stations\nAround "
            "schools\nNight-time venues"
        ),
        "required": False,
    },
    {
        "label": "How do you usually hear about community safety in your area?",
        "field_type": "dropdown",
        "choices": (
            "Local news\nSocial media\nCouncil newsletter\nNeighbourhood policing team\nFriends and "
            "neighbours\nI don't hear about it"
        ),
        "required": False,
    },
    {
        "label": "How many years have you lived in the city?",
        "field_type": "number",
        "required": False,
    },
    {
        "label": "What one thing would make you feel safer?",
        "field_type": "multiline",
        "help_text": "Please do not include anything that could identify you or anyone else.",
        "required": False,
    },
]

# (area, age band, how many members)
RESPONDENTS = [("Hackney", "25-34", 11), ("Hackney", "45-54", 3), ("Camden", "35-44", 3), ("", "", 2)]

SAFER_IDEAS = [
    "Better lighting on the walk from the station.",
    "More police officers we actually recognise.",
    "Youth clubs open in the evenings.",
    "Buses that run later, so people are not waiting alone.",
]


def load(consultation):
    survey = child_page(
        consultation,
        SurveyPage,
        "survey",
        title="Community safety survey",
        introduction="Six short questions about feeling safe where you live. It takes about five minutes.",
        intro=rich_text(
            "Tell us how safe you feel and what we should do first. Your answers help us finalise the plan.",
            (
                "Only the first two questions, about feeling safe after dark and the plan's priorities, must "
                "be answered. Your answers are never shown with your name."
            ),
        ),
        thank_you_text=rich_text(
            (
                "We read every response. When the consultation closes we will publish a report of what "
                "residents told us and what we changed in the plan."
            ),
            "You can still join the discussion and come to an event while the consultation is open.",
        ),
        form_fields=[
            SurveyField(
                sort_order=order,
                label=question["label"],
                field_type=question["field_type"],
                help_text=question.get("help_text", ""),
                choices=question.get("choices", ""),
                required=question.get("required", True),
            )
            for order, question in enumerate(QUESTIONS)
        ],
    )
    if not survey.get_submissions().exists():
        add_demo_responses(survey)
    return survey


def add_demo_responses(survey):
    rng = random.Random("community-safety-survey")
    questions = list(survey.get_form_fields())
    now = timezone.now()
    number = 0
    for area, age_band, count in RESPONDENTS:
        for _ in range(count):
            number += 1
            response = SurveyResponseFactory(
                page=survey,
                respondent=demo_member(number, area, age_band),
                area=area,
                age_band=age_band,
                form_data={question.clean_name: demo_answer(question, rng) for question in questions},
            )
            # Spread over the fortnight the consultation has been open, for the per-day table.
            SurveyResponse.objects.filter(pk=response.pk).update(
                submit_time=now - timedelta(days=rng.randint(0, 14), hours=rng.randint(0, 12))
            )


def demo_member(number, area, age_band):
    email = f"survey-member-{number:02}@example.com"
    return member_with_email(email, password=None, profile__area=area, profile__age_band=age_band)


def demo_answer(question, rng):
    if question.field_type == "radio" or question.field_type == "dropdown":
        return rng.choice(question.get_choices())
    if question.field_type == "checkboxes":
        return rng.sample(question.get_choices(), rng.randint(1, 3))
    if question.field_type == "agreement":
        return rng.choice([2, 3, 4, 4, 5, 5])
    if question.field_type == "number":
        return str(rng.randint(1, 40))
    return rng.choice(SAFER_IDEAS)
