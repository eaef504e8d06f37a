"""The export as a document a parent can read: a heading for each part, labels and values in their language.

It reads the same data as the JSON download, so the two never hold different things.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from harm.accounts.recovery import CANCELLED, CONFIRMED
from harm.audit.service import ACTION_NAMES, SHARE_LINK_ROLE
from harm.consent.words import RECIPIENT_ROLE_NAMES, STATUS_NAMES
from harm.dates import format_moment
from harm.families.views import PEER_PART_NAMES
from harm.milestones.kinds import KINDS as MILESTONE_KINDS
from harm.milestones.kinds import REFERRAL, label_of
from harm.plans.fields import DATE, LIST, ONE_OF, PHONE, SOME_OF, YES_NO
from harm.plans.fields import Field as PlanField
from harm.plans.sections import SECTIONS
from harm.referrals.stages import ANSWERS as REFERRAL_ANSWERS
from harm.referrals.stages import SERVICES as REFERRAL_SERVICES
from harm.referrals.stages import STAGES as REFERRAL_STAGES
from harm.reminders.kinds import KINDS as REMINDER_KINDS
from harm.reminders.kinds import REPEATS
from harm.reports.outcomes import ANSWERS, OUTCOMES
from harm.reviews.service import PARTS as REVIEW_PARTS
from harm.reviews.service import STEP_QUESTIONS
from harm.sharing.service import PARTS as SHARED_PARTS
from harm.use_details import CATEGORIES

log = logging.getLogger(__name__)
BDI_OPEN, BDI_CLOSE = Markup("<bdi>"), Markup("</bdi>")  # noqa: S704 - constant markup, no input in it
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")

PART_TITLES: dict[str, Any] = {
    "family": _l("The family"),
    "memberships": _l("People on this plan"),
    "plan": _l("The plan"),
    "milestones": _l("Milestones"),
    "worker_sign_in_codes": _l("Sign-in codes a caseworker made"),
    "invitations": _l("Invitation codes"),
    "removals": _l("People taken off the plan"),
    "consents": _l("Consents"),
    "use_details": _l("Use details"),
    "access_log": _l("Who looked at your use details"),
    "exports": _l("Copies of your data"),
    "checkins": _l("Check-ins"),
    "joint_reviews": _l("Case reviews"),
    "referrals": _l("Referrals"),
    "reminders": _l("Reminders"),
    "share_links": _l("Share links"),
    "outcomes": _l("Outcomes"),
    "outcome_notes": _l("Notes on the outcomes"),
}

LABELS: dict[str, Any] = {
    "name": _l("Name"), "role": _l("Part in the plan"), "since": _l("On the plan since"),
    "peer_parts": _l("What the peer specialist can see"), "created_at": _l("Made on"), "version": _l("Version"),
    "updated_at": _l("Last saved"), "revisions": _l("Earlier versions"), "by": _l("By"), "at": _l("When"),
    "changed": _l("What changed"), "kind": _l("Kind"), "title": _l("Title"), "note": _l("Note"),
    "happened_on": _l("Day"), "recorded_by": _l("Written down by"), "made_by": _l("Made by"), "for": _l("For"),
    "made_at": _l("Made on"), "used_at": _l("Used on"), "closed_until": _l("Closed until"),
    "answer": _l("Their answer"), "answered_at": _l("Answered on"), "label": _l("Who it is for"),
    "expires_at": _l("Last day"), "revoked_at": _l("Stopped on"), "member_since": _l("On the plan since"),
    "removed_by": _l("Taken off by"), "removed_at": _l("Taken off on"), "status": _l("Status"),
    "parent_name": _l("Parent's name"), "discloser": _l("Who shares it"), "categories": _l("What is shared"),
    "recipients": _l("Who may see it"), "purpose": _l("Why"), "expiry_event": _l("Or it ends when"),
    "agency_statements": _l("What the agency says"), "signed_at": _l("Signed on"), "category": _l("Kind of detail"),
    "text": _l("What was written"), "private": _l("Only for me"), "added_by": _l("Added by"), "who": _l("Who"),
    "action": _l("What they did"), "how_it_went": _l("How it went"), "needs": _l("What is needed"),
    "next_on": _l("Next check-in"), "held_on": _l("Day of the review"), "opened_by": _l("Opened by"),
    "next_review_on": _l("Next review"), "comments": _l("Comments"), "family_parts": _l("The family's own part"),
    "step": _l("Question"), "whose": _l("Whose reminder"), "on_date": _l("Day"), "at_time": _l("Time"),
    "repeat": _l("How often"), "timezone": _l("Time zone"), "quiet_start": _l("Quiet from"),
    "quiet_end": _l("Quiet until"), "show_details": _l("Show what it is about"), "paused": _l("Paused"),
    "last_sent_at": _l("Last sent"), "parts": _l("What it shows"), "created_by": _l("Made by"),
    "opened": _l("Opened"), "agency": _l("Agency"), "recorded_on": _l("Recorded on"), "outcome": _l("Outcome"),
    # Who wrote a goal or an answer, and when (harm/plans/goals.py).
    "written": _l("Written by"), "suggested": _l("Suggested by"), "declined": _l("Who said no"),
    "worker_written": _l("Who wrote the caseworker's answer"), "parent_written": _l("Who wrote the parent's answer"),
    "service": _l("Kind of service"), "provider_name": _l("Program"), "provider_phone": _l("Program's phone"),
    "provider_address": _l("Program's address"), "reason": _l("Why"), "stage": _l("Step"),
    "referred_on": _l("Referral made on"), "sent_on": _l("Sent on"), "intake_on": _l("First visit"),
    "steps": _l("Every step"),
    **{key: label for _title, questions in REVIEW_PARTS for key, label in questions},
    **OUTCOMES,
}

# Opaque ids and hashes: a person cannot read them; the JSON download keeps them.
LEFT_OUT = frozenset({"id", "about", "hash", "seq", "member", "key", "data"})

# Names a person typed: shown isolated (<bdi>), so a Latin name keeps its order on a right-to-left page.
PERSON_KEYS = frozenset({"name", "by", "who", "made_by", "for", "created_by", "recorded_by", "added_by", "opened_by",
                         "removed_by", "whose", "parent_name"})
# Parts with many short records: one line each, without labels.
AS_LINES = frozenset({"access_log", "exports"})

VALUE_NAMES: dict[str, Mapping[str, Any]] = {
    "role": {**RECIPIENT_ROLE_NAMES, SHARE_LINK_ROLE: _l("Someone with a share link")},
    "category": CATEGORIES, "categories": CATEGORIES, "action": ACTION_NAMES, "status": STATUS_NAMES,
    "peer_parts": {**{key: s.title for key, s in SECTIONS.items()}, **PEER_PART_NAMES},
    "parts": SHARED_PARTS, "outcome": OUTCOMES, "step": STEP_QUESTIONS, "repeat": REPEATS,
    "answer": {CONFIRMED: _l("It was them"), CANCELLED: _l("It was not them, and it was undone")},
    **dict.fromkeys(OUTCOMES, ANSWERS),
}
VALUE_NAMES_IN_PART: dict[str, dict[str, Mapping[str, Any]]] = {
    "milestones": {"kind": {**MILESTONE_KINDS, REFERRAL: _l("A step in a referral")}},
    "reminders": {"kind": REMINDER_KINDS},
    "referrals": {"service": REFERRAL_SERVICES, "stage": REFERRAL_STAGES, "answer": REFERRAL_ANSWERS},
}


@dataclass
class Group:
    """One record: an optional title, then its rows."""

    rows: list[Row]
    title: str | None = None
    line: bool = False  # its values on one line, without labels


@dataclass
class Row:
    """A label and its value: a text, a list of texts, or records of its own."""

    label: str
    text: str | None = None
    texts: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    folded: bool = False  # long and seldom read (earlier versions): closed until opened
    person: bool = False  # a name someone typed
    phone: bool = False  # a number someone typed: read left to right in every language


@dataclass
class Part:
    key: str
    title: str
    groups: list[Group]


def document(data: Mapping[str, Any]) -> list[Part]:
    """Every part of the export, each plan section a part of its own."""
    parts: list[Part] = []
    for key, value in data.items():
        if key in ("notice", "exported_at"):
            continue
        if key == "plan":
            parts.extend(_section(section) for section in value)
            continue
        names = {**VALUE_NAMES, **VALUE_NAMES_IN_PART.get(key, {})}
        records = _merged_log(value) if key == "access_log" else value if isinstance(value, list) else [value]
        if key == "milestones":
            records = [_named_step(record) for record in records]
        groups = [_group(record, names) for record in records]
        for group in groups:
            group.line = key in AS_LINES
        parts.append(Part(key, _label(key, PART_TITLES), groups))
    return parts


def _merged_log(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries one after the other by the same person at the same moment doing the same thing: one line."""
    merged: list[dict[str, Any]] = []
    for entry in entries:
        last = merged[-1] if merged else None
        if last is not None and all(last[k] == entry[k] for k in ("at", "who", "role", "action")) \
                and entry["category"] and last["categories"]:
            last["categories"].append(entry["category"])
            continue
        merged.append({"at": entry["at"], "who": entry["who"], "role": entry["role"], "action": entry["action"],
                       "categories": [entry["category"]] if entry["category"] else []})
    return merged


def _named_step(milestone: dict[str, Any]) -> dict[str, Any]:
    """A referral's milestone is titled by its step's key: shown by the step's words, as on the timeline."""
    if milestone.get("kind") != REFERRAL:
        return milestone
    return {**milestone, "title": label_of(REFERRAL, milestone["title"])}


def shown(value: Any) -> str:
    """A single value as words: yes or no, a day, a moment, a time of day, or the text as written."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return format_moment(value, "long")
    if isinstance(value, date):
        return str(format_date(value, "long"))
    if isinstance(value, str):
        if ISO_MOMENT.fullmatch(value[:16]) and _parses(datetime.fromisoformat, value):
            return format_moment(datetime.fromisoformat(value), "long")
        if ISO_DAY.fullmatch(value) and _parses(date.fromisoformat, value):
            return str(format_date(date.fromisoformat(value), "long"))
        if ISO_TIME.fullmatch(value):
            return str(format_time(time.fromisoformat(value), "short", rebase=False))
    return str(value)


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _stamp(value: Any) -> Markup | None:
    """Who wrote a goal or an answer and when: {"by", "role", "on"}; the name isolated, everything else escaped."""
    if isinstance(value, dict) and set(value) == {"by", "role", "on"}:
        role = str(VALUE_NAMES["role"].get(value["role"], value["role"]))
        return escape(_("%(name)s, %(role)s, %(date)s")) % {
            "name": escape(value["by"]).join((BDI_OPEN, BDI_CLOSE)), "role": role, "date": shown(value["on"])}
    return None


def _label(key: str, labels: Mapping[str, Any]) -> str:
    if key not in labels:  # a part added without its words: shown all the same, never a broken page
        log.warning("export label missing")
        return key.replace("_", " ")
    return str(labels[key])


def _row(key: str, value: Any, names: Mapping[str, Mapping[str, Any]], labels: Mapping[str, Any] = LABELS) -> Row:
    label = _label(key, labels)
    if key in PERSON_KEYS and isinstance(value, str):
        return Row(label, text=value, person=True)
    stamp = _stamp(value)
    if stamp is not None:
        return Row(label, text=stamp)
    known = names.get(key)
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            return Row(label, groups=[_group(item, names, labels) for item in value])
        return Row(label, texts=[str(known.get(item, item)) if known else shown(item) for item in value])
    if isinstance(value, dict):
        return Row(label, groups=[_group(value, names, labels)])
    if known is not None and isinstance(value, str):
        return Row(label, text=str(known.get(value, value)))
    return Row(label, text=shown(value))


def _group(record: Mapping[str, Any], names: Mapping[str, Mapping[str, Any]],
           labels: Mapping[str, Any] = LABELS) -> Group:
    return Group([_row(key, value, names, labels) for key, value in record.items()
                  if key not in LEFT_OUT and not _empty(value)])


# ---------------------------------------------------------------- the plan, through its field definitions


def _section(stored: Mapping[str, Any]) -> Part:
    section = SECTIONS[stored["key"]]
    if not stored["version"]:  # never saved: listed with the parts that have nothing yet
        return Part(section.key, str(section.title), [])
    saved = [Row(str(LABELS["updated_at"]), text=shown(stored["updated_at"]))] if stored["updated_at"] else []
    about = Group([Row(str(LABELS["version"]), text=shown(stored["version"])), *saved])
    revisions = [Group(title=_("Version %(number)s", number=r["version"]), rows=[
        *([Row(str(LABELS["by"]), text=r["by"], person=True)] if r["by"] else []),
        Row(str(LABELS["at"]), text=shown(r["at"])),
        Row(str(LABELS["changed"]), texts=[_field_label(section.fields, name) for name in r["changed"]]),
        *_answers(section.fields, r["data"]),
    ]) for r in reversed(stored["revisions"])]
    groups = [Group(_answers(section.fields, stored["data"])), about]
    if revisions:
        groups.append(Group([Row(str(LABELS["revisions"]), groups=revisions, folded=True)]))
    return Part(section.key, str(section.title), groups)


def _field_label(plan_fields: tuple[PlanField, ...], name: str) -> str:
    return _label(name, {**LABELS, **{f.name: f.label for f in plan_fields}})


def _answers(plan_fields: tuple[PlanField, ...], data: Mapping[str, Any]) -> list[Row]:
    """The section's answers in the order of its form, then anything kept beside them (who wrote what)."""
    rows = [_answer(f, data.get(f.name)) for f in plan_fields if not _empty(data.get(f.name))]
    known = {f.name: f.label for f in plan_fields}
    rows += [_row(key, value, VALUE_NAMES, {**LABELS, **known}) for key, value in data.items()
             if key not in known and key not in LEFT_OUT and not _empty(value) and not _all_empty(value)]
    return rows


def _all_empty(value: Any) -> bool:
    return isinstance(value, dict) and all(_empty(item) for item in value.values())


def _answer(f: PlanField, value: Any) -> Row:
    label = str(f.label)
    if f.kind == LIST:
        return Row(label, groups=[Group(_answers(f.items, item)) for item in value if isinstance(item, dict)])
    choices = {key: str(name) for key, name in f.choices}
    if f.kind == ONE_OF:
        return Row(label, text=choices.get(value, str(value)))
    if f.kind == SOME_OF:
        return Row(label, texts=[choices.get(item, str(item)) for item in value])
    if f.kind in (YES_NO, DATE):
        return Row(label, text=shown(value))
    return Row(label, text=str(value), phone=f.kind == PHONE)
