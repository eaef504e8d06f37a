"""What each role may do in a family: one capability per kind of action, one table for every route."""
from __future__ import annotations

from enum import StrEnum

from harm.families.roles import CAREGIVER, CASEWORKER, PARENT, PEER


class Capability(StrEnum):
    """One kind of action in a family; every family-scoped route declares the one it needs."""

    VIEW_PLAN = "view the plan"
    EDIT_SECTION = "edit a section"
    WRITE_GOALS = "write the parent's goals and the parent's answers"
    WRITE_AGENCY_EXPECTATIONS = "write what the agency expects and the agency's answers"
    SUGGEST_GOAL = "suggest a goal to the parent"
    SEE_MILESTONES = "see milestones"
    ADD_MILESTONE = "add a milestone"
    SEE_CHECKINS = "see check-ins"
    RECORD_CHECKIN = "record a check-in"
    SEE_REVIEWS = "see joint reviews"
    OPEN_REVIEW = "write a joint review"
    COMMENT_ON_REVIEW = "comment on a joint review"
    WRITE_REVIEW_PART = "write the parent's own part of a joint review"
    SEE_REFERRALS = "see referrals"
    PROPOSE_REFERRAL = "propose a referral"
    ANSWER_REFERRAL = "answer a referral as the parent"
    MOVE_REFERRAL = "record a referral's next step"
    SEE_OUTCOMES = "see outcomes"
    RECORD_OUTCOMES = "record outcomes"
    NOTE_ON_OUTCOMES = "add the parent's own note to an outcome"
    SEE_PEOPLE = "see the people"
    INVITE = "invite"
    LEAVE_OR_REMOVE = "leave, or remove someone"
    REMOVE_SOMEONE_ELSE = "remove someone else"
    CHOOSE_PEER_SHARING = "choose what peers see"
    CHOOSE_FRIDGE_LINES = "choose what the fridge copy prints"
    MAKE_SHARE_LINK = "make a share link"
    ISSUE_SIGNIN_CODE = "issue a worker-assisted sign-in or recovery code"
    KEEP_USE_DETAILS = "keep use details"
    READ_USE_DETAILS = "read use details under consent"
    MANAGE_CONSENTS = "manage consents"
    READ_ACCESS_LOG = "read the access log"
    EXPORT = "export"
    DELETE_FAMILY = "delete the family"


C = Capability
EVERY_MEMBER = frozenset({C.VIEW_PLAN, C.SEE_MILESTONES, C.ADD_MILESTONE, C.SEE_CHECKINS, C.SEE_REVIEWS,
                          C.COMMENT_ON_REVIEW, C.SEE_OUTCOMES, C.SEE_PEOPLE, C.LEAVE_OR_REMOVE,
                          C.READ_USE_DETAILS})
PLAN_EDITOR = EVERY_MEMBER | {C.EDIT_SECTION}
# Referrals are between the parent and the workers helping them (not a caregiver); only the parent answers one.
REFERRALS = frozenset({C.SEE_REFERRALS, C.PROPOSE_REFERRAL, C.MOVE_REFERRAL})

# The one table: which role has which capability.
CAPABILITIES: dict[str, frozenset[Capability]] = {
    # The parent's own voice: their goals, their part of a review, their notes on outcomes.
    PARENT: PLAN_EDITOR | {C.WRITE_GOALS, C.WRITE_REVIEW_PART, C.NOTE_ON_OUTCOMES, C.INVITE, C.REMOVE_SOMEONE_ELSE,
                           C.CHOOSE_PEER_SHARING, C.CHOOSE_FRIDGE_LINES, C.MAKE_SHARE_LINK, C.KEEP_USE_DETAILS,
                           C.MANAGE_CONSENTS, C.READ_ACCESS_LOG, C.EXPORT, C.DELETE_FAMILY, C.ANSWER_REFERRAL}
    | REFERRALS,
    # A caregiver joins only on the parent's invitation, and writes the goals with the parent.
    CAREGIVER: PLAN_EDITOR | {C.WRITE_GOALS},
    # A caseworker invites only a family's first parent; the service checks which role is invited.
    CASEWORKER: PLAN_EDITOR | {C.WRITE_AGENCY_EXPECTATIONS, C.SUGGEST_GOAL, C.RECORD_CHECKIN, C.OPEN_REVIEW,
                               C.RECORD_OUTCOMES, C.INVITE, C.ISSUE_SIGNIN_CODE} | REFERRALS,
    PEER: EVERY_MEMBER | {C.RECORD_CHECKIN, C.OPEN_REVIEW} | REFERRALS,
}

# A peer has these only while the parent shares the part of the plan named here ("what peers see").
SHARED_WITH_PEERS_BY_CHOICE: dict[Capability, str] = {
    C.SEE_CHECKINS: "checkins",
    C.RECORD_CHECKIN: "checkins",
    C.SEE_REVIEWS: "reviews",
    C.OPEN_REVIEW: "reviews",
    C.COMMENT_ON_REVIEW: "reviews",
    C.SEE_OUTCOMES: "outcomes",
    C.SEE_REFERRALS: "referrals",
    C.PROPOSE_REFERRAL: "referrals",
    C.MOVE_REFERRAL: "referrals",
}
PEER_SHARED_PARTS = tuple(dict.fromkeys(SHARED_WITH_PEERS_BY_CHOICE.values()))

# Closed to an account under a worker-assisted recovery hold, whatever its role allows.
CLOSED_DURING_RECOVERY_HOLD = frozenset({
    C.KEEP_USE_DETAILS, C.READ_USE_DETAILS, C.MANAGE_CONSENTS, C.READ_ACCESS_LOG, C.EXPORT, C.DELETE_FAMILY, C.INVITE,
    C.REMOVE_SOMEONE_ELSE, C.CHOOSE_PEER_SHARING, C.CHOOSE_FRIDGE_LINES, C.MAKE_SHARE_LINK, C.ISSUE_SIGNIN_CODE,
})


def role_may(role: str, capability: Capability, shared_with_peers: list[str] | None = None) -> bool:
    """Whether this role has the capability, in a family sharing these parts with peers."""
    if capability not in CAPABILITIES.get(role, frozenset()):
        return False
    if role == PEER and capability in SHARED_WITH_PEERS_BY_CHOICE:
        return SHARED_WITH_PEERS_BY_CHOICE[capability] in (shared_with_peers or [])
    return True
