from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.text import get_text_list
from django.views import View

from accounts.access import is_verified_member, verification_required_response
from accounts.email_preferences import unsubscribe_url
from core import ratelimit

from . import comments
from .forms import DiscussionCommentForm, ReportForm
from .models import DiscussionPage, Reaction, Report, discussion_comments
from .moderation import held_reasons, hold, report
from .notifications import REPLIES, notify_reply
from .thread_html import about_comment
from .threads import comment_location


def post_comment(request, page):
    """Post a comment or reply to `page`: checked, moderated and saved, or nothing at all."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not is_verified_member(request.user):
        return verification_required_response(request)
    if not page.is_open:
        # The page shows no form once closed, so the reason goes in a message.
        messages.error(request, "This discussion has closed, so it is not taking new comments.")
        return TemplateResponse(request, page.get_template(request), page.get_context(request), status=400)

    form = DiscussionCommentForm(page, data=request.POST, user=request.user)
    status = 400
    if form.is_valid():
        problem = _target_problem(form, page)
        if problem:
            form.add_error(None, problem)
        elif not ratelimit.allows(request, "post_comment", form=form):
            status = ratelimit.TOO_MANY_REQUESTS
    if form.errors:
        context = page.get_context(request, form=form)
        return TemplateResponse(request, page.get_template(request), context, status=status)

    comment, reasons = _save(form, request)
    if comment.is_public:
        transaction.on_commit(lambda: notify_reply(comment))
        messages.success(request, "Your comment is published.", extra_tags=about_comment(comment))
    else:
        messages.info(
            request,
            f"Your comment is waiting for a moderator because {get_text_list(reasons, 'and')}. "
            "A moderator will review it before it appears, usually within one working day.",
            extra_tags=about_comment(comment),
        )
    return HttpResponseRedirect(comment_location(page, comment, request.user), status=303)


def _target_problem(form, page):
    if not form.is_for(page):
        return "This comment form belongs to another page. Reload this page and try again."
    reply_to = form.cleaned_data["reply_to"]
    if not reply_to:
        return None
    parent = discussion_comments().filter(pk=reply_to, object_pk=str(page.pk)).first()
    if parent is None:
        return "The comment you replied to is not in this discussion."
    if not parent.is_public or parent.is_removed:
        return "You can't reply to that comment, because it has been removed or is waiting for a moderator."
    if parent.level >= comments.max_thread_level():
        return "Replies can't go any deeper here. Reply to the comment above it instead."
    return None


def _save(form, request):
    """Save the comment, published or held by the moderation rules; returns it and why it is held."""
    reasons = held_reasons(form.cleaned_data["comment"], request.user)
    data = form.get_comment_create_data(site_id=settings.SITE_ID)
    data.update(is_public=not reasons, ip_address=ratelimit.client_ip(request))
    with transaction.atomic():
        comment = comments.create(data)
        if reasons:
            hold(comment, reasons)
    return comment, reasons


def discussion_redirect(request, content_type_id, object_id):
    """Where Comment.get_absolute_url() points: on to the discussion, if the
    visitor may read it. Django's own shortcut would redirect to any object's
    address, giving away the slugs of drafts and restricted pages."""
    page = DiscussionPage.objects.live().filter(pk=object_id if object_id.isdigit() else None).first()
    if page is None:
        raise Http404("No such discussion")
    if not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        raise Http404("No such discussion")
    return HttpResponseRedirect(page.url)


class CommentActionView(LoginRequiredMixin, View):
    """A signed-in member acting on one public comment in a live discussion."""

    require_verified = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.require_verified and not is_verified_member(request.user):
            return verification_required_response(request)
        return super().dispatch(request, *args, **kwargs)

    def get_comment(self):
        comment = (
            comments.Comment.objects.filter(pk=self.kwargs["comment_id"], is_public=True, is_removed=False)
            .select_related("user__profile")
            .first()
        )
        if comment is None:
            raise Http404("No such comment")
        page = comment.content_object
        if not isinstance(page, DiscussionPage) or not page.live:
            raise Http404("No such comment")
        # The page's view restrictions (a password, signed-in people, groups)
        # hold here too: whoever cannot read the page cannot reach its comments.
        if not all(restriction.accept_request(self.request) for restriction in page.get_view_restrictions()):
            raise Http404("No such comment")
        self.page = page
        return comment

    def back_to_comment(self, comment):
        return HttpResponseRedirect(comment_location(self.page, comment, self.request.user), status=303)


class LikeView(CommentActionView):
    """Like a comment, or take the like back. The comment itself, where the member
    lands, says "You like this" with an Unlike button: that is the confirmation, in
    view, so no message goes to the top of the page. Doing either twice is harmless."""

    http_method_names = ["post"]
    unlike = False

    def post(self, request, comment_id):
        comment = self.get_comment()
        if self.unlike:
            for reaction in Reaction.objects.filter(comment=comment, user=request.user):
                reaction.delete()  # one by one, so the page cache hears of it
            return self.back_to_comment(comment)
        if comment.user_id == request.user.pk:
            messages.error(request, "You can't like your own comment.", extra_tags=about_comment(comment))
            return self.back_to_comment(comment)
        if not self.page.is_open:
            messages.error(
                request,
                "This discussion has closed, so comments can no longer be liked.",
                extra_tags=about_comment(comment),
            )
            return self.back_to_comment(comment)
        try:
            with transaction.atomic():
                Reaction.objects.create(comment=comment, user=request.user)
        except IntegrityError:
            pass  # liked already, in another tab
        return self.back_to_comment(comment)


class ReportView(CommentActionView):
    template_name = "discussions/report.html"

    def render(self, comment, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"comment": comment, "form": form, "page": self.page},
            status=status,
        )

    def get(self, request, comment_id):
        return self.render(self.get_comment(), ReportForm())

    def post(self, request, comment_id):
        comment = self.get_comment()
        form = ReportForm(request.POST)
        if Report.objects.filter(comment=comment, reporter=request.user).exists():
            form.add_error(None, "You have already reported this comment. A moderator will look at it.")
        if not form.is_valid():
            return self.render(comment, form, status=400)
        if not ratelimit.allows(request, "report_comment", form=form):
            return self.render(comment, form, status=ratelimit.TOO_MANY_REQUESTS)
        try:
            report(comment, request.user, form.cleaned_data["reason"])
        except IntegrityError:
            form.add_error(None, "You have already reported this comment. A moderator will look at it.")
            return self.render(comment, form, status=400)
        messages.success(
            request,
            "Thank you. A moderator will review the comment against our community guidelines.",
            extra_tags=about_comment(comment),
        )
        return self.back_to_comment(comment)


class ReplyEmailsLinkView(View):
    """Reply emails sent before email preferences moved to accounts carry this address:
    send the member on to the one that stops reply emails now."""

    def get(self, request, token):
        try:
            user_id = signing.Signer(salt="discussions.unsubscribe-replies").unsign(token)
        except signing.BadSignature:
            user_id = None
        member = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        if member is None:
            return render(request, "accounts/unsubscribe_invalid.html", status=400)
        return HttpResponseRedirect(unsubscribe_url(member, REPLIES))
