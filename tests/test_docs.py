"""The docs name only what is there: every path, link, dotted name and test they mention exists."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "harm" / "translations" / "README.md"]
TOP = ("harm/", "tests/", "tools/", "benchmarks/", "docs/", ".ci/")
MADE_BY_RUNNING = ("tests/artifacts", "benchmarks/node_modules")  # written by the browser tests and make bench
CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)#\s]+)")
TOKEN_SPLIT = re.compile(r"[\s,()\[\]]+")
TEST_NAMES = {name for path in (ROOT / "tests").rglob("*.py")
              for name in re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8"))}


def mentioned_tokens(text: str) -> list[str]:
    return [token.rstrip(":.;") for span in CODE.findall(text) for token in TOKEN_SPLIT.split(span) if token]


def dotted_name_exists(name: str) -> bool:
    """harm.a.b.c: the longest importable module, then attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def missing_in(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    missing = []
    for token in mentioned_tokens(text):
        if "<" in token or "*" in token:
            continue  # a pattern (harm/<feature>/, app.<hash>.css), not a path
        if token.startswith(TOP) and not token.startswith(MADE_BY_RUNNING):
            if not (ROOT / token).exists():
                missing.append(token)
        elif re.fullmatch(r"harm(\.\w+)+", token) and not dotted_name_exists(token):
            missing.append(token)
        elif re.fullmatch(r"test_\w+", token) and token not in TEST_NAMES:
            missing.append(token)
    for target in LINK.findall(text):
        if not target.startswith(("http://", "https://", "mailto:")) and not (doc.parent / target).exists():
            missing.append(target)
    return missing


def test_the_check_finds_a_missing_path_a_name_and_a_link(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("See `harm/no_such_module.py`, `harm.plans.reader.no_such_name`, `test_no_such_test` "
                   "and [a page](no-such-page.md); `harm/plans/reader.py` and `harm.plans.reader.read_plan` exist.")
    assert missing_in(doc) == ["harm/no_such_module.py", "harm.plans.reader.no_such_name", "test_no_such_test",
                               "no-such-page.md"]


def test_every_path_name_and_link_in_the_docs_exists() -> None:
    assert {doc.relative_to(ROOT).as_posix(): missing for doc in DOCS if (missing := missing_in(doc))} == {}


def test_the_readme_stays_short() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150
