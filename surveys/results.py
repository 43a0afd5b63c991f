"""Summaries of a survey's responses for staff.

Everything here works on responses already loaded in one query, so the results
page costs the same few queries whether a survey has ten responses or ten thousand.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from accounts.models import Profile

from .forms import AGREEMENT_SCALE, QuestionType

# No figure is published for a group smaller than this, so that no answer can
# be traced to a handful of people in one area or age band.
MIN_GROUP_SIZE = 10

BREAKDOWNS = {
    "area": "Area",
    "age_band": "Age band",
}
NOT_GIVEN = "Not given"


@dataclass
class OptionCount:
    label: str
    count: int
    percent: float


@dataclass
class QuestionSummary:
    question: object
    answered: int
    options: list = field(default_factory=list)
    average: float | None = None

    @property
    def has_options(self):
        return bool(self.options)


@dataclass
class Group:
    label: str
    size: int
    summaries: list
    suppressed: bool

    @property
    def small(self):
        return self.size < MIN_GROUP_SIZE


def is_answered(value):
    return value not in (None, "", [])


def option_counts(labels_by_value, values, answered):
    counts = Counter()
    for value in values:
        counts.update(value if isinstance(value, list) else [value])
    return [
        OptionCount(label, counts[value], 100 * counts[value] / answered if answered else 0)
        for value, label in labels_by_value
    ]


def average(values):
    numbers = []
    for value in values:
        try:
            numbers.append(Decimal(str(value)))
        except InvalidOperation:
            continue
    return float(sum(numbers) / len(numbers)) if numbers else None


def summarise_question(question, answers):
    values = [answer.get(question.clean_name) for answer in answers]
    values = [value for value in values if is_answered(value)]
    summary = QuestionSummary(question=question, answered=len(values))
    if question.field_type in QuestionType.WITH_CHOICES:
        choices = question.get_choices()
        summary.options = option_counts([(choice, choice) for choice in choices], values, len(values))
    elif question.field_type == QuestionType.AGREEMENT:
        summary.options = option_counts(AGREEMENT_SCALE, values, len(values))
        summary.average = average(values)
    elif question.field_type == QuestionType.NUMBER:
        summary.average = average(values)
    return summary


def summarise(questions, answers):
    return [summarise_question(question, answers) for question in questions]


def responses_per_day(submit_times):
    """(date, count) for every day from the first response to the last, quiet days included."""
    counts = Counter(timezone.localdate(submitted) for submitted in submit_times)
    if not counts:
        return []
    day, last = min(counts), max(counts)
    days = []
    while day <= last:
        days.append((day, counts[day]))
        day += timedelta(days=1)
    return days


def group_label(breakdown, value):
    if not value:
        return NOT_GIVEN
    if breakdown == "age_band":
        return dict(Profile.AgeBand.choices).get(value, value)
    return value


def suppressed_labels(sizes):
    """The groups whose figures are hidden: every small group and, where needed, more.

    The whole survey's figures are published too, so the small groups'
    figures together are the total less the groups shown. While the hidden
    groups add up to fewer than MIN_GROUP_SIZE responses, the smallest group
    still shown is hidden as well.
    """
    hidden = {label for label, size in sizes.items() if size < MIN_GROUP_SIZE}
    shown = sorted((size, label) for label, size in sizes.items() if label not in hidden)
    while hidden and sum(sizes[label] for label in hidden) < MIN_GROUP_SIZE and shown:
        hidden.add(shown.pop(0)[1])
    return hidden


def breakdown_groups(breakdown, questions, responses):
    """Summaries per group of `breakdown` (area or age band); hidden groups carry no figures."""
    answers_by_group = {}
    for response in responses:
        label = group_label(breakdown, response[breakdown])
        answers_by_group.setdefault(label, []).append(response["form_data"])
    hidden = suppressed_labels({label: len(answers) for label, answers in answers_by_group.items()})

    groups = []
    for label, answers in sorted(answers_by_group.items(), key=lambda item: (item[0] == NOT_GIVEN, item[0])):
        suppressed = label in hidden
        groups.append(
            Group(
                label=label,
                size=len(answers),
                summaries=[] if suppressed else summarise(questions, answers),
                suppressed=suppressed,
            )
        )
    return groups
