"""Gather the fridge copy from named plan fields only, and render it as a one-page PDF."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from harm import i18n
from harm.accounts.models import Account
from harm.errors import Invalid
from harm.extensions import db
from harm.families import roles
from harm.families.models import Membership
from harm.families.service import visible_sections
from harm.plans.reader import Person, read_plan

PAPERS = {"letter": "letter", "a4": "A4"}
# Past this many lines of the family's own words, the sheet uses a smaller type so it stays on one page.
DENSE_AT = 14


@dataclass
class FridgeSheet:
    """Only what belongs on the fridge. Goals, notes and anything else in the plan are never read."""

    family_name: str
    # The lockbox lines print only when the parent chose so: anyone who sees the fridge can read them.
    shows_lockbox: bool = False
    naloxone_places: list[str] = field(default_factory=list)
    lockbox_place: str = ""
    key_holder: str = ""
    who_checks: str = ""
    never_alone: str = ""
    children_know: list[tuple[str, str]] = field(default_factory=list)
    caregivers: list[Person] = field(default_factory=list)
    supports: list[Person] = field(default_factory=list)

    @property
    def dense(self) -> bool:
        lines = (len(self.naloxone_places) + len(self.children_know) + len(self.caregivers) + len(self.supports))
        return lines > DENSE_AT


def fridge_sheet(membership: Membership) -> FridgeSheet:
    shows_lockbox = membership.family.fridge_shows_lockbox
    # Left out, the lockbox lines are not even read: nothing of them can reach the page or the PDF.
    wanted = ("household", "naloxone", "overdose", "supports") + (("storage",) if shows_lockbox else ())
    plan = read_plan(membership.family_id, [key for key in wanted if key in visible_sections(membership)])
    return FridgeSheet(
        family_name=membership.family.name,
        shows_lockbox=shows_lockbox,
        naloxone_places=plan.naloxone_places,
        lockbox_place=plan.lockbox_place,
        key_holder=plan.key_holder,
        who_checks=plan.who_checks,
        never_alone=plan.never_alone,
        children_know=list(plan.children_know),
        caregivers=list(plan.backup_caregivers),
        supports=list(plan.supports),
    )


LOCKBOX_CHOICES = {"show": True, "hide": False}


def choose_lockbox_lines(membership: Membership, choice: str) -> None:
    """The parent's choice: print where the lockbox is and who has the key on the fridge copy, or not."""
    if choice not in LOCKBOX_CHOICES:
        raise Invalid(_("Please choose yes or no."))
    membership.family.fridge_shows_lockbox = LOCKBOX_CHOICES[choice]
    db.session.commit()


def copy_language(membership: Membership, asked: str | None) -> str:
    """The language the copy is printed in: the one asked for, else the family's (a parent's chosen
    language), else the reader's own. A caseworker then prints it in the family's language by default."""
    chosen = i18n.normalize(asked)
    if chosen:
        return chosen
    parents_languages = db.session.execute(
        select(Account.language).join(Membership, Membership.account_id == Account.id)
        .where(Membership.family_id == membership.family_id, Membership.role == roles.PARENT,
               Account.language.is_not(None))
        .order_by(Membership.id)
    ).scalars()
    for language in parents_languages:
        if code := i18n.normalize(language):
            return code
    return str(get_locale())


def _static_only_fetcher() -> Any:
    """WeasyPrint may read our own static files and nothing else: no network, no other file."""
    from weasyprint.urls import URLFetcher  # heavy (Pango, fonts): loaded with the first PDF, not in every worker

    static = Path(current_app.static_folder or "").resolve()

    class StaticOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("file://") or not Path(url.removeprefix("file://")).resolve().is_relative_to(static):
                raise ValueError("only the app's own static files")
            return super().fetch(url, headers)

    return StaticOnly(allowed_protocols=["file"])


def render_pdf(sheet: FridgeSheet, paper: str) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts): loaded with the first PDF, not in every worker

    static = Path(current_app.static_folder or "").resolve()
    html = render_template("fridge/pdf.html", sheet=sheet, paper=PAPERS.get(paper, "letter"),
                           static_root=static.as_uri())
    pdf = HTML(string=html, base_url=static.as_uri() + "/", url_fetcher=_static_only_fetcher()).write_pdf()
    return bytes(pdf or b"")
