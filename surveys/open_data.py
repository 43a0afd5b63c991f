"""A closed consultation's survey results as open data (JSON): aggregates only.

Figures come from surveys.results, the same summaries staff see, with its
minimum group size: a survey with fewer than MIN_GROUP_SIZE responses gives
no figures at all, and within a breakdown (area, age band) a smaller group
gives only its name. No answer, free text or respondent is ever in the file.
"""

from django.http import Http404

from core import open_data

from .models import SurveyPage, SurveyResponse
from .results import BREAKDOWNS, MIN_GROUP_SIZE, breakdown_groups, summarise


def published_survey(page_id):
    survey = SurveyPage.objects.live().public().filter(pk=page_id).first()
    if survey is None or not survey.consultation.publishes_open_data:
        raise Http404
    return survey


def figures(summaries):
    return [
        {
            "question": summary.question.label,
            "answered": summary.answered,
            "options": [{"label": option.label, "count": option.count} for option in summary.options],
            "average": summary.average,
        }
        for summary in summaries
    ]


def results(survey):
    questions = list(survey.get_form_fields())
    responses = list(SurveyResponse.objects.filter(page=survey).values("form_data", "area", "age_band"))
    if len(responses) < MIN_GROUP_SIZE:
        return {"responses": None, "suppressed": True, "minimum_group_size": MIN_GROUP_SIZE, "questions": []}
    breakdowns = {}
    for breakdown, label in BREAKDOWNS.items():
        breakdowns[breakdown] = {
            "label": label,
            "groups": [
                {"group": group.label, "suppressed": True}
                if group.suppressed
                else {"group": group.label, "responses": group.size, "questions": figures(group.summaries)}
                for group in breakdown_groups(breakdown, questions, responses)
            ],
        }
    return {
        "responses": len(responses),
        "suppressed": False,
        "minimum_group_size": MIN_GROUP_SIZE,
        "questions": figures(summarise(questions, [response["form_data"] for response in responses])),
        "breakdowns": breakdowns,
    }


def results_download(request, page_id):
    survey = published_survey(page_id)
    return open_data.json_response(
        request, survey, f"{survey.slug}-results.json", {"survey": survey.title, **results(survey)}
    )


def consultation_open_data(request, consultation):
    """The consultation page's list of survey result downloads (a section), once it publishes open data."""
    if not consultation.publishes_open_data:
        return None
    surveys = list(SurveyPage.objects.child_of(consultation).live().public().only("pk", "title"))
    if not surveys:
        return None
    return {"surveys": surveys, "licence": open_data.licence(request), "min_group_size": MIN_GROUP_SIZE}
