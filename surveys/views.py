from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import DeleteSubmissionsView, SubmissionsListView

from consultations.models import ConsultationPage
from core.spreadsheets import SafeExportMixin

from .models import SurveyPage, SurveyResponse
from .results import BREAKDOWNS, MIN_GROUP_SIZE, breakdown_groups, responses_per_day, summarise


def surveys_for_user(user):
    """The surveys whose results `user` may see: Wagtail's rule for form submissions."""
    return SurveyPage.objects.filter(pk__in=get_forms_for_user(user).values("pk"))


class SurveySubmissionsListView(SafeExportMixin, SubmissionsListView):
    """Wagtail's submissions listing and export, safe to open in a spreadsheet."""


class SurveyResponseDeleteView(DeleteSubmissionsView):
    """Wagtail lets anyone who can see a form's submissions delete them. Responses
    are evidence of what people said: only those given the permission to delete
    them (superusers, unless a role is granted it) may, never editors by default."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("surveys.delete_surveyresponse"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SurveyIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/index.html"
    page_title = "Survey results"
    header_icon = "form"

    def get_breadcrumbs_items(self):
        # Without its own item, the header names the page after its parent: "Home".
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        surveys = list(surveys_for_user(self.request.user).order_by("-first_published_at", "title"))
        totals = dict(
            SurveyResponse.objects.filter(page__in=[survey.pk for survey in surveys])
            .values_list("page")
            .annotate(total=Count("pk"))
        )
        parent_paths = {survey.path[: -SurveyPage.steplen] for survey in surveys}
        consultations = {page.path: page for page in ConsultationPage.objects.filter(path__in=parent_paths)}
        for survey in surveys:
            survey.response_total = totals.get(survey.pk, 0)
            survey.consultation = consultations[survey.path[: -SurveyPage.steplen]]
        return super().get_context_data(surveys=surveys, **kwargs)


class SurveyResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/results.html"
    page_title = "Survey results"
    header_icon = "form"

    def dispatch(self, request, page_id):
        self.survey = get_object_or_404(SurveyPage, pk=page_id)
        if not surveys_for_user(request.user).filter(pk=page_id).exists():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.survey.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("surveys:index"), "label": "Survey results"},
            {"url": "", "label": self.survey.get_admin_display_title()},
        ]

    def get_context_data(self, **kwargs):
        questions = list(self.survey.get_form_fields())
        responses = list(
            SurveyResponse.objects.filter(page=self.survey).values(
                "form_data", "submit_time", "area", "age_band"
            )
        )
        breakdown = self.request.GET.get("by")
        if breakdown not in BREAKDOWNS:
            breakdown = ""

        per_day = responses_per_day(response["submit_time"] for response in responses)
        submissions_url = reverse("wagtailforms:list_submissions", args=[self.survey.pk])
        return super().get_context_data(
            survey=self.survey,
            total=len(responses),
            per_day=per_day,
            max_per_day=max((count for day, count in per_day), default=0),
            summaries=summarise(questions, [response["form_data"] for response in responses]),
            min_group_size=MIN_GROUP_SIZE,
            breakdowns=BREAKDOWNS,
            breakdown=breakdown,
            breakdown_label=BREAKDOWNS.get(breakdown, ""),
            groups=breakdown_groups(breakdown, questions, responses) if breakdown else [],
            submissions_url=submissions_url,
            export_url=f"{submissions_url}?export=csv",
            **kwargs,
        )
