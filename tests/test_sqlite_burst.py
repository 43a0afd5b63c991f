"""The default database (SQLite) serves a burst of members at once without
"database is locked": WAL, a busy timeout and immediate transactions
(hub/settings/base.py).

The test database lives in memory, where SQLite has neither WAL nor file locks,
so the burst runs on a copy of it in a file, opened with the project's own
connection options, as a web server on the default database would.
"""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from events.factories import EventIndexPageFactory, EventPageFactory

MEMBERS = 12
CAPACITY = 5

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="The burst is about the SQLite default."
)


def open_and_close_a_connection():
    try:
        connections["default"].ensure_connection()
    finally:
        connections.close_all()


def test_twelve_members_register_at_once_without_database_errors(
    transactional_db, home_page, make_member, tmp_path
):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=CAPACITY)
    clients = []
    for _ in range(MEMBERS):
        client = Client(raise_request_exception=False)
        client.force_login(make_member())
        clients.append(client)

    path = tmp_path / "burst.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    in_memory = connections.settings["default"]
    connections.settings["default"] = {**in_memory, "NAME": str(path)}
    try:
        # The site's first connection turns the new file to WAL, as `make run`'s
        # migrations do before anyone visits; the burst comes after.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(open_and_close_a_connection).result()
        start = threading.Barrier(MEMBERS)

        def visit_and_register(client):
            start.wait()
            try:
                statuses = [
                    client.get(event.url).status_code,
                    client.post(event.register_url).status_code,
                    client.get(event.url).status_code,
                ]
                with connections["default"].cursor() as cursor:
                    cursor.execute("PRAGMA journal_mode")
                    journal_mode = cursor.fetchone()[0]
                return statuses, journal_mode
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=MEMBERS) as pool:
            results = list(pool.map(visit_and_register, clients))
    finally:
        connections.settings["default"] = in_memory

    assert [statuses for statuses, _ in results] == [[200, 302, 200]] * MEMBERS
    assert {journal_mode for _, journal_mode in results} == {"wal"}
    with sqlite3.connect(path) as copy:
        stored = dict(
            copy.execute(
                "SELECT status, COUNT(*) FROM events_eventregistration WHERE event_id = ? GROUP BY status",
                [event.pk],
            ).fetchall()
        )
    copy.close()
    assert stored == {"confirmed": CAPACITY, "waitlisted": MEMBERS - CAPACITY}
