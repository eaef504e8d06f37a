"""Who may do what: every route in the URL map x every persona, as data.

Each ``Row`` is one request (endpoint, method, URL template, body) and says what must come back.
On a family route (one with a family id) most answers come from the capability table
(``harm/families/capabilities.py``) and the route's declared capability, not from the row:

* a persona who is not a member of the family in the URL gets 404;
* a member whose role lacks the route's capability (in this family, with what it shares with peers)
  gets 403 and nothing changes;
* the row says only what the members who have the capability get, and what a signed-out visitor gets.

Group keywords (``members=``, ``editors=``) speak for the members of that group who have the capability;
a persona keyword must not name a persona whose answer the table gives (a test checks).
An expectation is written ``"STATUS"`` or ``"STATUS:table+table"``:

* ``STATUS`` is the exact HTTP status code;
* the tables after the colon are the database tables the request must change (compared row by row,
  before and after). No tables means the request must change NOTHING in the database.
* ``SIGNIN`` means "302 to /signin?next=<this path>" and no change (a signed-out visitor on a page).

URL templates take these ids, filled in from the household fixture when the test runs:

* ``{family_id}``: the household (parent, caregiver, caseworker and peer are members; the outsider is not);
* ``{key}``-like literals: ``household`` is shared with its peer, ``goals`` is not (``SHARED_WITH_PEERS``);
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

from harm.families import roles
from harm.families.capabilities import Capability, role_may
from tests.reminders.fixtures import OWN_REMINDER_JSON, SUBSCRIPTION_JSON

PERSONAS = ("parent", "caregiver", "caseworker", "peer", "outsider", "anonymous")
MEMBERS = ("parent", "caregiver", "caseworker", "peer")
SIGNED_IN = (*MEMBERS, "outsider")
EDITORS = ("parent", "caregiver", "caseworker")

SIGNIN = "signin"
# What the household's parent shares with its peer: two sections and the check-ins (not reviews or outcomes).
SHARED_WITH_PEERS = ["household", "supports", "checkins"]
FAMILY_SCOPES = ("family-page", "family-api")

# What a signed-out visitor and an outsider get, by kind of route.
SCOPES: dict[str, dict[str, str]] = {
    "public": {},
    "account-page": {"anonymous": SIGNIN},
    "account-api": {"anonymous": "401"},
    "family-page": {"anonymous": SIGNIN},
    "family-api": {"anonymous": "401"},
}

# Who is a member, with which role, of each family a URL can name, and what its peer sees there.
FAMILY_MEMBERS: dict[str, dict[str, str]] = {
    "{family_id}": {role: role for role in roles.ROLES},
    "{enroll_family_id}": {role: role for role in (roles.CAREGIVER, roles.CASEWORKER, roles.PEER)},
    "{other_family_id}": {"outsider": roles.PARENT},
}
FAMILY_SHARES: dict[str, list[str]] = {
    "{family_id}": SHARED_WITH_PEERS,
    "{enroll_family_id}": [],  # a peer sees nothing until the parent picks
    "{other_family_id}": [],
}

PLAN_CHANGE = "plan_section+section_revision"
NEW_FAMILY = "family+membership+plan_section"
WRONG_CODE = "AAAAA-BBBBB"
CONFIRMED = {"confirmed": "yes"}  # the answer on the page that asks before someone is removed


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    url: str
    expect: dict[str, str]
    variant: str = ""
    form: dict[str, Any] | None = None
    json: Any = None
    scope: str = ""
    named: frozenset[str] = frozenset()  # personas given by their own keyword, not by a group

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
    missing = set() if scope in FAMILY_SCOPES else set(PERSONAS) - set(expect)
    unknown = set(expect) - set(PERSONAS)
    if missing or unknown:
        raise ValueError(f"{endpoint} {variant}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return Row(endpoint, method, url, expect, variant, form, json, scope, frozenset(personas))


def family_in(url: str) -> str:
    """Which family a URL template names."""
    return next(key for key in FAMILY_MEMBERS if key in url)


def derived(row: Row, persona: str, capability: Capability | None) -> str | None:
    """What the capability table says this persona gets, or None when the row must say."""
    if row.scope not in FAMILY_SCOPES or persona == "anonymous":
        return None
    family = family_in(row.url)
    role = FAMILY_MEMBERS[family].get(persona)
    if role is None:
        return "404"
    if capability is None or not role_may(role, capability, FAMILY_SHARES[family]):
        return "403"
    return None


def expected(row: Row, persona: str, capability: Capability | None) -> str:
    """The persona's expected answer: the table's when it gives one, else the row's."""
    answer = derived(row, persona, capability)
    if answer is not None:
        return answer
    if persona not in row.expect:
        raise KeyError(f"{row.id}: the row must say what {persona} gets")
    return row.expect[persona]


F = "/f/{family_id}"
API = "/api/v1/families/{family_id}"
HOUSEHOLD_FORM = {"version": "0", "our_words": "Kit's school is close by."}
GOALS_FORM = {"version": "0", "agency_expects": "Monthly visits."}
MY_GOALS_FORM = {"version": "0", "goals-0-goal": "Walk the kids to school"}
SECTION_JSON = {"version": 0, "data": {"our_words": "Written through the API."}}

NONE = "0" * 32
# A caseworker's sign-in code for a parent or caregiver: the code, its recovery row, and the access-log entry.
WORKER_CODE = "access_log+one_time_code+worker_recovery"
USE_DETAIL_JSON = {"category": "substances", "text": "Written through the API."}
LOGGED = "access_log"
EXPORTED = "access_log+export_record"  # each export is on record, named by its log entries
FAMILY_GONE = "access_log+family+invitation+membership+plan_section+joint_review+referral"
USE_DETAILS_ROWS: list[Row] = [
    row("vault.use_details", "GET", F + "/use-details", "family-page", members="404", parent="200:" + LOGGED),
    row("vault.add", "POST", F + "/use-details", "family-page", form={"category": "moud", "text": "Started."},
        members="404", parent="302:use_detail+" + LOGGED),
    row("vault.add", "POST", F + "/use-details", "family-page", variant="no such category",
        form={"category": "boss", "text": "x"}, members="404", parent="422:" + LOGGED),
    row("vault.delete", "POST", F + "/use-details/" + NONE + "/delete", "family-page", members="404"),
    row("vault.delete_all", "POST", F + "/use-details/delete-all", "family-page", form={"confirm": "yes"},
        members="404", parent="302:" + LOGGED),
    row("vault_api.list_use_details", "GET", API + "/use-details", "family-api", members="404",
        parent="200:" + LOGGED),
    row("vault_api.add_use_detail", "POST", API + "/use-details", "family-api", json=USE_DETAIL_JSON,
        members="404", parent="201:use_detail+" + LOGGED),
    row("vault_api.add_use_detail", "POST", API + "/use-details", "family-api", variant="a field that does not exist",
        json=USE_DETAIL_JSON | {"milestone": "x"}, members="404", parent="422"),
    row("vault_api.delete_use_detail", "DELETE", API + "/use-details/" + NONE, "family-api", members="404"),
    row("consent.consents", "GET", F + "/consents", "family-page", members="404", parent="200"),
    row("consent.new", "GET", F + "/consents/new", "family-page", members="404", parent="200"),
    row("consent.create", "POST", F + "/consents", "family-page", variant="missing answers",
        form={"parent_name": "Riley", "categories": "moud"}, members="404", parent="422"),
    row("consent.document", "GET", F + "/consents/" + NONE, "family-page", members="404"),
    row("consent.download", "GET", F + "/consents/" + NONE + "/download", "family-page", members="404"),
    row("consent.revoke", "POST", F + "/consents/" + NONE + "/revoke", "family-page", members="404"),
    row("vault.preview", "GET", F + "/consents/" + NONE + "/preview", "family-page", members="404"),
    row("consent_api.list_consents", "GET", API + "/consents", "family-api", members="404", parent="200"),
    row("consent_api.draft_consent", "POST", API + "/consents", "family-api", variant="missing answers",
        json={"categories": ["moud"]}, members="404", parent="422"),
    row("consent_api.get_consent", "GET", API + "/consents/" + NONE, "family-api", members="404"),
    row("consent_api.sign_options", "POST", API + "/consents/" + NONE + "/sign/options", "family-api",
        members="404"),
    row("consent_api.sign_verify", "POST", API + "/consents/" + NONE + "/sign/verify", "family-api",
        json={"credential": {"id": "nope"}}, members="404"),
    row("consent_api.revoke_consent", "POST", API + "/consents/" + NONE + "/revoke", "family-api", members="404"),
    row("audit.access_log", "GET", F + "/access-log", "family-page", members="404", parent="200"),
    row("audit_api.access_log", "GET", API + "/access-log", "family-api", members="404", parent="200"),
    row("export.your_data", "GET", F + "/your-data", "family-page", members="404", parent="200"),
    row("export.download", "GET", F + "/your-data/export.json", "family-page", members="404",
        parent="200:" + EXPORTED),
    row("export.printable", "GET", F + "/your-data/print", "family-page", members="404", parent="200:" + EXPORTED),
    row("export.delete_family", "POST", F + "/delete", "family-page", variant="wrong name",
        form={"family_name": "Not this one"}, members="404", parent="422"),
    row("export.delete_family", "POST", F + "/delete", "family-page", form={"family_name": "Test household"},
        members="404", parent="302:" + FAMILY_GONE),
    row("export_api.export_family", "GET", API + "/export", "family-api", members="404", parent="200:" + EXPORTED),
    row("export_api.delete_family", "DELETE", API, "family-api", members="404", parent="204:" + FAMILY_GONE),
]

ROWS: list[Row] = [
    # ---- Public pages and the API's public corner ------------------------------------------------
    # A caseworker with no family of their own lands on the caseload.
    row("content.home", "GET", "/", "public", everyone="200", caseworker="302"),
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
    row("accounts.ask_for_recovery_codes", "GET", "/account/recovery-codes", "account-page", signed_in="200"),
    row("accounts.recovery_codes", "POST", "/account/recovery-codes", "account-page", signed_in="200:one_time_code"),
    # A passkey id belongs to one account: only its owner (the parent, who has two) can remove it.
    row("accounts.remove_passkey", "POST", "/account/passkeys/{passkey_id}/remove", "account-page",
        signed_in="302", parent="302:passkey"),
    # Worker-assisted recovery: nobody here used a worker's code, so there is nothing to see or answer.
    row("accounts.recovery_notice", "GET", "/account/worker-code", "account-page", signed_in="302"),
    row("accounts.answer_worker_code", "POST", "/account/worker-code/" + NONE + "/mine", "account-page",
        signed_in="404"),
    row("accounts.worker_codes", "POST", "/account/worker-codes", "account-page", form={"allowed": "no"},
        signed_in="302:account"),
    row("accounts.worker_codes", "POST", "/account/worker-codes", "account-page", variant="neither yes nor no",
        form={"allowed": "maybe"}, signed_in="302"),
    row("accounts.save_time_zone", "POST", "/account/time-zone", "account-page",
        form={"time_zone": "America/Chicago"}, signed_in="302:account"),
    row("accounts.save_time_zone", "POST", "/account/time-zone", "account-page", variant="not a time zone",
        form={"time_zone": "Mars/Olympus_Mons"}, signed_in="422"),
    row("accounts.signout", "POST", "/signout", "account-page", signed_in="302:account_session"),
    row("accounts.signout_everywhere", "POST", "/signout/everywhere", "account-page",
        signed_in="302:account_session"),
    row("auth.signout", "POST", "/api/v1/auth/signout", "account-api", signed_in="204:account_session"),
    row("auth.me", "GET", "/api/v1/me", "account-api", signed_in="200"),
    row("auth.time_zones", "GET", "/api/v1/time-zones", "public", everyone="200"),
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
        editors="302:" + PLAN_CHANGE),
    # The goals in two voices: a worker writes what the agency expects, the parent (and a caregiver) their goals.
    row("plans.save", "POST", F + "/plan/goals", "family-page", variant="not shared with peers", form=GOALS_FORM,
        caseworker="302:" + PLAN_CHANGE, parent="403", caregiver="403"),
    row("plans.save", "POST", F + "/plan/goals", "family-page", variant="the parent's goals", form=MY_GOALS_FORM,
        parent="302:" + PLAN_CHANGE, caregiver="302:" + PLAN_CHANGE, caseworker="403"),
    row("plans.suggest_goal", "POST", F + "/plan/goals/suggestions", "family-page", form={"goal": "Join a group"},
        caseworker="302:" + PLAN_CHANGE),
    row("plans.answer_suggestion", "POST", F + "/plan/goals/suggestions/" + NONE, "family-page",
        variant="no such suggestion", form={"answer": "accept"}, parent="404", caregiver="404"),
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
        editors="200:" + PLAN_CHANGE),
    row("plans_api.save_section", "PUT", API + "/plan/goals", "family-api", variant="not shared with peers",
        json=SECTION_JSON, parent="200:" + PLAN_CHANGE, caregiver="200:" + PLAN_CHANGE, caseworker="403"),
    row("plans_api.suggest_goal", "POST", API + "/plan/goals/suggestions", "family-api",
        json={"goal": "Join a group"}, caseworker="201:" + PLAN_CHANGE),
    row("plans_api.answer_suggestion", "POST", API + "/plan/goals/suggestions/" + NONE, "family-api",
        variant="no such suggestion", json={"answer": "accept"}, parent="404", caregiver="404"),
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
        members="302", caseworker="200:invitation"),
    row("families.revoke", "POST", F + "/invitations/{invitation_id}/revoke", "family-page",
        members="302", parent="302:invitation"),
    row("families.revoke", "POST", "/f/{enroll_family_id}/invitations/{enroll_invitation_id}/revoke",
        "family-page", variant="enrollment, family has no parent",
        members="302", caseworker="302:invitation"),
    row("families.remove", "GET", F + "/members/{caregiver_member}/remove", "family-page",
        variant="asks first", members="403", parent="200", caregiver="200"),
    row("families.remove", "POST", F + "/members/{caregiver_member}/remove", "family-page",
        variant="not confirmed", members="403", parent="200", caregiver="200"),
    row("families.remove", "POST", F + "/members/{caregiver_member}/remove", "family-page",
        variant="the caregiver", form=CONFIRMED, members="403", parent="302:ended_access+membership",
        caregiver="302:membership"),
    row("families.remove", "POST", F + "/members/{parent_member}/remove", "family-page",
        variant="the only parent", form=CONFIRMED, members="403", parent="302"),
    row("families.remove", "POST", F + "/members/{own_member}/remove", "family-page", variant="oneself",
        form=CONFIRMED, members="302:membership", parent="302"),
    row("families.undo_removal", "POST", F + "/removals/" + NONE + "/undo", "family-page", variant="no such removal",
        members="302"),
    row("families.peer_parts", "POST", F + "/members/{peer_member}/peer-parts", "family-page",
        form={"peer_parts": ["household", "naloxone"]}, members="302", parent="302:membership"),
    row("families.signin_code", "POST", F + "/members/{parent_member}/signin-code", "family-page",
        variant="for the parent", members="302", caseworker="200:" + WORKER_CODE),
    row("families.signin_code", "POST", F + "/members/{caregiver_member}/signin-code", "family-page",
        variant="for the caregiver", members="302", caseworker="200:" + WORKER_CODE),
    row("families.signin_code", "POST", F + "/members/{peer_member}/signin-code", "family-page",
        variant="for the peer", members="302"),

    # ---- The household's ids through the outsider's own family (where the outsider is the parent) ----
    row("families.revoke", "POST", "/f/{other_family_id}/invitations/{invitation_id}/revoke", "family-page",
        variant="household invitation via another family", outsider="302"),
    row("families.remove", "POST", "/f/{other_family_id}/members/{caregiver_member}/remove", "family-page",
        variant="household member via another family", form=CONFIRMED, outsider="302"),
    row("families.signin_code", "POST", "/f/{other_family_id}/members/{parent_member}/signin-code",
        "family-page", variant="household member via another family"),
    row("families_api.revoke_invitation", "DELETE", "/api/v1/families/{other_family_id}/invitations/{invitation_id}",
        "family-api", variant="household invitation via another family", outsider="404"),
    row("families_api.remove_member", "DELETE", "/api/v1/families/{other_family_id}/members/{caregiver_member}",
        "family-api", variant="household member via another family", outsider="404"),
    row("families_api.issue_signin_code", "POST",
        "/api/v1/families/{other_family_id}/members/{parent_member}/signin-code", "family-api",
        variant="household member via another family"),

    # ---- People: API. A role that may not do it: 403; a rule it breaks: 422; an id not in the family: 404. --
    row("families_api.get_family", "GET", API, "family-api", members="200"),
    row("families_api.list_invitations", "GET", API + "/invitations", "family-api", members="200"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api",
        json={"role": "peer", "label": "Pat"}, members="403", parent="201:invitation"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api",
        variant="role parent, family has one", json={"role": "parent"}, members="403", parent="422"),
    row("families_api.create_invitation", "POST", "/api/v1/families/{enroll_family_id}/invitations", "family-api",
        variant="role parent, family has none", json={"role": "parent"},
        members="403", caseworker="201:invitation"),
    row("families_api.revoke_invitation", "DELETE", API + "/invitations/{invitation_id}", "family-api",
        members="404", parent="204:invitation"),
    row("families_api.revoke_invitation", "DELETE", "/api/v1/families/{enroll_family_id}/invitations/"
        "{enroll_invitation_id}", "family-api", variant="enrollment, family has no parent",
        members="404", caseworker="204:invitation"),
    row("families_api.remove_member", "DELETE", API + "/members/{caregiver_member}", "family-api",
        variant="the caregiver", members="403", parent="204:ended_access+membership", caregiver="204:membership"),
    row("families_api.remove_member", "DELETE", API + "/members/{parent_member}", "family-api",
        variant="the only parent", members="403", parent="422"),
    row("families_api.remove_member", "DELETE", API + "/members/{own_member}", "family-api", variant="oneself",
        members="204:membership", parent="422"),
    row("families_api.set_peer_parts", "PUT", API + "/members/{peer_member}/peer-parts", "family-api",
        json={"parts": ["household", "naloxone"]}, members="403", parent="200:membership"),
    row("families_api.set_peer_parts", "PUT", API + "/members/{caregiver_member}/peer-parts", "family-api",
        variant="not a peer", json={"parts": ["household"]}, members="403", parent="404"),
    row("families_api.issue_signin_code", "POST", API + "/members/{parent_member}/signin-code", "family-api",
        variant="for the parent", members="403", caseworker="201:" + WORKER_CODE),
    row("families_api.issue_signin_code", "POST", API + "/members/{caregiver_member}/signin-code", "family-api",
        variant="for the caregiver", members="403", caseworker="201:" + WORKER_CODE),
    row("families_api.issue_signin_code", "POST", API + "/members/{peer_member}/signin-code", "family-api",
        variant="for the peer", members="403", caseworker="422"),
]


# Family access is checked before the JSON body: an outsider's malformed body still gets 404.
ROWS += [
    row("plans_api.save_section", "PUT", API + "/plan/household", "family-api", variant="malformed body",
        json={"data": {}}, members="422"),
    row("families_api.set_peer_parts", "PUT", API + "/members/{peer_member}/peer-parts", "family-api",
        variant="malformed body", json={}, members="422"),
    row("families_api.create_invitation", "POST", API + "/invitations", "family-api", variant="malformed body",
        json={"role": "boss"}, members="422"),
    row("milestones_api.record_milestone", "POST", API + "/milestones", "family-api", variant="malformed body",
        json={"kind": "boss"}, members="422"),

    # ---- Use details, consents, the access log, export and delete. --------------------------------
    # Only the parent; everyone else gets the 404 of "nothing here" (the household has no consent).
    # A parent's read of use details is written to the access log. NONE is an id that does not exist.
    *USE_DETAILS_ROWS,
]

# ---- Installable app, push reminders. {reminder_id} and {device_id} are the parent's own. ----
REMINDER_URL = "/reminders/{reminder_id}"
API_REMINDER = "/api/v1/reminders/{reminder_id}"
ROWS += [
    row("pwa.manifest", "GET", "/manifest.webmanifest", "public", everyone="200"),
    row("pwa.service_worker", "GET", "/sw.js", "public", everyone="200"),
    row("favicon", "GET", "/favicon.ico", "public", everyone="200"),  # the phone's icon
    row("reminders.reminders", "GET", "/reminders", "account-page", signed_in="200"),
    row("reminders.add", "POST", "/reminders", "account-page", form=OWN_REMINDER_JSON, signed_in="302:reminder"),
    row("reminders.add", "POST", "/reminders", "account-page", variant="bad time zone",
        form=OWN_REMINDER_JSON | {"timezone": "Mars/Olympus"}, signed_in="422"),
    row("reminders.reminder", "GET", REMINDER_URL, "account-page", signed_in="404", parent="200"),
    row("reminders.pause", "POST", REMINDER_URL + "/pause", "account-page", signed_in="404",
        parent="302:reminder"),
    row("reminders.delete", "POST", REMINDER_URL + "/delete", "account-page", signed_in="404",
        parent="302:reminder"),
    row("reminders.remove_device", "POST", "/push/devices/{device_id}/remove", "account-page", signed_in="404",
        parent="302:push_subscription"),
    row("reminders.remove_all_devices", "POST", "/push/devices/remove-all", "account-page", signed_in="302",
        parent="302:push_subscription"),
    row("reminders_api.push_key", "GET", "/api/v1/push/key", "account-api", signed_in="200"),
    row("reminders_api.list_subscriptions", "GET", "/api/v1/push/subscriptions", "account-api", signed_in="200"),
    row("reminders_api.subscribe", "POST", "/api/v1/push/subscriptions", "account-api", json=SUBSCRIPTION_JSON,
        signed_in="201:push_subscription"),
    row("reminders_api.subscribe", "POST", "/api/v1/push/subscriptions", "account-api", variant="malformed",
        json={"endpoint": "http://example.test/x", "keys": {"p256dh": "short", "auth": "x"}}, signed_in="422"),
    row("reminders_api.unsubscribe_all", "DELETE", "/api/v1/push/subscriptions", "account-api", signed_in="204",
        parent="204:push_subscription"),
    row("reminders_api.unsubscribe", "DELETE", "/api/v1/push/subscriptions/{device_id}", "account-api",
        signed_in="404", parent="204:push_subscription"),
    row("reminders_api.list_reminders", "GET", "/api/v1/reminders", "account-api", signed_in="200"),
    row("reminders_api.create_reminder", "POST", "/api/v1/reminders", "account-api", json=OWN_REMINDER_JSON,
        signed_in="201:reminder"),
    row("reminders_api.create_reminder", "POST", "/api/v1/reminders", "account-api", variant="unknown kind",
        json=OWN_REMINDER_JSON | {"kind": "dose"}, signed_in="422"),
    row("reminders_api.get_reminder", "GET", API_REMINDER, "account-api", signed_in="404", parent="200"),
    row("reminders_api.pause_reminder", "PATCH", API_REMINDER, "account-api", json={"paused": True},
        signed_in="404", parent="200:reminder"),
    row("reminders_api.delete_reminder", "DELETE", API_REMINDER, "account-api", signed_in="404",
        parent="204:reminder"),
]


def parse(expect: str) -> tuple[str, frozenset[str]]:
    """``"302:a+b"`` -> ("302", {"a", "b"}); ``SIGNIN`` -> (SIGNIN, {})."""
    status, _, tables = expect.partition(":")
    return status, frozenset(t for t in tables.split("+") if t)


# ---- Agencies, caseload, check-ins, joint reviews, outcomes -----------------------------------------
# None of the personas is in an agency: admin pages answer 404; tests/agencies covers admins and workers.
NO_WORKER = "/agency/workers/" + "0" * 32 + "/deactivate"
CHECKIN_FORM = {"how_it_went": "We talked about the lockbox."}
ROWS += [
    row("agencies.agency", "GET", "/agency", "account-page", signed_in="200"),
    row("agencies.create", "POST", "/agency", "account-page", form={"name": "Riverside Family Services"},
        signed_in="302:agency+agency_worker"),
    row("agencies.create", "POST", "/agency", "account-page", variant="no name", form={"name": " "},
        signed_in="422"),
    row("agencies.join", "POST", "/agency/join", "account-page", form={"code": WRONG_CODE}, signed_in="422"),
    row("agencies.invite", "POST", "/agency/invitations", "account-page", form={"role": "peer"}, signed_in="404"),
    row("agencies.deactivate", "POST", NO_WORKER, "account-page", signed_in="404"),
    row("reports.report", "GET", "/agency/report", "account-page", signed_in="404"),
    row("reports.report_csv", "GET", "/agency/report.csv", "account-page", signed_in="404"),
    row("caseload.caseload", "GET", "/caseload", "account-page", signed_in="200"),
    row("navigation.more", "GET", "/more", "account-page", signed_in="200"),
    row("reports_api.report", "GET", "/api/v1/agency/report", "account-api", signed_in="404"),
    row("caseload_api.caseload", "GET", "/api/v1/caseload", "account-api", signed_in="200"),
    row("checkins.checkins", "GET", F + "/checkins", "family-page", members="200"),
    row("checkins.record", "POST", F + "/checkins", "family-page", form=CHECKIN_FORM,
        members="403", peer="302:checkin", caseworker="302:checkin"),
    row("checkins.record", "POST", F + "/checkins", "family-page", variant="empty", form={"how_it_went": ""},
        members="403", peer="422", caseworker="422"),
    row("checkins_api.list_checkins", "GET", API + "/checkins", "family-api", members="200"),
    row("checkins_api.record_checkin", "POST", API + "/checkins", "family-api", json=CHECKIN_FORM,
        members="403", peer="201:checkin", caseworker="201:checkin"),
    row("checkins_api.record_checkin", "POST", API + "/checkins", "family-api", variant="a use-detail field",
        json=CHECKIN_FORM | {"substance": "anything"}, members="403", peer="422", caseworker="422"),
    row("reviews.reviews", "GET", F + "/reviews", "family-page", members="200"),
    row("reviews.new_review", "GET", F + "/reviews/new", "family-page", caseworker="200"),
    row("reviews.new_review", "POST", F + "/reviews/new", "family-page", form={"children_safety": "Safe at home."},
        caseworker="302:joint_review"),
    row("reviews.review", "GET", F + "/reviews/{review_id}", "family-page", members="200"),
    row("reviews.review", "GET", "/f/{other_family_id}/reviews/{review_id}", "family-page",
        variant="household review via another family", outsider="404"),
    row("reviews.comment", "POST", F + "/reviews/{review_id}/comments", "family-page",
        form={"comment": "Thank you."}, members="302:review_comment"),
    # The parent's own voice: their part of each review step, their notes on the outcomes.
    row("reviews.family_part", "POST", F + "/reviews/{review_id}/family-part", "family-page",
        form={"own_parent": "In my own words."}, parent="302:review_family_part"),
    row("reviews_api.list_reviews", "GET", API + "/reviews", "family-api", members="200"),
    row("reviews_api.open_review", "POST", API + "/reviews", "family-api", json={"children_safety": "Safe at home."},
        caseworker="201:joint_review"),
    row("reviews_api.open_review", "POST", API + "/reviews", "family-api", variant="malformed body",
        json={"children_safety": 5}, caseworker="422"),
    row("reviews_api.get_review", "GET", API + "/reviews/{review_id}", "family-api", members="200"),
    row("reviews_api.get_review", "GET", "/api/v1/families/{other_family_id}/reviews/{review_id}", "family-api",
        variant="household review via another family", outsider="404"),
    row("reviews_api.comment", "POST", API + "/reviews/{review_id}/comments", "family-api",
        json={"comment": "Thank you."}, members="201:review_comment"),
    row("reviews_api.comment", "POST", API + "/reviews/{review_id}/comments", "family-api", variant="empty",
        json={"comment": " "}, members="422"),
    row("reviews_api.write_family_part", "PATCH", API + "/reviews/{review_id}/family-part", "family-api",
        json={"parent": "In my own words."}, parent="200:review_family_part"),
    row("reviews_api.write_family_part", "PATCH", API + "/reviews/{review_id}/family-part", "family-api",
        variant="malformed body", json={"parent": 5}, parent="422"),
    row("reviews_api.write_family_part", "PATCH", "/api/v1/families/{other_family_id}/reviews/{review_id}/family-part",
        "family-api", variant="household review via another family", json={"parent": "x"}, outsider="404"),
    row("reports.outcomes", "GET", F + "/outcomes", "family-page", members="200"),
    row("reports.add_outcome_note", "POST", F + "/outcomes/notes", "family-page",
        form={"outcome": "recovery", "note": "In my own words."}, parent="302:outcome_note"),
    # The household's caseworker is in no agency: outcomes are recorded for an agency (422).
    row("reports.record_outcomes", "POST", F + "/outcomes", "family-page", form={"recovery": "yes"},
        members="403", caseworker="422"),
    row("reports_api.family_outcomes", "GET", API + "/outcomes", "family-api", members="200"),
    row("reports_api.record_outcomes", "PUT", API + "/outcomes", "family-api", json={"recovery": "yes"},
        caseworker="422"),
    row("reports_api.record_outcomes", "PUT", API + "/outcomes", "family-api", variant="malformed body",
        json={"recovery": "maybe"}, caseworker="422"),
    row("reports_api.add_outcome_note", "POST", API + "/outcomes/notes", "family-api",
        json={"outcome": "recovery", "note": "In my own words."}, parent="201:outcome_note"),
    row("reports_api.add_outcome_note", "POST", API + "/outcomes/notes", "family-api", variant="malformed body",
        json={"outcome": "recovery", "note": 5}, parent="422"),
]
# ---- Emergency flow, discreet name, fridge copy, share links -------------------------------------
NO_LINK = "0" * 32
ROWS += [
    row("emergency.show_step", "GET", "/emergency", "public", everyone="200"),
    row("emergency.show_step", "GET", "/emergency/7", "public", variant="last step", everyone="200"),
    row("emergency.show_step", "GET", "/emergency/8", "public", variant="no such step", everyone="404"),
    row("discreet.choose", "GET", "/device/name", "public", everyone="200"),
    row("discreet.save_choice", "POST", "/device/name", "public", form={"choice": "notes"}, everyone="302"),
    row("discreet.save_choice", "POST", "/device/name", "public", variant="not a choice", form={"choice": "x"},
        everyone="422"),
    row("fridge.page", "GET", F + "/fridge", "family-page", members="200"),
    row("fridge.pdf", "GET", F + "/fridge.pdf", "family-page", members="200"),
    row("fridge.choose_lockbox", "POST", F + "/fridge/lockbox", "family-page", form={"lockbox": "show"},
        members="403", parent="302:family"),
    row("fridge.choose_lockbox", "POST", F + "/fridge/lockbox", "family-page", variant="not a choice",
        form={"lockbox": "maybe"}, members="403", parent="422"),
    row("sharing.manage", "GET", F + "/share", "family-page", members="403", parent="200"),
    row("sharing.create", "POST", F + "/share", "family-page", form={"parts": ["supports"], "lifetime": "day"},
        members="403", parent="200:share_link"),
    row("sharing.create", "POST", F + "/share", "family-page", variant="nothing chosen", form={"lifetime": "day"},
        members="403", parent="422"),
    row("sharing.revoke", "POST", F + f"/share/{NO_LINK}/revoke", "family-page", variant="no such link",
        members="403", parent="404"),
    row("sharing.shared", "GET", "/s/not-a-real-token", "public", everyone="404"),
]
ROWS += [
    row("lock.unlock_page", "GET", "/unlock", "public", signed_in="302", anonymous="302"),
    row("lock.unlock_options", "POST", "/unlock/options", "public", signed_in="200", anonymous="401"),
    row("lock.unlock_verify", "POST", "/unlock/verify", "public", json={}, everyone="401"),
    row("lock.still_here", "POST", "/lock/active", "account-page", signed_in="204"),
    row("lock.leave_now", "GET", "/leave", "public", everyone="303"),
    row("lock.lock_now", "POST", "/lock/now", "public", everyone="204"),
    row("lock.setting", "GET", "/account/lock", "account-page", signed_in="200"),
    row("lock.save_setting", "POST", "/account/lock", "account-page", form={"minutes": "5"},
        signed_in="302:lock_setting"),
    row("lock.save_setting", "POST", "/account/lock", "account-page", variant="not a choice",
        form={"minutes": "0"}, signed_in="422"),
]
# The guides library and the language switcher.
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
# The idle period an agency admin sets; no persona is an agency admin (tests/agencies covers one).
ROWS += [
    row("agencies.idle_time", "POST", "/agency/idle-time", "account-page", form={"idle_minutes": "30"},
        signed_in="404"),
    row("agencies.referral_days", "POST", "/agency/referral-days", "account-page",
        form={"referral_overdue_days": "30"}, signed_in="404"),
    row("agencies.consent_statement", "POST", "/agency/consent-statement", "account-page",
        form={"consent_statement": "Our words."}, signed_in="404"),
]

# ---- Referrals: the parent, the caseworker and the peer; only the parent answers --------------------
REFERRAL_FORM = {"service": "housing", "provider_name": "City Housing Help", "provider_phone": "555-010-0100",
                 "reason": "A safe place to live."}
STEP_CHANGE = "referral+referral_step+milestone+access_log"  # a step, its stage, its milestone, its log entry
R = "/referrals/{referral_id}"
ROWS += [
    row("referrals.referrals", "GET", F + "/referrals", "family-page", members="200"),
    row("referrals.propose", "POST", F + "/referrals", "family-page", form=REFERRAL_FORM,
        members="302:" + STEP_CHANGE),
    row("referrals.propose", "POST", F + "/referrals", "family-page", variant="no reason",
        form=REFERRAL_FORM | {"reason": ""}, members="422"),
    row("referrals.referral", "GET", F + R, "family-page", members="200"),
    row("referrals.referral", "GET", "/f/{other_family_id}" + R, "family-page",
        variant="household referral via another family", outsider="404"),
    row("referrals.answer", "POST", F + R + "/answer", "family-page", form={"answer": "agree"},
        parent="302:" + STEP_CHANGE),
    row("referrals.answer", "POST", F + R + "/answer", "family-page", variant="not an answer",
        form={"answer": "maybe"}, parent="422"),
    row("referrals.move", "POST", F + R + "/stage", "family-page", form={"stage": "withdrawn"},
        members="302:" + STEP_CHANGE),
    row("referrals.move", "POST", F + R + "/stage", "family-page", variant="sent before the parent agrees",
        form={"stage": "sent"}, members="422"),
    row("referrals_api.list_referrals", "GET", API + "/referrals", "family-api", members="200"),
    row("referrals_api.propose", "POST", API + "/referrals", "family-api", json=REFERRAL_FORM,
        members="201:" + STEP_CHANGE),
    row("referrals_api.propose", "POST", API + "/referrals", "family-api", variant="malformed body",
        json={"reason": 5}, members="422"),
    row("referrals_api.get_referral", "GET", API + R, "family-api", members="200"),
    row("referrals_api.get_referral", "GET", "/api/v1/families/{other_family_id}" + R, "family-api",
        variant="household referral via another family", outsider="404"),
    # "Talk about it first" leaves the stage as it is: only the step and its milestone are written.
    row("referrals_api.answer", "POST", API + R + "/answer", "family-api", json={"answer": "talk"},
        parent="200:milestone+referral_step+access_log"),
    row("referrals_api.answer", "POST", "/api/v1/families/{other_family_id}" + R + "/answer", "family-api",
        variant="household referral via another family", json={"answer": "agree"}, outsider="404"),
    row("referrals_api.move", "POST", API + R + "/stage", "family-api", json={"stage": "withdrawn"},
        members="200:" + STEP_CHANGE),
    row("referrals_api.move", "POST", API + R + "/stage", "family-api", variant="unknown stage",
        json={"stage": "on_the_moon"}, members="422"),
]
