from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.signals import member_data_requested, member_deleting
from consultations.follows import took_part
from consultations.models import ConsultationPage

from .models import SurveyResponse


@receiver(member_data_requested)
def export_survey_answers(sender, user, **kwargs):
    responses = SurveyResponse.objects.filter(respondent=user).select_related("page").order_by("submit_time")
    return {
        "survey_responses": [
            {
                "survey": response.page.title,
                "submitted_at": response.submit_time.isoformat(),
                "answers": dict(response.page.specific.answers_of(response)),
            }
            for response in responses
        ]
    }


@receiver(member_deleting)
def anonymise_survey_answers(sender, user, **kwargs):
    """Keep the answers, but with nothing left that points at the member.

    A consultation's results are a public record of what residents said, and
    removing answers would change reports already published. Unlinking the
    member and clearing the copied profile answers leaves only the answers and
    a random id, which identify no one.
    """
    SurveyResponse.objects.filter(respondent=user).update(respondent=None, area="", age_band="")


@receiver(post_save, sender=SurveyResponse, dispatch_uid="surveys_answer_takes_part")
def answering_takes_part(sender, instance, created, **kwargs):
    if created and instance.respondent_id:
        consultation = ConsultationPage.objects.parent_of(instance.page).first()
        if consultation:
            took_part.send(sender=sender, user=instance.respondent, consultation=consultation)
