"""Fixtures shared by every app's tests.

Browser tests drive the system's Chromium (/usr/bin/chromium) through
Playwright; the Playwright package never downloads a browser here. Without
Chromium the browser tests skip, except under CI, where that is a failure.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test.utils import setup_databases, teardown_databases

from tests import nu_checker
from tests.browser import open_tab
from tests.database import restore_migrated_data

# The database `make run` uses, before the tests swap in their own.
DEVELOPMENT_DATABASE = settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django creates the test database only when a collected test asks for
    it (through `db`, `transactional_db` or `live_server`). The browser tests that
    serve the demo from a server of their own use the database without asking: run
    alone, they would load the demo into the developer's own database, then empty
    it. Whatever was collected, the tests get a database of their own."""
    created = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == DEVELOPMENT_DATABASE:
            created = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    yield
    if created:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache; on Redis only this run's keys are touched,
    in every cache version (Wagtail keeps its site root paths under version 2)."""
    yield
    if hasattr(cache, "delete_pattern"):
        redis = cache.client.get_client(write=True)
        for key in redis.scan_iter(match=f"{cache.key_prefix}:*"):
            redis.delete(key)
    else:
        cache.clear()


@pytest.fixture
def page_cache(settings, db):
    """Turn on the full-page cache (core/cache.py), which the test settings leave off.

    The default site's settings are made up front: the first render would
    otherwise create them, and saving them purges the cache.
    """
    from wagtail.models import Site

    from core.models import SiteSettings

    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files as a release collects them (docs/deployment.md), once per run."""
    from django.conf import settings
    from django.test import override_settings

    static_root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=static_root, STORAGES=_production_storages(settings)):
        call_command("collectstatic", "--noinput", verbosity=0)
    return static_root


def _production_storages(settings):
    return {**settings.STORAGES, "staticfiles": settings.PRODUCTION_STATICFILES_STORAGE}


@pytest.fixture
def production_static_storage(settings, collected_static):
    """Static files through production's manifest storage, which refuses any file
    the release did not collect (the test settings' plain storage would not)."""
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = _production_storages(settings)


@pytest.fixture
def migrated_data_restored_afterwards(django_db_blocker):
    """Put back what migrations created once a transactional test has emptied every table.

    Django restores it only when the next transactional test starts, but the next
    test may use the `db` fixture instead (pytest-xdist runs tests in any order).
    Set up before `transactional_db`, this is torn down after its flush.
    """
    yield
    with django_db_blocker.unblock():
        restore_migrated_data()


@pytest.fixture
def transactional_db(migrated_data_restored_afterwards, django_db_serialized_rollback, transactional_db):
    """A transactional test empties every table when it ends; serialized rollback
    (and the fixture above) put back what migrations created, whatever order tests run in."""
    return transactional_db


@pytest.fixture
def demo_site(db):
    """The demo content that `make run` loads."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(scope="module")
def shared_demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a module of tests that only read it.

    It stays uncommitted in a transaction around the module; each test (with
    the `db` fixture) runs in a savepoint inside it, rolled back when the test
    ends, and the demo goes when the module ends. The module must hold no
    transactional test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home_page(db):
    """An empty site: a HomePage at the root of the default Site."""
    from home.factories import home_site

    return home_site()


@pytest.fixture
def make_member(db):
    """Make a member (accounts.factories.MemberFactory): verified unless `unverified=True`."""
    from accounts.factories import MemberFactory

    return MemberFactory


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def consultation_index(home_page):
    from consultations.factories import ConsultationIndexPageFactory

    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    if not CHROMIUM_PATH.exists():
        reason = f"Browser tests need Chromium at {CHROMIUM_PATH} (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)

    # Playwright's sync API runs an event loop in this thread, which makes
    # Django think the test's own ORM calls are made from async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # That event loop also gives the test fresh connection objects, which lack the
    # snapshot of migrated data that serialized rollback restores; hand it over.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, django_db_serialized_rollback):
    """A fresh browser tab on the live test server.

    Live-server tests empty the database when they end; serialized rollback puts
    back what migrations created (the root page, the roles) for the next one.
    """
    page = open_tab(chromium, live_server.url)
    yield page
    page.context.close()


@pytest.fixture
def check_page():
    """Check the page a browser tab shows as every visit is checked: axe finds no
    violation, and the content security policy blocked nothing on it."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        assert page.csp_violations == [], f"The content security policy blocked something on {page.url}"
        results = axe.run(page)
        details = "\n".join(
            f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            + "\n".join(
                f"    {node['target']}: {node.get('failureSummary', '')}" for node in violation["nodes"]
            )
            for violation in results.response["violations"]
        )
        assert results.violations_count == 0, f"axe found violations on {page.url}:\n{details}"

    return check


@pytest.fixture(scope="session")
def nu_errors():
    """`tests.nu_checker.errors`: the Nu HTML Checker's errors for {name: HTML}.
    Without Java or the npm package the test skips, except under CI, where that is a failure."""
    if reason := nu_checker.missing():
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return nu_checker.errors
