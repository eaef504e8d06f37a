"""`make run`'s server and gunicorn with an access log print no share-link token and no search word.

The real servers run as subprocesses (as `make run` and an operator start them); the test reads all they print.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask

from harm.accounts.service import issue_signin_code
from harm.families import roles
from harm.sharing import service as sharing
from tests.conftest import Household
from tests.security.live import REPO_ROOT, Browser, free_port, server_environ

pytestmark = pytest.mark.db

SEARCH_WORD = "Quokkasearch"


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/", timeout=1):  # noqa: S310 - our local server
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serving(command: list[str], env: dict[str, str], output: Path, port: int) -> Iterator[str]:
    """A server subprocess on a free port; everything it prints goes to one file."""
    with output.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command[2]} did not start:\n{output.read_text()}", pytrace=False)
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def share_token(household: Household) -> str:
    parent = next(m for m in household.family.memberships if m.role == roles.PARENT)
    _link, token = sharing.create_link(parent, parent.account, {"parts": ["overdose"], "lifetime": "day"})
    return token


def visit_share_link_and_search(url: str, household: Household, token: str) -> None:
    visitor = Browser(url)
    status, page = visitor.request("GET", f"/s/{token}")
    assert status == 200 and "overdose" in str(page).lower()  # the link works
    visitor.request("GET", f"/s/{token}?from=sms")
    visitor.request("GET", f"/s/{token}-not-quite")  # a mistyped link is still a secret-shaped thing
    # A malformed request line comes back in the server's error line, not its access line.
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=5) as raw:
        raw.sendall(f"GET /s/{token}?q={SEARCH_WORD} HTTP/1.1 extra\r\nHost: x\r\n\r\n".encode())
        raw.recv(1024)
    worker = Browser(url)
    worker.sign_in(issue_signin_code(household.people[roles.CASEWORKER]))
    status, page = worker.request("GET", f"/caseload?q={SEARCH_WORD}&sort=name")
    assert status == 200 and SEARCH_WORD in str(page)  # the search really ran


def assert_nothing_secret(printed: str, token: str) -> None:
    assert "GET /s/" in printed and "GET /caseload" in printed  # the access log is on
    for secret in (token, token[:12], SEARCH_WORD, "q=", "from=sms"):
        assert secret not in printed, secret


def test_flask_run_logs_neither_the_token_nor_the_search_word(app: Flask, household: Household, database_url,
                                                              tmp_path):
    """As `make run` serves: flask run, its Werkzeug access log on standard error."""
    port, output = free_port(), tmp_path / "flask-run.log"
    command = [sys.executable, "-m", "flask", "run", "--host", "127.0.0.1", "--port", str(port)]
    with serving(command, server_environ(database_url, FLASK_APP="app.py"), output, port) as url:
        token = share_token(household)
        visit_share_link_and_search(url, household, token)
        time.sleep(0.3)  # the last access line is written after the answer
    assert_nothing_secret(output.read_text(errors="replace"), token)


def test_gunicorn_with_an_access_log_logs_neither(app: Flask, household: Household, database_url, tmp_path):
    """README's command writes no access log; an operator who adds one still gets no token or word."""
    port, output = free_port(), tmp_path / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
               "--access-logfile", "-", "app:app"]
    with serving(command, server_environ(database_url), output, port) as url:
        token = share_token(household)
        visit_share_link_and_search(url, household, token)
        time.sleep(0.3)
    assert_nothing_secret(output.read_text(errors="replace"), token)
