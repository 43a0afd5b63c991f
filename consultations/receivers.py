from django.dispatch import receiver
from wagtail.signals import page_published

from . import alerts, follows
from .models import ConsultationPage, OutcomePage


@receiver(page_published, sender=OutcomePage, dispatch_uid="consultations_outcome_published")
def tell_everyone_of_the_outcome(sender, instance, **kwargs):
    alerts.announce_outcome(instance)


@receiver(page_published, sender=ConsultationPage, dispatch_uid="consultations_stages_published")
def tell_followers_of_new_stages(sender, instance, revision, **kwargs):
    alerts.announce_new_stages(instance, revision)


@receiver(follows.took_part, dispatch_uid="consultations_follow_on_taking_part")
def follow_on_taking_part(sender, user, consultation, **kwargs):
    follows.follow_on_taking_part(user, consultation)
