"""Start the app under gunicorn for a benchmark, prepare a signed-in browser, and stop it again."""
from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BENCH_FAMILIES = 32  # one per connection for the section-save run, so saves never race each other


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(database_url: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        FAMILY_PLAN_ENV="testing",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(48)),
        DATABASE_URL=database_url,
        WEBAUTHN_RP_ID="localhost",
        WEBAUTHN_ORIGIN=f"http://localhost:{port}",
        FLASK_APP="app.py",
        LOG_LEVEL="WARNING",
    )
    return env


def flask(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, "-m", "flask", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True, timeout=3600)
    return result.stdout


def prepare_database(env: dict[str, str], families: int) -> None:
    """Migrate, seed up to `families` invented families, and make the bench parent's own families."""
    flask(env, "db", "upgrade")
    flask(env, "demo", "seed", "--families", str(families))
    subprocess.run([PYTHON, "-c", BENCH_PARENT_SCRIPT, str(BENCH_FAMILIES)], cwd=ROOT, env=env, check=True,
                   timeout=600, stdout=subprocess.DEVNULL)
    subprocess.run([PYTHON, "-c", BENCH_CASEWORKER_SCRIPT, str(BENCH_CASELOAD)], cwd=ROOT, env=env, check=True,
                   timeout=600, stdout=subprocess.DEVNULL)


# Run inside the app: a parent with BENCH_FAMILIES families of their own, a plan in each; print a sign-in code.
BENCH_PARENT_SCRIPT = """
import sys
from sqlalchemy import select
from app import app
from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.seed import _filled_data
from harm.plans.service import save_section, load_section
with app.app_context():
    parent = db.session.execute(select(Account).where(Account.display_name == "Bench parent")).scalar_one_or_none()
    if parent is None:
        parent = Account(display_name="Bench parent")
        db.session.add(parent)
        db.session.commit()
        for n in range(int(sys.argv[1])):
            family, _ = start_family(parent, f"Bench family {n}", roles.PARENT)
            me = family.memberships[0]
            for key in ("household", "naloxone", "supports"):
                save_section(me, key, _filled_data(key, n), 0)
    print(issue_signin_code(parent))
"""


# Run inside the app: a caseworker on BENCH_CASELOAD seeded families (a check-in each); print a sign-in code.
BENCH_CASEWORKER_SCRIPT = """
import sys
from datetime import date, timedelta
from sqlalchemy import insert, select
from app import app
from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.seed import SEED_PREFIX
with app.app_context():
    worker = db.session.execute(select(Account).where(Account.display_name == "Bench caseworker")).scalar_one_or_none()
    if worker is None:
        worker = Account(display_name="Bench caseworker")
        db.session.add(worker)
        db.session.flush()
        families = db.session.execute(select(Family.id).where(Family.name.startswith(SEED_PREFIX))
                                      .order_by(Family.id).limit(int(sys.argv[1]))).scalars().all()
        db.session.execute(insert(Membership), [{"family_id": f, "account_id": worker.id, "role": roles.CASEWORKER}
                                                for f in families])
        today = date.today()
        db.session.execute(insert(CheckIn), [
            {"family_id": f, "happened_on": today - timedelta(days=n % 20), "recorded_by_id": worker.id,
             "how_it_went": "We went over the plan.", "needs": "", "next_on": today + timedelta(days=n % 9 - 3)}
            for n, f in enumerate(families)])
        db.session.commit()
    print(issue_signin_code(worker))
"""
BENCH_CASELOAD = 25  # families on the bench caseworker's caseload


@dataclass
class Server:
    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False)
        return [int(pid) for pid in out.stdout.split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return sizes


@contextmanager
def gunicorn(database_url: str, workers: int = 2) -> Iterator[Server]:
    port = free_port()
    env = app_env(database_url, port)
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--log-level", "warning", "benchmarks.bench_app:app"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    server = Server(f"http://localhost:{port}", env, process)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(server.url + "/bench/hello", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@dataclass
class SignedIn:
    cookie: str  # "fp_session=..."
    csrf_token: str
    family_ids: list[str]


def sign_in(server: Server, caseworker: bool = False) -> SignedIn:
    """Sign in as the bench parent (or caseworker) with a one-time code, as a person would; find their families."""
    script, count = (BENCH_CASEWORKER_SCRIPT, BENCH_CASELOAD) if caseworker else (BENCH_PARENT_SCRIPT, BENCH_FAMILIES)
    code = subprocess.run([PYTHON, "-c", script, str(count)], cwd=ROOT, env=server.env,
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server.url + "/signin/code").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "no CSRF token on the sign-in page"
    body = urllib.parse.urlencode({"code": code, "csrf_token": token.group(1)}).encode()
    opener.open(server.url + "/signin/code", data=body).read()
    home = opener.open(server.url + "/").read().decode()  # also puts the CSRF secret in the session
    cookie = next(c for c in jar if c.name == "fp_session")
    family_ids = list(dict.fromkeys(re.findall(r"/f/([0-9a-f]{32})", home)))
    meta = re.search(r'name="csrf-token" content="([^"]+)"', home)
    assert meta and family_ids, "signed-in home page shows no family"
    return SignedIn(f"fp_session={cookie.value}", meta.group(1), family_ids)


if __name__ == "__main__":
    sys.exit("import this module; run throughput.py, page_weight.py or run_all.py")
