"""A member's data: everything we hold, for export, and its removal on deletion."""

import json
import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .email_preferences import stopped_kinds
from .signals import member_data_requested, member_deleting


def member_data(user):
    """A JSON-serialisable dict of the member's account, profile and whatever other apps hold."""
    profile = user.profile
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "username": user.username,
            "name": user.get_full_name(),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
        "profile": {
            "pseudonym": profile.pseudonym,
            "area": profile.get_area_display() if profile.area else None,
            "age_band": profile.get_age_band_display() if profile.age_band else None,
            "is_host": profile.is_host,
            "host_name": profile.host_name,
            "host_organisation": profile.host_organisation,
        },
    }
    data["emails_stopped"] = sorted(stopped_kinds(user))
    for _receiver, response in member_data_requested.send(sender=user.__class__, user=user):
        if response:
            data.update(response)
    return data


@transaction.atomic
def delete_member(user):
    """Remove the member and their personal data; other apps anonymise or cancel what they hold.

    The user row itself goes (with the profile and email addresses it owns), so no
    name, username or email address is left for an admin to find. Comments survive
    because the discussions app detaches them in its member_deleting receiver.
    """
    # Sent before Django collects the rows that cascade with the user, so that
    # receivers can still detach the ones that must stay.
    member_deleting.send(sender=user.__class__, user=user)
    user._member_deleting_sent = True
    user.delete()


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def forget_deleted_user(sender, instance, **kwargs):
    """Whichever way a user is deleted (their own account page, the Wagtail admin,
    the shell), other apps hear of it and no copy of their email address stays behind."""
    if not getattr(instance, "_member_deleting_sent", False):
        member_deleting.send(sender=sender, user=instance)
    addresses = set(EmailAddress.objects.filter(user=instance).values_list("email", flat=True))
    addresses.add(instance.email)
    addresses.discard("")
    _end_sessions(instance)
    _forget_queued_email(addresses)


def _end_sessions(user):
    # Sessions in a cache (Redis) cannot be searched; they end anyway, since
    # they point at a user who no longer exists.
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()


def _forget_queued_email(addresses):
    """Queued and sent email tasks keep their arguments, addresses included."""
    for address in addresses:
        # The address itself, not one that merely contains it (bob@ in jimbob@):
        # it stands between quotes or angle brackets ("Bob <bob@example.org>").
        whole_address = re.compile(rf'["<]{re.escape(address)}[">]', re.IGNORECASE)
        candidates = DBTaskResult.objects.filter(args_kwargs__icontains=address).values_list(
            "pk", "args_kwargs"
        )
        holding = [pk for pk, arguments in candidates if whole_address.search(json.dumps(arguments))]
        DBTaskResult.objects.filter(pk__in=holding).delete()
