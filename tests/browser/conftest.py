"""Real-browser fixtures: the app as a subprocess, one headless Chromium, a context per person.

Missing Chromium, Playwright or axe-core skips these tests, unless REQUIRE_BROWSER=1 (CI),
which turns the skip into a failure.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# axe-core is served from the app's own origin (intercepted, never reaching the server), so the
# app's Content-Security-Policy (script-src 'self') stays switched on while axe runs.
AXE_URL_PATH = "/__browser-tests__/axe.min.js"
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
]
SERVER_START_SECONDS = 30


def unavailable(reason: str) -> None:
    """Skip, or fail when the run insists on a real browser."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


# ---------------------------------------------------------------- the app under test


@dataclass
class LiveServer:
    url: str
    log: Path
    process: subprocess.Popen[bytes]
    environ: dict[str, str]  # the app's settings, for a test that builds data through the app's own services

    def tail(self) -> str:
        return log_tail(self.log)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - our own local server
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app, run by `flask run` in a subprocess, on a fresh SQLite database."""
    workdir = tmp_path_factory.mktemp("live-app")
    log = workdir / "server.log"
    port = _free_port()
    env = dict(os.environ)
    env.update(
        FAMILY_PLAN_ENV="testing",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=f"sqlite:///{workdir / 'app.sqlite'}",
        WEBAUTHN_RP_ID="localhost",
        WEBAUTHN_ORIGIN=f"http://localhost:{port}",
        FLASK_APP="app.py",
        FLASK_DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    flask = [sys.executable, "-m", "flask"]
    with log.open("ab") as out:
        migrated = subprocess.run(
            [*flask, "db", "upgrade"], cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            timeout=120, check=False,
        )
    if migrated.returncode != 0:
        pytest.fail(f"`flask db upgrade` failed:\n{log_tail(log)}", pytrace=False)

    with log.open("ab") as out:
        process = subprocess.Popen(
            [*flask, "run", "--port", str(port), "--host", "127.0.0.1"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    server = LiveServer(url=f"http://localhost:{port}", log=log, process=process, environ=env)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _answers(f"http://127.0.0.1:{port}/"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start on port {port}:\n{server.tail()}", pytrace=False)
            time.sleep(0.1)
        yield server
    finally:
        _stop(process)


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE_PATH.is_file():
        unavailable(f"axe-core is missing at {AXE_PATH} (run `npm ci`)")
    return AXE_PATH


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).is_file():
        unavailable(f"no Chromium at {executable} (set CHROMIUM_PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    playwright = sync_playwright().start()
    try:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser here
            unavailable(f"Playwright cannot launch {executable}: {error}")
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@dataclass
class Person:
    """One person on their own phone: a browser context, a page, and a passkey authenticator."""

    name: str
    context: Any
    page: Any
    cdp: Any
    authenticator_id: str
    base_url: str
    problems: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        return self.page.goto(self.base_url + path)

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def set_user_verified(self, verified: bool) -> None:
        self.cdp.send("WebAuthn.setUserVerified",
                      {"authenticatorId": self.authenticator_id, "isUserVerified": verified})

    def clear_passkeys(self) -> None:
        self.cdp.send("WebAuthn.clearCredentials", {"authenticatorId": self.authenticator_id})

    def passkeys(self) -> list[dict[str, Any]]:
        answer = self.cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id})
        return list(answer["credentials"])


@pytest.fixture
def person(chromium: Any, live_server: LiveServer, axe_path: Path) -> Iterator[Callable[[str], Person]]:
    """Make people, each with their own cookies and their own virtual passkey authenticator."""
    made: list[Person] = []
    axe_source = axe_path.read_bytes()

    def make(name: str, **context_options: Any) -> Person:  # e.g. timezone_id="America/Los_Angeles"
        context = chromium.new_context(viewport=PHONE, base_url=live_server.url, **context_options)
        context.set_default_timeout(10_000)
        context.route(
            f"{live_server.url}{AXE_URL_PATH}",
            lambda route: route.fulfill(status=200, body=axe_source, content_type="text/javascript"),
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
            "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
            "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
        }})
        someone = Person(name=name, context=context, page=page, cdp=cdp,
                         authenticator_id=added["authenticatorId"], base_url=live_server.url)
        # Script errors and Content-Security-Policy refusals are bugs even when the page looks fine.
        page.on("pageerror", lambda error: someone.problems.append(f"{name}: script error: {error}"))
        page.on("console", lambda message: someone.problems.append(f"{name}: console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text else None)
        made.append(someone)
        return someone

    yield make
    for someone in made:
        someone.context.close()
    problems = [problem for someone in made for problem in someone.problems]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# ---------------------------------------------------------------- the server log on failure


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _server_log_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and "live_server" in request.fixturenames:
        server = request.getfixturevalue("live_server")
        print(f"\n--- last lines of the app's log ({server.log}) ---\n{server.tail()}")
