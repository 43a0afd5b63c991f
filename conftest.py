"""Fixtures shared by every app's tests.

Browser tests drive the system's Chromium (/usr/bin/chromium) through
Playwright; the Playwright package never downloads a browser here. Without
Chromium the browser tests skip, except under CI, where that is a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache; on Redis only this run's keys are touched."""
    yield
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture
def page_cache(settings):
    """Turn on the full-page cache (home/cache.py), which the test settings leave off."""
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def wagtail_initial_data(db):
    """The rows Wagtail's own migrations insert: the default locale, the root page and
    the root collection. A transactional test (any browser test) empties every table
    when it ends, so the next one recreates them here."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def demo_site(wagtail_initial_data):
    """The demo content that `make run` loads."""
    call_command("load_demo_content", stdout=open(os.devnull, "w"))


@pytest.fixture
def home_page(wagtail_initial_data):
    """An empty site: a HomePage at the root of the default Site."""
    from home.factories import make_home_page

    return make_home_page()


@pytest.fixture
def consultation_index(home_page):
    from consultations.factories import ConsultationIndexPageFactory

    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM_PATH.exists():
        reason = f"Browser tests need Chromium at {CHROMIUM_PATH} (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)

    # Playwright's sync API runs an event loop in this thread, which makes
    # Django think the test's own ORM calls are made from async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab whose relative URLs point at the live test server."""
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe on the page in the browser and fail on any violation, with details."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        details = "\n".join(
            f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            + "\n".join(f"    {node['target']}: {node.get('failureSummary', '')}" for node in violation["nodes"])
            for violation in results.response["violations"]
        )
        assert results.violations_count == 0, f"axe found violations on {page.url}:\n{details}"

    return check
