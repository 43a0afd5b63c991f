from django import template

from ..models import SurveyPage

register = template.Library()


@register.inclusion_tag("surveys/includes/consultation_surveys.html", takes_context=True)
def consultation_surveys(context, consultation):
    """The consultation's published surveys, with a way in while it is open."""
    return {
        "request": context.get("request"),
        "consultation": consultation,
        "surveys": SurveyPage.objects.child_of(consultation).live().public().order_by("path"),
    }
