"""Demo events: for the open consultation, two that happened, one with places and one full with a
waitlist; for the closed consultation, two that happened while it was open."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.factories import member_with_email
from core.demo import child_page, rich_text

from .factories import RegistrationFactory
from .models import EventFormat, EventIndexPage, EventPage, RegistrationStatus

ACCESSIBILITY = (
    "The venue has step-free access from the street, an accessible toilet and a hearing loop. "
    "Tell us when you register if you need a British Sign Language interpreter or anything else."
)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load(site, consultations):
    consultation = consultations["consultation"]
    today = timezone.localdate()
    index = child_page(
        site["home"],
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        introduction=(
            "Meetings and workshops, online and in person, where you can ask questions and tell us what you "
            "think."
        ),
    )

    def event(slug, day, start, end, **fields):
        return _event(index, slug, day, start, end, consultation=consultation, **fields)

    past = [
        event(
            "launch-meeting",
            today - timedelta(days=14),
            18,
            20,
            title="Launch meeting: the draft Community Safety Plan",
            introduction="Hear what is in the draft plan and put your questions to the team who wrote it.",
            format=EventFormat.IN_PERSON,
            venue="City Hall, Chamber",
            address="1 Civic Square\nLondon\nSE1 2AA",
            capacity=120,
            description=rich_text("A presentation of the draft plan, then questions from the floor."),
        ),
        event(
            "online-question-time",
            today - timedelta(days=7),
            19,
            20,
            title="Online question time",
            introduction="An hour of questions and answers about the draft plan, online.",
            format=EventFormat.ONLINE,
            joining_link="https://meet.example.org/community-safety-question-time",
            capacity=300,
            description=rich_text("Send your questions in advance or ask them on the night."),
        ),
    ]
    with_places = event(
        "north-neighbourhood-workshop",
        today + timedelta(days=10),
        18,
        20,
        title="Neighbourhood workshop: north of the river",
        introduction="Work with your neighbours on what would make your area feel safer.",
        format=EventFormat.HYBRID,
        venue="Northside Library, Community Room",
        address="22 High Street\nLondon\nN1 4XX",
        joining_link="https://meet.example.org/north-workshop",
        capacity=40,
        description=rich_text("Small-group discussions, with a facilitator at every table and online."),
    )
    full = event(
        "women-and-girls-workshop",
        today + timedelta(days=17),
        11,
        13,
        title="Workshop for women and girls",
        introduction=(
            "A workshop for women and girls about feeling safe on streets, in parks and on transport."
        ),
        format=EventFormat.IN_PERSON,
        venue="Southbank Community Centre",
        address="5 River Walk\nLondon\nSE1 9ZZ",
        capacity=3,
        description=rich_text(
            "A facilitated workshop in a women-only space. Refreshments and childcare are provided."
        ),
    )
    _fill(full, places=3, waiting=2)
    _link_from_timeline(consultation, past + [with_places, full])

    return {"index": index, "events": past + [with_places, full]}


def _event(index, slug, day, start, end, **fields):
    return child_page(
        index,
        EventPage,
        slug,
        starts_at=_at(day, start),
        ends_at=_at(day, end),
        accessibility=ACCESSIBILITY,
        **fields,
    )


def load_closed(index, closed):
    """Two events that happened while the closed consultation was open, in its timeline."""
    opened = timezone.localdate(closed.opens_at)
    closed_events = [
        _event(
            index,
            "school-street-walk",
            opened + timedelta(days=20),
            8,
            10,
            consultation=closed,
            title="Walk the school street",
            introduction="Walk a trial school street at drop-off time with the team who designed it.",
            format=EventFormat.IN_PERSON,
            venue="Meet at the gates of Riverside Primary School",
            address="14 Mill Lane\nLondon\nE3 2BB",
            capacity=25,
            description=rich_text(
                "A short walk at drop-off time, then tea and questions in the school hall."
            ),
        ),
        _event(
            index,
            "clean-air-question-time",
            opened + timedelta(days=55),
            19,
            20,
            consultation=closed,
            title="Clean air: online question time",
            introduction="An hour of questions and answers about the draft Clean Air Streets Strategy.",
            format=EventFormat.ONLINE,
            joining_link="https://meet.example.org/clean-air-question-time",
            capacity=300,
            description=rich_text("Send your questions in advance or ask them on the night."),
        ),
    ]
    _link_from_timeline(closed, closed_events)
    return closed_events


def _fill(event, places, waiting):
    """Demo members in every place and some on the waitlist, so the demo shows a full event."""
    if event.registrations.exists():
        return
    for number in range(places + waiting):
        email = f"demo-attendee-{number + 1}@example.org"
        RegistrationFactory(
            event=event,
            user=member_with_email(email, password=None),
            status=RegistrationStatus.CONFIRMED if number < places else RegistrationStatus.WAITLISTED,
            registered_at=timezone.now() - timedelta(hours=places + waiting - number),
        )


def _link_from_timeline(consultation, events):
    """List the events in the "Public events" stage of the consultation's timeline, once.

    The stage's own dates are cleared, so that its dates and state come from its events.
    """
    body = consultation.body
    for block in body:
        if block.block_type != "timeline":
            continue
        for stage in block.value["stages"]:
            if stage["label"] == "Public events" and not stage["events"]:
                stage["events"] = events
                stage["starts_on"] = stage["ends_on"] = None
                consultation.body = body
                consultation.save_revision().publish()
                return
