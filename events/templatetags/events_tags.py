from django import template
from django.db.models import Count, OuterRef, Q, Subquery

from ..models import EventRegistration

register = template.Library()


@register.inclusion_tag("events/includes/my_registrations.html", takes_context=True)
def my_registrations(context):
    """The member's event registrations, for My account, with a cancel button each."""
    request = context["request"]
    ahead = (
        EventRegistration.objects.waitlisted()
        .filter(event=OuterRef("event"))
        .filter(
            Q(registered_at__lt=OuterRef("registered_at"))
            | Q(registered_at=OuterRef("registered_at"), pk__lt=OuterRef("pk"))
        )
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    registrations = (
        EventRegistration.objects.filter(user=request.user)
        .active()
        .select_related("event")
        .annotate(ahead=Subquery(ahead))
        .order_by("event__starts_at")
    )
    for registration in registrations:
        registration.position = (registration.ahead or 0) + 1 if registration.is_waitlisted else None
    return {"registrations": registrations, "request": request, "next": request.get_full_path()}
