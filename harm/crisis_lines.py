"""Phone lines for a crisis, on the plan, the fridge copy and the public guides."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Crisis lines are part of every plan from the start; they are not editable.
CRISIS_LINES = (
    (_l("Emergency"), "911"),
    (_l("Suicide and Crisis Lifeline"), "988"),
    (_l("Poison Help"), "1-800-222-1222"),
    (_l("SAMHSA National Helpline (free, private, 24/7)"), "1-800-662-4357"),
    (_l("Never Use Alone line"), "1-800-484-3731"),
)
