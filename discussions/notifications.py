"""Emails: a reply to a member's comment, a moderator's decision on it, and the moderators' digest."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.email_preferences import unsubscribe_url, wants
from core import email
from core.links import absolute
from core.models import SiteSettings

from .comments import Comment, is_reply
from .models import DiscussionPage, GuidelineBreach, ModerationItem

MODERATORS_GROUP = "Moderators"


# The kinds of email a member can stop (accounts.email_preferences).
REPLIES = "replies"
MODERATION_DECISIONS = "moderation-decisions"


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


def notify_authors(comments, approved, reason=""):
    """Tell each author, in one email, what a moderator decided about their comments.

    An approval links to each comment where it now shows; a removal names the
    guideline it broke (`reason`, a GuidelineBreach) and links to the guidelines.
    """
    pages = DiscussionPage.objects.in_bulk({int(comment.object_pk) for comment in comments})
    by_author = {}
    for comment in comments:
        if comment.user is None:
            continue
        comment.page = pages.get(int(comment.object_pk))
        comment.url = f"{absolute(comment.page)}#c{comment.pk}" if comment.page else ""
        by_author.setdefault(comment.user, []).append(comment)
    if not by_author:
        return
    any_page = next((page for page in pages.values()), None)
    guidelines = SiteSettings.for_site(any_page.get_site()).guidelines_page if any_page else None
    context = {
        "guideline": GuidelineBreach(reason).label if reason else "",
        "guidelines_url": absolute(guidelines) if guidelines else "",
    }
    template = "discussions/email/comment_approved" if approved else "discussions/email/comment_removed"
    for member, member_comments in by_author.items():
        if wants(member, MODERATION_DECISIONS):
            email.send(
                [member.email],
                template,
                {**context, "member": member, "comments": member_comments},
                unsubscribe_url=unsubscribe_url(member, MODERATION_DECISIONS),
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
