"""Which emails each member wants, and stopping one from a link in the email itself.

Apps register each kind of email a member may stop (replies to their
comments, alerts about a consultation they follow) with the
``register_member_email_kind`` hook; accounts stores only the kinds a member
has stopped, so a new kind reaches everyone until they say otherwise::

    @hooks.register("register_member_email_kind")
    def replies():
        return EmailKind("replies", "Replies to my comments")

An email of a kind carries `unsubscribe_url(member, kind)`, a signed address
that works without signing in: following it asks first, so a mail scanner
changes nothing, and a mail client's one-click unsubscribe (RFC 8058) POSTs to
it. Stopping "all" stops every kind. Account emails (confirming an address,
resetting a password) and emails about a member's own booking are not kinds:
they always go.
"""

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from wagtail import hooks

from core.links import absolute

from .models import EmailOptOut

HOOK = "register_member_email_kind"
ALL = "all"
SALT = "accounts.unsubscribe"


@dataclass(frozen=True)
class EmailKind:
    name: str
    label: str
    order: int = 100


def email_kinds():
    return sorted((register() for register in hooks.get_hooks(HOOK)), key=lambda kind: kind.order)


def kind_named(name):
    if name == ALL:
        return EmailKind(ALL, "every email about consultations, discussions and events")
    return next((kind for kind in email_kinds() if kind.name == name), None)


def wants(user, kind):
    """Whether `user` still gets emails of `kind`."""
    return bool(user.email) and not EmailOptOut.objects.filter(user=user, kind__in=[kind, ALL]).exists()


def stopped_kinds(user):
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))


def set_wanted(user, kind, wanted):
    if wanted:
        EmailOptOut.objects.filter(user=user, kind=kind).delete()
    else:
        EmailOptOut.objects.get_or_create(user=user, kind=kind)


def unsubscribe_url(user, kind):
    # Unsigned by time: one member's link for one kind is the same in every
    # email and never expires, as an unsubscribe link must not.
    token = signing.Signer(salt=SALT).sign_object({"user": user.pk, "kind": kind}, compress=True)
    return absolute(reverse("account_unsubscribe", args=[token]))


def read_unsubscribe_token(token):
    """(user id, kind) from an unsubscribe address, or None if it was altered."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or kind_named(data.get("kind")) is None:
        return None
    return data.get("user"), data["kind"]
