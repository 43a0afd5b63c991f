"""The one count of how many people have responded to a consultation.

"N residents have responded" is the consultation's offline figure (responses
by post, email or at events, typed by an editor) plus every response the site
records. Each kind of participation lives in its own app (comments in
discussions, answers in surveys, places in events), so each app adds its own
kind through the ``register_consultation_response_kind`` Wagtail hook, and
this app imports none of them::

    @hooks.register("register_consultation_response_kind")
    def comments():
        return ResponseKind(
            "comments", "comments in its discussions", approved_comments_count, commenters
        )

A kind's ``count`` returns a subquery counting that kind's responses for the
consultation in the outer query (``OuterRef("pk")``, ``OuterRef("path")``), so
one query annotates the count on any number of consultations: a listing costs
no query per card. ``ConsultationPage.response_count`` and
``ConsultationQuerySet.with_response_counts()`` are the only ways to get the
figure, and every page that shows it uses one of them.

A kind's ``participants(consultation)`` returns the ids of the members who
took part that way, as a queryset of ``user_id`` values. ``participants()``
joins them: the one answer to "who took part" for the outcome's figures and
for the email that tells them what happened.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Expression, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from wagtail import hooks

HOOK = "register_consultation_response_kind"


@dataclass(frozen=True)
class ResponseKind:
    name: str
    label: str
    count: Callable[[], Expression]
    participants: Callable[..., QuerySet]

    @property
    def annotation(self):
        return f"responses_{self.name}"


def response_kinds():
    return [register() for register in hooks.get_hooks(HOOK)]


def response_count_annotations():
    """Annotations for a consultation queryset: one per kind, and `response_count`, their sum."""
    kinds = response_kinds()
    annotations = {
        kind.annotation: Coalesce(kind.count(), Value(0), output_field=IntegerField()) for kind in kinds
    }
    total = F("offline_response_count")
    for kind in kinds:
        total = total + F(kind.annotation)
    return annotations, total


def participants(consultation):
    """The active members who took part in `consultation` in any way the site records, each once."""
    took_part = [Q(pk__in=kind.participants(consultation)) for kind in response_kinds()]
    members = get_user_model().objects.filter(is_active=True)
    return members.filter(reduce(or_, took_part)) if took_part else members.none()
