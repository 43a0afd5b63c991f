"""iCalendar files: one event for a download or an email, or every upcoming event as a feed."""

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from core.links import absolute

PRODUCT_ID = "-//Engagement Hub//Events//EN"


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _entry(event, joining_link=False):
    url = absolute(event)
    description = [event.introduction, f"Details and registration: {url}"]
    if joining_link and event.is_online and event.joining_link:
        description.append(f"Join online: {event.joining_link}")
    location = ", ".join(part for part in [event.venue, " ".join(event.address.split())] if part)

    entry = Event()
    entry.add("uid", f"event-{event.pk}@engagement-hub")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    entry.add("description", "\n\n".join(strip_tags(part) for part in description if part))
    entry.add("url", url)
    entry.add("location", location or "Online")
    entry.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    return entry


def single(event, joining_link=False):
    """The event on its own; `joining_link` adds the online link, for someone with a place."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_entry(event, joining_link))
    return calendar.to_ical().decode()


def feed(events, name):
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_entry(event))
    return calendar.to_ical().decode()
