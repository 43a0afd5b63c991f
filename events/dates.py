"""Event times in plain words, in the site's time zone: "Tuesday 14 January, 6pm to 8pm"."""

from django.utils import timezone


def clock(moment):
    """6pm, 6:30pm, 12 noon."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def day(moment, now):
    words = f"{moment:%A} {moment.day} {moment:%B}"
    return words if moment.year == now.year else f"{words} {moment.year}"


def event_when(starts_at, ends_at, now=None):
    starts_at, ends_at = timezone.localtime(starts_at), timezone.localtime(ends_at)
    now = timezone.localtime(now or timezone.now())
    if starts_at.date() == ends_at.date():
        return f"{day(starts_at, now)}, {clock(starts_at)} to {clock(ends_at)}"
    return f"{day(starts_at, now)}, {clock(starts_at)} to {day(ends_at, now)}, {clock(ends_at)}"
