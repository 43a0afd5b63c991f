"""Emails: a reply to a member's comment, and the moderators' digest of new queue items."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.email_preferences import unsubscribe_url, wants
from core import email
from core.links import absolute

from .comments import Comment, is_reply
from .models import ModerationItem

MODERATORS_GROUP = "Moderators"


# The kind of email a member stops from a reply notification (accounts.email_preferences).
REPLIES = "replies"


def notify_reply(comment):
    """Tell the author of the comment replied to, if they asked to hear about replies."""
    if not is_reply(comment) or not comment.is_public:
        return
    parent = Comment.objects.select_related("user__profile").filter(pk=comment.parent_id).first()
    if parent is None or parent.user is None or parent.user_id == comment.user_id:
        return
    member = parent.user
    if not wants(member, REPLIES):
        return
    page = comment.content_object
    context = {
        "member": member,
        "parent": parent,
        "reply": comment,
        "replier": comment.user.profile if comment.user else None,
        "page": page,
        "comment_url": f"{absolute(page)}#c{comment.pk}",
    }
    email.send(
        [member.email], "discussions/email/reply", context, unsubscribe_url=unsubscribe_url(member, REPLIES)
    )


@task()
def send_moderation_digest():
    """Email the Moderators group the queue items they have not yet heard about."""
    items = list(
        ModerationItem.objects.filter(
            status=ModerationItem.Status.PENDING, moderators_notified_at__isnull=True
        )
        .select_related("comment__user__profile")
        .prefetch_related("comment__reports")
        .order_by("created_at")
    )
    if not items:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if recipients:
        context = {"items": items, "queue_url": absolute(reverse("discussions_moderation_queue"))}
        email.send(recipients, "discussions/email/moderation_digest", context)
    ModerationItem.objects.filter(pk__in=[item.pk for item in items]).update(
        moderators_notified_at=timezone.now()
    )
    return len(items)
