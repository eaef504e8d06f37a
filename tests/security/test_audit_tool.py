"""`make audit`'s reader of PyPI's advisories, against a stand-in PyPI on 127.0.0.1 (no network)."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tools import pypi_audit

VULNERABILITY = {"id": "PYSEC-2099-1", "fixed_in": ["2.0.1"], "withdrawn": None}
PAGES: dict[str, dict[str, Any]] = {
    # Only /NAME/json answers, as on our machines: the newest release and its advisories.
    "/safe/json": {"info": {"version": "1.0"}, "vulnerabilities": []},
    "/holey/json": {"info": {"version": "2.0"}, "vulnerabilities": [VULNERABILITY]},
    "/oldish/json": {"info": {"version": "9.0"}, "vulnerabilities": []},
    # Where PyPI has the page of one version, that page is used.
    "/pinned/1.5/json": {"info": {"version": "1.5"}, "vulnerabilities": [VULNERABILITY | {"withdrawn": "2099"}]},
}


@pytest.fixture
def pypi() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            page = PAGES.get(self.path)
            body = json.dumps(page).encode() if page else b""
            self.send_response(200 if page else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_clean_packages_pass(pypi, capsys):
    findings = [pypi_audit.check(pypi, "safe", "1.0"), pypi_audit.check(pypi, "pinned", "1.5")]
    assert [f.checked for f in findings] == ["newest release", "own version"]
    assert pypi_audit.report(findings, set()) == 0  # the withdrawn advisory does not count
    assert "0 known vulnerabilities" in capsys.readouterr().out


def test_a_known_vulnerability_fails_the_audit(pypi, capsys):
    assert pypi_audit.report([pypi_audit.check(pypi, "holey", "2.0")], set()) == 1
    assert "VULNERABLE holey 2.0: PYSEC-2099-1 (fixed in 2.0.1)" in capsys.readouterr().out


def test_a_package_that_cannot_be_checked_fails_unless_accepted(pypi, capsys):
    findings = [pypi_audit.check(pypi, "oldish", "8.0"), pypi_audit.check(pypi, "unknown", "1.0")]
    assert pypi_audit.report(findings, set()) == 1
    out = capsys.readouterr().out
    assert "UNCHECKED  oldish 8.0" in out and "PyPI's newest is 9.0" in out and "PyPI did not answer" in out
    assert pypi_audit.report(findings, {"oldish==8.0", "unknown==1.0"}) == 0
