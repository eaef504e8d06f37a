"""The PostgreSQL pass of `make test` (the Makefile's `-m`) takes every test that uses the database."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
DATABASE_SETTING = "TEST_DATABASE" + "_URL"  # split, so this file does not name it itself


def postgres_pass() -> Expression:
    """The marker expression of the Makefile's PostgreSQL pass."""
    line = next(line for line in (ROOT / "Makefile").read_text().splitlines()
                if f'{DATABASE_SETTING}="$$TEST_POSTGRES_URL"' in line)
    found = re.search(r'-m "([^"]+)"', line)
    assert found, f"the PostgreSQL pass selects no marker: {line.strip()}"
    return Expression.compile(found.group(1))


def in_postgres_pass(item: pytest.Item) -> bool:
    names = {mark.name for mark in item.iter_markers()}
    return postgres_pass().evaluate(lambda name, **_: name in names)


def test_a_test_that_uses_the_app_runs_on_postgresql(app: Flask, request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("db")
    assert in_postgres_pass(request.node)


def test_every_database_test_is_in_the_postgresql_pass(request: pytest.FixtureRequest) -> None:
    database_tests = [item for item in request.session.items
                      if "database_url" in item.fixturenames and not item.get_closest_marker("browser")]
    assert [item.nodeid for item in database_tests if not in_postgres_pass(item)] == []


def test_a_test_without_the_database_is_left_out_of_the_postgresql_pass(request: pytest.FixtureRequest) -> None:
    assert not request.node.get_closest_marker("db")
    assert not in_postgres_pass(request.node)


def test_no_test_outside_the_postgresql_pass_reads_the_database_setting(request: pytest.FixtureRequest) -> None:
    """A test or fixture that reads the setting itself instead of through `database_url` would skip PostgreSQL."""
    escaped = set()
    source: dict[object, str] = {}
    for item in request.session.items:
        if not isinstance(item, pytest.Function) or item.get_closest_marker("browser") or in_postgres_pass(item):
            continue
        fixtures = [definition.func for definitions in item._fixtureinfo.name2fixturedefs.values()
                    for definition in definitions]
        for code in (item.function, *fixtures):
            if code not in source:
                source[code] = inspect.getsource(code)
        if any(DATABASE_SETTING in source[code] for code in (item.function, *fixtures)):
            escaped.add(item.nodeid)
    assert sorted(escaped) == []
