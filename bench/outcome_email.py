"""Publish an outcome to 50,000 participants, kill the worker half-way, and count every email.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench \\
        .venv/bin/python bench/outcome_email.py [--participants 50000] [--smtp-port 8125]

It migrates the database, builds a closed consultation whose survey was
answered by that many members (bulk_create, not one by one), starts a local
mail server (aiosmtpd) that counts what each address receives, and a real
`manage.py db_worker` sending to it. It then publishes the consultation's
outcome page and reports how long publishing took; once about a third of the
emails have arrived it kills the worker (SIGKILL), starts another, and runs
`manage.py send_alerts` every few seconds, as cron would, until the
announcement has finished. It reports emails per second, the worker's peak
memory (RSS), the time to the last email, and fails unless every participant
received exactly one email.
"""

import argparse
import io
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.outcome_email_settings"

RUN_TIMEOUT = 1800
KILL_AT_FRACTION = 1 / 3
SWEEP_EVERY_SECONDS = 10
BENCH_PREFIX = "outcome-bench-"


class CountingMailServer:
    """aiosmtpd's handler: counts the messages each address receives, and when they arrive."""

    def __init__(self):
        self.received = Counter()
        self.arrivals = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.arrivals.append(time.monotonic())
            self.received.update(envelope.rcpt_tos)
        return "250 Message accepted"

    def rate(self, start, end):
        """Emails per second between the `start`th and `end`th arrival."""
        return (end - start) / (self.arrivals[end - 1] - self.arrivals[start])

    @property
    def total(self):
        with self.lock:
            return sum(self.received.values())


class Worker:
    """A `db_worker` process, with its resident memory sampled while it runs."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
            + ["--interval", "0.2"],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
        )
        self.peak_rss_kb = 0
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _sample(self):
        status = Path(f"/proc/{self.process.pid}/status")
        while self.process.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        self.peak_rss_kb = max(self.peak_rss_kb, int(line.split()[1]))
            except (FileNotFoundError, ProcessLookupError):
                return
            time.sleep(0.2)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


def setup_django():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=io.StringIO())


def build_participants(count):
    """A closed consultation with a survey answered by `count` new members; returns it and their addresses."""
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Site

    from accounts.models import Announcement
    from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
    from home.factories import home_site
    from surveys.factories import SurveyPageFactory
    from surveys.models import SurveyResponse

    # An earlier run's queue and deliveries. Its members stay (deleting 50,000
    # accounts runs every app's deletion receivers); they took part in another
    # consultation, so this run's audience leaves them out.
    Announcement.objects.all().delete()
    DBTaskResult.objects.all().delete()
    run = secrets.token_hex(4)
    prefix = f"{BENCH_PREFIX}{run}-"

    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page if site and site.root_page.depth > 1 else home_site()
    index = ConsultationIndexPageFactory(parent=home)
    consultation = ConsultationPageFactory(parent=index, closed=True, title=f"Safer streets at night {run}")
    survey = SurveyPageFactory(parent=consultation)

    User = get_user_model()
    User.objects.bulk_create(
        [
            User(username=f"{prefix}{n}", email=f"participant{n}@{run}.bench.example", password="!")
            for n in range(count)
        ],
        batch_size=5000,
    )
    members = User.objects.filter(username__startswith=prefix).values_list("pk", "email")
    addresses = set()
    responses = []
    for pk, email in members.iterator(chunk_size=5000):
        addresses.add(email)
        responses.append(SurveyResponse(page=survey, respondent_id=pk, form_data={}))
    SurveyResponse.objects.bulk_create(responses, batch_size=5000)
    return consultation, addresses


def publish_outcome(consultation):
    """Publish the outcome page the way the admin does; returns it and how long publishing took."""
    from django.db import transaction

    from consultations.factories import OutcomePageFactory

    outcome = OutcomePageFactory(parent=consultation, live=False)
    started = time.perf_counter()
    with transaction.atomic():
        outcome.save_revision().publish()
    return outcome, time.perf_counter() - started


def announcement_finished(outcome):
    from accounts.models import Announcement

    return Announcement.objects.filter(key=f"outcome:{outcome.pk}", finished_at__isnull=False).exists()


def run_sweep():
    subprocess.run(
        [sys.executable, "manage.py", "send_alerts", "-v", "0"], cwd=ROOT, env=os.environ.copy(), check=True
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=50_000)
    parser.add_argument("--smtp-port", type=int, default=8125)
    args = parser.parse_args()
    os.environ["BENCH_SMTP_PORT"] = str(args.smtp_port)

    from aiosmtpd.controller import Controller

    setup_django()
    print(f"Creating {args.participants:,} participants...", flush=True)
    consultation, addresses = build_participants(args.participants)

    mail_server = CountingMailServer()
    controller = Controller(mail_server, hostname="127.0.0.1", port=args.smtp_port)
    controller.start()
    deadline = time.monotonic() + RUN_TIMEOUT
    worker = Worker()
    workers = [worker]
    try:
        outcome, publish_seconds = publish_outcome(consultation)
        published_at = time.monotonic()
        print(f"Published the outcome in {publish_seconds:.3f} s", flush=True)

        while mail_server.total < args.participants * KILL_AT_FRACTION:
            if time.monotonic() > deadline or worker.process.poll() is not None:
                sys.exit("The worker stopped or sent too slowly before the kill")
            time.sleep(0.05)
        worker.kill()
        killed_after = mail_server.total
        print(f"Killed the worker (SIGKILL) after {killed_after:,} emails", flush=True)

        worker = Worker()
        workers.append(worker)
        restarted_at = time.monotonic()
        last_sweep = 0
        while not announcement_finished(outcome):
            if time.monotonic() > deadline:
                sys.exit("The announcement did not finish in time")
            if time.monotonic() - last_sweep > SWEEP_EVERY_SECONDS:
                run_sweep()
                last_sweep = time.monotonic()
            time.sleep(0.5)
        time.sleep(2)  # the last messages of the last batch
    finally:
        for each in workers:
            if each.process.poll() is None:
                each.stop()
        controller.stop()

    received = mail_server.received
    duplicates = {address: count for address, count in received.items() if count > 1}
    missing = addresses - set(received)
    strangers = set(received) - addresses
    total = len(mail_server.arrivals)
    resumed_from = next(n for n, arrived in enumerate(mail_server.arrivals) if arrived > restarted_at)
    print(
        "\n".join(
            [
                f"participants:                {len(addresses):,}",
                f"publishing took:             {publish_seconds:.3f} s",
                f"emails received:             {sum(received.values()):,} "
                f"(killed after {killed_after:,}; duplicates {len(duplicates)}, missing {len(missing)})",
                f"time to the last email:      {mail_server.arrivals[-1] - published_at:.1f} s, of which "
                f"{mail_server.arrivals[resumed_from] - restarted_at:.1f} s waiting for the sweep to resume",
                f"emails per second:           {mail_server.rate(0, killed_after):.0f} before the kill, "
                f"{mail_server.rate(resumed_from, total):.0f} after",
                f"worker peak RSS:             {max(each.peak_rss_kb for each in workers) / 1024:.0f} MB",
                f"load (uptime):               {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
                f"{os.getloadavg()[2]:.2f}",
            ]
        )
    )
    if duplicates or missing or strangers:
        sys.exit(f"FAIL: {len(duplicates)} duplicated, {len(missing)} missing, {len(strangers)} unexpected")
    if publish_seconds >= 1:
        sys.exit("FAIL: publishing took a second or more")
    print("OK: every participant received exactly one email")


if __name__ == "__main__":
    main()
