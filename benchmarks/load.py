"""Load test: 64 simulated people for 2 minutes against gunicorn on PostgreSQL; zero errors, no write lost.

    LOAD_DATABASE_URL=postgresql+psycopg://fp:fp@127.0.0.1:5432/fp_load make load
    .venv/bin/python benchmarks/load.py --users 64 --minutes 2 --fresh

The database is emptied first (only with --fresh, or when it has no tables), migrated and seeded with
invented families. Parents edit plan sections and record milestones; caseworkers read their caseload
page and plans; peers record check-ins and read the plan parts shared with them. Every write the server
acknowledged (section saves, milestones, check-ins) is written to the client's own log, and after the run
each one is looked up in the database. Journeys are plain functions in JOURNEYS.
"""
from __future__ import annotations

# locust patches the standard library with gevent; it must come first.
from locust import HttpUser, between, events, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gevent

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))


@dataclass
class Identity:
    role: str
    code: str
    families: list[str]
    address: str


@dataclass
class ClientLog:
    """Writes the server said yes to: (family, section, version) -> data, milestone ids, check-in id -> words."""

    sections: dict[tuple[str, str, int], Any] = field(default_factory=dict)
    milestones: set[str] = field(default_factory=set)
    checkins: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


LOG = ClientLog()
IDENTITIES: list[Identity] = []
SECTION_KEYS = ("storage", "naloxone", "goals", "overdose")


# ---- Setting up: database, seed, server ------------------------------------------------------------


def server_environ(database_url: str, secret: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(FAMILY_PLAN_ENV="testing", SECRET_KEY=secret, DATABASE_URL=database_url,
               WEBAUTHN_RP_ID="localhost", WEBAUTHN_ORIGIN="http://localhost",
               # Each simulated person comes from their own address, as behind a load balancer.
               TRUSTED_PROXIES="1", LOG_LEVEL="WARNING")
    return env


def prepare_database(database_url: str, fresh: bool, env: dict[str, str]) -> None:
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(database_url)
    with engine.begin() as connection:
        existing = MetaData()
        existing.reflect(connection)
        if existing.tables and not fresh:
            sys.exit(f"{database_url} has tables; pass --fresh to empty it for the load test")
        existing.drop_all(connection)
    engine.dispose()
    subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=REPO_ROOT, check=True,
                   env=env | {"FLASK_APP": "app.py"}, stdout=subprocess.DEVNULL)


def seed(env: dict[str, str], users: int) -> list[Identity]:
    """Half parents (a family each), a quarter caseworkers (two families each), a quarter peers."""
    from harm import create_app
    from harm.accounts.models import Account
    from harm.accounts.service import issue_signin_code
    from harm.extensions import db
    from harm.families import roles
    from harm.families.models import Membership
    from harm.families.service import start_family

    app = create_app(env)
    people: list[Identity] = []
    with app.app_context():
        parents = max(1, users // 2)
        families = []
        for n in range(parents):
            account = Account(display_name=f"Load parent {n}")
            db.session.add(account)
            db.session.flush()
            family, _ = start_family(account, f"Load family {n}", roles.PARENT)
            families.append(family)
            people.append(Identity(roles.PARENT, issue_signin_code(account), [family.public_id], ""))
        for n in range(users - parents):
            role = roles.CASEWORKER if n % 2 == 0 else roles.PEER
            account = Account(display_name=f"Load {role} {n}")
            db.session.add(account)
            db.session.flush()
            mine = [families[n % parents], families[(n + 1) % parents]]
            for family in mine:
                if not db.session.execute(db.select(Membership).where(
                        Membership.family_id == family.id, Membership.account_id == account.id)).first():
                    db.session.add(Membership(family_id=family.id, account_id=account.id, role=role))
            db.session.commit()
            people.append(Identity(role, issue_signin_code(account), sorted({f.public_id for f in mine}), ""))
        db.session.commit()
        db.engine.dispose()
    for n, person in enumerate(people):
        person.address = f"10.{n // 250}.{n % 250}.{1 + n % 200}"
    return people


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "app:app"],
        cwd=REPO_ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):  # noqa: S310 - our own server
                return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    sys.exit("gunicorn did not start")


# ---- The simulated people --------------------------------------------------------------------------


def parent_edits_a_section(user: Person) -> None:
    family, key = user.identity.families[0], random.choice(SECTION_KEYS)
    path = f"/api/v1/families/{family}/plan/{key}"
    with user.client.get(path, name="GET plan section", catch_response=True) as got:
        if got.status_code != 200:
            got.failure(f"status {got.status_code}")
            return
        version = got.json()["version"]
    data = section_data(key)
    with user.client.put(path, json={"version": version, "data": data}, headers=user.csrf(),
                         name="PUT plan section", catch_response=True) as saved:
        if saved.status_code != 200:
            saved.failure(f"status {saved.status_code}")
            return
        answer = saved.json()
    with LOG.lock:
        LOG.sections[(family, key, answer["version"])] = answer["data"]


def parent_records_a_milestone(user: Person) -> None:
    family = user.identity.families[0]
    body = {"kind": "own", "title": f"Step {random.randint(1, 10**6)}"}
    with user.client.post(f"/api/v1/families/{family}/milestones", json=body, headers=user.csrf(),
                          name="POST milestone", catch_response=True) as made:
        if made.status_code != 201:
            made.failure(f"status {made.status_code}")
            return
        milestone_id = made.json()["id"]
    with LOG.lock:
        LOG.milestones.add(milestone_id)


def caseworker_reads_the_caseload(user: Person) -> None:
    sort = random.choice(("name", "completeness", "next_visit", "overdue"))
    with user.client.get(f"/caseload?sort={sort}", name="GET caseload page", catch_response=True) as page:
        if page.status_code != 200:
            page.failure(f"status {page.status_code}")
        elif not all(f"/f/{family}" in page.text for family in user.identity.families):
            page.failure("a family of this caseworker is missing from the caseload")


def peer_checks_in(user: Person) -> None:
    family = random.choice(user.identity.families)
    words = f"We talked about the lockbox {random.randint(1, 10**9)}"
    with user.client.post(f"/api/v1/families/{family}/checkins", json={"how_it_went": words, "needs": "Rides"},
                          headers=user.csrf(), name="POST check-in", catch_response=True) as made:
        if made.status_code != 201:
            made.failure(f"status {made.status_code}")
            return
        checkin_id = made.json()["id"]
    with LOG.lock:
        LOG.checkins[checkin_id] = words


def reads_a_plan(user: Person) -> None:
    family = random.choice(user.identity.families)
    user.client.get(f"/api/v1/families/{family}/plan", name="GET plan")


def opens_the_plan_page(user: Person) -> None:
    family = random.choice(user.identity.families)
    user.client.get(f"/f/{family}", name="GET family page")


# Who does what, and how often.
JOURNEYS: dict[str, list[tuple[Callable[[Person], None], int]]] = {
    "parent": [(parent_edits_a_section, 3), (parent_records_a_milestone, 1), (opens_the_plan_page, 1)],
    "caseworker": [(caseworker_reads_the_caseload, 3), (reads_a_plan, 2), (opens_the_plan_page, 1)],
    "peer": [(peer_checks_in, 2), (reads_a_plan, 2), (opens_the_plan_page, 1)],
}


def section_data(key: str) -> dict[str, Any]:
    words = f"Load test words {random.randint(1, 10**9)}"
    return {
        "storage": {"location": words, "has_lockbox": True},
        "naloxone": {"trained": words},
        "goals": {"goals": [{"goal": words}]},
        "overdose": {"who_checks": words},
    }[key]


class Person(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.identity = IDENTITIES.pop()
        self.client.headers["X-Forwarded-For"] = self.identity.address
        self.token = ""
        self.refresh_csrf()
        with self.client.post("/api/v1/auth/code", json={"code": self.identity.code}, headers=self.csrf(),
                              name="POST sign in", catch_response=True) as signed_in:
            if signed_in.status_code != 200:
                signed_in.failure(f"sign-in status {signed_in.status_code}")
        self.refresh_csrf()  # a new session at sign-in
        self.journey = JOURNEYS[self.identity.role]

    def refresh_csrf(self) -> None:
        page = self.client.get("/signin/code", name="GET page with CSRF token")
        match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
        self.token = match.group(1) if match else ""

    def csrf(self) -> dict[str, str]:
        return {"X-CSRFToken": self.token}

    @task
    def act(self) -> None:
        steps, weights = zip(*self.journey, strict=True)
        random.choices(steps, weights)[0](self)


# ---- Checking the database against the client's log ------------------------------------------------


def verify(env: dict[str, str]) -> tuple[int, list[str]]:
    from harm import create_app
    from harm.checkins.models import CheckIn
    from harm.extensions import db
    from harm.families.models import Family
    from harm.milestones.models import Milestone
    from harm.plans.models import PlanSection, SectionRevision

    missing = []
    app = create_app(env)
    with app.app_context():
        rows = db.session.execute(
            db.select(Family.public_id, PlanSection.key, SectionRevision.version, SectionRevision.data)
            .join(PlanSection, PlanSection.family_id == Family.id)
            .join(SectionRevision, SectionRevision.section_id == PlanSection.id)).all()
        stored = {(family, key, version): data for family, key, version, data in rows}
        for write, data in LOG.sections.items():
            if stored.get(write) != data:
                missing.append(f"section save {write}")
        ids = set(db.session.execute(db.select(Milestone.public_id)).scalars())
        missing += [f"milestone {m}" for m in LOG.milestones - ids]
        checkins = {c: words for c, words in db.session.execute(db.select(CheckIn.public_id, CheckIn.how_it_went))}
        missing += [f"check-in {c}" for c, words in LOG.checkins.items() if checkins.get(c) != words]
        db.engine.dispose()
    return len(LOG.sections) + len(LOG.milestones) + len(LOG.checkins), missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--fresh", action="store_true", help="empty the database first")
    args = parser.parse_args()
    database_url = os.environ.get("LOAD_DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        sys.exit("Set LOAD_DATABASE_URL to a PostgreSQL database the load test may empty, e.g. "
                 "postgresql+psycopg://fp:fp@127.0.0.1:5432/fp_load")
    env = server_environ(database_url, secrets.token_urlsafe(48))
    prepare_database(database_url, args.fresh or os.environ.get("LOAD_FRESH") == "1", env)
    IDENTITIES.extend(seed(env, args.users))
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        environment = Environment(user_classes=[Person], events=events, host=f"http://127.0.0.1:{port}")
        runner = environment.create_local_runner()
        runner.start(args.users, spawn_rate=args.users)
        gevent.spawn_later(args.minutes * 60, runner.quit)
        runner.greenlet.join()
        stats = environment.stats.total
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    acknowledged, missing = verify(env)
    errors = stats.num_failures
    print(f"users {args.users}, {args.minutes:g} min, gunicorn workers {args.workers}, PostgreSQL")
    print(f"requests {stats.num_requests}, errors {errors}, {stats.total_rps:.1f} req/s, "
          f"median {stats.median_response_time:.0f} ms, p95 {stats.get_response_time_percentile(0.95):.0f} ms, "
          f"max {stats.max_response_time:.0f} ms")
    for name, entry in sorted(environment.stats.entries.items()):
        print(f"  {name[1]:>5} {name[0]:<28} {entry.num_requests:>7} requests  {entry.num_failures} errors  "
              f"p95 {entry.get_response_time_percentile(0.95):.0f} ms")
    for error in environment.stats.errors.values():
        print(f"  error: {error.name} {error.error} x{error.occurrences}")
    print(f"acknowledged writes {acknowledged} ({len(LOG.sections)} section saves, {len(LOG.milestones)} milestones, "
          f"{len(LOG.checkins)} check-ins), missing from the database {len(missing)}")
    for line in missing[:20]:
        print(f"  missing: {line}")
    return 0 if errors == 0 and not missing and acknowledged > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
