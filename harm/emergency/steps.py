"""The overdose response steps, one screen each, with their pictures."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Step:
    number: int
    picture: str
    title: Any
    text: Any
    alt: Any
    # Where the family's own facts belong: "naloxone" on the naloxone step, "contacts" at the end.
    shows: str = ""
    timer: bool = False


STEPS: tuple[Step, ...] = (
    Step(1, "1-check.svg", _l("Check if they wake up"),
         _l("Shout their name. Rub the middle of their chest hard with your knuckles. "
            "Look for slow or no breathing, and blue or gray lips."),
         _l("A person kneels and rubs the chest of someone lying down.")),
    Step(2, "2-call.svg", _l("Call 911"),
         _l("Say where you are and that someone is not breathing or will not wake up. "
            "Most states have Good Samaritan laws that protect people who call for help."),
         _l("A hand holds a phone calling 911.")),
    Step(3, "3-naloxone.svg", _l("Give naloxone"),
         _l("Lay them on their back. Put the nozzle in one nostril. Push the plunger all the way. "
            "Then start the timer."),
         _l("A naloxone nasal spray going into a nostril."), shows="naloxone", timer=True),
    Step(4, "4-breathing.svg", _l("Help them breathe"),
         _l("Tilt the head back and lift the chin. Pinch the nose. Give one breath every 5 seconds."),
         _l("A person gives rescue breaths to someone lying on their back.")),
    Step(5, "5-position.svg", _l("Put them on their side"),
         _l("Roll them onto their side, top knee bent, hand under the head. "
            "This keeps the airway open if they throw up."),
         _l("A person lying on their side in the recovery position."), timer=True),
    Step(6, "6-stay.svg", _l("Stay with them"),
         _l("Stay until help comes. Naloxone wears off in 30 to 90 minutes, and the overdose can come back."),
         _l("A person sits beside someone lying on their side."), timer=True),
    Step(7, "7-second-dose.svg", _l("Give a second dose if needed"),
         _l("If they do not wake up or breathe better after 2 to 3 minutes, give a second dose in the other nostril."),
         _l("A second naloxone spray and a clock showing 2 to 3 minutes."), shows="contacts", timer=True),
)

STEP_COUNT = len(STEPS)


def step(number: int) -> Step | None:
    return STEPS[number - 1] if 1 <= number <= STEP_COUNT else None
