from django.db.models import CharField, OuterRef
from django.db.models.functions import Cast
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.email_preferences import HOOK as EMAIL_KIND_HOOK
from accounts.email_preferences import EmailKind
from accounts.sections import HOOK as ACCOUNT_SECTION_HOOK
from consultations.outcomes import QUOTE_HOOK, QuoteSource
from consultations.responses import HOOK as RESPONSE_KIND_HOOK
from consultations.responses import ResponseKind
from consultations.sections import HOOK as CONSULTATION_SECTION_HOOK
from core.dashboard import DashboardPanel
from core.queries import SubqueryCount
from core.sections import Section

from .admin_views import MODERATE_PERMISSION, ModerationLogView, ModerationQueueView
from .exports import CommentExportView
from .models import DiscussionPage, ModerationItem, approved_comments_below, discussion_comments
from .notifications import MODERATION_DECISIONS, REPLIES
from .open_data import consultation_open_data
from .quotes import quotable_comments, why_not_quotable


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", ModerationQueueView.as_view(), name="discussions_moderation_queue"),
        path("moderation/log/", ModerationLogView.as_view(), name="discussions_moderation_log"),
        path(
            "moderation/discussions/<int:page_id>/comments/",
            CommentExportView.as_view(),
            name="discussions_comment_export",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        "Moderation", reverse("discussions_moderation_queue"), icon_name="comment", order=250
    )


def comments_waiting():
    return {"waiting": ModerationItem.objects.filter(status=ModerationItem.Status.PENDING).count()}


@hooks.register("construct_homepage_panels")
def moderation_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(
            DashboardPanel(
                "moderation", "Moderation", "discussions/admin/dashboard.html", comments_waiting, order=10
            )
        )


def approved_comments_count():
    # The discussions are found by path inside the comments subquery: two levels
    # out is the consultation.
    return SubqueryCount(approved_comments_below(OuterRef(OuterRef("path"))))


def commenters(consultation):
    return approved_comments_below(consultation.path).values("user_id")


@hooks.register(RESPONSE_KIND_HOOK)
def comments():
    """A published comment in one of the consultation's discussions is a response."""
    return ResponseKind("comments", "comments in its discussions", approved_comments_count, commenters)


def consultation_discussions(request, consultation):
    """The consultation's live discussions, each with its count of public comments, in one query."""
    public = discussion_comments().filter(
        object_pk=Cast(OuterRef("pk"), CharField()), is_public=True, is_removed=False
    )
    discussions = (
        DiscussionPage.objects.child_of(consultation)
        .live()
        .public()
        .annotate(comment_count=SubqueryCount(public))
    )
    return {"discussions": discussions} if discussions else None


@hooks.register(CONSULTATION_SECTION_HOOK)
def discussions_section():
    return Section("discussions/includes/discussion_list.html", consultation_discussions, slot="after_body")


def discussion_links(request, consultation):
    """Near the top: "Join the discussion (N comments)" while it is open, then "Read the discussion"."""
    if consultation.status == "upcoming":
        return None
    context = consultation_discussions(request, consultation)
    return {**context, "consultation": consultation} if context else None


@hooks.register(CONSULTATION_SECTION_HOOK)
def discussion_links_section():
    return Section(
        "discussions/includes/discussion_links.html", discussion_links, order=5, slot="before_body"
    )


@hooks.register(QUOTE_HOOK)
def comment_quotes():
    return QuoteSource(find=quotable_comments, refusal=why_not_quotable)


@hooks.register(CONSULTATION_SECTION_HOOK)
def comments_open_data_section():
    return Section(
        "discussions/includes/open_data.html", consultation_open_data, order=200, slot="after_body"
    )


MY_COMMENTS_SHOWN = 50


def my_comments(request):
    """The member's latest comments, with where each is and whether it shows."""
    comments = list(
        discussion_comments().filter(user=request.user).order_by("-submit_date")[:MY_COMMENTS_SHOWN]
    )
    pages = DiscussionPage.objects.live().in_bulk({int(comment.object_pk) for comment in comments})
    for comment in comments:
        comment.page = pages.get(int(comment.object_pk))
    return {"comments": comments}


@hooks.register(ACCOUNT_SECTION_HOOK)
def my_comments_section():
    return Section("discussions/includes/my_comments.html", my_comments, order=10)


@hooks.register(EMAIL_KIND_HOOK)
def reply_emails():
    return EmailKind(REPLIES, "Replies to my comments", order=10)


@hooks.register(EMAIL_KIND_HOOK)
def moderation_decision_emails():
    return EmailKind(MODERATION_DECISIONS, "Moderators' decisions on my comments", order=20)
