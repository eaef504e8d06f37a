"""The five outcomes an agency tracks (seed: collaboration of medical, behavioral and social services)."""
from flask_babel import lazy_gettext as _l

OUTCOMES = {
    "recovery": _l("Parent making progress in recovery"),
    "at_home": _l("Children remain at home"),
    "reunified": _l("Family reunified"),
    "no_repeat_maltreatment": _l("No repeat maltreatment"),
    "no_reentry": _l("No re-entry to care"),
}
YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = {YES: _l("Yes"), NO: _l("No"), UNKNOWN: _l("Not known yet")}
