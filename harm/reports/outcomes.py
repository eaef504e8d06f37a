"""The five outcomes an agency tracks (seed: collaboration of medical, behavioral and social services).

Each is explained to the family in plain words, and the parent can add their own note to it.
"""
from __future__ import annotations

import logging
from collections import defaultdict

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from harm.errors import Invalid
from harm.extensions import db
from harm.families.models import Membership
from harm.reports.models import NOTE_LIMIT, OutcomeNote

log = logging.getLogger(__name__)

OUTCOMES = {
    "recovery": _l("Parent making progress in recovery"),
    "at_home": _l("Children remain at home"),
    "reunified": _l("Family reunified"),
    "no_repeat_maltreatment": _l("No repeat maltreatment"),
    "no_reentry": _l("No re-entry to care"),
}
# What each outcome means, for the family: short words, no blame.
EXPLAINED = {
    "recovery": _l("This is about how your recovery is going, as your caseworker sees it. "
                   "Recovery looks different for each person. Small steps count."),
    "at_home": _l("This means your children still live at home with you."),
    "reunified": _l("If your children lived away from home for a time, this means they are back home with you."),
    "no_repeat_maltreatment": _l("Since your case began, no new report about your children's safety "
                                 "has been found true."),
    "no_reentry": _l("This means your children did not go back into foster care once they came home."),
}
YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = {YES: _l("Yes"), NO: _l("No"), UNKNOWN: _l("Not known yet")}


def notes_of(membership: Membership) -> dict[str, list[OutcomeNote]]:
    """The parent's notes on each outcome, oldest first."""
    notes: dict[str, list[OutcomeNote]] = defaultdict(list)
    for note in db.session.execute(
        select(OutcomeNote).options(joinedload(OutcomeNote.account))
        .where(OutcomeNote.family_id == membership.family_id).order_by(OutcomeNote.id)
    ).scalars():
        notes[note.outcome].append(note)
    return notes


def add_note(membership: Membership, outcome: str, text: str) -> OutcomeNote:
    """Keep the parent's own note on one outcome, with who wrote it and when."""
    if outcome not in OUTCOMES:
        raise Invalid(_("Please pick one of the choices."))
    cleaned = (text or "").strip()
    if not cleaned:
        raise Invalid(_("Please write your note first."))
    if len(cleaned) > NOTE_LIMIT:
        raise Invalid(_("Please keep this under %(limit)d letters.", limit=NOTE_LIMIT))
    note = OutcomeNote(family_id=membership.family_id, outcome=outcome, text=cleaned,
                       account_id=membership.account_id, role=membership.role)
    db.session.add(note)
    db.session.commit()
    log.info("outcome note added")
    return note
