"""The periodic run behind time-based alerts and resumed announcements.

Run it every few minutes (`make run` does, next to the worker; in production,
cron or a scheduler: docs/deployment.md). Each run is idempotent: an alert
already announced is never announced again.
"""

from django.core.management.base import BaseCommand

from accounts.announcements import resume_stalled
from consultations.alerts import send_time_alerts


class Command(BaseCommand):
    help = (
        "Announce consultations that have opened or close within three days to their followers, "
        "and resume announcements that stopped half-way. Safe to run as often as you like."
    )

    def handle(self, *args, **options):
        announced = send_time_alerts()
        resumed = resume_stalled()
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(announced)} new alerts, {resumed} announcements resumed.")
