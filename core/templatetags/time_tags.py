from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value):
    """A datetime for a `<time datetime>` attribute: ISO 8601 to the second, in local
    time with its offset. HTML allows at most three digits of a fraction of a second,
    and Python's isoformat() writes six."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
