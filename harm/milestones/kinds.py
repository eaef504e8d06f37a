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

# A step of a referral, written by the app and never offered to pick: its title is the step, and the words name
# neither the service nor the program.
REFERRAL = "referral"
REFERRAL_STEPS = {
    "proposed": _l("A referral was made"),
    "talk": _l("The parent asked to talk about a referral"),
    "agreed": _l("The parent said yes to a referral"),
    "parent_declined": _l("The parent said no to a referral"),
    "sent": _l("A referral was sent"),
    "accepted": _l("A program said yes to a referral"),
    "provider_declined": _l("A program said no to a referral"),
    "intake_scheduled": _l("A first visit was set"),
    "intake_attended": _l("Went to a first visit"),
    "engaged": _l("Taking part in a program"),
    "completed": _l("Finished a program"),
    "withdrawn": _l("A referral was stopped"),
}


def label_of(kind: str, title: str) -> str:
    """What a milestone is called: the family's own words for their own, else its kind's name."""
    if kind == REFERRAL:
        return str(REFERRAL_STEPS.get(title, _l("A step in a referral")))
    return title if kind == OWN else str(KINDS[kind])
