"""The project's files are named for what they are, not for when they were built."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from alembic.script import ScriptDirectory

import harm

ROOT = Path(__file__).resolve().parent.parent
HISTORY = re.compile(rb"issue[ _-]?[0-9]", re.IGNORECASE)


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name]


def test_no_file_name_or_text_names_an_issue_number():
    hits = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        body = path.read_bytes()
        if HISTORY.search(name.encode()):
            hits.append(name)
        if b"\0" in body:  # binary: images, compiled catalogues
            continue
        hits += [f"{name}: {m.group(0).decode()}" for m in HISTORY.finditer(body)]
    assert hits == []


def test_migration_file_names_sort_in_the_order_they_apply():
    scripts = ScriptDirectory(str(Path(harm.__file__).parent / "migrations"))
    applied = [Path(script.path).name for script in reversed(list(scripts.walk_revisions()))]
    assert len(applied) > 1
    assert applied == sorted(applied)


def test_every_static_file_a_template_names_exists() -> None:
    """A stylesheet renamed but still linked (outcomes linked css/team.css) is a page without its styles."""
    static = ROOT / "harm" / "static"
    named = {name for path in (ROOT / "harm" / "templates").rglob("*.html")
             for name in re.findall(r"filename=['\"]([^'\"]+)['\"]", path.read_text(encoding="utf-8"))}
    assert len(named) > 10
    folders = {name for name in named if name.endswith("/")}  # the start of a name a template completes
    assert sorted(name for name in named - folders if not (static / name).is_file()) == []
    assert sorted(name for name in folders if not (static / name).is_dir()) == []
