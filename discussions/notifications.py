"""Emails: a reply to a member's comment, and the moderators' digest of new queue items."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.email import queue_email

from .comments import Comment, is_reply
from .models import ModerationItem

MODERATORS_GROUP = "Moderators"


def unsubscribe_signer():
    return signing.Signer(salt="discussions.unsubscribe-replies")


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(subject, template, context, to):
    body = render_to_string(f"discussions/email/{template}.txt", context)
    html_body = render_to_string(f"discussions/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html_body, "text/html")
    queue_email(message)


def notify_reply(comment):
    """Tell the author of the comment replied to, if they asked to hear about replies."""
    if not is_reply(comment) or not comment.is_public:
        return
    parent = Comment.objects.select_related("user__profile").filter(pk=comment.parent_id).first()
    if parent is None or parent.user is None or parent.user_id == comment.user_id:
        return
    member = parent.user
    if not member.email or not member.profile.notify_replies:
        return
    page = comment.content_object
    token = unsubscribe_signer().sign(str(member.pk))
    context = {
        "member": member,
        "parent": parent,
        "reply": comment,
        "replier": comment.user.profile if comment.user else None,
        "page": page,
        "comment_url": f"{page.full_url}#c{comment.pk}",
        "unsubscribe_url": absolute(reverse("discussions_unsubscribe", args=[token])),
    }
    _send(f"New reply to your comment on {page.title}", "reply", context, [member.email])


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
        subject = f"{len(items)} new comment{'s' if len(items) != 1 else ''} to moderate"
        _send(subject, "moderation_digest", context, recipients)
    ModerationItem.objects.filter(pk__in=[item.pk for item in items]).update(
        moderators_notified_at=timezone.now()
    )
    return len(items)
