"""The consultations feed: each consultation's milestones as they are reached.

A consultation appears when it opens, again a week before it closes, again
when it has closed, and once more when its outcome is published, each as an
entry of its own with its own id, so a feed reader shows every step once. An
upcoming consultation has no entry.
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
            "outcome": f"Outcome published: {title}",
        }[self.kind]

    @property
    def location(self):
        """The address the entry links to: the outcome for its entry, the consultation for the rest."""
        if self.kind == "outcome":
            return f"{absolute(self.consultation)}{self.consultation.outcome_slug}/"
        return absolute(self.consultation)

    @property
    def description(self):
        return self.consultation.outcome_summary if self.kind == "outcome" else self.consultation.summary


def milestones(consultations, now):
    """Every milestone the consultations have reached by `now`, newest first.

    The consultations come annotated by `ConsultationQuerySet.with_outcomes()`.
    """
    reached = []
    for consultation in consultations:
        steps = [
            ("opened", consultation.opens_at),
            ("closing", consultation.closes_at - CLOSING_NOTICE),
            ("closed", consultation.closes_at),
        ]
        if consultation.outcome_published_at:
            steps.append(("outcome", consultation.outcome_published_at))
        reached += [
            Milestone(consultation, kind, max(at, consultation.opens_at))
            for kind, at in steps
            if at <= now and consultation.opens_at <= now
        ]
    return sorted(reached, key=lambda milestone: (milestone.at, milestone.kind), reverse=True)


class ConsultationFeed(PageFeed):
    def items(self):
        now = timezone.now()
        # Each consultation gives at most four entries, so the newest few suffice.
        consultations = (
            self.page.consultations()
            .filter(opens_at__lte=now)
            .defer_streamfields()
            .with_outcomes()
            .order_by("-closes_at")[:MAX_ENTRIES]
        )
        return milestones(consultations, now)[:MAX_ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.location

    def item_guid(self, item):
        return f"{absolute(item.consultation)}#{item.kind}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
