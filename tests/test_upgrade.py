"""A database built by the code from before the layers (demo loaded, an email
queued) migrates forward with its data intact, and the new code serves it.

The old code comes from git: BEFORE_LAYERS is the last commit of main before
notices, site settings and email delivery moved from home to core.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent
BEFORE_LAYERS = "273a78a45ff855d734a04942a48611838ba829f8"
SNAPSHOT = (PROJECT / "tests" / "upgrade_snapshot.py").read_text()
# What `make run` did with the old code, then what the new code's `make run` does.
OLD_CODE = """
import json
from django.core.management import call_command
from home.tasks import deliver_email
call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo_content", verbosity=0)
deliver_email.enqueue("Hello", "Queued before the upgrade", ["someone@example.org"])
print(json.dumps(snapshot(), default=str))
"""
NEW_CODE = """
import json
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
call_command("migrate", interactive=False, verbosity=0)
migrated = snapshot()
call_command("load_demo_content", verbosity=0)
reloaded = snapshot()
client = Client(HTTP_HOST="localhost")
statuses = {page.url: client.get(page.url).status_code for page in Page.objects.live().filter(depth__gt=1)}
print(json.dumps({"migrated": migrated, "reloaded": reloaded, "statuses": statuses}, default=str))
"""


def kept(after, before):
    """What `after` holds of what `before` had, leaving out models, content types,
    permissions and roles (groups) added since."""
    # Content types, permissions and groups (by their permissions) are compared
    # one by one below, not counted: migrations add new ones.
    counted = [
        label
        for label in before["counts"]
        if label not in ("contenttypes.contenttype", "auth.permission", "auth.group")
    ]
    kept = {**after, "counts": {label: after["counts"].get(label) for label in counted}}
    for listing in ("content_types", "permissions", "group_permissions"):
        kept[listing] = [entry for entry in after[listing] if entry in before[listing]]
    return kept


@pytest.fixture
def old_tree(tmp_path):
    tree = tmp_path / "before-layers"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", BEFORE_LAYERS], cwd=PROJECT, capture_output=True)
    if archive.returncode != 0:
        reason = f"Needs the git history with {BEFORE_LAYERS[:7]}: {archive.stderr.decode().strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


@pytest.fixture
def scratch_database(tmp_path):
    """A database of its own, on the same kind of server as the tests'."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    name = f"hub_upgrade_{uuid.uuid4().hex[:8]}"
    settings = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT']}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run_in(tree, database_url, code, settings_module="hub.settings.dev", settings_dir=None):
    """Run `code` after the snapshot module, in `tree`'s Django, on `database_url`; its JSON output."""
    own = ("DJANGO_", "PYTEST", "REDIS")
    env = {key: value for key, value in os.environ.items() if not key.startswith(own)}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE=settings_module)
    if settings_dir:
        env["PYTHONPATH"] = str(settings_dir)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SNAPSHOT + code],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.usefixtures("transactional_db")
def test_a_database_from_before_the_layers_migrates_forward_intact(old_tree, scratch_database, tmp_path):
    before = run_in(old_tree, scratch_database, OLD_CODE)
    # The new code, with the media the old code made.
    (tmp_path / "upgrade_settings.py").write_text(
        f"from hub.settings.dev import *  # noqa: F403\nMEDIA_ROOT = {str(old_tree / 'media')!r}\n"
    )
    after = run_in(PROJECT, scratch_database, NEW_CODE, "upgrade_settings", settings_dir=tmp_path)
    migrated, reloaded = after["migrated"], after["reloaded"]

    assert before.pop("email_tasks") == [["home.tasks.deliver_email", "READY"]]
    assert migrated.pop("email_tasks") == [["core.email.deliver_email", "READY"]]
    reloaded.pop("email_tasks")
    assert before["notices"] and before["site_settings"] and before["comments"]
    assert kept(migrated, before) == kept(before, before)
    # `make run` loads the demo again on every start: it finds everything in place.
    assert kept(reloaded, before) == kept(before, before)
    assert after["statuses"] and set(after["statuses"].values()) == {200}
