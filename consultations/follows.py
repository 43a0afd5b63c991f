"""Who follows what: members who asked to hear about a consultation or a topic.

A member follows a consultation from its page (or, when it has not opened
yet, asks to be told when it opens) and a topic from any of its
consultations' pages. Taking part (a comment, a survey answer, an event
place) follows the consultation too, unless the member said no in My
account: each participation app sends ``took_part`` and this app, which
imports none of them, follows on receiving it (consultations.receivers).

Following twice is harmless, and so is following a closed consultation: its
outcome is still to come.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.dispatch import Signal

from .models import Follow, TakingPartPreference, TopicFollow

# Sent with `user` and `consultation` (a ConsultationPage) when a member takes part in it.
took_part = Signal()


def follow(user, consultation):
    Follow.objects.get_or_create(user=user, consultation=consultation)


def unfollow(user, consultation):
    Follow.objects.filter(user=user, consultation=consultation).delete()


def follows(user, consultation):
    return Follow.objects.filter(user=user, consultation=consultation).exists()


def follow_topic(user, topic):
    TopicFollow.objects.get_or_create(user=user, topic=topic)


def unfollow_topic(user, topic):
    TopicFollow.objects.filter(user=user, topic=topic).delete()


def follows_topic(user, topic):
    return TopicFollow.objects.filter(user=user, topic=topic).exists()


def followers(consultation, with_topic=False):
    """Members following `consultation` (and, with `with_topic`, its topic)."""
    following = Q(pk__in=Follow.objects.filter(consultation=consultation).values("user_id"))
    if with_topic and consultation.topic_id:
        following |= Q(pk__in=TopicFollow.objects.filter(topic_id=consultation.topic_id).values("user_id"))
    return get_user_model().objects.filter(following)


def follows_when_taking_part(user):
    preference = TakingPartPreference.objects.filter(user=user).first()
    return preference is None or preference.follow_when_taking_part


def set_follows_when_taking_part(user, wanted):
    TakingPartPreference.objects.update_or_create(user=user, defaults={"follow_when_taking_part": wanted})


def follow_on_taking_part(user, consultation):
    if follows_when_taking_part(user):
        follow(user, consultation)
