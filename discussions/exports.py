"""Every comment of one discussion as a spreadsheet, for staff to analyse (CSV or XLSX).

Moderators download it from the moderation queue. Each row is one comment,
shown or not: its place in the thread, what it says, whether it shows (and
why not), its reports and likes, and every moderation decision taken on it.
Cells are made safe by core.spreadsheets, like every staff export. Members
appear under the name they post under, never their email address.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone
from django.views import View
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheets import SafeExportMixin

from .admin_views import ModeratorRequiredMixin
from .comments import is_reply
from .models import DiscussionPage, ModerationDecision, ModerationItem, comments_on

FORMER_MEMBER = "A former member"


def visibility(comment):
    """Whether the comment shows, and if not, why."""
    if comment.is_removed:
        return "Removed"
    item = getattr(comment, "moderation_item", None)
    if not comment.is_public:
        return "Held for review" if item and item.status == ModerationItem.Status.PENDING else "Hidden"
    return "Published"


def when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def decision_text(decision):
    who = (
        decision.moderator.get_full_name() or decision.moderator.get_username() if decision.moderator else ""
    )
    parts = [when(decision.created_at), decision.get_action_display()]
    if who:
        parts.append(f"by {who}")
    if decision.reason:
        parts.append(f"({decision.get_reason_display()})")
    text = " ".join(parts)
    return f"{text}: {decision.note}" if decision.note else text


@dataclass
class CommentRow:
    comment_id: int
    posted: str
    author: str
    reply_to: int | str
    thread: int
    text: str
    status: str
    held_reasons: str
    reports: int
    likes: int
    decisions: str


def rows(discussion):
    """One CommentRow per comment on `discussion`, in thread order, in three queries."""
    comments = (
        comments_on([discussion.pk])
        .select_related("user__profile", "moderation_item")
        .annotate(report_count=Count("reports", distinct=True), like_count=Count("reactions", distinct=True))
        .prefetch_related(
            Prefetch(
                "moderation_decisions",
                queryset=ModerationDecision.objects.select_related("moderator").order_by("created_at"),
            )
        )
        .order_by("thread_id", "order")
    )
    for comment in comments:
        item = getattr(comment, "moderation_item", None)
        yield CommentRow(
            comment_id=comment.pk,
            posted=when(comment.submit_date),
            author=comment.user.profile.display_name if comment.user else FORMER_MEMBER,
            reply_to=comment.parent_id if is_reply(comment) else "",
            thread=comment.thread_id,
            text=comment.comment,
            status=visibility(comment),
            held_reasons="; ".join(item.held_reasons) if item else "",
            reports=comment.report_count,
            likes=comment.like_count,
            decisions="\n".join(decision_text(decision) for decision in comment.moderation_decisions.all()),
        )


class CommentExportView(ModeratorRequiredMixin, SafeExportMixin, SpreadsheetExportMixin, View):
    list_export = [
        "comment_id",
        "posted",
        "author",
        "reply_to",
        "thread",
        "text",
        "status",
        "held_reasons",
        "reports",
        "likes",
        "decisions",
    ]
    export_headings = {
        "comment_id": "Comment",
        "posted": "Posted",
        "author": "Author",
        "reply_to": "Reply to comment",
        "thread": "Thread",
        "text": "Text",
        "status": "Status",
        "held_reasons": "Held because",
        "reports": "Reports",
        "likes": "Likes",
        "decisions": "Moderation decisions",
    }

    def get(self, request, page_id):
        self.discussion = DiscussionPage.objects.filter(pk=page_id).first()
        if self.discussion is None or not self.is_export:
            raise Http404
        return self.as_spreadsheet(list(rows(self.discussion)), request.GET["export"])

    def get_filename(self):
        return f"comments-{self.discussion.slug}-{timezone.localdate():%Y-%m-%d}"
