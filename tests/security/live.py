"""The app under gunicorn as a subprocess, and a small HTTP client that signs in like the page's script."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def required(what: str, flag: str) -> None:
    """Skip without a service, or fail when CI insists on it (REQUIRE_*=1)."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {what}", pytrace=False)
    pytest.skip(what)


@dataclass
class Server:
    """gunicorn serving app:app in its own process group, so SIGKILL reaches master and workers."""

    env: dict[str, str]
    log: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
                   "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "1", "app:app"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"gunicorn did not start:\n{self.tail()}", pytrace=False)
            time.sleep(0.1)
        return self

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/", timeout=1) as answer:  # noqa: S310 - our local server
                return bool(answer.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def kill(self) -> None:
        """SIGKILL, as a power cut or the kernel's out-of-memory killer would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""


def server_environ(database_url: str, **extra: str) -> dict[str, str]:
    """The test app's settings (the same secret, so codes made in the test work on the server)."""
    from tests.conftest import app_environ

    env = dict(os.environ)
    env.update(app_environ(database_url), PYTHONUNBUFFERED="1", **extra)
    return env


class Browser:
    """Cookies and the CSRF token, as a browser with the page's script keeps them."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.csrf = ""

    def request(self, method: str, path: str, body: Any = None, timeout: float = 10) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)  # noqa: S310
        request.add_header("Content-Type", "application/json")
        if self.csrf:
            request.add_header("X-CSRFToken", self.csrf)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                raw = answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        text = raw.decode(errors="replace")
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def fetch_csrf(self) -> None:
        status, page = self.request("GET", "/signin/code")
        match = re.search(r'<meta name="csrf-token" content="([^"]+)"', str(page))
        assert status == 200 and match, "no CSRF token on the sign-in page"
        self.csrf = match.group(1)

    def sign_in(self, code: str) -> None:
        self.fetch_csrf()
        status, answer = self.request("POST", "/api/v1/auth/code", {"code": code})
        assert status == 200, answer
        self.fetch_csrf()  # the session was renewed at sign-in

    def move_to(self, base_url: str) -> None:
        """The same browser, sent to another server by the load balancer (cookies are per host, not port)."""
        self.base_url = base_url
