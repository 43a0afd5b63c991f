"""Registration under real concurrency (PostgreSQL) and email that outlives a failing mail server."""

import smtplib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, connections
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from core.email import deliver_email
from events import registration as registrations
from events.models import EventRegistration, RegistrationStatus

# At most this many of the threads hold a connection at once: PostgreSQL here
# allows 100 connections, shared with other test runs.
MAX_OPEN_CONNECTIONS = 40


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks and real concurrency need PostgreSQL; SQLite serialises every write.")


def run_concurrently(calls):
    """Run each call in its own thread with its own connection, all released together."""
    start = threading.Barrier(len(calls))
    gate = threading.BoundedSemaphore(MAX_OPEN_CONNECTIONS)
    errors = []

    def run(call):
        start.wait()
        with gate:
            try:
                return call()
            except Exception as error:
                errors.append(error)
            finally:
                connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = list(pool.map(run, calls))
    assert errors == []
    return results


def counts(event):
    return {
        status: event.registrations.filter(status=status).count()
        for status in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.CANCELLED,
        )
    }


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_two_hundred_simultaneous_registrations_never_overbook(
    postgresql_only, make_event, make_member, frozen_now
):
    event = make_event(capacity=50)
    members = [make_member() for _ in range(200)]

    results = run_concurrently(
        [lambda member=member: registrations.register(event.pk, member) for member in members]
    )

    assert all(created for _, created in results)
    assert counts(event) == {"confirmed": 50, "waitlisted": 150, "cancelled": 0}
    assert EventRegistration.objects.values("user").distinct().count() == 200
    positions = sorted(registration.waitlist_position for registration in event.registrations.waitlisted())
    assert positions == list(range(1, 151))


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_a_member_pressing_register_many_times_at_once_gets_one_registration(
    postgresql_only, make_event, member, frozen_now
):
    event = make_event(capacity=5)
    results = run_concurrently([lambda: registrations.register(event.pk, member) for _ in range(20)])
    assert sum(created for _, created in results) == 1
    assert event.registrations.count() == 1


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_simultaneous_cancellations_and_registrations_keep_the_counts_exact(
    postgresql_only, make_event, make_member, frozen_now
):
    event = make_event(capacity=20)
    booked = [registrations.register(event.pk, make_member())[0] for _ in range(50)]
    confirmed, waiting = booked[:20], booked[20:]
    newcomers = [make_member() for _ in range(15)]

    run_concurrently(
        [
            lambda registration=registration: registrations.cancel(registration)
            for registration in confirmed[:15]
        ]
        + [
            lambda registration=registration: registrations.cancel(registration)
            for registration in waiting[-5:]
        ]
        + [lambda member=member: registrations.register(event.pk, member) for member in newcomers]
    )

    assert counts(event) == {"confirmed": 20, "waitlisted": 25, "cancelled": 20}
    # The first fifteen waiting were promoted, in the order they joined.
    promoted = {registration.pk for registration in waiting[:15]}
    assert promoted <= set(event.registrations.confirmed().values_list("pk", flat=True))


class FailingSMTPBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("The mail server went away.")


@pytest.mark.django_db
@override_settings(
    EMAIL_BACKEND="events.tests.test_reliability.FailingSMTPBackend",
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
)
def test_a_failing_mail_server_never_loses_a_registration(event, member, frozen_now):
    client = Client()
    client.force_login(member)
    response = client.post(event.register_url)
    assert response.status_code == 302
    assert EventRegistration.objects.get(user=member).is_confirmed

    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["args"][2] == [member.email]

    # Run the queued task as the worker would: it fails to send, and queues another attempt for later.
    deliver_email.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    retries = DBTaskResult.objects.exclude(pk=task.pk)
    (retry,) = retries
    assert retry.args_kwargs["args"][5] == 2  # the attempt number
    assert retry.run_after > task.enqueued_at
    assert EventRegistration.objects.get(user=member).is_confirmed
