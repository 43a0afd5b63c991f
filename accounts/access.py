"""Who may take part: signed in, with a verified email address."""

from allauth.account.models import EmailAddress
from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import render


def is_verified_member(user):
    if not user.is_authenticated:
        return False
    # Remembered on the user object, since a page may ask several times.
    if not hasattr(user, "_is_verified_member"):
        user._is_verified_member = EmailAddress.objects.filter(user=user, verified=True).exists()
    return user._is_verified_member


def verification_required_response(request):
    return render(request, "accounts/verification_required.html", status=403)


class VerifiedMemberRequiredMixin(AccessMixin):
    """Send visitors to sign in, and members who have not verified their email to do so."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_verified_member(request.user):
            return verification_required_response(request)
        return super().dispatch(request, *args, **kwargs)
