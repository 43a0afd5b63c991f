"""iCalendar files: one event for a download or an email, or recent and upcoming events as a feed.

Calendar apps match entries by UID, so an event keeps one UID everywhere (the
download, every email, the feed) on the site's own domain: two sites' events
never collide in one calendar. SEQUENCE goes up each time the event is
published again or cancelled (``EventPage.calendar_sequence``), and
LAST-MODIFIED says when, so a calendar recognises the newer version and
replaces the old one. A cancellation goes out with METHOD:CANCEL and the same
UID, which removes the event from the calendar it was added to.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vCalAddress

from core.links import absolute, site_domain

PRODUCT_ID = "-//Engagement Hub//Events//EN"
PUBLISH = "PUBLISH"
CANCEL = "CANCEL"


def uid(event):
    return f"event-{event.pk}@{site_domain()}"


def _calendar(method, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _organiser():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = name or settings.WAGTAIL_SITE_NAME
    return organiser


def _entry(event, joining_link=False):
    url = absolute(event)
    description = [event.introduction, f"Details and registration: {url}"]
    if joining_link and event.is_online and event.joining_link:
        description.append(f"Join online: {event.joining_link}")
    location = ", ".join(part for part in [event.venue, " ".join(event.address.split())] if part)

    entry = Event()
    entry.add("uid", uid(event))
    entry.add("sequence", event.calendar_sequence)
    entry.add("dtstamp", timezone.now())
    if event.last_changed_at:
        entry.add("last-modified", event.last_changed_at)
    entry.add("organizer", _organiser())
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
    calendar = _calendar(PUBLISH)
    calendar.add_component(_entry(event, joining_link))
    return calendar.to_ical().decode()


def cancellation(event, attendee_email):
    """The cancelled event, to remove it from the calendar of the person at `attendee_email`."""
    calendar = _calendar(CANCEL)
    entry = _entry(event)
    entry.add("attendee", vCalAddress(f"mailto:{attendee_email}"))
    calendar.add_component(entry)
    return calendar.to_ical().decode()


def attachment(event, content, method):
    """An email attachment: calendar apps read the method from its content type (RFC 6047)."""
    return (f"{event.slug}.ics", content, f"text/calendar; method={method}")


def feed(events, name):
    calendar = _calendar(PUBLISH, name)
    for event in events:
        calendar.add_component(_entry(event))
    return calendar.to_ical().decode()
