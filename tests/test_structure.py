"""The shape of the code: features depend one way, imports sit at the top, every feature is in one list."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from flask import Blueprint
from flask_smorest import Blueprint as ApiBlueprint

from harm import features

HARM = Path(__file__).resolve().parent.parent / "harm"

# (file, function) with an import inside: the factory, and heavy libraries each with its reason on the line.
FACTORY = ("harm/__init__.py", "create_app")  # the package root stays light: every harm module imports it first
HEAVY_LIBRARIES = {
    ("harm/fridge/service.py", "_static_only_fetcher"),
    ("harm/fridge/service.py", "render_pdf"),
    ("harm/reminders/cli.py", "send_due_command"),
    ("harm/schema_migrations.py", "enable_migrations"),
    ("harm/schema_migrations.py", "_commands"),
}


def function_imports() -> list[tuple[str, str, int, str]]:
    """(file, function, line, text) of every import statement inside a function in harm/."""
    found = []
    for path in sorted(HARM.rglob("*.py")):
        source = path.read_text()
        lines = source.splitlines()
        seen: set[int] = set()
        for func in ast.walk(ast.parse(source)):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in seen:
                    seen.add(id(node))
                    found.append((str(path.relative_to(HARM.parent)), func.name, node.lineno, lines[node.lineno - 1]))
    return found


def test_no_import_inside_a_function_but_the_factory_and_heavy_libraries() -> None:
    """An import inside a function hides a dependency (often one dodging a cycle): move the code instead."""
    stray = [f"{where}:{line} in {name}()" for where, name, line, _text in function_imports()
             if (where, name) != FACTORY and (where, name) not in HEAVY_LIBRARIES]
    assert stray == []


def test_each_heavy_library_import_says_why() -> None:
    found = [(where, name, text) for where, name, _line, text in function_imports() if (where, name) in HEAVY_LIBRARIES]
    assert {(where, name) for where, name, _text in found} == HEAVY_LIBRARIES
    assert all("#" in text for _where, _name, text in found)
    assert "from harm.features import register_features  # the package root stays light" in (
        HARM / "__init__.py").read_text()


def test_the_import_contracts_hold() -> None:
    """Layers (core, accounts, families, milestones, plans, features, app), no cycle, guides free of families."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], capture_output=True, text=True,  # noqa: S603
                            cwd=HARM.parent, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 kept, 0 broken" in result.stdout


def test_every_page_and_api_blueprint_is_in_the_one_list_of_features() -> None:
    listed_pages = {bp for feature in features.FEATURES.values() for bp in feature.pages}
    listed_api = {blp for feature in features.FEATURES.values() for blp in feature.api}
    checked = 0
    for path in sorted(HARM.glob("*/*.py")):
        name = ".".join(path.relative_to(HARM.parent).with_suffix("").parts)
        module = sys.modules.get(name)
        for value in vars(module).values() if module else ():
            if isinstance(value, ApiBlueprint) and value.import_name == name:
                assert value in listed_api, f"{name} has an API blueprint no feature lists"
                checked += 1
            elif isinstance(value, Blueprint) and value.import_name == name:
                assert value in listed_pages, f"{name} has a blueprint no feature lists"
                checked += 1
    assert checked == len(listed_pages) + len(listed_api)
