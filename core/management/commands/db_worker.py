"""django-tasks-db's ``db_worker``, made to outlive a database outage.

This app comes before django_tasks_db in INSTALLED_APPS, so ``manage.py
db_worker`` is this command. The library's worker exits on the first database
error it meets; this one logs it, waits (1 s, doubling up to 30 s) and carries
on, so email waits in the queue through a database blip instead of until
someone restarts the worker. Run it under a supervisor all the same
(docs/deployment.md).
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")

FIRST_RETRY_SECONDS = 1
LONGEST_RETRY_SECONDS = 30


class ResilientWorker(db_worker.Worker):
    def run(self):
        wait = FIRST_RETRY_SECONDS
        while self.running:
            try:
                return super().run()
            except (DatabaseError, InterfaceError):
                logger.exception("The task worker lost the database; retrying in %s s", wait)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_RETRY_SECONDS)
        return None


class Command(db_worker.Command):
    help = db_worker.Command.help + " Survives database outages, retrying until the database is back."

    def handle(self, *args, **options):
        # The library's handle() builds its Worker by this module-level name.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
