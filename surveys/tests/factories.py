"""Small builders for survey tests: a consultation, a survey with every question type, members."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.demo import root_page
from surveys.models import SurveyField, SurveyPage, SurveyResponse

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


def consultation(opens_in_days=-7, closes_in_days=7, slug="consultation"):
    # Under the default site's root, so that the pages have URLs.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            root_page=root_page().add_child(title="Welcome", slug="home"),
            is_default_site=True,
        )
    root = site.root_page
    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = root.add_child(
            instance=ConsultationIndexPage(title="Consultations", slug="consultations-test")
        )
    now = timezone.now()
    return index.add_child(
        instance=ConsultationPage(
            title="Draft safety plan",
            slug=slug,
            summary="A draft plan.",
            opens_at=now + timedelta(days=opens_in_days),
            closes_at=now + timedelta(days=closes_in_days),
        )
    )


def survey(parent=None, questions=QUESTIONS, slug="survey"):
    parent = parent or consultation()
    page = SurveyPage(
        title="Safety survey",
        slug=slug,
        intro="<p>Tell us what you think.</p>",
        thank_you_text="<p>We will publish a report.</p>",
        form_fields=[
            SurveyField(
                sort_order=order,
                label=question["label"],
                field_type=question["field_type"],
                choices=question.get("choices", ""),
                help_text=question.get("help_text", ""),
                required=question.get("required", True),
            )
            for order, question in enumerate(questions)
        ],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def member(email="member@example.com", verified=True, area="", age_band=""):
    user = get_user_model().objects.create_user(username=email, email=email, password="a-long-password-1")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if area or age_band:
        user.profile.area = area
        user.profile.age_band = age_band
        user.profile.save()
    return user


def response(page, user=None, area="", age_band="", **answers):
    return SurveyResponse.objects.create(
        page=page, respondent=user, area=area, age_band=age_band, form_data=answers
    )
