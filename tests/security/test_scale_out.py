"""Two app servers on one PostgreSQL and one Redis: a session and a rate limit are shared, reminders sent once.

Runs in the PostgreSQL pass of `make test`. Without PostgreSQL or redis-server it is skipped, unless
REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1 (CI), which turn the skip into a failure.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest

from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.reminders import service as reminder_service
from harm.reminders.keys import new_private_key
from harm.reminders.models import Reminder
from tests.reminders.push_service import PushService
from tests.security.live import REPO_ROOT, Browser, Server, free_port, required, server_environ


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, no disk, gone after the test."""
    binary = shutil.which("redis-server")
    if binary is None:
        required("redis-server is not installed (Debian package redis-server)", "REQUIRE_REDIS")
    port = free_port()
    process = subprocess.Popen(
        [str(binary), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("redis-server did not start", pytrace=False)
                time.sleep(0.05)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        # The Makefile's PostgreSQL pass runs it (and REQUIRE_POSTGRES=1 makes that pass compulsory).
        pytest.skip("the scale-out test runs in the PostgreSQL pass (TEST_DATABASE_URL)")
    return database_url


def test_two_servers_share_sessions_and_rate_limits(app, household, postgres_url, redis_url, tmp_path):
    code = issue_signin_code(household.people["parent"])
    family = household.id
    db.session.remove()
    env = server_environ(postgres_url, RATELIMIT_STORAGE_URI=redis_url)
    first = Server(env, log=tmp_path / "first.log", workers=1).start()
    second = Server(env, log=tmp_path / "second.log", workers=1).start()
    try:
        browser = Browser(first.url)
        browser.sign_in(code)
        status, saved = browser.request("PUT", f"/api/v1/families/{family}/plan/goals",
                                        {"version": 0, "data": {"goals": [{"goal": "Saved on the first"}]}})
        assert status == 200, saved

        browser.move_to(second.url)  # the load balancer sends the next request elsewhere
        status, section = browser.request("GET", f"/api/v1/families/{family}/plan/goals")
        assert status == 200 and section["data"]["goals"][0]["goal"] == "Saved on the first"
        status, _ = browser.request("PUT", f"/api/v1/families/{family}/plan/goals",
                                    {"version": section["version"], "data": {"goals": [{"goal": "And the second"}]}})
        assert status == 200

        # Failed sign-in tries from one address, spread over both servers: 10 a minute in all (the
        # parent's good sign-in above does not count), so the 11th wrong code (alternating servers) is refused.
        guesser = Browser(first.url)
        guesser.fetch_csrf()
        answers = []
        for attempt in range(11):
            guesser.move_to(first.url if attempt % 2 else second.url)
            answers.append(guesser.request("POST", "/api/v1/auth/code", {"code": "WRONG-CODE0"})[0])
        assert answers == [401] * 10 + [429], answers

        # Signing out on one server ends the session on both.
        browser.move_to(first.url)
        assert browser.request("POST", "/api/v1/auth/signout")[0] == 204
        browser.move_to(second.url)
        assert browser.request("GET", "/api/v1/me")[0] == 401
    finally:
        first.stop()
        second.stop()


def test_two_machines_timers_send_each_due_reminder_once(app, household, postgres_url, tmp_path):
    """`flask reminders send-due` from two processes at once (each machine's timer) on the shared PostgreSQL."""
    accounts = [household.people[roles.PARENT], household.people[roles.CAREGIVER]]
    with PushService() as push:
        wanted = set()
        for number, account in enumerate(accounts):
            data = push.device(f"phone-{number}").subscription(push.url) | {"device": "Phone"}
            reminder_service.subscribe(account, data)
            wanted |= {_due_reminder(account).public_id for _ in range(15)}
        db.session.remove()
        env = server_environ(postgres_url, FLASK_APP="app.py", VAPID_PRIVATE_KEY=new_private_key())
        command = [sys.executable, "-m", "flask", "reminders", "send-due"]
        senders = [subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                   for _ in range(2)]
        outputs = [sender.communicate(timeout=120)[0].decode(errors="replace") for sender in senders]
        assert [sender.returncode for sender in senders] == [0, 0], outputs
        sent = [int(re.search(r"sent (\d+),", output).group(1)) for output in outputs]  # type: ignore[union-attr]
        assert sum(sent) == len(wanted), outputs
        tags = sorted(received.message["tag"] for received in push.received)
        assert tags == sorted(wanted)  # every due reminder, each exactly once

        # The next minute's timers find nothing left to send.
        again = [subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
                 for _ in range(2)]
        assert all("sent 0," in run.stdout for run in again), [run.stdout + run.stderr for run in again]
        assert len(push.received) == len(wanted)


def _due_reminder(account: Account) -> Reminder:
    reminder = Reminder(account_id=account.id, kind="own", title="Pick up Kit at noon", on_date=date.today(),
                        at_time=clock_time(9, 0), repeat="none", timezone="UTC", show_details=False, paused=False,
                        attempts=0, next_due_at=utcnow() - timedelta(minutes=1))
    db.session.add(reminder)
    db.session.commit()
    return reminder
