"""Every query on the main pages finds its rows through an index, never by reading a whole table."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from harm.extensions import db
from tests.conftest import sign_in
from tests.performance.test_query_counts import main_pages


@contextmanager
def recording_selects() -> Iterator[list[tuple[str, Any]]]:
    selects: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield selects
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def full_table_scans(statement: str, parameters: Any) -> list[str]:
    """The plan lines that read a whole table (with sequential scans discouraged on PostgreSQL)."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            return [row[-1] for row in rows if str(row[-1]).startswith("SCAN ") and " USING " not in row[-1]]
        connection.exec_driver_sql("SET enable_seqscan = off")
        lines = [row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()]
        connection.rollback()
        return [line for line in lines if "Seq Scan" in line]


def test_main_pages_use_an_index_for_every_query(client, household):
    sign_in(client, household.people["parent"])
    for url in main_pages(household.id):
        client.get(url)
        with recording_selects() as selects:
            assert client.get(url).status_code == 200
        db.session.commit()  # on SQLite the request's transaction holds the write lock the EXPLAIN connection needs
        for statement, parameters in selects:
            assert full_table_scans(statement, parameters) == [], (url, statement)
