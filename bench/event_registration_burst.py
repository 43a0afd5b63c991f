"""A burst of registrations over HTTP, against gunicorn with several workers, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench \\
        .venv/bin/python bench/event_registration_burst.py [--attempts 200] [--capacity 50] [--workers 4]

It migrates the database, loads the demo site, creates an event and that many
verified members (each signed in with a session of their own), starts gunicorn
on 127.0.0.1, fires every member's registration POST at once from its own
thread, and reports throughput, latency and the final counts. It fails unless
exactly `capacity` are confirmed, the rest waitlisted, nobody twice and no
request errored. Every request and the whole run have a time limit.
"""

import argparse
import io
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")

REQUEST_TIMEOUT = 30
SERVER_START_TIMEOUT = 30


def setup_django():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())


def create_event_and_members(attempts, capacity):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.factories import MemberFactory
    from events.factories import EventPageFactory
    from events.models import EventIndexPage

    run = secrets.token_hex(4)
    event = EventPageFactory(
        parent=EventIndexPage.objects.live().first(),
        title=f"Registration burst {run}",
        format="online",
        venue="",
        capacity=capacity,
    )
    event.save_revision().publish()
    users = MemberFactory.create_batch(attempts, email=factory_email(run))
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        sessions.append(session.session_key)
    return event, sessions


def factory_email(run):
    import factory

    return factory.Sequence(lambda n: f"burst-{run}-{n}@example.org")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, workers):
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "hub.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--threads=4",
            "--timeout=60",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ | {"DATABASE_CONN_MAX_AGE": "60"},
        start_new_session=True,
    )
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit("gunicorn did not start in time")


def warm_up(url, workers):
    """Load each worker's code, URL patterns and templates, so the burst measures steady running."""
    with ThreadPoolExecutor(max_workers=workers * 4) as pool:
        list(
            pool.map(
                lambda _: urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT).read(), range(workers * 16)
            )
        )


def register(url, session_key, start):
    from django.conf import settings

    csrf = secrets.token_hex(16)
    request = urllib.request.Request(
        url,
        data=b"",
        method="POST",
        headers={
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "X-CSRFToken": csrf,
            "Host": "localhost",
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    start.wait()
    began = time.perf_counter()
    try:
        status = opener.open(request, timeout=REQUEST_TIMEOUT).status
    except urllib.error.HTTPError as response:
        status = response.code
    except OSError as error:
        status = f"error: {error}"
    return status, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    setup_django()
    event, sessions = create_event_and_members(args.attempts, args.capacity)
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        warm_up(f"http://127.0.0.1:{port}{event.url}", args.workers)
        url = f"http://127.0.0.1:{port}{event.url}register/"
        start = threading.Barrier(len(sessions) + 1)
        with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
            futures = [pool.submit(register, url, key, start) for key in sessions]
            start.wait()
            began = time.perf_counter()
            results = [future.result(timeout=REQUEST_TIMEOUT * 2) for future in futures]
            elapsed = time.perf_counter() - began
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)

    from django.db.models import Count

    registrations = event.registrations.all()
    counts = dict(registrations.values_list("status").annotate(n=Count("pk")))
    duplicates = registrations.values("user").annotate(n=Count("pk")).filter(n__gt=1).count()
    statuses = [status for status, _ in results]
    latencies = sorted(latency for _, latency in results)
    p95 = latencies[max(int(len(latencies) * 0.95) - 1, 0)]

    print(
        f"{len(results)} registration POSTs to gunicorn ({args.workers} workers x 4 threads), "
        f"capacity {args.capacity}"
    )
    print(f"  wall time   {elapsed:.2f} s, throughput {len(results) / elapsed:.1f} requests/s")
    print(
        f"  latency     median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )
    print(f"  responses   { {status: statuses.count(status) for status in set(statuses)} }")
    print(
        f"  final       confirmed {counts.get('confirmed', 0)}, waitlisted {counts.get('waitlisted', 0)}, "
        f"duplicates {duplicates}"
    )

    expected = {"confirmed": args.capacity, "waitlisted": args.attempts - args.capacity}
    ok = counts == expected and duplicates == 0 and set(statuses) == {302}
    print("  result      " + ("OK" if ok else f"FAILED: expected {expected}"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
