"""SIGKILL the server in the middle of a stream of writes: every acknowledged write survives, none is half-done.

Runs on the session's database: SQLite (WAL) in the first pass of `make test`, PostgreSQL in the second.
"""
from __future__ import annotations

import http.client
import threading
from dataclasses import dataclass, field
from typing import Any

from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection, SectionRevision
from tests.security.live import Browser, Server, server_environ

# Killed mid-answer, the server leaves a refused connection or a cut-off answer: neither acknowledges a write.
SERVER_GONE = (OSError, http.client.HTTPException)

SECTIONS = ("household", "storage", "naloxone", "supports")
KILL_AFTER = 40  # acknowledged writes before the kill


@dataclass
class ClientLog:
    """What the server said yes to, as the client saw it."""

    sections: dict[str, dict[int, Any]] = field(default_factory=dict)  # key -> version -> data sent
    milestones: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self) -> int:
        with self.lock:
            return sum(len(v) for v in self.sections.values()) + len(self.milestones)


def section_data(key: str, n: int) -> dict[str, Any]:
    words = f"save {n} of {key}"
    return {
        "household": {"members": [{"name": f"Sky {n}"}]},
        "storage": {"location": words},
        "naloxone": {"trained": words},
        "supports": {"people": [{"name": words}]},
    }[key]


def write_sections(browser: Browser, family: str, key: str, log: ClientLog, stop: threading.Event) -> None:
    status, section = browser.request("GET", f"/api/v1/families/{family}/plan/{key}")
    version = section["version"] if status == 200 else 0
    n = 0
    while not stop.is_set():
        n += 1
        data = section_data(key, n)
        try:
            status, answer = browser.request("PUT", f"/api/v1/families/{family}/plan/{key}",
                                             {"version": version, "data": data})
        except SERVER_GONE:
            return  # the server is gone: this write was never acknowledged
        if status != 200:
            return
        version = answer["version"]
        with log.lock:
            log.sections.setdefault(key, {})[version] = answer["data"]


def write_milestones(browser: Browser, family: str, log: ClientLog, stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        title = f"Crash test step {n}"
        try:
            status, _answer = browser.request("POST", f"/api/v1/families/{family}/milestones",
                                              {"kind": "own", "title": title})
        except SERVER_GONE:
            return
        if status != 201:
            return
        with log.lock:
            log.milestones.append(title)


def stream_until_killed(server: Server, browser: Browser, family: str) -> ClientLog:
    log, stop = ClientLog(), threading.Event()
    writers = [threading.Thread(target=write_sections, args=(browser, family, key, log, stop)) for key in SECTIONS]
    writers.append(threading.Thread(target=write_milestones, args=(browser, family, log, stop)))
    for writer in writers:
        writer.start()
    try:
        while log.count() < KILL_AFTER and any(w.is_alive() for w in writers):
            threading.Event().wait(0.01)
        server.kill()
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    return log


def assert_nothing_lost_or_half_done(family_id: int, log: ClientLog) -> None:
    db.session.remove()
    for section in db.session.execute(db.select(PlanSection).where(PlanSection.family_id == family_id)).scalars():
        revisions = {r.version: r for r in db.session.execute(
            db.select(SectionRevision).where(SectionRevision.section_id == section.id)).scalars()}
        # Nothing half-done: the section's version and its history agree, save by save.
        assert set(revisions) == set(range(1, section.version + 1)), section.key
        if section.version:
            assert revisions[section.version].data == section.data, section.key
        # Nothing lost: every save the client was told succeeded is in the history as it was sent back.
        for version, data in log.sections.get(section.key, {}).items():
            assert version in revisions and revisions[version].data == data, (section.key, version)
    titles = set(db.session.execute(db.select(Milestone.title).where(Milestone.family_id == family_id)).scalars())
    db.session.remove()  # on SQLite every transaction holds the write lock: end ours before the server restarts
    assert set(log.milestones) <= titles


def test_killed_mid_stream_loses_no_acknowledged_write(app, household, database_url, tmp_path):
    parent = household.people["parent"]
    code = issue_signin_code(parent)
    family_public_id, family_id = household.id, household.family.id
    db.session.remove()
    server = Server(server_environ(database_url), log=tmp_path / "server.log").start()
    try:
        browser = Browser(server.url)
        browser.sign_in(code)
        log = stream_until_killed(server, browser, family_public_id)
        assert log.count() >= KILL_AFTER, server.tail()
        assert_nothing_lost_or_half_done(family_id, log)

        # After the restart the same browser is still signed in and the plan takes new saves.
        restarted = Server(server_environ(database_url), log=tmp_path / "server.log", port=server.port).start()
        try:
            status, section = browser.request("GET", f"/api/v1/families/{family_public_id}/plan/supports")
            assert status == 200
            status, _saved = browser.request("PUT", f"/api/v1/families/{family_public_id}/plan/supports",
                                             {"version": section["version"], "data": section_data("supports", 999)})
            assert status == 200
        finally:
            restarted.stop()
    finally:
        server.kill()
    assert_nothing_lost_or_half_done(family_id, log)
