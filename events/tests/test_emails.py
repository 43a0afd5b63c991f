"""Each email's words, its calendar attachment parsed back, and the reminder run."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from events import registration as registrations
from events.models import EventFormat
from events.reminders import send_reminders

from .conftest import london

pytestmark = pytest.mark.usefixtures("frozen_now")


def calendar_attachment(message, method="PUBLISH"):
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype == f"text/calendar; method={method}"
    calendar = Calendar.from_ical(content)
    assert calendar["method"] == method
    (entry,) = calendar.walk("VEVENT")
    return entry


def test_the_calendar_file_sent_says_its_method_in_its_content_type(event, member):
    registrations.register(event.pk, member)
    (message,) = mail.outbox
    (part,) = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "PUBLISH"


def test_confirmation_has_the_details_a_cancel_link_and_a_calendar_entry(make_event, member):
    event = make_event(
        title="Safer streets <workshop> & talk",
        format=EventFormat.HYBRID,
        joining_link="https://meet.example.org/safer",
    )
    registrations.register(
        event.pk, member, {"needs_bsl_interpreter": True, "other_needs": "Large print, please"}
    )
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Engagement Hub: Your place at Safer streets <workshop> & talk is confirmed"
    body = message.body
    assert "Safer streets <workshop> & talk" in body  # plain text, never HTML-escaped
    assert "When: Tuesday 14 January, 6pm to 8pm" in body
    assert "Where: Northside Library" in body
    assert "Join online: https://meet.example.org/safer" in body
    assert "A British Sign Language interpreter; Large print, please" in body
    assert f"http://testserver{event.url}cancel/link/?token=" in body

    entry = calendar_attachment(message)
    assert str(entry["summary"]) == event.title
    assert str(entry["url"]) == f"http://testserver{event.url}"
    assert entry.decoded("dtstart") == london(2025, 1, 14, 18)
    assert entry.decoded("dtend") == london(2025, 1, 14, 20)
    assert "https://meet.example.org/safer" in str(entry["description"])


def test_waitlist_email_gives_the_position_and_no_joining_link(make_event, make_member):
    event = make_event(
        capacity=1, format=EventFormat.ONLINE, venue="", joining_link="https://meet.example.org/x"
    )
    registrations.register(event.pk, make_member())
    waiting = make_member()
    registrations.register(event.pk, waiting)
    message = mail.outbox[-1]
    assert message.to == [waiting.email]
    assert message.subject == f"Engagement Hub: You are on the waitlist for {event.title}"
    assert "You are number 1." in message.body
    assert "meet.example.org" not in message.body
    assert message.attachments == []


def test_promotion_email_carries_the_place_and_calendar_entry(make_event, make_member):
    event = make_event(capacity=1)
    confirmed, _ = registrations.register(event.pk, make_member())
    waiting = make_member()
    registrations.register(event.pk, waiting)
    mail.outbox.clear()
    registrations.cancel(confirmed)
    (message,) = mail.outbox
    assert message.to == [waiting.email]
    assert message.subject == f"Engagement Hub: A place has come up: you are now registered for {event.title}"
    assert "it is yours" in message.body
    assert str(calendar_attachment(message)["url"]) == f"http://testserver{event.url}"


def test_cancelling_an_event_tells_everyone_registered(make_event, make_member):
    event = make_event(capacity=1)
    people = [make_member(), make_member()]
    for person in people:
        registrations.register(event.pk, person)
    mail.outbox.clear()
    assert registrations.cancel_event(event) == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
    assert all(message.subject == f"Engagement Hub: Cancelled: {event.title}" for message in mail.outbox)
    assert "has been cancelled" in mail.outbox[0].body
    assert not event.registrations.active().exists()
    for message in mail.outbox:
        removal = calendar_attachment(message, method="CANCEL")
        assert str(removal["uid"]) == f"event-{event.pk}@testserver"
        assert str(removal["status"]) == "CANCELLED"
        assert str(removal["attendee"]) == f"mailto:{message.to[0]}"
    with pytest.raises(registrations.RegistrationRefused):
        registrations.cancel_event(event)


def test_reminders_go_once_the_day_before_to_confirmed_places_only(make_event, make_member, frozen_now):
    event = make_event(capacity=1)
    confirmed = make_member()
    registrations.register(event.pk, confirmed)
    registrations.register(event.pk, make_member())
    later = make_event(starts_at=london(2025, 1, 20, 18), ends_at=london(2025, 1, 20, 20))
    registrations.register(later.pk, make_member())
    mail.outbox.clear()

    frozen_now.move_to(london(2025, 1, 13, 17))
    assert send_reminders() == 0
    frozen_now.move_to(london(2025, 1, 13, 18))
    call_command("send_event_reminders", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == [confirmed.email]
    assert message.subject == f"Engagement Hub: Reminder: {event.title} is tomorrow"
    assert str(calendar_attachment(message)["url"]) == f"http://testserver{event.url}"

    frozen_now.move_to(london(2025, 1, 13, 19))
    assert send_reminders() == 0
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_cancelled_event(event, member, frozen_now):
    registrations.register(event.pk, member)
    registrations.cancel_event(event)
    frozen_now.move_to(london(2025, 1, 14, 9))
    assert send_reminders() == 0


def test_every_link_in_every_email_and_calendar_file_starts_at_the_site_address(
    make_event, make_member, frozen_now, settings, client
):
    """Not the Wagtail Site record (localhost, port 80, in the demo): SITE_BASE_URL."""
    settings.SITE_BASE_URL = "https://hub.example.org"
    # Calendar files name the sender as organiser; production sets its address.
    settings.DEFAULT_FROM_EMAIL = "Engagement Hub <noreply@hub.example.org>"
    joining_link = "https://meet.example.org/x"
    event = make_event(capacity=1, format=EventFormat.HYBRID, joining_link=joining_link)
    first, second = make_member(), make_member()
    registrations.register(event.pk, first)  # confirmation
    registrations.register(event.pk, second)  # waitlist
    registrations.cancel(event.registrations.get(user=first))  # promotion
    frozen_now.move_to(london(2025, 1, 13, 18))
    send_reminders()
    registrations.cancel_event(event)
    assert len(mail.outbox) == 5

    texts = []
    for message in mail.outbox:
        texts += [message.body, *(content for content, _ in getattr(message, "alternatives", []))]
        texts += [content for _, content, _ in message.attachments]
    texts.append(client.get(event.ics_url).content.decode())
    links = [
        link for text in texts for link in re.findall(r"https?://[^\s\"'<>\\]+", text.replace("\r\n ", ""))
    ]
    assert links
    assert {link for link in links if not link.startswith("https://hub.example.org/")} <= {joining_link}
    assert not any("localhost" in text or "testserver" in text for text in texts)
