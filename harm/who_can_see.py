"""What the "Who can see what" page says, built from the tables the code itself obeys, so the two cannot drift."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from harm.families import roles
from harm.families.capabilities import CAPABILITIES, PEER_SHARED_PARTS, SHARED_WITH_PEERS_BY_CHOICE, Capability
from harm.families.views import PEER_PART_NAMES
from harm.plans.sections import SECTIONS
from harm.reports.outcomes import OUTCOMES
from harm.reports.suppression import SMALLEST_SHOWN
from harm.sharing.service import LIFETIMES, PARTS
from harm.use_details import CATEGORIES

C = Capability

# Every capability in plain words: what a person on the plan may see, then what they may do.
SEEING: dict[Capability, object] = {
    C.VIEW_PLAN: _l("The plan"),
    C.SEE_PEOPLE: _l("Who is on the plan"),
    C.SEE_MILESTONES: _l("Milestones"),
    C.SEE_CHECKINS: _l("Check-ins"),
    C.SEE_REVIEWS: _l("Case reviews"),
    C.SEE_OUTCOMES: _l("Outcomes"),
    C.SEE_REFERRALS: _l("Referrals to services"),
    C.READ_USE_DETAILS: _l("Use details"),
    C.READ_ACCESS_LOG: _l("The list of who looked at use details"),
    C.EXPORT: _l("A copy of all the plan's data"),
}
DOING: dict[Capability, object] = {
    C.EDIT_SECTION: _l("Change the plan"),
    C.WRITE_GOALS: _l("Write the parent's goals"),
    C.WRITE_AGENCY_EXPECTATIONS: _l("Write what the agency expects"),
    C.SUGGEST_GOAL: _l("Suggest a goal, which the parent may take or turn down"),
    C.WRITE_REVIEW_PART: _l("Write the parent's part of a case review"),
    C.NOTE_ON_OUTCOMES: _l("Add a note to the outcomes"),
    C.CHOOSE_FRIDGE_LINES: _l("Choose if the fridge copy prints where the lockbox is"),
    C.ADD_MILESTONE: _l("Add a milestone"),
    C.RECORD_CHECKIN: _l("Write down a check-in"),
    C.OPEN_REVIEW: _l("Start a case review"),
    C.COMMENT_ON_REVIEW: _l("Comment on a case review"),
    C.RECORD_OUTCOMES: _l("Record outcomes for their agency"),
    C.PROPOSE_REFERRAL: _l("Suggest a referral to a service"),
    C.ANSWER_REFERRAL: _l("Say yes or no to a referral"),
    C.MOVE_REFERRAL: _l("Write down a referral's next step"),
    C.INVITE: _l("Invite people"),
    C.LEAVE_OR_REMOVE: _l("Leave the plan"),
    C.REMOVE_SOMEONE_ELSE: _l("Remove someone from the plan"),
    C.CHOOSE_PEER_SHARING: _l("Choose what peers see"),
    C.MAKE_SHARE_LINK: _l("Make a share link"),
    C.ISSUE_SIGNIN_CODE: _l("Give a parent or caregiver a code to get back in"),
    C.KEEP_USE_DETAILS: _l("Write use details"),
    C.MANAGE_CONSENTS: _l("Sign and stop consents"),
    C.DELETE_FAMILY: _l("Delete the plan"),
}

PLAN_BY_CHOICE = _l("only the parts you tick")
PART_BY_CHOICE = _l("only if you tick it")
BY_CONSENT = _l("only what a consent you signed names")
FIRST_PARENT_ONLY = _l("only a parent, on a plan that has none yet")


@dataclass(frozen=True)
class Item:
    capability: Capability
    words: object
    when: object | None  # the condition, or None when the role always has it


@dataclass(frozen=True)
class RoleAnswer:
    role: str
    name: object
    summary: object
    sees: list[Item]
    does: list[Item]


def _when(role: str, capability: Capability) -> object | None:
    # A peer reads plan sections the parent ticks (families.service.visible_sections), and the parts named here.
    if role == roles.PEER and capability == C.VIEW_PLAN:
        return PLAN_BY_CHOICE
    if role == roles.PEER and capability in SHARED_WITH_PEERS_BY_CHOICE:
        return PART_BY_CHOICE
    if capability == C.READ_USE_DETAILS and role != roles.PARENT:
        return BY_CONSENT
    if capability == C.INVITE and role == roles.CASEWORKER:
        return FIRST_PARENT_ONLY
    return None


def _items(role: str, words: dict[Capability, object]) -> list[Item]:
    return [Item(c, text, _when(role, c)) for c, text in words.items() if c in CAPABILITIES[role]]


def role_answers() -> list[RoleAnswer]:
    """For each role: what it may see and do, straight from the capability table."""
    return [RoleAnswer(role, roles.ROLE_NAMES[role], roles.ROLE_CAN[role], _items(role, SEEING), _items(role, DOING))
            for role in roles.ROLES]


def page_facts() -> dict[str, object]:
    """Everything the page lists, from the code's own tables."""
    return {
        "answers": role_answers(),
        "categories": list(CATEGORIES.values()),
        "peer_parts": [SECTIONS[key].title for key in SECTIONS] + [PEER_PART_NAMES[part] for part in PEER_SHARED_PARTS],
        "share_parts": list(PARTS.values()),
        "share_lifetimes": [label for label, _length in LIFETIMES.values()],
        "outcomes": list(OUTCOMES.values()),
        "smallest_shown": SMALLEST_SHOWN,
    }
