"""The state of each stage in a consultation's timeline.

Stages are listed in the order they happen. A stage's own dates decide its
state where they can, or else the days of the events linked to it (all of
them over: happened; the first begun: current). Where neither can, its
neighbours do: once a later stage has started, every earlier stage has
happened, and the latest stage to have started is the current one. An
editor's override always wins.

The pages a stage lists (events, from the events app) are timeline entries:
each offers ``timeline_days``, its (first day, last day) or None when it will
not take place, and ``timeline_template``, the template that renders its row
with the page as ``entry``. A kind of entry may also offer the class method
``prepare_timeline_entries(entries)``, called once with all of its entries on a
timeline, to load in one query what their rows show (an event's places left).
This app knows nothing else about them.
"""

from dataclasses import dataclass
from datetime import date


class StageState:
    HAPPENED = "happened"
    CURRENT = "current"
    UPCOMING = "upcoming"

    CHOICES = [
        (HAPPENED, "Happened"),
        (CURRENT, "Happening now"),
        (UPCOMING, "Coming up"),
    ]
    LABELS = dict(CHOICES)


@dataclass(frozen=True)
class StageDates:
    starts_on: date | None
    ends_on: date | None = None
    override: str = ""
    # The (first day, last day) of each event in the stage.
    event_days: tuple[tuple[date, date], ...] = ()

    @property
    def span(self):
        """The stage's own dates; failing those, from its first event's start to its last event's end."""
        if self.starts_on or self.ends_on or not self.event_days:
            return self.starts_on, self.ends_on
        return min(first for first, _ in self.event_days), max(last for _, last in self.event_days)


def stage_states(stages: list[StageDates], today: date) -> list[str]:
    spans = [stage.span for stage in stages]
    started = [starts_on is not None and starts_on <= today for starts_on, _ in spans]
    latest_started = max((i for i, has_started in enumerate(started) if has_started), default=None)

    states = []
    for i, (stage, (_, ends_on)) in enumerate(zip(stages, spans, strict=True)):
        if stage.override:
            states.append(stage.override)
        elif ends_on is not None and ends_on < today:
            states.append(StageState.HAPPENED)
        elif ends_on is not None and started[i]:
            states.append(StageState.CURRENT)
        elif latest_started is None or i > latest_started:
            states.append(StageState.UPCOMING)
        elif i == latest_started:
            states.append(StageState.CURRENT)
        else:
            states.append(StageState.HAPPENED)
    return states


def prepare_entries(entries):
    """Call each kind of entry's ``prepare_timeline_entries`` once, with all its entries."""
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(type(entry), []).append(entry)
    for kind, group in by_kind.items():
        if prepare := getattr(kind, "prepare_timeline_entries", None):
            prepare(group)
