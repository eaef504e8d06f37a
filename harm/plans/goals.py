"""The goals section in two voices: the parent writes their goals and answers, a worker the agency's.

Each side writes only its own part. A save may carry the other side's part unchanged (an API client sends back
what it read) or leave it out (a form shows it read-only); any change to it is refused, whoever sends it and
however late (an edit queued offline is checked the same way when it arrives).
Every entry carries who wrote it and when ("written"); an entry without one was written before this was kept.
"""
from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate
from werkzeug.datastructures import MultiDict

from harm.errors import Refused
from harm.families.access import member_may
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.models_base import new_public_id, utcnow
from harm.plans.sections import FIT_CHOICES, GOAL_KINDS

PARENT_SIDE = "parent"
WORKER_SIDE = "worker"

GOAL_KEYS = ("goal", "kind", "next_step")
PARENT_ANSWER_KEYS = ("my_view", "parent_fit")
WORKER_ANSWER_KEYS = ("expects", "worker_fit")
ROW_KEYS = WORKER_ANSWER_KEYS + PARENT_ANSWER_KEYS
TEXTS = ("agency_expects", "our_words")
# Who wrote what is kept by the server; what a client sends back of it is set aside, never trusted.
STAMP_KEYS = ("written", "suggested", "declined", "worker_written", "parent_written")
MAX_ROWS = 8
MAX_OPEN_SUGGESTIONS = 8

NOT_THE_PARENTS = _l("Only the parent writes their goals and their own answers. You can suggest a goal instead.")
NOT_THE_WORKERS = _l("Only the caseworker writes what the agency asks. You write your own answer to it.")
SUGGESTIONS_ARE_ANSWERED = _l("A suggested goal changes only when the parent says yes or no to it.")


def side_of(membership: Membership) -> str:
    """Which part of the goals this member writes: the parent's (and a caregiver's), or the agency's."""
    if member_may(membership, C.WRITE_GOALS):
        return PARENT_SIDE
    if member_may(membership, C.WRITE_AGENCY_EXPECTATIONS):
        return WORKER_SIDE
    raise Refused(str(NOT_THE_PARENTS))


def stamp(membership: Membership) -> dict[str, str]:
    return {"by": membership.account.display_name, "role": membership.role, "on": utcnow().date().isoformat()}


def _stable_id(row: dict[str, Any], index: int) -> str:
    """An id for a row kept before rows had ids: the same every time it is read, until it is saved."""
    text = json.dumps([index, sorted(row.items())], default=str)
    return "k" + hashlib.sha256(text.encode()).hexdigest()[:15]


def normalized(data: dict[str, Any] | None) -> dict[str, Any]:
    """The goals in today's shape, whatever shape they were kept in (one "Do we agree?" became the parent's)."""
    data = copy.deepcopy(data or {})
    out: dict[str, Any] = {name: data.get(name) or "" for name in TEXTS}
    out["written"] = {name: (data.get("written") or {}).get(name) for name in TEXTS}
    out["goals"] = [_row(g, i, GOAL_KEYS, ("written", "suggested")) for i, g in enumerate(data.get("goals") or [])]
    out["suggestions"] = [_row(s, i, GOAL_KEYS, ("written", "declined"))
                          for i, s in enumerate(data.get("suggestions") or [])]
    rows = []
    for i, a in enumerate(data.get("alignment") or []):
        if "fit" in a and "parent_fit" not in a:
            a["parent_fit"] = a.pop("fit")
        rows.append(_row(a, i, ROW_KEYS, ("worker_written", "parent_written")))
    out["alignment"] = rows
    return out


def _row(raw: dict[str, Any], index: int, keys: tuple[str, ...], stamps: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": raw.get("id") or _stable_id(raw, index)}
    row.update({key: raw.get(key) or "" for key in keys})
    row.update({name: raw.get(name) for name in stamps})
    return row


def open_suggestions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in data["suggestions"] if not s.get("declined")]


# ---- what each side owns --------------------------------------------------------------------------

def part_of(side: str, data: dict[str, Any]) -> Any:
    """The words one side owns, without who wrote them: what the other side may never change."""
    if side == PARENT_SIDE:
        return {
            "goals": [[g[k] for k in GOAL_KEYS] for g in data["goals"]],
            "our_words": data["our_words"],
            "answers": {a["id"]: [a[k] for k in PARENT_ANSWER_KEYS]
                        for a in data["alignment"] if any(a[k] for k in PARENT_ANSWER_KEYS)},
        }
    return {
        "agency_expects": data["agency_expects"],
        "rows": [[a["id"], *(a[k] for k in WORKER_ANSWER_KEYS)] for a in data["alignment"]],
    }


def _suggestions_content(data: dict[str, Any]) -> Any:
    return [[s["id"], *(s[k] for k in GOAL_KEYS)] for s in data["suggestions"]]


# ---- checking what was sent -----------------------------------------------------------------------

def _choice(choices: tuple[tuple[str, Any], ...]) -> fields.String:
    keys = ["", *(key for key, _label in choices)]
    return fields.String(validate=validate.OneOf(keys, error=_l("Please pick one of the choices.")))


def _text(limit: int) -> fields.String:
    return fields.String(validate=validate.Length(max=limit, error=_l("Please keep this under {max} letters.")))


class _Strict(Schema):
    error_messages = {  # noqa: RUF012 - marshmallow reads this class attribute
        "unknown": _l("There is no such field here."),
        "type": _l("This answer is not the right kind."),
    }

    class Meta:
        unknown = RAISE


class GoalIn(_Strict):
    id = fields.String(validate=validate.Length(max=40))
    goal = _text(200)
    kind = _choice(GOAL_KINDS)
    next_step = _text(200)


class RowIn(_Strict):
    id = fields.String(validate=validate.Length(max=40))
    expects = _text(200)
    worker_fit = _choice(FIT_CHOICES)
    my_view = _text(200)
    parent_fit = _choice(FIT_CHOICES)


def _rows(schema: type[Schema]) -> fields.List:
    return fields.List(fields.Nested(schema), validate=validate.Length(
        max=MAX_ROWS, error=_l("There can be at most {max} of these.")))


class GoalsIn(_Strict):
    goals = _rows(GoalIn)
    suggestions = fields.List(fields.Dict())  # sent back as it was read; compared, never written from here
    agency_expects = _text(2000)
    alignment = _rows(RowIn)
    our_words = _text(2000)


class SuggestionIn(_Strict):
    goal = fields.String(required=True, validate=validate.Length(
        min=1, max=200, error=_l("Please write the goal, in under 200 letters.")),
        error_messages={"required": _l("Please fill this in.")})
    kind = _choice(GOAL_KINDS)
    next_step = _text(200)


def tidied(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() if "\n" in value else " ".join(value.split())
    if isinstance(value, dict):
        return {key: tidied(item) for key, item in value.items() if key not in STAMP_KEYS}
    if isinstance(value, list):
        return [tidied(item) for item in value]
    return value


def checked(data: Any) -> dict[str, Any]:
    """What was sent, tidied and validated, with only the keys that were sent (raises ValidationError)."""
    if not isinstance(data, dict):
        raise ValidationError({"_schema": [_("This answer is not the right kind.")]})
    return GoalsIn().load(tidied(data))  # type: ignore[no-any-return]


# ---- a save -----------------------------------------------------------------------------------------

def merged(stored_raw: dict[str, Any], sent: dict[str, Any],
           membership: Membership) -> tuple[dict[str, Any], list[str]]:
    """The section after this member's save and the names of what changed; refused if it changes the other side's."""
    side = side_of(membership)
    stored = normalized(stored_raw)
    result = copy.deepcopy(stored)
    now = stamp(membership)
    for name in TEXTS:
        if name in sent and sent[name] != stored[name]:
            result[name] = sent[name]
            result["written"][name] = now
    if "goals" in sent:
        result["goals"] = _merge_rows(stored["goals"], sent["goals"], GOAL_KEYS, {"written": GOAL_KEYS}, now)
    if "alignment" in sent:
        result["alignment"] = _merge_rows(stored["alignment"], sent["alignment"], ROW_KEYS,
                                          {"worker_written": WORKER_ANSWER_KEYS,
                                           "parent_written": PARENT_ANSWER_KEYS}, now)
    if "suggestions" in sent and _suggestions_content(normalized({"suggestions": sent["suggestions"]})) \
            != _suggestions_content(stored):
        raise ValidationError({"suggestions": [str(SUGGESTIONS_ARE_ANSWERED)]})
    other = WORKER_SIDE if side == PARENT_SIDE else PARENT_SIDE
    if part_of(other, result) != part_of(other, stored):
        raise Refused(str(NOT_THE_PARENTS if other == PARENT_SIDE else NOT_THE_WORKERS))
    changed = [name for name in ("goals", "suggestions", "agency_expects", "alignment", "our_words")
               if result[name] != stored[name]]
    return result, changed


def _merge_rows(stored: list[dict[str, Any]], sent: list[dict[str, Any]], keys: tuple[str, ...],
                stamps: dict[str, tuple[str, ...]], now: dict[str, str]) -> list[dict[str, Any]]:
    """Sent rows over the stored ones with the same id; a part that changed is stamped with who sent it."""
    by_id = {row["id"]: row for row in stored}
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in sent:
        before = by_id.get(item.get("id", "")) if item.get("id") not in seen else None
        if before is None:  # a row sent without its id (an older page): the same words are the same row
            before = next((row for row in stored if row["id"] not in seen
                           and any(k in item for k in keys) and all(row[k] == item[k] for k in keys if k in item)),
                          None)
        row: dict[str, Any] = copy.deepcopy(before) if before else {
            "id": new_public_id(), **{k: "" for k in keys}, **dict.fromkeys(stamps)}
        row.update({k: item[k] for k in keys if k in item})
        if not any(row[k] for k in keys):
            continue  # a row where nothing is written is not kept
        for stamp_name, part in stamps.items():
            if any(row[k] != (before[k] if before else "") for k in part):
                row[stamp_name] = now
        seen.add(row["id"])
        rows.append(row)
    return rows


def suggested(stored_raw: dict[str, Any], sent: dict[str, Any], membership: Membership) -> dict[str, Any]:
    """The section with a worker's suggested goal added, attributed."""
    data = normalized(stored_raw)
    if len(open_suggestions(data)) >= MAX_OPEN_SUGGESTIONS:
        raise ValidationError({"goal": [_("There can be at most %(max)d open suggestions.", max=MAX_OPEN_SUGGESTIONS)]})
    data["suggestions"].append({"id": new_public_id(), "goal": sent["goal"], "kind": sent.get("kind", ""),
                                "next_step": sent.get("next_step", ""), "written": stamp(membership),
                                "declined": None})
    return data


def answered(stored_raw: dict[str, Any], suggestion_id: str, accept: bool,
             membership: Membership) -> dict[str, Any] | None:
    """The section after the parent says yes (it becomes their goal) or no to a suggestion; None if no such one."""
    data = normalized(stored_raw)
    suggestion = next((s for s in open_suggestions(data) if s["id"] == suggestion_id), None)
    if suggestion is None:
        return None
    if not accept:
        suggestion["declined"] = stamp(membership)
        return data
    if len(data["goals"]) >= MAX_ROWS:
        raise ValidationError({"goals": [_("There can be at most %(max)d goals.", max=MAX_ROWS)]})
    data["suggestions"].remove(suggestion)
    data["goals"].append({"id": suggestion["id"], **{k: suggestion[k] for k in GOAL_KEYS},
                          "written": stamp(membership), "suggested": suggestion["written"]})
    return data


def shown(stored_raw: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """What a form shows again after a refused save: the stored goals with what was sent laid over them."""
    data = normalized(stored_raw)
    for name in TEXTS:
        if isinstance(sent.get(name), str):
            data[name] = sent[name]
    for list_name in ("goals", "alignment"):
        if isinstance(sent.get(list_name), list):
            by_id = {row["id"]: row for row in data[list_name]}
            data[list_name] = [{**by_id.get(item.get("id", ""), {}), **item} for item in sent[list_name]
                               if isinstance(item, dict)]
    return data


# ---- the HTML form ------------------------------------------------------------------------------------

def from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """A submitted goals form in the API's shape, with only what the form carried (so nothing else is touched)."""
    data: dict[str, Any] = {name: form[name] for name in TEXTS if name in form}
    for list_name, keys in (("goals", ("id", *GOAL_KEYS)), ("alignment", ("id", *ROW_KEYS))):
        indexes = sorted({int(key.split("-")[1]) for key in form
                          if key.startswith(f"{list_name}-") and key.split("-")[1].isdigit()})
        if not indexes:
            continue
        rows = []
        for index in indexes[: MAX_ROWS + 2]:
            prefix = f"{list_name}-{index}-"
            if f"{prefix}remove" not in form:
                rows.append({key: form[prefix + key] for key in keys if prefix + key in form})
        data[list_name] = rows
    return data
