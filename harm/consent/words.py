"""What each consent status is called, the right to revoke, and what happens next, in plain words."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from harm.consent.models import ACTIVE, AGENCY, DRAFT, EXPIRED, REPLACED, REVOKED
from harm.families.roles import ROLE_NAMES

STATUS_NAMES = {
    DRAFT: _l("Not signed yet (not in force)"),
    ACTIVE: _l("In force"),
    EXPIRED: _l("Ended on its last day"),
    REVOKED: _l("Stopped by you"),
    REPLACED: _l("Replaced by a newer version"),
}

RIGHT_TO_REVOKE = _l(
    "You can stop this consent at any time, with one tap on the Stop sharing button in Family Plan. "
    "Stopping it does not undo what was already seen before you stopped it."
)

# What a recipient is called on the consent: a person's role in the family, or "Agency".
RECIPIENT_ROLE_NAMES = {**ROLE_NAMES, AGENCY: _l("Agency")}

# What the people a consent names may do with what they see, said before the legal notice (grade 6 or below).
NOT_PASSED_ON = _l(
    "They may not pass it on. They may not give it to child protective services, to a court, or to anyone else, "
    "unless you sign a new consent that names who gets it."
)
NOT_IN_COURT = _l("This consent does not let anyone use it in a court case against you.")
CHILD_SAFETY = _l("If a worker thinks a child is not safe, the law still says they must report that.")
STOPPING = _l("If you stop sharing, they cannot see it from then on. But stopping cannot undo what they already saw.")


def what_happens_next(names: list[str] | None = None, purpose: str | None = None) -> list[str]:
    """The plain words on a consent: for the people it names and the reason it gives, or in general on the form."""
    if names and purpose:
        use = _("%(names)s may use it only for the reason you gave: “%(purpose)s”", names=", ".join(names),
                purpose=purpose)
    else:
        use = _("The people you name may use it only for the reason you give.")
    return [use, str(NOT_PASSED_ON), str(NOT_IN_COURT), str(CHILD_SAFETY), str(STOPPING)]
