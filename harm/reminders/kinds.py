"""The kinds of reminder, and the words a notification may use when the person chose details."""
from flask_babel import lazy_gettext as _l

NALOXONE = "naloxone_expiry"
PLAN_REVIEW = "plan_review"
CHECKIN = "checkin"
OWN = "own"

KINDS = {
    NALOXONE: _l("A naloxone kit is expiring (30 and 7 days before)"),
    PLAN_REVIEW: _l("Plan review date"),
    CHECKIN: _l("Next check-in or visit"),
    OWN: _l("My own reminder"),
}
# Kinds about a family's plan need a family; the naloxone one takes its dates from the plan.
FAMILY_KINDS = {NALOXONE, PLAN_REVIEW, CHECKIN}
# Kinds whose date comes from the family's plan (the next review, the next check-in or visit), never typed in.
PLAN_DATED_KINDS = {PLAN_REVIEW, CHECKIN}
# The one kind whose date the person types.
DATED_KINDS = {OWN}

REPEATS = {
    "none": _l("Once"),
    "daily": _l("Every day"),
    "weekly": _l("Every week"),
    "monthly": _l("Every month"),
}

DETAIL_TEXT = {
    NALOXONE: _l("A naloxone kit in your plan expires soon."),
    PLAN_REVIEW: _l("It is time to review your plan."),
    CHECKIN: _l("You have a check-in or visit coming up."),
}
