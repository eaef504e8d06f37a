"""One family of domain errors: raised by services, made the error page or the API's one JSON shape by one handler."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from harm import errors
from harm.security import public
from tests.conftest import make_account, sign_in

HARM = Path(__file__).resolve().parent.parent / "harm"

RAISED = {
    "not-found": (errors.NotFound(), 404, "We could not find that page.", {}),
    "not-allowed": (errors.NotAllowed("Only the parent can do that."), 403, "Only the parent can do that.", {}),
    "invalid": (errors.Invalid(messages={"name": ["Please write a name."]}), 422, "Some answers need a fix.",
                {"json": {"name": ["Please write a name."]}}),
    "invalid-one-message": (errors.Invalid("That code has expired."), 422, "That code has expired.", {}),
    "conflict": (errors.Conflict(current={"version": 3}), 409, "Someone else changed this at the same time.", {}),
}


@pytest.fixture
def raising_app(app):
    """The app with a page and an API route that raise each domain error, as a service would."""

    @public
    def raise_it(kind: str):  # type: ignore[no-untyped-def]
        raise RAISED[kind][0]

    app.add_url_rule("/test-raise/<kind>", view_func=raise_it)
    app.add_url_rule("/api/v1/test-raise/<kind>", endpoint="api_raise", view_func=raise_it)
    return app


@pytest.mark.parametrize("kind", sorted(RAISED))
def test_a_domain_error_becomes_the_error_page_and_the_one_json_shape(raising_app, kind):
    _error, status, message, field_errors = RAISED[kind]
    client = raising_app.test_client()
    page = client.get(f"/test-raise/{kind}")
    assert page.status_code == status and page.mimetype == "text/html"
    assert "<h1>Sorry</h1>" in page.text and message in page.text
    api = client.get(f"/api/v1/test-raise/{kind}")
    assert api.status_code == status
    body = api.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert (body["code"], body["message"], body["errors"]) == (status, message, field_errors)


def test_a_service_not_found_answers_404_through_the_page_and_the_api(client):
    """A reminder that is not this account's: the reminders service raises NotFound, no view catches it."""
    sign_in(client, make_account())
    page = client.post("/reminders/no-such-reminder/delete")
    assert page.status_code == 404 and "We could not find that page." in page.text
    api = client.delete("/api/v1/reminders/no-such-reminder")
    assert api.status_code == 404
    assert api.get_json() == {"code": 404, "status": "Not Found", "message": "We could not find that page.",
                              "errors": {}}


def test_a_service_invalid_answers_the_one_json_shape(client, household):
    """A milestone dated in the future: the service raises Invalid; the API has no except clause for it."""
    sign_in(client, household.people["parent"])
    answer = client.post(f"/api/v1/families/{household.id}/milestones",
                         json={"kind": "own", "title": "A good week", "happened_on": "2999-01-01"})
    assert answer.status_code == 422
    assert answer.get_json() == {"code": 422, "status": "Unprocessable Entity", "message": "Some answers need a fix.",
                                 "errors": {"json": {"happened_on": ["The date cannot be in the future."]}}}


def test_services_never_call_abort():
    calling = [f"{path.relative_to(HARM.parent)}:{number}"
               for path in sorted(HARM.glob("*/service.py"))
               for number, line in enumerate(path.read_text().splitlines(), 1) if re.search(r"\babort\(", line)]
    assert calling == []


def test_every_request_error_is_one_of_the_family():
    """No feature keeps its own Invalid* or NotFound class: each exception class in harm/ is a DomainError,
    but for the few that never reach a request (start-up settings, a backup, a date parser, a push host check) and
    a programming error raised only under TESTING (a GET that writes on SQLite without saying so)."""
    outside = {"ConfigError", "BackupError", "DayOutOfRange", "NotPublicHost", "WriteWhileReading"}
    stray = []
    for path in sorted(HARM.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(base, ast.Name) and base.id in ("Exception", "RuntimeError", "ValueError")
                    for base in node.bases):
                if path.name != "errors.py" and node.name not in outside:
                    stray.append(f"{path.relative_to(HARM.parent)}:{node.name}")
    assert stray == []
