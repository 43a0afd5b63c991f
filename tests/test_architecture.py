"""The layers of apps (DESIGN.md), beyond what import-linter checks."""

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
APPS = ["core", "accounts", "consultations", "discussions", "surveys", "events", "home", "hub"]


def production_modules():
    for app in APPS:
        for path in sorted((PROJECT / app).rglob("*.py")):
            parts = path.relative_to(PROJECT).parts
            if "tests" in parts or "migrations" in parts or path.name == "apps.py":
                continue
            yield app, path


def imported_apps(node):
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    else:
        return set()
    return {name.split(".")[0] for name in names} & set(APPS)


def imports_inside_functions(path):
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                for app in imported_apps(node):
                    yield node.lineno, app


def test_no_app_reaches_into_another_from_inside_a_function():
    """An import inside a function hides a dependency from import-linter; turn it
    around with a hook, a signal or a registry instead (AppConfig.ready aside)."""
    hidden = [
        f"{path.relative_to(PROJECT)}, line {line}, imports {other}"
        for app, path in production_modules()
        for line, other in imports_inside_functions(path)
        if other != app
    ]
    assert hidden == []
