"""Two gunicorn servers on one PostgreSQL and one Redis behave as one site
(bench/two_servers.py runs the same checks by hand)."""

import os

import pytest
from django.db import connection

from bench import two_servers
from bench.servers import production_environment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or "REDIS_URL" not in os.environ,
        reason="Several app servers share PostgreSQL and Redis; run with DATABASE_URL and REDIS_URL.",
    ),
]


def test_two_app_servers_share_sessions_cache_invalidation_and_rate_limits(transactional_db, home_page):
    database = connection.settings_dict
    database_url = f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = production_environment(database_url, os.environ["REDIS_URL"])
    two_servers.run_checks(env, two_servers.make_fixture(), report=lambda line: None)
