"""Lighthouse (the `lighthouse` npm package in package.json, run on Node.js with
the system's Chromium) over many addresses in one browser."""

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "lighthouse.mjs"
PACKAGE = ROOT / "node_modules" / "lighthouse"


def missing():
    """Why Lighthouse cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Lighthouse needs Node.js (apt-get install nodejs)."
    if not PACKAGE.exists():
        return f"Lighthouse is not installed at {PACKAGE} (run `npm ci`)."
    return None


def audit(addresses, chromium_path):
    """{address: {"scores": {"seo": 1.0, "best-practices": 1.0}, "failing": ["audit-id: title", ...]}}."""
    result = subprocess.run(
        [shutil.which("node"), str(SCRIPT), *addresses],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": str(chromium_path)},
        timeout=60 * len(addresses),
    )
    return json.loads(result.stdout)
