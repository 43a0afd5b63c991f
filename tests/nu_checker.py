"""The Nu HTML Checker (the `vnu-jar` npm package in package.json, run on Java)
over many documents in one run: the Java start-up costs seconds, so a test
collects every page first and checks them all at once."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing():
    """Why the checker cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "The Nu HTML Checker needs Java (apt-get install default-jre-headless)."
    if not VNU_JAR.exists():
        return f"The Nu HTML Checker is not installed at {VNU_JAR} (run `npm ci`)."
    return None


def errors(documents):
    """Nu's errors for each of `documents` ({name: HTML}), as {name: [message, ...]}, only
    for documents with errors. Warnings and notes are left out: they are advice."""
    names = list(documents)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, name in enumerate(names):
            file = Path(folder) / f"{number}.html"
            file.write_text(documents[name], encoding="utf-8")
            files.append(file)
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]
            + [str(file) for file in files],
            capture_output=True,
            text=True,
            check=True,
        )
        by_file = {file.resolve().as_uri(): name for file, name in zip(files, names, strict=True)}
    found = {}
    for message in json.loads(result.stderr)["messages"]:
        name = by_file.get(_file_uri(message.get("url", "")), "(the checker itself)")
        line = message.get("lastLine", "?")
        found.setdefault(name, []).append(
            f"line {line}: {message['message']}\n        {message.get('extract', '').strip()}"
        )
    return found


def _file_uri(url):
    # Java writes file:/tmp/x.html where Python writes file:///tmp/x.html.
    return "file:///" + url.removeprefix("file:").lstrip("/") if url.startswith("file:") else url
