"""The receipt a member gets for their answers to a survey.

A receipt is about the member's own action, like a booking confirmation, so
it is not a kind of email they can stop (accounts.email_preferences): it
always goes, to the member who answered and no one else.
"""

from django.urls import reverse

from core import email
from core.links import absolute


def send_receipt(survey, submission, answers):
    member = submission.respondent
    if member is None or not member.email:
        return
    context = {
        "member": member,
        "survey": survey,
        "consultation": survey.consultation,
        "submission": submission,
        "answers": answers,
        "survey_url": absolute(survey),
        "account_url": absolute(reverse("account_profile")),
    }
    email.send([member.email], "surveys/email/receipt", context)
