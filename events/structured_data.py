"""An event as schema.org's `Event`, for search engines (JSON-LD through core.sharing).

Its place is the venue, a `VirtualLocation` at the event's own page (never the
joining link, which only people with a place see), or both for a hybrid event;
its single free offer's availability follows the places left.
"""

from core.links import absolute
from core.sharing import image_card, organisation

SCHEMA = "https://schema.org/"
# Keyed by the values of events.models.EventFormat and EventStatus, which import this module.
ATTENDANCE_MODES = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
AVAILABILITY = {
    "open": "InStock",
    "full": "SoldOut",
    "not-open": "PreOrder",
    "closed": "Discontinued",
    "happened": "Discontinued",
    "cancelled": "Discontinued",
}


def locations(event):
    places = []
    if event.is_in_person:
        place = {"@type": "Place", "name": event.venue}
        if event.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(event.address.split("\n")),
            }
        places.append(place)
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": absolute(event)})
    return places[0] if len(places) == 1 else places


def event_data(event, site_settings):
    status = event.status
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.introduction,
        "url": absolute(event),
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.cancelled_at else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES[event.format],
        "location": locations(event),
        "organizer": organisation(site_settings),
        "isAccessibleForFree": True,
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": event.places_left,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "GBP",
            "url": absolute(event),
            "availability": SCHEMA + AVAILABILITY[status],
        },
    }
    if event.registration_opens_at:
        data["offers"]["validFrom"] = event.registration_opens_at.isoformat()
    image = event.sharing_image() or site_settings.share_image
    if image:
        data["image"] = [image_card(image)["url"]]
    return data
