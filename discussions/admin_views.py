"""The moderation queue and its log, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import moderation
from .comments import Comment, is_reply
from .forms import RemovalForm
from .models import DiscussionPage, ModerationDecision, ModerationItem, Report

MODERATE_PERMISSION = "discussions.moderate_comments"


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModerationQueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "discussions/admin/queue.html"
    page_title = "Moderation queue"
    header_icon = "comment"
    per_page = 50
    kinds = {"held": "Held by the rules", "reported": "Reported by members"}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def filtered_items(self):
        params = self.request.GET
        items = ModerationItem.objects.select_related("comment__user__profile").annotate(
            report_count=Count("comment__reports", filter=Q(comment__reports__reviewed=False))
        )
        self.status = params.get("status", ModerationItem.Status.PENDING)
        if self.status in ModerationItem.Status.values:
            items = items.filter(status=self.status)
        else:
            self.status = ""
        self.kind = params.get("kind", "")
        if self.kind == "held":
            items = items.exclude(held_reasons=[])
        elif self.kind == "reported":
            items = items.filter(comment__reports__isnull=False).distinct()
        else:
            self.kind = ""
        self.page_id = params.get("page", "")
        if self.page_id.isdigit():
            items = items.filter(comment__object_pk=self.page_id)
        else:
            self.page_id = ""
        self.query = params.get("q", "").strip()
        if self.query:
            items = items.filter(
                Q(comment__comment__icontains=self.query)
                | Q(comment__user__profile__pseudonym__icontains=self.query)
                | Q(comment__user__profile__host_name__icontains=self.query)
            )
        return items.order_by("created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items_page = Paginator(self.filtered_items(), self.per_page).get_page(self.request.GET.get("p"))
        items = list(items_page.object_list)
        comments = [item.comment for item in items]
        pages = DiscussionPage.objects.in_bulk([int(c.object_pk) for c in comments if c.object_pk.isdigit()])
        parents = Comment.objects.select_related("user__profile").in_bulk(
            [c.parent_id for c in comments if is_reply(c)]
        )
        reports = {}
        for item in items:
            item.page = pages.get(int(item.comment.object_pk))
            item.parent = parents.get(item.comment.parent_id) if is_reply(item.comment) else None
        for report in Report.objects.filter(comment__in=comments, reviewed=False):
            reports.setdefault(report.comment_id, []).append(report.get_reason_display())
        for item in items:
            item.report_reasons = reports.get(item.comment_id, [])
        context.update(
            items=items,
            items_page=items_page,
            statuses=ModerationItem.Status.choices,
            kinds=self.kinds.items(),
            discussions=DiscussionPage.objects.order_by("title"),
            selected={"status": self.status, "kind": self.kind, "page": self.page_id, "q": self.query},
            removal_form=kwargs.get("removal_form") or RemovalForm(),
        )
        return context

    def post(self, request):
        removal_form = RemovalForm(request.POST)
        if "approve_one" in request.POST or "remove_one" in request.POST:
            action = "approve" if "approve_one" in request.POST else "remove"
            ids = [request.POST.get(f"{action}_one")]
        else:
            action = request.POST.get("action")
            ids = request.POST.getlist("selected")
        items = ModerationItem.objects.filter(pk__in=[i for i in ids if i and i.isdigit()])
        if action not in ("approve", "remove") or not items.exists():
            messages.error(request, "Choose at least one comment, then approve or remove.")
            return redirect(self.back_url())
        if "remove_one" in request.POST:
            # One row's Remove button goes with the reason chosen beside it.
            removal_form = RemovalForm(
                {**request.POST.dict(), "reason": request.POST.get(f"reason-{ids[0]}", "")}
            )
        removal_form.is_valid()
        reason = removal_form.cleaned_data.get("reason", "")
        note = removal_form.cleaned_data.get("note", "")
        count = items.count()
        if action == "approve":
            moderation.approve(items, request.user, note)
            messages.success(request, f"Approved {count} comment{'s' if count != 1 else ''}.")
        else:
            if not reason:
                messages.error(request, "Choose a reason for removing the comment, so the log records why.")
                return redirect(self.back_url())
            moderation.remove(items, request.user, reason, note)
            messages.success(request, f"Removed {count} comment{'s' if count != 1 else ''}.")
        return redirect(self.back_url())

    def back_url(self):
        query = self.request.POST.get("return_query", "")
        return reverse("discussions_moderation_queue") + (f"?{query}" if query else "")


class ModerationLogView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "discussions/admin/log.html"
    page_title = "Moderation log"
    header_icon = "list-ul"
    per_page = 50

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = ModerationDecision.objects.select_related("moderator", "comment__user__profile")
        action = self.request.GET.get("action", "")
        if action in ModerationDecision.Action.values:
            decisions = decisions.filter(action=action)
        context.update(
            decisions=Paginator(decisions, self.per_page).get_page(self.request.GET.get("p")),
            actions=ModerationDecision.Action.choices,
            selected_action=action,
        )
        return context
