"""Plan fields described once, and turned into a marshmallow schema and an HTML form."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, pre_load, validate
from werkzeug.datastructures import MultiDict

from harm.dates import Day

TEXT = "text"
LONG_TEXT = "textarea"
YES_NO = "bool"
ONE_OF = "choice"
SOME_OF = "choices"
DATE = "date"
PHONE = "phone"
LIST = "list"

TEXT_LIMIT = 120
LONG_TEXT_LIMIT = 2000
PHONE_PATTERN = r"^\+?[0-9(][0-9 ()\-.]{1,22}[0-9]$"


def _messages() -> dict[str, Any]:
    return {
        "invalid": _l("This answer is not the right kind."),
        "required": _l("Please fill this in."),
        "null": _l("Please fill this in."),
    }


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    kind: str = TEXT
    hint: Any = None
    choices: tuple[tuple[str, Any], ...] = ()
    items: tuple[Field, ...] = ()
    max_items: int = 12
    limit: int = TEXT_LIMIT

    def empty(self) -> Any:
        return {YES_NO: False, SOME_OF: [], LIST: [], DATE: None}.get(self.kind, "")

    def marshmallow_field(self) -> fields.Field:
        """The validating field for this plan field (also used by the API)."""
        errors = _messages()
        if self.kind == YES_NO:
            return fields.Boolean(load_default=False, error_messages=errors)
        if self.kind == DATE:
            errors["invalid"] = _l("Please give a date like 2027-03-31.")
            return Day(load_default=None, allow_none=True, error_messages=errors)
        if self.kind == ONE_OF:
            keys = [""] + [key for key, _label in self.choices]
            return fields.String(
                load_default="",
                validate=validate.OneOf(keys, error=_l("Please pick one of the choices.")),
                error_messages=errors,
            )
        if self.kind == SOME_OF:
            keys = [key for key, _label in self.choices]
            choice = fields.String(validate=validate.OneOf(keys, error=_l("Please pick one of the choices.")))
            return fields.List(choice, load_default=list, error_messages=errors)
        if self.kind == LIST:
            item_schema = schema_for(self.items)
            return fields.List(
                fields.Nested(item_schema),
                load_default=list,
                validate=validate.Length(
                    max=self.max_items, error=_l("There can be at most {max} of these.")
                ),
                error_messages=errors,
            )
        checks: list[Any] = [
            validate.Length(max=self.limit, error=_l("Please keep this under {max} letters."))
        ]
        if self.kind == PHONE:
            checks.append(
                _unless_empty(
                    validate.Regexp(
                        PHONE_PATTERN,
                        error=_l("Please give a phone number with digits, like 555-010-0199."),
                    )
                )
            )
        return fields.String(
            load_default="", validate=validate.And(*checks) if len(checks) > 1 else checks[0],
            error_messages=errors,
        )


class _StrictSchema(Schema):
    error_messages = {  # marshmallow reads this class attribute
        "unknown": _l("There is no such field here."),
        "type": _l("This answer is not the right kind."),
    }

    class Meta:
        unknown = RAISE

    @pre_load
    def _tidy_text(self, data: Any, **kwargs: Any) -> Any:
        if isinstance(data, dict):
            return {key: _tidy(value) for key, value in data.items()}
        return data


def _tidy(value: Any) -> Any:
    """Trim text; single lines also lose doubled spaces, notes keep their line breaks."""
    if not isinstance(value, str):
        return value
    return value.strip() if "\n" in value else " ".join(value.split())


def _unless_empty(check: Any) -> Any:
    def run(value: str) -> Any:
        return value if value == "" else check(value)

    return run


def schema_for(plan_fields: tuple[Field, ...]) -> type[Schema]:
    """A marshmallow schema class for a tuple of plan fields."""
    attrs: dict[str, Any] = {f.name: f.marshmallow_field() for f in plan_fields}
    return _StrictSchema.from_dict(attrs)


def drop_empty_items(plan_fields: tuple[Field, ...], data: dict[str, Any]) -> dict[str, Any]:
    """Rows of a list where nothing was written are not kept."""
    for f in plan_fields:
        if f.kind == LIST:
            data[f.name] = [item for item in data.get(f.name, []) if any(item.values())]
    return data


def from_form(plan_fields: tuple[Field, ...], form: MultiDict[str, str]) -> dict[str, Any]:
    """Turn a submitted HTML form into the same shape the API takes."""
    data: dict[str, Any] = {}
    for f in plan_fields:
        if f.kind == LIST:
            data[f.name] = _list_from_form(f, form)
        else:
            data[f.name] = _value_from_form(f, f.name, form)
    return data


def _value_from_form(f: Field, name: str, form: MultiDict[str, str]) -> Any:
    if f.kind == YES_NO:
        return name in form
    if f.kind == SOME_OF:
        if form.get(f"{name}-all") == "yes":  # the form's "All of these" box
            return [key for key, _label in f.choices]
        return form.getlist(name)
    if f.kind == DATE:
        return form.get(name) or None
    return form.get(name, "")


def _list_from_form(f: Field, form: MultiDict[str, str]) -> list[dict[str, Any]]:
    indexes = sorted(
        {int(key.split("-")[1]) for key in form if key.startswith(f"{f.name}-") and key.split("-")[1].isdigit()}
    )
    items = []
    for index in indexes[: f.max_items + 2]:
        prefix = f"{f.name}-{index}-"
        if f"{prefix}remove" in form:
            continue
        items.append({sub.name: _value_from_form(sub, prefix + sub.name, form) for sub in f.items})
    return items


