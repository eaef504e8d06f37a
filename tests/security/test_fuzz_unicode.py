"""Arbitrary unicode at every write, as a signed-in parent: no 5xx; a surrogate or NUL gives 422 and changes nothing.

Every JSON write of the OpenAPI document and every form post of the URL map gets generated text (surrogates,
NUL, controls, right-to-left marks, emoji, very long) in its fields and field names. `make test` runs a small
budget with the same examples each run; FUZZ_EXAMPLES (as in `make fuzz`) raises it and explores anew.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from harm.extensions import db, limiter
from harm.families.models import Membership
from harm.plans.sections import SECTION_KEYS
from harm.reviews.models import JointReview
from tests.conftest import Household, sign_in
from tests.reviews.helpers import add_review

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
BOUNDED = "FUZZ_EXAMPLES" not in os.environ
TEMPLATES = Path(__file__).resolve().parents[2] / "harm" / "templates"
FORM_NAMES = sorted(set(re.findall(r'name="([a-z_]+)"', " ".join(
    p.read_text() for p in TEMPLATES.rglob("*.html")))) - {"csrf_token"})
WRITES = ("post", "put", "patch", "delete")
# Sessions and the lock's activity time move on every request; nothing else may.
MOVING = {"account_session"}

SPECIAL = ["\ud800", "\udfff", "a\x00b", "\u202eevil\u202c", "\u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
           "\U0001f600\u200d\U0001f466", "\t\r\n\x0b\x1f\x7f\x85", "\ufeff", "\x00" * 3, "x" * 20_000]
ANY_CHARACTER = st.one_of(st.integers(0xD800, 0xDFFF).map(chr), st.characters(exclude_categories=()))
TEXT = st.one_of(st.text(alphabet=ANY_CHARACTER, max_size=60), st.sampled_from(SPECIAL),
                 st.text(alphabet=ANY_CHARACTER, min_size=1, max_size=4).map(lambda t: t * 3000))
UNSAVABLE = re.compile("[\x00\ud800-\udfff]")


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def api_writes(client: Any) -> list[tuple[str, str, dict[str, Any]]]:
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in WRITES:
                body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
                ref = body.get("schema", {}).get("$ref", "")
                found.append((method, path, schemas.get(ref.rsplit("/", 1)[-1], {})))
    return found


def form_posts(app: Flask) -> list[str]:
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "POST" in (rule.methods or ()) and not rule.rule.startswith("/api/"))


def real_path(path: str, household: Household) -> str:
    member = db.session.execute(db.select(Membership.public_id).where(Membership.family_id == household.family.id))
    review = db.session.execute(db.select(JointReview.public_id).where(JointReview.family_id == household.family.id))
    values = {"family_id": household.id, "key": SECTION_KEYS[0], "member_id": member.scalars().first() or "0" * 32,
              "review_id": review.scalars().first() or "0" * 32}
    return re.sub(r"[{<](?:\w+:)?(\w+)[}>]", lambda m: values.get(m.group(1), "0" * 32), path)


def body_for(schema: dict[str, Any], words: str) -> dict[str, Any]:
    """Every field of the schema carries the words (in a list or as an object's key and value where it must)."""
    body: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        kind = spec.get("type")
        kind = kind[0] if isinstance(kind, list) else kind
        body[name] = {"array": [words], "object": {words: [words, {words: words}]}, "integer": 0,
                      "boolean": False}.get(kind or "string", words)
    body.setdefault(words[:200], words)
    return body


def snapshot() -> dict[str, list[Any]]:
    return {table.name: [tuple(row) for row in db.session.execute(text(f"SELECT * FROM {table.name} ORDER BY 1"))]  # noqa: S608
            for table in db.metadata.sorted_tables if table.name not in MOVING}


def check(answer: Any, refused: bool, before: dict[str, list[Any]], where: str) -> None:
    assert answer.status_code < 500, (where, answer.status_code, answer.text[:300])
    if refused:  # a body too big to read at all is refused before its text is looked at (413)
        assert answer.status_code in (413, 422), (where, answer.status_code, answer.text[:300])
        db.session.rollback()
        assert snapshot() == before, where


@pytest.fixture
def parent(app: Flask, household: Household) -> Any:
    add_review(household)
    return sign_in(app.test_client(), household.people["parent"])


def stay_signed_in(parent: Any, household: Household) -> None:
    db.session.rollback()
    if parent.get("/api/v1/me").status_code == 401:  # the example signed the parent out
        sign_in(parent, household.people["parent"])


@settings(max_examples=EXAMPLES * 4, deadline=None, database=None, derandomize=BOUNDED,
          suppress_health_check=list(HealthCheck))
@given(data=st.data(), words=TEXT)
def test_every_json_write_survives_any_unicode(app, parent, household: Household, data: Any, words: str) -> None:
    limiter.reset()
    method, path, schema = data.draw(st.sampled_from(api_writes(parent)), label="operation")
    url = real_path(path, household)
    refused = UNSAVABLE.search(words) is not None
    before = snapshot() if refused else {}
    answer = parent.open(url, method=method.upper(), json=body_for(schema, words))
    check(answer, refused, before, f"{method} {path}")
    stay_signed_in(parent, household)


@settings(max_examples=EXAMPLES * 4, deadline=None, database=None, derandomize=BOUNDED,
          suppress_health_check=list(HealthCheck))
@given(data=st.data(), words=TEXT)
def test_every_form_post_survives_any_unicode(app, parent, household: Household, data: Any, words: str) -> None:
    limiter.reset()
    path = data.draw(st.sampled_from(form_posts(app)), label="form")
    names = data.draw(st.lists(st.sampled_from(FORM_NAMES), min_size=1, max_size=6, unique=True), label="fields")
    fields = [(name, words) for name in names] + [(words[:200], "x")]
    # Encoded as UTF-8, a lone surrogate becomes bytes the server reads as U+FFFD: only a NUL must be refused.
    body = urlencode(fields, encoding="utf-8", errors="surrogatepass")
    refused = "\x00" in words
    before = snapshot() if refused else {}
    answer = parent.post(real_path(path, household), data=body, content_type="application/x-www-form-urlencoded")
    check(answer, refused, before, f"POST {path}")
    stay_signed_in(parent, household)
