"""The consultations feed: each consultation's milestones as they are reached.

A consultation appears when it opens, again a week before it closes, and
again when it has closed, each as an entry of its own with its own id, so a
feed reader shows every step once. An upcoming consultation has no entry.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dateformat import format as format_date

from core.feeds import PageFeed
from core.links import absolute

CLOSING_NOTICE = timedelta(days=7)
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Milestone:
    consultation: object
    kind: str
    at: datetime

    @property
    def title(self):
        title = self.consultation.title
        closes = format_date(timezone.localtime(self.consultation.closes_at), "j F Y")
        return {
            "opened": f"Now open: {title}",
            "closing": f"Closing on {closes}: {title}",
            "closed": f"Closed: {title}",
        }[self.kind]


def milestones(consultations, now):
    """Every milestone the consultations have reached by `now`, newest first."""
    reached = []
    for consultation in consultations:
        steps = [
            ("opened", consultation.opens_at),
            ("closing", consultation.closes_at - CLOSING_NOTICE),
            ("closed", consultation.closes_at),
        ]
        reached += [
            Milestone(consultation, kind, max(at, consultation.opens_at))
            for kind, at in steps
            if at <= now and consultation.opens_at <= now
        ]
    return sorted(reached, key=lambda milestone: (milestone.at, milestone.kind), reverse=True)


class ConsultationFeed(PageFeed):
    def items(self):
        now = timezone.now()
        # Each consultation gives at most three entries, so the newest few suffice.
        consultations = (
            self.page.consultations()
            .filter(opens_at__lte=now)
            .defer_streamfields()
            .order_by("-closes_at")[:MAX_ENTRIES]
        )
        return milestones(consultations, now)[:MAX_ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.consultation.summary

    def item_link(self, item):
        return absolute(item.consultation)

    def item_guid(self, item):
        return f"{absolute(item.consultation)}#{item.kind}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
