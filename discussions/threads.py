"""The discussion thread, built from one queryset instead of xtd's per-comment tree tag.

A page of top-level threads is chosen first; then every comment in those
threads comes back in one query, with authors, profiles, like counts and the
viewer's own likes and reports, and the tree is assembled in Python.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.access import is_verified_member
from accounts.models import Profile

from .comments import max_thread_level
from .forms import DiscussionCommentForm
from .models import Reaction, Report, comments_on
from .thread_html import comment_notices, render_threads

ORDERS = ("oldest", "newest")
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


def comments_on_page(page):
    return comments_on([page.pk])


@dataclass
class ThreadsPage:
    """One page of top-level threads. There is no page count: "show more" needs only to know
    whether another thread follows, which one extra thread in the same query tells."""

    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next


# Far beyond any discussion's last page, and small enough for every database's
# OFFSET: a larger ?page= shows the (empty) last page instead of an error.
MAX_PAGE_NUMBER = 100_000


def page_number(request):
    try:
        return min(max(1, int(request.GET.get("page", 1))), MAX_PAGE_NUMBER)
    except ValueError:
        return 1


def thread_page(page, request):
    """The requested page of top-level threads and every comment in them, as a tree, in one query."""
    user = request.user
    viewer_id = user.pk if user.is_authenticated else None
    order = request.GET.get("order")
    if order not in ORDERS:
        order = "oldest"
    number = page_number(request)
    per_page = settings.DISCUSSIONS_THREADS_PER_PAGE

    comments = comments_on_page(page)
    shown = PUBLIC | Q(user_id=viewer_id, is_removed=False) if viewer_id else PUBLIC
    # A thread's id is its first comment's, so id order is the order threads began in.
    thread_order = "thread_id" if order == "oldest" else "-thread_id"
    offset = (number - 1) * per_page
    # One thread more than the page shows, to know whether there is another page.
    threads = (
        comments.filter(level=0)
        .filter(thread_id__in=comments.filter(shown).values("thread_id"))
        .order_by(thread_order)
        .values("thread_id")[offset : offset + per_page + 1]
    )

    likes = (
        Reaction.objects.filter(comment=OuterRef("pk")).values("comment").annotate(n=Count("pk")).values("n")
    )
    rows = (
        comments.filter(thread_id__in=threads)
        .select_related("user__profile", "moderation_item")
        .annotate(like_count=Coalesce(Subquery(likes, output_field=IntegerField()), 0))
        .order_by(thread_order, "order")
    )
    if viewer_id:
        rows = rows.annotate(
            liked=Exists(Reaction.objects.filter(comment=OuterRef("pk"), user_id=viewer_id)),
            reported=Exists(Report.objects.filter(comment=OuterRef("pk"), reporter_id=viewer_id)),
        )
    else:
        rows = rows.annotate(liked=Value(False), reported=Value(False))

    max_level = max_thread_level()
    nodes = {}
    roots = {}
    for comment in rows:
        node = CommentNode(comment, viewer_id, can_reply=comment.level < max_level)
        nodes[comment.pk] = node
        if comment.level == 0:
            roots[comment.thread_id] = node
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
    # Rows come thread by thread, and a thread starts with its top-level comment.
    tree = [root for root in roots.values() if root.prune()]
    threads_page = ThreadsPage(number, has_next=len(tree) > per_page)
    return threads_page, tree[:per_page], order, nodes


def comment_location(page, comment, viewer):
    """The address of `comment` for `viewer`, who has just acted on it: the page of
    threads it is on, in the order the discussion opens in, at the comment."""
    comments = comments_on_page(page)
    shown = PUBLIC | Q(user_id=viewer.pk, is_removed=False)
    earlier_threads = (
        comments.filter(level=0, thread_id__lt=comment.thread_id)
        .filter(thread_id__in=comments.filter(shown).values("thread_id"))
        .count()
    )
    number = earlier_threads // settings.DISCUSSIONS_THREADS_PER_PAGE + 1
    query = f"?page={number}" if number > 1 else ""
    return f"{page.url}{query}#c{comment.pk}"


def load_viewer(user):
    """The viewer's profile (for the header) and verified status (for the form) in one query.

    Both are remembered on the user object, where accounts.access.is_verified_member
    and the profile relation look for them first.
    """
    if not user.is_authenticated:
        return
    profile = (
        Profile.objects.filter(user_id=user.pk)
        .annotate(has_verified_email=Exists(EmailAddress.objects.filter(user_id=user.pk, verified=True)))
        .first()
    )
    if profile is not None:
        user.profile = profile
        user._is_verified_member = profile.has_verified_email


def discussion_context(page, request, form=None):
    """What the discussion page shows `request`'s viewer; `form` is a comment form sent back with errors."""
    load_viewer(request.user)
    threads_page, tree, order, nodes = thread_page(page, request)
    can_post = page.is_open and is_verified_member(request.user)
    reply_to = _reply_to(form, nodes, request)
    comment_form = reply_form = None
    if can_post:
        comment_form = DiscussionCommentForm(page, user=request.user)
        if reply_to:
            reply_form = DiscussionCommentForm(page, user=request.user, reply_to=reply_to)
        # A form sent back with errors takes its own place, or the main form's
        # when the comment it replied to is not on this page.
        if form is not None and form.is_bound:
            if reply_to and form.is_reply:
                reply_form = form
            else:
                comment_form = form
    controls = {"page": page, "can_post": can_post, "reply_form": reply_form, "reply_to": reply_to}
    notices, messages = comment_notices(request)
    threads = render_threads(tree, nodes, request, notices=notices, **controls)
    return {
        "comment_count": page.consultation.public_comments_here,
        "threads_page": threads_page,
        "threads": threads,
        "order": order,
        "comment_form": comment_form,
        # At the top of the page: every other message, and those about a comment
        # that is not on this page of the thread.
        "messages": messages + [message for unshown in notices.values() for message in unshown],
        **controls,
    }


def _reply_to(form, nodes, request):
    """The comment whose reply form is open: the one a failed reply was for (so its
    text is kept), or the one whose "Reply" link was followed.

    0 (only the main form) when there is no such comment on this page of the thread.
    """
    wanted = form.replying_to if form is not None and form.is_bound else request.GET.get("reply_to")
    try:
        reply_to = int(wanted or 0)
    except ValueError:
        return 0
    node = nodes.get(reply_to)
    return reply_to if node and node.can_reply and node.is_public else 0
