import json
from http import HTTPStatus

from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from allauth.decorators import rate_limit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView, UpdateView, View

from core.sections import render_sections

from .access import VerifiedMemberRequiredMixin
from .forms import DeleteAccountForm, ProfileQuestionsForm
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
        return super().get_context_data(sections=render_sections(SECTION_HOOK, self.request), **kwargs)

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
