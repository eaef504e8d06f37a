"""The milestones a family can record, in plain words."""
from flask_babel import lazy_gettext as _l

OWN = "own"
KINDS = {
    "naloxone_in_home": _l("Naloxone kit in the home"),
    "household_trained": _l("Household trained on naloxone"),
    "lockbox_in_place": _l("Lockbox in place"),
    "overdose_plan_reviewed": _l("Overdose plan gone over with the household"),
    "backup_caregiver_agreed": _l("Backup caregiver said yes"),
    "support_added": _l("Support person added"),
    "plan_reviewed_at_visit": _l("Plan reviewed at a visit"),
    OWN: _l("Our own milestone"),
}


def label_of(kind: str, title: str) -> str:
    """What a milestone is called: the family's own words for their own, else its kind's name."""
    return title if kind == OWN else str(KINDS[kind])
