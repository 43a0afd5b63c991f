"""Following a consultation or a topic (consultations.follows), by POST from its page or My account."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import View

from accounts.access import VerifiedMemberRequiredMixin
from core.links import return_address

from . import follows
from .forms import TakingPartForm
from .models import ConsultationPage, ConsultationStatus, Topic


class FollowConsultationView(VerifiedMemberRequiredMixin, View):
    """Follow or stop following a consultation. A GET (the way back from signing in) shows its page."""

    def dispatch(self, request, page_id):
        self.consultation = get_object_or_404(ConsultationPage.objects.live().public(), pk=page_id)
        return super().dispatch(request, page_id)

    def get(self, request, page_id):
        return redirect(self.consultation.url)

    def post(self, request, page_id):
        title = self.consultation.title
        if request.POST.get("action") == "unfollow":
            follows.unfollow(request.user, self.consultation)
            messages.success(request, f"You no longer follow “{title}”.")
        else:
            follows.follow(request.user, self.consultation)
            status = self.consultation.status
            if status == ConsultationStatus.UPCOMING:
                messages.success(request, f"We will email you when “{title}” opens.")
            elif status == ConsultationStatus.CLOSED:
                messages.success(request, f"You follow “{title}”. We will email you its outcome.")
            else:
                messages.success(request, f"You follow “{title}”. We will email you when there is news.")
        return redirect(return_address(request) or self.consultation.url)


class FollowTopicView(VerifiedMemberRequiredMixin, View):
    """Follow or stop following a topic: an email whenever one of its consultations opens."""

    http_method_names = ["post"]

    def post(self, request, topic_id):
        topic = get_object_or_404(Topic, pk=topic_id)
        if request.POST.get("action") == "unfollow":
            follows.unfollow_topic(request.user, topic)
            messages.success(request, f"You no longer follow the topic “{topic.name}”.")
        else:
            follows.follow_topic(request.user, topic)
            messages.success(
                request,
                f"You follow the topic “{topic.name}”. We will email you when a consultation on it opens.",
            )
        return redirect(return_address(request) or reverse("account_profile"))


class TakingPartView(VerifiedMemberRequiredMixin, View):
    """Saves My account's choice of following the consultations a member takes part in."""

    http_method_names = ["post"]

    def post(self, request):
        form = TakingPartForm(request.POST, user=request.user)
        form.is_valid()
        form.save()
        messages.success(request, "Your choice has been saved.")
        return redirect(f"{reverse('account_profile')}#following-title")
