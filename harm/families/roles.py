"""Roles in a family, and how they are named and described (what each may do: capabilities.py)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

PARENT = "parent"
CAREGIVER = "caregiver"
CASEWORKER = "caseworker"
PEER = "peer"
ROLES = (PARENT, CAREGIVER, CASEWORKER, PEER)

ROLE_NAMES = {
    PARENT: _l("Parent"),
    CAREGIVER: _l("Caregiver"),
    CASEWORKER: _l("Caseworker"),
    PEER: _l("Peer recovery specialist"),
}
# The same names inside a sentence ("join as caseworker"), written as each language writes a role there.
ROLE_NAMES_IN_TEXT = {
    PARENT: lazy_pgettext("role inside a sentence", "parent"),
    CAREGIVER: lazy_pgettext("role inside a sentence", "caregiver"),
    CASEWORKER: lazy_pgettext("role inside a sentence", "caseworker"),
    PEER: lazy_pgettext("role inside a sentence", "peer recovery specialist"),
}

# What the parent is told each role can do, in plain words.
ROLE_CAN = {
    PARENT: _l("Owns the plan. Can see and change everything, invite people and remove them."),
    CAREGIVER: _l("Can see and change the plan and add milestones."),
    CASEWORKER: _l("Can see and change the plan with you and add milestones."),
    PEER: _l("Can see only the parts of the plan you share with peers, and add milestones."),
}
