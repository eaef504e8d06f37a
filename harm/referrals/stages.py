"""The kinds of service, the parent's answers and the stages of a referral, in plain words."""
from flask_babel import lazy_gettext as _l

SERVICES = {
    "substance_use_treatment": _l("Substance use treatment"),
    "moud": _l("Medicine for opioid use disorder"),
    "mental_health": _l("Mental health"),
    "peer_recovery": _l("Peer recovery support"),
    "home_visiting": _l("Home visiting"),
    "early_intervention": _l("Early intervention for a child"),
    "parenting": _l("Parenting support"),
    "housing": _l("Housing"),
    "other": _l("Other"),
}

AGREE, TALK, DECLINE = "agree", "talk", "decline"
ANSWERS = {
    AGREE: _l("Yes, send it"),
    TALK: _l("I want to talk about it first"),
    DECLINE: _l("No, thank you"),
}

PROPOSED, AGREED, SENT, ACCEPTED, PROVIDER_DECLINED = "proposed", "agreed", "sent", "accepted", "provider_declined"
INTAKE_SCHEDULED, INTAKE_ATTENDED, ENGAGED, COMPLETED = "intake_scheduled", "intake_attended", "engaged", "completed"
WITHDRAWN, PARENT_DECLINED = "withdrawn", "parent_declined"

STAGES = {
    PROPOSED: _l("Waiting for the parent's answer"),
    AGREED: _l("The parent said yes"),
    PARENT_DECLINED: _l("The parent said no"),
    SENT: _l("Sent to the program"),
    ACCEPTED: _l("The program said yes"),
    PROVIDER_DECLINED: _l("The program said no"),
    INTAKE_SCHEDULED: _l("First visit set"),
    INTAKE_ATTENDED: _l("Went to the first visit"),
    ENGAGED: _l("Taking part"),
    COMPLETED: _l("Finished"),
    WITHDRAWN: _l("Stopped"),
}
# How far along each stage is: a referral only moves to a stage further along (or is stopped).
RANK = {PROPOSED: 0, AGREED: 1, PARENT_DECLINED: 1, SENT: 2, ACCEPTED: 3, PROVIDER_DECLINED: 3,
        INTAKE_SCHEDULED: 4, INTAKE_ATTENDED: 5, ENGAGED: 6, COMPLETED: 7, WITHDRAWN: 8}
CLOSED = frozenset({PARENT_DECLINED, PROVIDER_DECLINED, COMPLETED, WITHDRAWN})
# The stages a member moves a referral to; "agreed" and "the parent said no" come only from the parent's answer.
MOVES = (SENT, ACCEPTED, PROVIDER_DECLINED, INTAKE_SCHEDULED, INTAKE_ATTENDED, ENGAGED, COMPLETED, WITHDRAWN)
# Sent, and no first visit set yet: these can become overdue.
WAITING_FOR_INTAKE = (SENT, ACCEPTED)
