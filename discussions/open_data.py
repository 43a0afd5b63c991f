"""A closed consultation's discussion as open data: its approved comments, CSV or JSON.

Only what anyone could read on the page goes in: each approved comment's id,
date, pseudonym (or a host's public first name), the comment it replies to,
its likes and its text. Held, hidden and removed comments never do, nor any
email address or user id. Editors turn it off per consultation.
"""

from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from core import open_data

from .models import DiscussionPage, comments_on

FORMER_MEMBER = "A former member"
FIELDS = ["id", "posted", "pseudonym", "reply_to", "likes", "text"]


def published_discussion(page_id):
    """The live, public discussion of a closed consultation that publishes open data, or 404."""
    discussion = DiscussionPage.objects.live().public().filter(pk=page_id).first()
    if discussion is None or not discussion.consultation.publishes_open_data:
        raise Http404
    return discussion


def approved_comments(discussion):
    """What anyone may republish, in thread order, in one query."""
    comments = (
        comments_on([discussion.pk])
        .filter(is_public=True, is_removed=False)
        .select_related("user__profile")
        .annotate(like_count=Count("reactions"))
        .order_by("thread_id", "order")
    )
    return [
        {
            "id": comment.pk,
            "posted": timezone.localtime(comment.submit_date).isoformat(),
            "pseudonym": comment.user.profile.display_name if comment.user else FORMER_MEMBER,
            "reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
            "likes": comment.like_count,
            "text": comment.comment,
        }
        for comment in comments
    ]


def comments_download(request, page_id, file_format):
    if file_format not in ("csv", "json"):
        raise Http404
    discussion = published_discussion(page_id)
    comments = approved_comments(discussion)
    filename = f"{discussion.slug}-comments.{file_format}"
    if file_format == "json":
        return open_data.json_response(
            request, discussion, filename, {"discussion": discussion.title, "comments": comments}
        )
    rows = (
        [comment[field] if comment[field] is not None else "" for field in FIELDS] for comment in comments
    )
    return open_data.csv_response(request, discussion, filename, FIELDS, rows)


def consultation_open_data(request, consultation):
    """The consultation page's list of comment downloads (a section), once it publishes open data."""
    if not consultation.publishes_open_data:
        return None
    discussions = list(DiscussionPage.objects.child_of(consultation).live().public().only("pk", "title"))
    if not discussions:
        return None
    return {"discussions": discussions, "licence": open_data.licence(request)}
