"""Who may do what: every route in the URL map x every persona, as data.

Each ``Row`` is one request (endpoint, method, URL template, body) and says, for each of the six
personas, what must come back. An expectation is written ``"STATUS"`` or ``"STATUS:table+table"``:

* ``STATUS`` is the exact HTTP status code;
* the tables after the colon are the database tables the request must change (compared row by row,
  before and after). No tables means the request must change NOTHING in the database.
* ``SIGNIN`` means "302 to /signin?next=<this path>" and no change (a signed-out visitor on a page).

URL templates take these ids, filled in from the household fixture when the test runs:

* ``{family_id}``: the household (parent, caregiver, caseworker and peer are members; the outsider is not);
* ``{key}``-like literals: ``household`` is shared with peers, ``goals`` is not (``SHARED_WITH_PEERS``);
* ``{parent_member}``, ``{caregiver_member}``, ``{caseworker_member}``, ``{peer_member}``: memberships in it;
* ``{own_member}``: the persona's own membership there (the outsider's own one in the other family);
* ``{invitation_id}``: an open invitation (role peer) the parent made;
* ``{passkey_id}``: one of the parent's two passkeys;
* ``{other_family_id}``: the outsider's own family (the outsider is its parent; nobody else is a member);
* ``{enroll_family_id}``, ``{enroll_invitation_id}``: a family a caseworker started, with no parent yet,
  and its open enrollment invitation (role parent). The caseworker, caregiver and peer are members;
  the parent and the outsider are not.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PERSONAS = ("parent", "caregiver", "caseworker", "peer", "outsider", "anonymous")
MEMBERS = ("parent", "caregiver", "caseworker", "peer")
SIGNED_IN = (*MEMBERS, "outsider")
EDITORS = ("parent", "caregiver", "caseworker")

SIGNIN = "signin"
SHARED_WITH_PEERS = ["household", "supports"]

# What a signed-out visitor and an outsider get, by kind of route.
SCOPES: dict[str, dict[str, str]] = {
    "public": {},
    "account-page": {"anonymous": SIGNIN},
    "account-api": {"anonymous": "401"},
    "family-page": {"outsider": "404", "anonymous": SIGNIN},
    "family-api": {"outsider": "404", "anonymous": "401"},
}

PLAN_CHANGE = "plan_section+section_revision"
NEW_FAMILY = "family+membership+plan_section"
WRONG_CODE = "AAAAA-BBBBB"


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    url: str
    expect: dict[str, str]
    variant: str = ""
    form: dict[str, Any] | None = None
    json: Any = None

    @property
    def id(self) -> str:
        return f"{self.endpoint}[{self.method}{'|' + self.variant if self.variant else ''}]"


def row(endpoint: str, method: str, url: str, scope: str, *, variant: str = "", form: dict[str, Any] | None = None,
        json: Any = None, everyone: str | None = None, signed_in: str | None = None, members: str | None = None,
        editors: str | None = None, **personas: str) -> Row:
    """One request; the broad keywords fill personas, the persona keywords override them."""
    expect: dict[str, str] = dict(SCOPES[scope])
    for group, value in ((PERSONAS, everyone), (SIGNED_IN, signed_in), (MEMBERS, members), (EDITORS, editors)):
        if value is not None:
            expect.update(dict.fromkeys(group, value))
    expect.update(personas)
    missing = set(PERSONAS) - set(expect)
    unknown = set(expect) - set(PERSONAS)
    if missing or unknown:
        raise ValueError(f"{endpoint} {variant}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return Row(endpoint, method, url, expect, variant, form, json)


F = "/f/{family_id}"
API = "/api/v1/families/{family_id}"
HOUSEHOLD_FORM = {"version": "0", "our_words": "Kit's school is close by."}
GOALS_FORM = {"version": "0", "agency_expects": "Monthly visits."}
SECTION_JSON = {"version": 0, "data": {"our_words": "Written through the API."}}

ROWS: list[Row] = [
    # ---- Public pages and the API's public corner ------------------------------------------------
    row("content.home", "GET", "/", "public", everyone="200"),
    row("content.overdose_guide", "GET", "/help/overdose", "public", everyone="200"),
    row("content.who_can_see", "GET", "/help/who-can-see", "public", everyone="200"),
    row("static", "GET", "/static/css/app.css", "public", everyone="200"),
    row("api-docs.openapi_json", "GET", "/api/v1/openapi.json", "public", everyone="200"),
    row("accounts.signin", "GET", "/signin", "public", signed_in="302", anonymous="200"),
    row("accounts.signup", "GET", "/signup", "public", signed_in="302", anonymous="200"),
    row("accounts.signin_with_code", "GET", "/signin/code", "public", everyone="200"),
    row("accounts.signin_with_code", "POST", "/signin/code", "public", form={"code": WRONG_CODE}, everyone="422"),
    row("families.join", "GET", "/join", "public", everyone="200"),
    row("families.join", "POST", "/join", "public", form={"code": WRONG_CODE}, everyone="422"),
    row("auth.register_options", "POST", "/api/v1/auth/register/options", "public",
        json={"display_name": "Sam"}, everyone="200"),
    row("auth.register_verify", "POST", "/api/v1/auth/register/verify", "public",
        json={"credential": {"id": "nope"}}, everyone="422"),
    row("auth.signin_options", "POST", "/api/v1/auth/signin/options", "public", everyone="200"),
    row("auth.signin_verify", "POST", "/api/v1/auth/signin/verify", "public",
        json={"credential": {"id": "nope"}}, everyone="401"),
    row("auth.signin_code", "POST", "/api/v1/auth/code", "public", json={"code": WRONG_CODE}, everyone="401"),

    # ---- The signed-in account (no family in the URL) ---------------------------------------------
    row("accounts.account", "GET", "/account", "account-page", signed_in="200"),
    row("accounts.welcome", "GET", "/welcome", "account-page", signed_in="200"),
    row("accounts.rename", "POST", "/account/name", "account-page", form={"display_name": "New Name"},
        signed_in="302:account"),
    row("accounts.recovery_codes", "POST", "/account/recovery-codes", "account-page", signed_in="200:one_time_code"),
    # A passkey id belongs to one account: only its owner (the parent, who has two) can remove it.
    row("accounts.remove_passkey", "POST", "/account/passkeys/{passkey_id}/remove", "account-page",
        signed_in="302", parent="302:passkey"),
    row("accounts.signout", "POST", "/signout", "account-page", signed_in="302:account_session"),
    row("accounts.signout_everywhere", "POST", "/signout/everywhere", "account-page",
        signed_in="302:account_session"),
    row("auth.signout", "POST", "/api/v1/auth/signout", "account-api", signed_in="204:account_session"),
    row("auth.me", "GET", "/api/v1/me", "account-api", signed_in="200"),
    row("families.new_family", "GET", "/families/new", "account-page", signed_in="200"),
    row("families.new_family", "POST", "/families/new", "account-page",
        form={"name": "A new family", "my_role": "parent"}, signed_in="302:" + NEW_FAMILY),
    row("families.accept_pending", "GET", "/join/accept", "account-page", signed_in="302"),
    row("families_api.list_families", "GET", "/api/v1/families", "account-api", signed_in="200"),
    row("families_api.start_family", "POST", "/api/v1/families", "account-api",
        json={"name": "A new family"}, signed_in="201:" + NEW_FAMILY),
    row("families_api.accept_invitation", "POST", "/api/v1/invitations/accept", "account-api",
        json={"code": WRONG_CODE}, signed_in="422"),

    # ---- The plan: pages -----------------------------------------------------------------------
    row("plans.overview", "GET", F, "family-page", members="200"),
    row("plans.section", "GET", F + "/plan/household", "family-page", members="200"),
    row("plans.section", "GET", F + "/plan/goals", "family-page", variant="not shared with peers",
        members="200", peer="404"),
    row("plans.section", "GET", F + "/plan/nope", "family-page", variant="no such section", members="404"),
    row("plans.save", "POST", F + "/plan/household", "family-page", form=HOUSEHOLD_FORM,
        editors="302:" + PLAN_CHANGE, peer="403"),
    row("plans.save", "POST", F + "/plan/goals", "family-page", variant="not shared with peers", form=GOALS_FORM,
        editors="302:" + PLAN_CHANGE, peer="404"),
    row("plans.history", "GET", F + "/plan/household/history", "family-page", members="200"),
    row("plans.history", "GET", F + "/plan/goals/history", "family-page", variant="not shared with peers",
        members="200", peer="404"),

    # ---- The plan: API -------------------------------------------------------------------------
    row("plans_api.get_plan", "GET", API + "/plan", "family-api", members="200"),
    row("plans_api.get_section", "GET", API + "/plan/household", "family-api", members="200"),
    row("plans_api.get_section", "GET", API + "/plan/goals", "family-api", variant="not shared with peers",
        members="200", peer="404"),
    row("plans_api.get_section", "GET", API + "/plan/nope", "family-api", variant="no such section",
        members="404"),
    row("plans_api.save_section", "PUT", API + "/plan/household", "family-api", json=SECTION_JSON,
        editors="200:" + PLAN_CHANGE, peer="403"),
    row("plans_api.save_section", "PUT", API + "/plan/goals", "family-api", variant="not shared with peers",
        json=SECTION_JSON, editors="200:" + PLAN_CHANGE, peer="404"),
    row("plans_api.list_revisions", "GET", API + "/plan/household/revisions", "family-api", members="200"),
    row("plans_api.list_revisions", "GET", API + "/plan/goals/revisions", "family-api",
        variant="not shared with peers", members="200", peer="404"),

    # ---- Milestones: every member records them --------------------------------------------------
    row("milestones.timeline", "GET", F + "/milestones", "family-page", members="200"),
    row("milestones.record", "POST", F + "/milestones", "family-page", form={"kind": "lockbox_in_place"},
        members="302:milestone"),
    row("milestones_api.list_milestones", "GET", API + "/milestones", "family-api", members="200"),
    row("milestones_api.record_milestone", "POST", API + "/milestones", "family-api",
        json={"kind": "lockbox_in_place"}, members="201:milestone"),

    # ---- People: pages. A refused form flashes the reason and goes back to the people page (302). --
    row("families.people", "GET", F + "/people", "family-page", members="200"),
    row("families.invite", "POST", F + "/invitations", "family-page", form={"role": "peer", "label": "Pat"},
        members="302", parent="200:invitation"),
    row("families.invite", "POST", F + "/invitations", "family-page", variant="role parent, family has one",
        form={"role": "parent"}, members="302"),
    row("families.invite", "POST", "/f/{enroll_family_id}/invitations", "family-page",
        variant="role parent, family has none", form={"role": "parent"},
        members="302", caseworker="200:invitation", parent="404"),
    row("families.revoke", "POST", F + "/invitations/{invitation_id}/revoke", "family-page",
        members="302", parent="302:invitation"),
    row("families.revoke", "POST", "/f/{enroll_family_id}/invitations/{enroll_invitation_id}/revoke",
        "family-page", variant="enrollment, family has no parent",
        members="302", caseworker="302:invitation", parent="404"),
    row("families.remove", "POST", F + "/members/{caregiver_member}/remove", "family-page",
        variant="the caregiver", members="302", parent="302:membership", caregiver="302:membership"),
    row("families.remove", "POST", F + "/members/{parent_member}/remove", "family-page",
        variant="the only parent", members="302"),
    row("families.remove", "POST", F + "/members/{own_member}/remove", "family-page", variant="oneself",
        members="302:membership", parent="302"),
    row("families.peer_sections", "POST", F + "/peer-sections", "family-page",
        form={"sections": ["household", "naloxone"]}, members="302", parent="302:family"),
    row("families.signin_code", "POST", F + "/members/{parent_member}/signin-code", "family-page",
        variant="for the parent", members="302", caseworker="200:one_time_code"),
    row("families.signin_code", "POST", F + "/members/{caregiver_member}/signin-code", "family-page",
        variant="for the caregiver", members="302", caseworker="200:one_time_code"),
    row("families.signin_code", "POST", F + "/members/{peer_member}/signin-code", "family-page",
        variant="for the peer", members="302"),

    # ---- The household's ids through the outsider's own family (where the outsider is the parent) ----
    row("families.revoke", "POST", "/f/{other_family_id}/invitations/{invitation_id}/revoke", "family-page",
        variant="household invitation via another family", members="404", outsider="302"),
    row("families.remove", "POST", "/f/{other_family_id}/members/{caregiver_member}/remove", "family-page",
        variant="household member via another family", members="404", outsider="302"),
    row("families.signin_code", "POST", "/f/{other_family_id}/members/{parent_member}/signin-code",
        "family-page", variant="household member via another family", members="404", outsider="302"),
    row("families_api.revoke_invitation", "DELETE", "/api/v1/families/{other_family_id}/invitations/{invitation_id}",
        "family-api", variant="household invitation via another family", members="404", outsider="404"),
    row("families_api.remove_member", "DELETE", "/api/v1/families/{other_family_id}/members/{caregiver_member}",
        "family-api", variant="household member via another family", members="404", outsider="404"),
    row("families_api.issue_signin_code", "POST",
        "/api/v1/families/{other_family_id}/members/{parent_member}/signin-code", "family-api",
        variant="household member via another family", members="404", outsider="403"),

    # ---- People: API. A role that may not do it: 403; a rule it breaks: 422; an id not in the family: 404. --
    row("families_api.get_family", "GET", API, "family-api", members="200"),
    row("families_api.list_invitations", "GET", API + "/invitations", "family-api", members="200"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api",
        json={"role": "peer", "label": "Pat"}, members="403", parent="201:invitation"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api",
        variant="role parent, family has one", json={"role": "parent"}, members="403", parent="422"),
    row("families_api.create_invitation", "POST", "/api/v1/families/{enroll_family_id}/invitations", "family-api",
        variant="role parent, family has none", json={"role": "parent"},
        members="403", caseworker="201:invitation", parent="404"),
    row("families_api.revoke_invitation", "DELETE", API + "/invitations/{invitation_id}", "family-api",
        members="404", parent="204:invitation"),
    row("families_api.revoke_invitation", "DELETE", "/api/v1/families/{enroll_family_id}/invitations/"
        "{enroll_invitation_id}", "family-api", variant="enrollment, family has no parent",
        members="404", caseworker="204:invitation", parent="404"),
    row("families_api.remove_member", "DELETE", API + "/members/{caregiver_member}", "family-api",
        variant="the caregiver", members="403", parent="204:membership", caregiver="204:membership"),
    row("families_api.remove_member", "DELETE", API + "/members/{parent_member}", "family-api",
        variant="the only parent", members="403", parent="422"),
    row("families_api.remove_member", "DELETE", API + "/members/{own_member}", "family-api", variant="oneself",
        members="204:membership", parent="422"),
    row("families_api.set_peer_sections", "PUT", API + "/peer-sections", "family-api",
        json={"sections": ["household", "naloxone"]}, members="403", parent="200:family"),
    row("families_api.issue_signin_code", "POST", API + "/members/{parent_member}/signin-code", "family-api",
        variant="for the parent", members="403", caseworker="201:one_time_code"),
    row("families_api.issue_signin_code", "POST", API + "/members/{caregiver_member}/signin-code", "family-api",
        variant="for the caregiver", members="403", caseworker="201:one_time_code"),
    row("families_api.issue_signin_code", "POST", API + "/members/{peer_member}/signin-code", "family-api",
        variant="for the peer", members="403", caseworker="422"),
]


# Family access is checked before the JSON body: an outsider's malformed body still gets 404.
ROWS += [
    row("plans_api.save_section", "PUT", API + "/plan/household", "family-api", variant="malformed body",
        json={"data": {}}, members="422", outsider="404"),
    row("families_api.set_peer_sections", "PUT", API + "/peer-sections", "family-api", variant="malformed body",
        json={}, members="422", outsider="404"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api", variant="malformed body",
        json={"role": "boss"}, members="422", outsider="404"),
    row("milestones_api.record_milestone", "POST", API + "/milestones", "family-api", variant="malformed body",
        json={"kind": "boss"}, members="422"),
]


def parse(expect: str) -> tuple[str, frozenset[str]]:
    """``"302:a+b"`` -> ("302", {"a", "b"}); ``SIGNIN`` -> (SIGNIN, {})."""
    status, _, tables = expect.partition(":")
    return status, frozenset(t for t in tables.split("+") if t)


# issue 8: the guides library and the language switcher.
ROWS += [
    row("content.guides", "GET", "/help/", "public", everyone="200"),
    row("content.guide", "GET", "/help/naloxone", "public", everyone="200"),
    row("content.guide", "GET", "/help/no-such-guide", "public", variant="unknown guide", everyone="404"),
    row("languages.switch", "GET", "/language", "public", signed_in="302:account", anonymous="302"),
    row("languages.save_for_account", "POST", "/account/language", "account-page", form={"language": "en"},
        signed_in="302:account"),
    row("languages.save_for_account", "POST", "/account/language", "account-page", variant="unknown language",
        form={"language": "klingon"}, signed_in="422"),
]
