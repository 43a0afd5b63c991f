"""The events feed (RSS and Atom): upcoming events and those of the last 30 days, soonest first."""

from core.feeds import PageFeed

MAX_ENTRIES = 50


class EventFeed(PageFeed):
    def items(self):
        return self.page.events().recent_and_upcoming().order_by("starts_at", "pk")[:MAX_ENTRIES]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        where = event.venue if event.is_in_person else "Online"
        if event.format == "hybrid":
            where = f"{event.venue} and online"
        parts = [f"{event.when}. {where}. {event.status_label}.", event.introduction]
        return "\n\n".join(part for part in parts if part)

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_changed_at
