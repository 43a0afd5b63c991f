"""The discussion thread, built from one queryset instead of xtd's per-comment tree tag.

A page of top-level threads is chosen first; then every comment in those
threads comes back in one query, with authors, profiles, like counts and the
viewer's own likes and reports, and the tree is assembled in Python.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.access import is_verified_member

from .forms import DiscussionCommentForm
from .models import Reaction, Report, comments_on

ORDERS = {"oldest": ("submit_date", "pk"), "newest": ("-submit_date", "-pk")}
PUBLIC = Q(is_public=True, is_removed=False)


@dataclass
class CommentNode:
    comment: object
    viewer_id: int | None
    children: list = field(default_factory=list)
    can_reply: bool = False

    @property
    def is_visible(self):
        return self.is_public or self.awaits_moderation

    @property
    def is_public(self):
        return self.comment.is_public and not self.comment.is_removed

    @property
    def awaits_moderation(self):
        """The author's own comment that a moderator has yet to approve: shown to them alone."""
        return (
            not self.comment.is_public
            and not self.comment.is_removed
            and self.viewer_id is not None
            and self.comment.user_id == self.viewer_id
        )

    @property
    def is_removed(self):
        return self.comment.is_removed

    @property
    def is_long(self):
        return len(self.comment.comment) > settings.DISCUSSIONS_PREVIEW_CHARS

    @property
    def held_reasons(self):
        item = getattr(self.comment, "moderation_item", None)
        return item.held_reasons if item else []

    def prune(self):
        """Drop hidden branches; keep a hidden comment only as a placeholder above visible replies."""
        self.children = [child for child in self.children if child.prune()]
        return self.is_visible or bool(self.children)


def discussion_comments(page):
    return comments_on([page.pk])


def public_comment_count(page):
    return discussion_comments(page).filter(PUBLIC).count()


def thread_page(page, request):
    """The requested page of top-level threads and the comments in them, as a tree."""
    user = request.user
    viewer_id = user.pk if user.is_authenticated else None
    comments = discussion_comments(page)
    shown = PUBLIC | Q(user_id=viewer_id, is_removed=False) if viewer_id else PUBLIC

    order = request.GET.get("order")
    if order not in ORDERS:
        order = "oldest"
    threads = (
        comments.filter(level=0)
        .filter(Exists(comments.filter(shown, thread_id=OuterRef("thread_id"))))
        .order_by(*ORDERS[order])
        .values_list("thread_id", flat=True)
    )
    threads_page = Paginator(threads, settings.DISCUSSIONS_THREADS_PER_PAGE).get_page(request.GET.get("page"))
    thread_ids = list(threads_page.object_list)

    likes = Reaction.objects.filter(comment=OuterRef("pk")).values("comment").annotate(n=Count("pk")).values("n")
    rows = (
        comments.filter(thread_id__in=thread_ids)
        .select_related("user__profile", "moderation_item")
        .annotate(like_count=Coalesce(Subquery(likes, output_field=IntegerField()), 0))
        .order_by("thread_id", "order")
    )
    if viewer_id:
        rows = rows.annotate(
            liked=Exists(Reaction.objects.filter(comment=OuterRef("pk"), user_id=viewer_id)),
            reported=Exists(Report.objects.filter(comment=OuterRef("pk"), reporter_id=viewer_id)),
        )
    else:
        rows = rows.annotate(liked=Value(False), reported=Value(False))

    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    nodes = {}
    roots = {}
    for comment in rows:
        node = CommentNode(comment, viewer_id, can_reply=comment.level < max_level)
        nodes[comment.pk] = node
        if comment.level == 0:
            roots[comment.thread_id] = node
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
    tree = [roots[thread_id] for thread_id in thread_ids if thread_id in roots and roots[thread_id].prune()]
    return threads_page, tree, order, nodes


def discussion_context(page, request, form=None):
    threads_page, tree, order, nodes = thread_page(page, request)
    can_post = page.is_open and is_verified_member(request.user)
    blank_form = DiscussionCommentForm(page, user=request.user) if can_post else None
    return {
        "comment_count": public_comment_count(page),
        "threads_page": threads_page,
        "threads": tree,
        "order": order,
        "can_post": can_post,
        "comment_form": form or blank_form,
        "blank_form": blank_form,
        "reply_to": _reply_to(form, nodes),
    }


def _reply_to(form, nodes):
    """The comment a failed reply was for, so its form opens again with the text kept.

    0 (the main form) when there is no such comment on this page of the thread.
    """
    if form is None or not form.is_bound:
        return 0
    try:
        reply_to = int(form.data.get("reply_to") or 0)
    except ValueError:
        return 0
    node = nodes.get(reply_to)
    return reply_to if node and node.can_reply and node.is_public else 0
