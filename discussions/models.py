from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from consultations.models import ConsultationPage
from core.models import BasePage
from core.queries import SubqueryCount

from .comments import Comment, comments_on_model


class DiscussionPage(BasePage):
    """A public, threaded, moderated discussion about one consultation."""

    query_parameters = frozenset(["page", "order", "reply_to"])

    prompts = StreamField(
        [("prompt", blocks.CharBlock(max_length=250, icon="help", label="Question"))],
        blank=True,
        help_text='Questions to start the conversation, such as "What makes you trust the police?"',
    )
    hosts_taking_part = models.CharField(
        max_length=250,
        blank=True,
        help_text='Such as "Alex, Chervonne and Dionne from City Hall will join the discussion below."',
    )
    safeguarding_notice = models.TextField(
        max_length=600,
        default="Please don't post anything that could identify you or someone else, and don't use this "
        "discussion to report a crime or an incident.",
        help_text="Shown above the comments, with a link to the support page.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("prompts"),
        FieldPanel("hosts_taking_part"),
        FieldPanel("safeguarding_notice"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("prompts")]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []

    @cached_property
    def consultation(self):
        """The parent consultation with its response count, and `public_comments_here`,
        this discussion's public comments for "Comments (N)", in one query."""
        return (
            ConsultationPage.objects.select_related("topic", "hero_image")
            .with_response_counts()
            .annotate(
                public_comments_here=SubqueryCount(
                    comments_on([self.pk]).filter(is_public=True, is_removed=False)
                )
            )
            .get(path=self.path[: -self.steplen])
        )

    @property
    def is_open(self):
        return self.consultation.is_open

    def get_context(self, request, *args, **kwargs):
        from .threads import discussion_context

        context = super().get_context(request, *args, **kwargs)
        context.update(discussion_context(self, request, form=kwargs.get("form")))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import post_comment

            return post_comment(request, self)
        return super().serve(request, *args, **kwargs)


def discussion_comments():
    """Every comment on any discussion page."""
    return comments_on_model(DiscussionPage)


def comments_on(pages):
    """Comments on the given DiscussionPage queryset (or list of ids), in one query's worth of SQL."""
    if isinstance(pages, models.QuerySet):
        pages = pages.annotate(pk_text=Cast("pk", models.CharField())).values("pk_text")
    else:
        pages = [str(pk) for pk in pages]
    return discussion_comments().filter(object_pk__in=pages)


def approved_comments_below(path):
    """Public comments on the discussions whose tree path starts with `path` (a value or an OuterRef)."""
    discussions = Page.objects.filter(
        path__startswith=path, content_type=ContentType.objects.get_for_model(DiscussionPage)
    )
    return comments_on(discussions).filter(is_public=True, is_removed=False)


@register_snippet
class BlockedTerm(models.Model):
    """A word or phrase that holds a comment for a moderator to review."""

    term = models.CharField(max_length=100, unique=True, help_text="Matched as a whole word, in any case.")
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list (moderators only).")

    panels = [FieldPanel("term"), FieldPanel("note")]

    class Meta:
        ordering = ["term"]
        verbose_name = "blocked term"

    def __str__(self):
        return self.term


class GuidelineBreach(models.TextChoices):
    """The community guidelines a comment can break: reasons for reports and removals."""

    ABUSE = "abuse", "Abusive, threatening or harassing"
    HATE = "hate", "Discriminatory or hateful"
    IDENTIFYING = "identifying", "Shares someone's personal or identifying details"
    ILLEGAL = "illegal", "Reports or encourages a crime"
    SPAM = "spam", "Spam or advertising"
    OFF_TOPIC = "off-topic", "Off topic or disruptive"
    MISINFORMATION = "misinformation", "Deliberately misleading"


class ModerationItem(models.Model):
    """A comment in the moderation queue: held by the rules, or reported by members."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REMOVED = "removed", "Removed"

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="moderation_item")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    held_reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    moderators_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        permissions = [("moderate_comments", "Can moderate discussion comments")]

    def __str__(self):
        return f"Comment {self.comment_id} ({self.get_status_display()})"

    @property
    def was_held(self):
        return bool(self.held_reasons)


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=GuidelineBreach.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a moderator approves the comment, so that only new reports count
    # towards hiding it again.
    reviewed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_member")]

    def __str__(self):
        return f"{self.get_reason_display()} (comment {self.comment_id})"


class Reaction(models.Model):
    """A "like" on a comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_like_per_member")]

    def __str__(self):
        return f"Like of comment {self.comment_id}"


class ModerationDecision(models.Model):
    """The log: who approved or removed which comment, when and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        REMOVE = "remove", "Removed"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="moderation_decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.CharField(max_length=20, choices=GuidelineBreach.choices, blank=True)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} comment {self.comment_id}"
