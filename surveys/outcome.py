"""A consultation outcome's survey parts (consultations.outcomes): what each survey asked,
and its results as anyone may see them.

The figures are surveys.results' summaries, the same staff see, under its
minimum group size: a survey with fewer than MIN_GROUP_SIZE responses shows no
figures at all (as in its open data). No answer, free text or respondent is shown.
"""

from .models import SurveyPage, SurveyResponse
from .results import MIN_GROUP_SIZE, summarise


def published_surveys(consultation):
    return list(
        SurveyPage.objects.child_of(consultation)
        .live()
        .public()
        .order_by("path")
        .prefetch_related("form_fields")
    )


def survey_questions(request, consultation):
    surveys = published_surveys(consultation)
    return {"surveys": surveys} if surveys else None


def survey_results(request, consultation):
    surveys = published_surveys(consultation)
    if not surveys:
        return None
    answers_by_survey = {survey.pk: [] for survey in surveys}
    for page_id, answers in SurveyResponse.objects.filter(page__in=surveys).values_list("page", "form_data"):
        answers_by_survey[page_id].append(answers)
    results = []
    for survey in surveys:
        answers = answers_by_survey[survey.pk]
        suppressed = len(answers) < MIN_GROUP_SIZE
        results.append(
            {
                "survey": survey,
                "responses": len(answers),
                "suppressed": suppressed,
                "summaries": [] if suppressed else summarise(list(survey.get_form_fields()), answers),
            }
        )
    return {"results": results, "min_group_size": MIN_GROUP_SIZE}
