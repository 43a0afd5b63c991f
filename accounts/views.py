import json
from http import HTTPStatus

from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from allauth.decorators import rate_limit
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView, UpdateView, View

from core.sections import render_sections

from .access import VerifiedMemberRequiredMixin
from .email_preferences import kind_named, read_unsubscribe_token, set_wanted
from .forms import DeleteAccountForm, EmailPreferencesForm, ProfileQuestionsForm
from .privacy import delete_member, member_data
from .sections import HOOK as SECTION_HOOK


class ProfileView(LoginRequiredMixin, UpdateView):
    """The "My account" page: who you appear as, your optional answers, and your data."""

    form_class = ProfileQuestionsForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("account_profile")

    def get_object(self, queryset=None):
        return self.request.user.profile

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=render_sections(SECTION_HOOK, self.request),
            email_form=kwargs.get("email_form") or EmailPreferencesForm(user=self.request.user),
            **kwargs,
        )


class EmailPreferencesView(LoginRequiredMixin, View):
    """Saves My account's email switches; the page itself is ProfileView's."""

    http_method_names = ["post"]

    def post(self, request):
        form = EmailPreferencesForm(request.POST, user=request.user)
        form.is_valid()
        form.save()
        messages.success(request, "Your email choices have been saved.")
        return redirect(f"{reverse('account_profile')}#emails-title")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Stop one kind of email from the link in it, without signing in.

    The signed address is the authority, so it needs no CSRF token: a mail
    client's one-click unsubscribe POSTs it without cookies (RFC 8058). A GET
    only asks, so a mail scanner following the link changes nothing.
    """

    template_name = "accounts/unsubscribe.html"

    def dispatch(self, request, token):
        found = read_unsubscribe_token(token)
        self.member = get_user_model().objects.filter(pk=found[0]).first() if found else None
        if self.member is None:
            return render(request, "accounts/unsubscribe_invalid.html", status=HTTPStatus.BAD_REQUEST)
        self.kind = kind_named(found[1])
        return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, self.template_name, {"member": self.member, "kind": self.kind, "done": False})

    def post(self, request, token):
        set_wanted(self.member, self.kind.name, False)
        return render(request, self.template_name, {"member": self.member, "kind": self.kind, "done": True})

    def form_valid(self, form):
        messages.success(self.request, "Your answers have been saved.")
        return super().form_valid(form)


@method_decorator(rate_limit(action="reroll_pseudonym"), name="post")
class RerollPseudonymView(VerifiedMemberRequiredMixin, View):
    """Give the signed-in member another animal name. Only ever their own, and only by POST."""

    http_method_names = ["post"]

    def post(self, request):
        profile = request.user.profile
        profile.reroll_pseudonym()
        messages.success(request, f"You are now known as {profile.pseudonym}.")
        return redirect("account_profile")


class ExportView(LoginRequiredMixin, TemplateView):
    """Explains what the download holds; the download itself is a POST, so no link can trigger it."""

    template_name = "accounts/export.html"

    def post(self, request):
        data = member_data(request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False, default=str), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="engagement-hub-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


# Limited, so that the password check cannot be used to guess passwords.
@method_decorator(rate_limit(action="delete_account"), name="post")
class DeleteAccountView(LoginRequiredMixin, FormView):
    form_class = DeleteAccountForm
    template_name = "accounts/delete.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        delete_member(self.request.user)
        logout(self.request)
        messages.success(self.request, "Your account has been deleted. Thank you for taking part.")
        return redirect("/")


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's, except that a link which expires before its form is sent gets our page, not a 404."""

    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except Http404:
            self.object = None
            response = self.render_to_response(self.get_context_data())
            response.status_code = HTTPStatus.BAD_REQUEST
            return response
