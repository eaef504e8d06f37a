"""Permissions over the whole URL map: every route x parent, caregiver, caseworker, peer, outsider, signed out.

The expected results are data, in ``tests/permissions_table.py``. Each case sends one real HTTP request
as one persona and checks the status, the error shape, where a signed-out visitor is sent, and which
database tables changed (every row of every table is compared before and after: a refused request
must change nothing, an allowed one must change exactly the tables the table names).

Speed: building a household and signing in costs more than the request under test, so the app and the
household (from the conftest ``household`` fixture) are kept for the module and rebuilt only after a
case changed the database (or failed). Each case still gets a fresh browser.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Select, Table, select

from harm.accounts.models import Account, Passkey
from harm.extensions import db, limiter
from harm.families import roles, service
from harm.families.access import refusal_for, required_capability
from harm.families.capabilities import Capability
from harm.families.models import Family, Invitation, Membership
from harm.plans.models import PlanSection
from harm.plans.sections import SECTION_KEYS
from harm.referrals.models import Referral
from harm.reviews.models import JointReview
from tests.conftest import Household, add_member, sign_in
from tests.permissions_table import (
    FAMILY_SCOPES,
    PERSONAS,
    ROWS,
    SHARED_WITH_PEERS,
    SIGNIN,
    Row,
    derived,
    expected,
    parse,
)
from tests.reminders.fixtures import reminder_and_device_of

# Columns that change on every read (a session's last sighting), not through what a request asks for.
VOLATILE_COLUMNS = {"last_seen_at", "active_at"}
SESSION_LOCKING = {"lock.leave_now", "lock.lock_now"}
ERROR_KEYS = {"code", "status", "message", "errors"}


# ---- The app and the household, kept for the module ----------------------------------------------


def wipe() -> None:
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="module")
def shared_app(module_app: Flask) -> Iterator[Flask]:
    """One app for the module (conftest's): a new app per case would compile every template again."""
    yield module_app
    with module_app.app_context():
        wipe()


@pytest.fixture
def app(shared_app: Flask) -> Iterator[Flask]:
    """Overrides conftest's ``app`` here: the same app each time, its data kept between cases."""
    with shared_app.app_context():
        limiter.reset()
        yield shared_app
        db.session.remove()


@dataclass
class World:
    """The household's ids, signed-in browsers' cookies, and whether the database is still as built."""

    ids: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)
    own_member: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    built: bool = False
    clean: bool = False
    # The database as the last clean case left it, so the next case need not read it again.
    baseline: dict[str, list[str]] | None = None

    def ids_for(self, persona: str) -> dict[str, str]:
        return self.ids | {"own_member": self.own_member[persona]}

    def client(self, app: Flask, persona: str) -> FlaskClient:
        """A fresh browser, signed in as the persona (signing in once per build)."""
        client = app.test_client()
        if persona == "anonymous":
            return client
        cookie_name = app.config["SESSION_COOKIE_NAME"]
        if persona not in self.cookies:
            sign_in(client, db.session.get(Account, self.accounts[persona]))
            cookie = client.get_cookie(cookie_name)
            assert cookie is not None
            self.cookies[persona] = cookie.value
            self.baseline = None  # signing in wrote a session
            client = app.test_client()
        client.set_cookie(cookie_name, self.cookies[persona])
        return client


def build(household: Household) -> World:
    """The conftest household, plus what the ids in the table need."""
    family = household.family
    people = household.people
    next(m for m in family.memberships if m.role == roles.PEER).peer_parts = list(SHARED_WITH_PEERS)
    for name in ("Phone", "Laptop"):
        db.session.add(Passkey(account_id=people[roles.PARENT].id, credential_id=name.encode() * 8,
                               public_key=b"not-a-key", name=name))
    db.session.commit()
    memberships = {m.role: m for m in family.memberships}
    invitation, _ = service.invite(memberships[roles.PARENT], roles.PEER, "Pat Peer")
    # A family a caseworker started for a parent who has not joined yet.
    enrolling, _ = service.start_family(people[roles.CASEWORKER], "Enrolling household", roles.CASEWORKER)
    add_member(enrolling, people[roles.CAREGIVER], roles.CAREGIVER)
    add_member(enrolling, people[roles.PEER], roles.PEER)
    enrollment = db.session.execute(select(Invitation).where(Invitation.family_id == enrolling.id)).scalar_one()
    outsider_membership = household.other_family.memberships[0]
    review = JointReview(family_id=family.id, held_on=date.today(), children_safety="Safe at home.")
    referral = Referral(family_id=family.id, service="housing", provider_name="City Housing Help",
                        provider_phone="555-010-0100", reason="A safe place to live.", stage="proposed",
                        referred_on=date.today())
    db.session.add_all([review, referral])
    db.session.commit()
    world = World(built=True)
    world.ids = {
        "family_id": family.public_id,
        "invitation_id": invitation.public_id,
        "passkey_id": people[roles.PARENT].passkeys[0].public_id,
        "enroll_family_id": enrolling.public_id,
        "other_family_id": household.other_family.public_id,
        "enroll_invitation_id": enrollment.public_id,
        "review_id": review.public_id,
        "referral_id": referral.public_id,
    } | {f"{role}_member": m.public_id for role, m in memberships.items()}
    world.ids |= reminder_and_device_of(people[roles.PARENT])  # the parent's reminder and push device
    world.accounts = {persona: account.id for persona, account in people.items()}
    world.own_member = {role: m.public_id for role, m in memberships.items()} | {
        "outsider": outsider_membership.public_id, "anonymous": memberships[roles.PEER].public_id}
    return world


@pytest.fixture(scope="module")
def world_box() -> dict[str, World]:
    return {"world": World()}


@pytest.fixture
def world(app: Flask, request: pytest.FixtureRequest, world_box: dict[str, World]) -> Iterator[World]:
    """The household as built; rebuilt first if the last case changed anything or failed."""
    if not world_box["world"].built:
        wipe()
        world_box["world"] = build(request.getfixturevalue("household"))
        db.session.remove()
    current = world_box["world"]
    current.clean = False
    yield current
    if not current.clean:
        world_box["world"] = World()


@pytest.fixture
def fresh_world(world: World) -> Iterator[World]:
    """The household for a test that changes it: rebuilt after the test."""
    yield world
    world.clean = False


# ---- Helpers ------------------------------------------------------------------------------------


def snapshot() -> dict[str, list[str]]:
    """Every row of every table (volatile columns left out), as comparable text."""
    db.session.remove()
    with db.engine.connect() as connection:
        return {table.name: sorted(repr(tuple(r)) for r in connection.execute(statement))
                for table, statement in snapshot_statements()}


@cache
def snapshot_statements() -> list[tuple[Table, Select[Any]]]:
    return [(table, select(*(c for c in table.columns if c.name not in VOLATILE_COLUMNS)))
            for table in db.metadata.sorted_tables]


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def send(client: FlaskClient, row: Row, ids: dict[str, str]) -> Any:
    url = row.url.format(**ids)
    kwargs: dict[str, Any] = {}
    if row.form is not None:
        kwargs["data"] = row.form
    if row.json is not None:
        kwargs["json"] = row.json
    return client.open(url, method=row.method, **kwargs)


def check_status(row: Row, url: str, expected: str, response: Any, refusal: str | None = None) -> None:
    is_api = url.startswith("/api/")
    body = response.get_data().decode(errors="replace")  # a PDF is not text
    if expected == SIGNIN:
        assert response.status_code == 302, body[:300]
        location = urlsplit(response.location)
        assert location.path == "/signin", response.location
        assert parse_qs(location.query)["next"] == [url], response.location
        return
    assert response.status_code == int(expected), body[:300]
    if is_api and response.status_code >= 400:
        error = response.get_json()
        assert isinstance(error, dict) and ERROR_KEYS <= set(error), body[:300]
        assert error["code"] == response.status_code
    if refusal is not None:  # the one answer to a member without the capability, page or API
        assert (response.get_json()["message"] == refusal) if is_api else (refusal in response.text), body[:300]


def cases() -> Iterator[Any]:
    for row in ROWS:
        for persona in PERSONAS:
            yield pytest.param(row, persona, id=f"{row.id}-{persona}")


# ---- The table --------------------------------------------------------------------------------


@pytest.mark.db
@pytest.mark.parametrize(("row", "persona"), list(cases()))
def test_route_permissions(app: Flask, world: World, row: Row, persona: str) -> None:
    capability = capability_of(app, row.endpoint)
    status, tables = parse(expected(row, persona, capability))
    client = world.client(app, persona)
    ids = world.ids_for(persona)
    before = world.baseline or snapshot()
    response = send(client, row, ids)
    try:
        after = snapshot()
        changed = changed_tables(before, after)
        # Quick exit locks the session (a volatile column): the next case needs the household rebuilt.
        world.clean = not changed and row.endpoint not in SESSION_LOCKING
        world.baseline = None if changed else after
        check_status(row, row.url.format(**ids), status, response,
                     refusal=refusal_for(persona, capability) if derived(row, persona, capability) == "403" else None)
        assert changed == tables, f"changed {sorted(changed)}, expected {sorted(tables)}"
    finally:
        response.close()


def capability_of(app: Flask, endpoint: str) -> Capability | None:
    return required_capability(app.view_functions[endpoint])


def test_every_route_and_method_has_a_row_for_every_persona(shared_app: Flask) -> None:
    """A new route (or a new method on one) fails here until the table says who may use it."""
    covered = {(r.endpoint, r.method) for r in ROWS}
    routes = {(rule.endpoint, method) for rule in shared_app.url_map.iter_rules()
              for method in sorted(rule.methods or ()) if method not in ("HEAD", "OPTIONS")}
    assert sorted(routes - covered) == [], "routes without a row in tests/permissions_table.py"
    assert sorted(covered - routes) == [], "rows for routes that no longer exist"
    for r in ROWS:
        capability = capability_of(shared_app, r.endpoint)
        for persona in PERSONAS:
            expected(r, persona, capability)  # the table or the row says what each persona gets
    assert len({r.id for r in ROWS}) == len(ROWS), "two rows with the same id: give one a variant"


def test_every_family_route_declares_its_capability(shared_app: Flask) -> None:
    """A rule with a family id answers through require_member: it must declare the capability it needs."""
    family_rules = [rule for rule in shared_app.url_map.iter_rules() if "family_id" in rule.arguments]
    assert len(family_rules) > 40
    undeclared = sorted(rule.endpoint for rule in family_rules
                        if capability_of(shared_app, rule.endpoint) is None)
    assert undeclared == [], "family routes without @requires(capability)"
    family_rows = {r.endpoint for r in ROWS if r.scope in FAMILY_SCOPES}
    assert {rule.endpoint for rule in family_rules} <= family_rows, "a family route checked as another kind"


def test_rows_say_only_what_the_capability_table_cannot(shared_app: Flask) -> None:
    """A row naming a persona whose answer the table gives (404 outsider, 403 without the capability) is wrong."""
    for r in ROWS:
        capability = capability_of(shared_app, r.endpoint)
        stated = sorted(p for p in r.named if derived(r, p, capability) is not None)
        assert stated == [], f"{r.id}: the capability table already says what {stated} get"


def test_every_row_reaches_its_endpoint(shared_app: Flask) -> None:
    adapter = shared_app.url_map.bind("localhost")
    dummy = {name: "0" * 32 for name in ("family_id", "invitation_id", "passkey_id", "enroll_family_id",
                                         "other_family_id", "enroll_invitation_id", "own_member", "parent_member",
                                         "caregiver_member", "caseworker_member", "peer_member", "review_id",
                                         "reminder_id", "device_id", "referral_id")}
    for r in ROWS:
        endpoint, _ = adapter.match(r.url.format(**dummy), method=r.method)
        assert endpoint == r.endpoint, r.id


# ---- What the status codes do not show -----------------------------------------------------------


def test_an_outsider_gets_the_same_404_as_for_a_family_that_does_not_exist(app: Flask, world: World) -> None:
    outsider = world.client(app, "outsider")
    outsider.get("/help/overdose")  # shows (and so clears) the "you are signed in" message

    def without_token(text: str) -> str:
        text = re.sub(r'name="csrf(-token" content|_token" value)="[^"]*"', "", text)  # signed afresh each second
        return re.sub(r"next=[^\"]*", "", text)  # the language switcher links back to the path asked for

    for template in ("/f/{}", "/f/{}/people", "/f/{}/plan/household", "/api/v1/families/{}",
                     "/api/v1/families/{}/plan"):
        real = outsider.get(template.format(world.ids["family_id"]))
        made_up = outsider.get(template.format("f" * 32))
        assert real.status_code == made_up.status_code == 404
        assert without_token(real.text) == without_token(made_up.text)
    world.clean = True


def test_a_peer_reads_only_the_shared_sections(app: Flask, fresh_world: World) -> None:
    family_id = fresh_world.ids["family_id"]
    parent = fresh_world.client(app, "parent")
    for key, words in (("household", "Shared words"), ("goals", "Private goal words")):
        saved = parent.put(f"/api/v1/families/{family_id}/plan/{key}",
                           json={"version": 0, "data": {"our_words": words}})
        assert saved.status_code == 200, saved.text
    peer = fresh_world.client(app, "peer")
    plan = peer.get(f"/api/v1/families/{family_id}/plan").get_json()
    assert [s["key"] for s in plan["sections"]] == [key for key in SHARED_WITH_PEERS if key in SECTION_KEYS]
    assert "Private goal words" not in peer.get(f"/api/v1/families/{family_id}/plan").text
    overview = peer.get(f"/f/{family_id}").text
    assert "Shared words" in overview and "Private goal words" not in overview
    assert "Private goal words" in parent.get(f"/f/{family_id}").text


def test_only_those_who_may_invite_see_open_invitations(app: Flask, world: World) -> None:
    url = f"/api/v1/families/{world.ids['family_id']}/invitations"
    assert [i["id"] for i in world.client(app, "parent").get(url).get_json()] == [world.ids["invitation_id"]]
    for persona in ("caregiver", "caseworker", "peer"):
        assert world.client(app, persona).get(url).get_json() == [], persona
        page = world.client(app, persona).get(f"/f/{world.ids['family_id']}/people").text
        assert world.ids["invitation_id"] not in page, persona
    world.clean = True


def test_a_refused_peer_save_leaves_the_section_as_it_was(app: Flask, world: World) -> None:
    family_id = world.ids["family_id"]
    peer = world.client(app, "peer")
    assert peer.post(f"/f/{family_id}/plan/household", data={"version": "0", "our_words": "x"}).status_code == 403
    assert peer.put(f"/api/v1/families/{family_id}/plan/household",
                    json={"version": 0, "data": {"our_words": "x"}}).status_code == 403
    family = db.session.execute(select(Family).where(Family.public_id == family_id)).scalar_one()
    section = db.session.execute(select(PlanSection).where(
        PlanSection.family_id == family.id, PlanSection.key == "household")).scalar_one()
    assert section.version == 0 and section.data.get("our_words") == ""
    world.clean = True


def test_once_a_parent_joins_the_caseworker_can_no_longer_invite_one(app: Flask, fresh_world: World) -> None:
    enroll_id = fresh_world.ids["enroll_family_id"]
    family = db.session.execute(select(Family).where(Family.public_id == enroll_id)).scalar_one()
    db.session.add(Membership(family_id=family.id, account_id=fresh_world.accounts["outsider"], role=roles.PARENT))
    db.session.commit()
    caseworker = fresh_world.client(app, "caseworker")
    refused = caseworker.post(f"/api/v1/families/{enroll_id}/invitations", json={"role": "parent"})
    assert refused.status_code == 403
