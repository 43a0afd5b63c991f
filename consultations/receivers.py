from django.dispatch import receiver
from wagtail.signals import page_published

from accounts.signals import member_data_requested
from core.links import absolute

from . import alerts, follows
from .models import ConsultationPage, Follow, OutcomePage, TopicFollow


@receiver(page_published, sender=OutcomePage, dispatch_uid="consultations_outcome_published")
def tell_everyone_of_the_outcome(sender, instance, **kwargs):
    alerts.announce_outcome(instance)


@receiver(page_published, sender=ConsultationPage, dispatch_uid="consultations_stages_published")
def tell_followers_of_new_stages(sender, instance, revision, **kwargs):
    alerts.announce_new_stages(instance, revision)


@receiver(follows.took_part, dispatch_uid="consultations_follow_on_taking_part")
def follow_on_taking_part(sender, user, consultation, **kwargs):
    follows.follow_on_taking_part(user, consultation)


@receiver(member_data_requested, dispatch_uid="consultations_export_follows")
def export_follows(sender, user, **kwargs):
    consultations = Follow.objects.filter(user=user).select_related("consultation").order_by("created_at")
    topics = TopicFollow.objects.filter(user=user).select_related("topic").order_by("created_at")
    return {
        "following": [
            {"consultation": follow.consultation.title, "url": absolute(follow.consultation)}
            for follow in consultations
        ],
        "following_topics": [follow.topic.name for follow in topics],
        "follow_when_taking_part": follows.follows_when_taking_part(user),
    }
