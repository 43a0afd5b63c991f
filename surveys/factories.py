"""Surveys and their responses for tests, the demo and the benchmarks."""

import factory
import wagtail_factories

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory

from .models import SurveyField, SurveyPage, SurveyResponse

QUESTIONS = [
    {"label": "Your neighbourhood", "field_type": "singleline"},
    {
        "label": "Tell us more",
        "field_type": "multiline",
        "required": False,
        "help_text": "As much as you like.",
    },
    {"label": "How safe do you feel", "field_type": "radio", "choices": "Safe\nUnsafe\nDon't know"},
    {
        "label": "Places to improve",
        "field_type": "checkboxes",
        "choices": "Streets\nParks\nBuses",
        "required": False,
    },
    {
        "label": "How you hear about us",
        "field_type": "dropdown",
        "choices": "News\nFriends",
        "required": False,
    },
    {"label": "The priorities are right", "field_type": "agreement", "help_text": "Choose one."},
    {"label": "Years lived here", "field_type": "number", "required": False},
]

VALID_ANSWERS = {
    "your_neighbourhood": "Hackney Wick",
    "tell_us_more": "Better lighting, please.",
    "how_safe_do_you_feel": "Safe",
    "places_to_improve": ["Streets", "Buses"],
    "how_you_hear_about_us": "News",
    "the_priorities_are_right": "4",
    "years_lived_here": "12",
}


class SurveyPageFactory(wagtail_factories.PageFactory):
    """A published survey with one question of every type, under a new open consultation
    unless given a `parent`; ``questions=[...]`` asks others."""

    title = "Safety survey"
    slug = "survey"
    intro = "<p>Tell us what you think.</p>"
    thank_you_text = "<p>We will publish a report.</p>"
    parent = factory.SubFactory(ConsultationPageFactory)

    class Meta:
        model = SurveyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def questions(page, create, extracted, **kwargs):
        if not create:
            return
        for order, question in enumerate(extracted or QUESTIONS):
            SurveyField.objects.create(
                page=page,
                sort_order=order,
                label=question["label"],
                field_type=question["field_type"],
                choices=question.get("choices", ""),
                help_text=question.get("help_text", ""),
                required=question.get("required", True),
            )
        # Published through a revision, as an editor would.
        page.save_revision().publish()


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """One member's answers, given as ``form_data``; ``area`` and ``age_band`` are copied from the profile."""

    page = factory.SubFactory(SurveyPageFactory)
    respondent = factory.SubFactory(MemberFactory)
    area = ""
    age_band = ""
    form_data = factory.LazyFunction(dict)

    class Meta:
        model = SurveyResponse
