from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage, ConsultationStatus

LONDON = ZoneInfo("Europe/London")
OPENS = datetime(2025, 1, 6, 9, 0, tzinfo=LONDON)
CLOSES = datetime(2025, 2, 12, 23, 59, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (OPENS - timedelta(days=1), ConsultationStatus.UPCOMING),
        (OPENS - timedelta(microseconds=1), ConsultationStatus.UPCOMING),
        (OPENS, ConsultationStatus.OPEN),
        (OPENS + timedelta(days=10), ConsultationStatus.OPEN),
        (CLOSES - timedelta(microseconds=1), ConsultationStatus.OPEN),
        (CLOSES, ConsultationStatus.CLOSED),
        (CLOSES + timedelta(days=30), ConsultationStatus.CLOSED),
    ],
)
def test_status_at_frozen_times_agrees_with_the_queryset(consultation_index, moment, status):
    consultation = ConsultationPageFactory(parent=consultation_index, opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(moment, tick=False):
        assert consultation.status == status
        assert list(ConsultationPage.objects.with_status(status)) == [consultation]
        others = set(ConsultationStatus.values) - {status}
        assert not any(ConsultationPage.objects.with_status(other).exists() for other in others)


def test_closing_before_opening_is_refused(db):
    consultation = ConsultationPage(title="Backwards", summary="x", opens_at=CLOSES, closes_at=OPENS)
    with pytest.raises(ValidationError) as error:
        consultation.clean()
    assert "closes_at" in error.value.message_dict


def test_response_count_starts_from_the_offline_figure(consultation_index):
    consultation = ConsultationPageFactory(parent=consultation_index, offline_response_count=1622)
    assert consultation.response_count == 1622


def test_featured_lists_open_consultations_first(consultation_index):
    now = datetime(2025, 3, 1, 12, 0, tzinfo=LONDON)
    closed = ConsultationPageFactory(
        parent=consultation_index, opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=30)
    )
    upcoming = ConsultationPageFactory(
        parent=consultation_index, opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=50)
    )
    closing_later = ConsultationPageFactory(
        parent=consultation_index, opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=40)
    )
    closing_soon = ConsultationPageFactory(
        parent=consultation_index, opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=3)
    )
    with time_machine.travel(now, tick=False):
        assert list(ConsultationPage.objects.featured()) == [closing_soon, closing_later, upcoming, closed]
