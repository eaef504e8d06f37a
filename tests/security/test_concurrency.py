"""Ten browsers at once against gunicorn: use-detail reads, plan page reads and plan saves never answer 5xx; each
use-detail read is logged once. Meanwhile every session keeps going stale, so the reads also write its last-seen and
active times: on SQLite a GET reads without the write lock until it says it will write (harm/db_events.py).

Runs on the session's database: SQLite (WAL) in the first pass of `make test`, PostgreSQL in the second.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask

from harm.accounts.models import Account, AccountSession
from harm.accounts.service import issue_signin_code
from harm.audit import service as audit
from harm.audit.models import AccessLogEntry
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.use_details import CATEGORIES
from tests.security.live import Browser, Server, server_environ
from tests.vault.helpers import give_consent, plant_every_category

THREADS = 10
REQUESTS_PER_THREAD = 30  # 300 in all: a few seconds on two cores
CONSENTED = ["moud", "treatment"]
SECTIONS = ("storage", "naloxone")


@dataclass
class Tally:
    """Every answer, by kind of request and status."""

    answers: Counter[tuple[str, int]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, status: int) -> None:
        with self.lock:
            self.answers[(kind, status)] += 1

    def count(self, kind: str | None = None, status: int | None = None) -> int:
        return sum(n for (k, s), n in self.answers.items()
                   if (kind is None or k == kind) and (status is None or s == status))

    def server_errors(self) -> int:
        return sum(n for (_k, s), n in self.answers.items() if s >= 500)


def read_use_details(browser: Browser, family: str, kind: str, tally: Tally) -> None:
    for _ in range(REQUESTS_PER_THREAD):
        status, _answer = browser.request("GET", f"/api/v1/families/{family}/use-details", timeout=30)
        tally.note(kind, status)


def read_plan_page(browser: Browser, family: str, kind: str, tally: Tally) -> None:
    for _ in range(REQUESTS_PER_THREAD):
        status, page = browser.request("GET", f"/f/{family}", timeout=30)
        tally.note(kind, status if "Test household" in str(page) else -status)


def age_sessions(app: Flask, stop: threading.Event, aged: list[int]) -> None:
    """Make every session look unseen and idle for a while, so the next request of each writes both times again."""
    with app.app_context():
        while not stop.wait(0.1):
            db.session.execute(db.update(AccountSession).values(
                last_seen_at=utcnow() - timedelta(minutes=6), active_at=utcnow() - timedelta(minutes=1)))
            db.session.commit()
            aged.append(1)
        db.session.remove()


def save_section(browser: Browser, family: str, key: str, tally: Tally) -> None:
    status, section = browser.request("GET", f"/api/v1/families/{family}/plan/{key}", timeout=30)
    version = section["version"] if status == 200 else 0
    for n in range(REQUESTS_PER_THREAD - 1):
        data = {"storage": {"location": f"shelf {n}"}, "naloxone": {"trained": f"save {n}"}}[key]
        status, answer = browser.request("PUT", f"/api/v1/families/{family}/plan/{key}",
                                         {"version": version, "data": data}, timeout=30)
        tally.note("save", status)
        if status == 200:
            version = answer["version"]


def signed_in(server: Server, account_id: int) -> Browser:
    """A new browser of this person, signed in with a fresh one-time code."""
    code = issue_signin_code(db.session.get_one(Account, account_id))
    db.session.remove()  # hold no transaction open while the server works
    browser = Browser(server.url)
    browser.sign_in(code)
    return browser


def test_ten_browsers_read_and_save_with_no_server_error_and_one_log_entry_per_read(
        app, make_client, household, database_url, tmp_path):
    from tests.conftest import sign_in

    plant_every_category(sign_in(make_client(), household.people[roles.PARENT]), household.id)
    give_consent(household, "active", CONSENTED, [roles.CASEWORKER])
    account_ids = {role: household.people[role].id for role in (roles.PARENT, roles.CASEWORKER)}
    family_public_id = household.id
    family_id = household.family.id
    before = Counter(db.session.execute(db.select(AccessLogEntry.actor_role).where(
        AccessLogEntry.family_id == family_id, AccessLogEntry.action == audit.VIEWED)).scalars())
    db.session.remove()

    server = Server(server_environ(database_url), log=tmp_path / "server.log").start()
    tally = Tally()
    stop_ageing = threading.Event()
    aged: list[int] = []
    ageing = threading.Thread(target=age_sessions, args=(app, stop_ageing, aged))
    try:
        threads = []
        # Three of the parent's browsers and three of the caseworker's read use details; two more of the parent's
        # read the plan page, and two more save.
        for role, kind in ((roles.PARENT, "parent read"), (roles.CASEWORKER, "caseworker read")):
            for _ in range(3):
                browser = signed_in(server, account_ids[role])
                threads.append(threading.Thread(target=read_use_details, args=(browser, family_public_id, kind, tally)))
        for role in (roles.PARENT, roles.CASEWORKER):
            browser = signed_in(server, account_ids[role])
            threads.append(threading.Thread(target=read_plan_page, args=(browser, family_public_id, "page", tally)))
        for key in SECTIONS:
            browser = signed_in(server, account_ids[roles.PARENT])
            threads.append(threading.Thread(target=save_section, args=(browser, family_public_id, key, tally)))
        assert len(threads) == THREADS
        ageing.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        stop_ageing.set()
        ageing.join(timeout=30)
        server.stop()

    logged = Counter(db.session.execute(db.select(AccessLogEntry.actor_role).where(
        AccessLogEntry.family_id == family_id, AccessLogEntry.action == audit.VIEWED)).scalars()) - before
    print(f"requests {tally.count()}, 5xx {tally.server_errors()}, answers {dict(tally.answers)}, "
          f"logged views {dict(logged)}")
    assert tally.server_errors() == 0, (dict(tally.answers), server.tail())
    assert tally.count() == THREADS * REQUESTS_PER_THREAD - len(SECTIONS)
    assert tally.count("save", 200) > 0
    assert tally.count("page", 200) == tally.count("page"), "every plan page answered, and showed the plan"
    assert len(aged) > 5, "the sessions were made stale again and again while the browsers worked"
    # Exactly one entry per category shown, for each read that answered, and none for any that did not.
    assert logged[roles.PARENT] == tally.count("parent read", 200) * len(CATEGORIES)
    assert logged[roles.CASEWORKER] == tally.count("caseworker read", 200) * len(CONSENTED)
    assert tally.count("parent read", 200) == tally.count("parent read")
    assert tally.count("caseworker read", 200) == tally.count("caseworker read")
    assert audit.verify_all()[1] == []

