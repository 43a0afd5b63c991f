"""What a newcomer meets first: `make run` and the README."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_says_what_it_is_doing_and_only_the_server_reloads():
    steps = subprocess.run(
        ["make", "-n", "-s", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    commands = [step for step in steps if "manage.py" in step or step.startswith("echo")]
    for slow_step in ("migrate", "load_demo_content"):
        index = next(i for i, step in enumerate(commands) if f"manage.py {slow_step}" in step)
        assert commands[index - 1].startswith("echo"), f"make run is silent before {slow_step}"
    worker = next(step for step in commands if "manage.py db_worker" in step)
    # Django's reloader prints "Watching for file changes"; the server's is enough.
    assert "--no-reload" in worker


def test_links_in_the_readme_and_docs_lead_to_files_in_the_repository():
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", document.read_text()):
            if re.match(r"[a-z]+:|#", target):
                continue
            path = (document.parent / target.split("#")[0]).resolve()
            assert path.is_relative_to(ROOT) and path.exists(), f"{document.name} links to {target}"
