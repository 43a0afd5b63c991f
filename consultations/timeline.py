"""The state of each stage in a consultation's timeline.

Stages are listed in the order they happen. A stage's own dates decide its
state where they can; where they cannot, its neighbours do: once a later
stage has started, every earlier stage has happened, and the latest stage
to have started is the current one. An editor's override always wins.
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


def stage_states(stages: list[StageDates], today: date) -> list[str]:
    started = [stage.starts_on is not None and stage.starts_on <= today for stage in stages]
    latest_started = max((i for i, has_started in enumerate(started) if has_started), default=None)

    states = []
    for i, stage in enumerate(stages):
        if stage.override:
            states.append(stage.override)
        elif stage.ends_on is not None and stage.ends_on < today:
            states.append(StageState.HAPPENED)
        elif stage.ends_on is not None and started[i]:
            states.append(StageState.CURRENT)
        elif latest_started is None or i > latest_started:
            states.append(StageState.UPCOMING)
        elif i == latest_started:
            states.append(StageState.CURRENT)
        else:
            states.append(StageState.HAPPENED)
    return states
