"""Simultaneous submissions by one member, each on its own database connection."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from accounts.factories import MemberFactory
from surveys.factories import VALID_ANSWERS, SurveyPageFactory
from surveys.models import SurveyResponse

# Decided before the database is set up, so that on SQLite the skipped test
# does not empty the tables as a transactional test does when it ends.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Concurrent writes need PostgreSQL; SQLite serialises them.",
    ),
    pytest.mark.usefixtures("transactional_db"),
]

SIMULTANEOUS_SUBMISSIONS = 8


def test_simultaneous_submissions_by_one_member_store_exactly_one():
    survey = SurveyPageFactory()
    user = MemberFactory()
    clients = []
    for _ in range(SIMULTANEOUS_SUBMISSIONS):
        client = Client()
        client.force_login(user)
        clients.append(client)

    start = threading.Barrier(SIMULTANEOUS_SUBMISSIONS)
    pages = [None] * SIMULTANEOUS_SUBMISSIONS
    errors = []

    def submit(index):
        try:
            start.wait()
            pages[index] = clients[index].post(survey.url, VALID_ANSWERS).content.decode()
        except Exception as error:  # Reported below, so a failing thread fails the test.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(SIMULTANEOUS_SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert SurveyResponse.objects.filter(page=survey, respondent=user).count() == 1
    thanked = [page for page in pages if "Thank you, we have your answers" in page]
    refused = [page for page in pages if "You have already responded" in page]
    assert len(thanked) == 1
    assert len(refused) == SIMULTANEOUS_SUBMISSIONS - 1
