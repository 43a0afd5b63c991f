"""The task worker outlives a database blip, and /healthz/tasks tells monitoring
how long the oldest unsent task has waited.

The blip is real: the worker reaches PostgreSQL through a loopback proxy of our
own (tests/proxy.py), cut for six seconds; PostgreSQL itself is never touched.
That test runs in the PostgreSQL and Redis pass of CI.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench.servers import PROJECT_DIR, production_environment
from discussions.notifications import send_moderation_digest
from tests.proxy import TcpProxy

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
BLIP_SECONDS = 6


def queued_task():
    with override_settings(TASKS=DATABASE_QUEUE):
        return send_moderation_digest.enqueue()


def test_the_task_check_is_ok_while_the_queue_is_moving(client, db):
    queued_task()
    response = client.get("/healthz/tasks")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["oldest_unsent_task_seconds"] < 600
    assert "no-cache" in response["Cache-Control"]


def test_the_task_check_reports_the_age_of_a_task_left_waiting(client, db):
    waiting = queued_task()
    DBTaskResult.objects.filter(id=waiting.id).update(enqueued_at=timezone.now() - timedelta(minutes=20))
    queued_task()
    response = client.get("/healthz/tasks")
    assert response.status_code == 503
    assert response.json()["status"] == "stale"
    assert response.json()["oldest_unsent_task_seconds"] >= 20 * 60


def wait_for_status(result, status, worker, limit=90):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the worker has exited"
        if DBTaskResult.objects.get(id=result.id).status == status:
            return
        time.sleep(0.2)
    raise AssertionError(f"task {result.id} never reached {status}")


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql" or "REDIS_URL" not in os.environ,
    reason="The worker runs with production settings: run with DATABASE_URL (PostgreSQL) and REDIS_URL.",
)
def test_the_worker_survives_a_database_blip_and_runs_what_was_queued(transactional_db):
    database = connection.settings_dict
    with TcpProxy(database["HOST"] or "127.0.0.1", database["PORT"] or 5432) as proxy:
        database_url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@127.0.0.1:{proxy.port}/{database['NAME']}"
        )
        env = production_environment(database_url, os.environ["REDIS_URL"])
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_status(queued_task(), TaskResultStatus.SUCCESSFUL, worker)

            proxy.stop()
            time.sleep(BLIP_SECONDS)
            assert worker.poll() is None, "the worker died in the blip"
            queued_during_the_blip = queued_task()
            proxy.start()

            wait_for_status(queued_during_the_blip, TaskResultStatus.SUCCESSFUL, worker)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
