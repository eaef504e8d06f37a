"""What each consent status is called, and the right to revoke, in plain words."""
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
