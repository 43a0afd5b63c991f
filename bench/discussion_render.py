"""Time the discussion page at 10, 200 and 2,000 comments and print a table.

Run with `.venv/bin/python bench/discussion_render.py` (add DATABASE_URL for
PostgreSQL). It builds a throwaway test database, fills one discussion per size
with factories.many_comments, and renders each page through Django's test
client as a signed-in member: the median server time of several requests and
their median CPU time (which a busy machine disturbs far less), the SQL query
count and the HTML size.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = (10, 200, 2000)
RUNS = 7


def main():
    from accounts.factories import MemberFactory
    from discussions import factories
    from discussions.factories import DiscussionPageFactory

    # No setup_test_environment(): its template instrumentation would inflate the timings.

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        members = [MemberFactory(email=f"bench{n}@example.com") for n in range(20)]
        client = Client()
        client.force_login(members[0])
        rows = []
        for size in SIZES:
            page = DiscussionPageFactory(title=f"Bench {size}")
            factories.many_comments(page, members, size)
            client.get(page.url)  # warm caches, as a running server would have them
            timings, cpu_timings = [], []
            for _ in range(RUNS):
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(page.url)
                timings.append(time.perf_counter() - started)
                cpu_timings.append(time.process_time() - cpu_started)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.url)
            assert response.status_code == 200
            rows.append(
                (
                    size,
                    statistics.median(timings) * 1000,
                    statistics.median(cpu_timings) * 1000,
                    len(queries),
                    len(response.content) / 1024,
                )
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"Discussion page, signed-in member, {connection.vendor}, median of {RUNS} requests")
    print(f"{'comments':>9} | {'median ms':>9} | {'CPU ms':>7} | {'queries':>7} | {'HTML KB':>7}")
    print(f"{'-' * 9}-+-{'-' * 9}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 7}")
    for size, median_ms, cpu_ms, query_count, kilobytes in rows:
        print(f"{size:>9,} | {median_ms:>9.1f} | {cpu_ms:>7.1f} | {query_count:>7} | {kilobytes:>7.1f}")


if __name__ == "__main__":
    main()
