from django.db.models import OuterRef
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from accounts.sections import HOOK as ACCOUNT_SECTION_HOOK
from consultations.outcomes import OUTCOME_ASKED, OUTCOME_SAID
from consultations.responses import HOOK as RESPONSE_KIND_HOOK
from consultations.responses import ResponseKind
from consultations.sections import HOOK as CONSULTATION_SECTION_HOOK
from core.queries import SubqueryCount
from core.sections import Section

from . import urls
from .models import SurveyPage, SurveyResponse
from .open_data import consultation_open_data
from .outcome import survey_questions, survey_results
from .views import SurveyResponseDeleteView, surveys_for_user


@hooks.register("register_admin_urls")
def register_survey_results_urls():
    return [path("surveys/", include(urls, namespace="surveys"))]


@hooks.register("register_admin_urls")
def guard_survey_response_deletion():
    # Wagtail's own address for deleting submissions: this app's hooks run
    # before wagtail.contrib.forms's (INSTALLED_APPS order), so this view answers it.
    return [path("forms/submissions/<int:page_id>/delete/", SurveyResponseDeleteView.as_view())]


class SurveyResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return surveys_for_user(request.user).exists()


@hooks.register("construct_main_menu")
def hide_forms_menu_item(request, menu_items):
    # Wagtail's "Forms" lists the same surveys as "Survey results", which also
    # links each survey's responses: one way in is enough.
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


@hooks.register("register_admin_menu_item")
def register_survey_results_menu_item():
    return SurveyResultsMenuItem(
        "Survey results", reverse("surveys:index"), name="survey-results", icon_name="form", order=710
    )


def survey_results_button(page, user, priority):
    if (
        issubclass(page.specific_class or type(None), SurveyPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            "Survey results", reverse("surveys:results", args=[page.pk]), icon_name="form", priority=priority
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_survey_results(page, user, next_url=None):
    yield from survey_results_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def page_header_survey_results(page, user, view_name, next_url=None):
    yield from survey_results_button(page, user, priority=45)


def survey_answers_count():
    return SubqueryCount(
        SurveyResponse.objects.filter(
            page__path__startswith=OuterRef("path"), page__depth__gt=OuterRef("depth")
        )
    )


def respondents(consultation):
    return SurveyResponse.objects.filter(
        page__path__startswith=consultation.path, page__depth__gt=consultation.depth
    ).values("respondent_id")


@hooks.register(RESPONSE_KIND_HOOK)
def survey_answers():
    """One member's answers to one of the consultation's surveys is a response."""
    return ResponseKind("survey_answers", "answers to its surveys", survey_answers_count, respondents)


def consultation_surveys(request, consultation):
    """The consultation's published surveys, with a way in while it is open."""
    surveys = SurveyPage.objects.child_of(consultation).live().public().order_by("path")
    return {"consultation": consultation, "surveys": surveys} if surveys else None


@hooks.register(CONSULTATION_SECTION_HOOK)
def surveys_section():
    return Section("surveys/includes/consultation_surveys.html", consultation_surveys, slot="before_body")


@hooks.register(CONSULTATION_SECTION_HOOK)
def survey_open_data_section():
    return Section("surveys/includes/open_data.html", consultation_open_data, order=210, slot="after_body")


MY_ANSWERS_SHOWN = 50


def my_survey_answers(request):
    """The member's latest survey responses, each with its survey and their answers, in three queries."""
    responses = list(
        SurveyResponse.objects.filter(respondent=request.user).order_by("-submit_time")[:MY_ANSWERS_SHOWN]
    )
    surveys = SurveyPage.objects.prefetch_related("form_fields").in_bulk({r.page_id for r in responses})
    for response in responses:
        response.survey = surveys[response.page_id]
        response.answers = response.survey.answers_of(response)
    return {"responses": responses}


@hooks.register(ACCOUNT_SECTION_HOOK)
def my_survey_answers_section():
    return Section("surveys/includes/my_answers.html", my_survey_answers, order=30)


@hooks.register(CONSULTATION_SECTION_HOOK)
def outcome_questions_section():
    return Section("surveys/includes/outcome_questions.html", survey_questions, slot=OUTCOME_ASKED)


@hooks.register(CONSULTATION_SECTION_HOOK)
def outcome_results_section():
    return Section("surveys/includes/outcome_results.html", survey_results, slot=OUTCOME_SAID)
