"""The overdose response steps, one screen each, with their pictures: the one source for the emergency flow,
the overdose guide, the fridge copy and its PDF.

They follow the five essential steps of SAMHSA's Opioid Overdose Prevention Toolkit (check for signs, call 911,
give naloxone, support breathing, watch the response), with the breathing question asked in so many words, so
nobody rolls a person who is not breathing onto their side and stops the breaths.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

SOURCE = _l("SAMHSA Opioid Overdose Prevention Toolkit, 2018. Substance Abuse and Mental Health Services "
            "Administration (SAMHSA), U.S. Department of Health and Human Services.")
# Said on every step from naloxone on; the timer adds to it but never replaces it (it is the page without JavaScript).
SECOND_DOSE_WAIT = _l("If they do not wake up 2 to 3 minutes after the first dose, give the second dose.")


@dataclass(frozen=True)
class Branch:
    """A yes-or-no question the reader answers by looking (its step's title), and what to do for each answer."""

    question: Any
    yes: Any
    no: Any


BREATHING = Branch(
    _l("Are they breathing?"),
    _l("Yes: put them on their side (the recovery position) and stay with them."),
    _l("No: keep giving breaths, one every 5 seconds, until they breathe or help arrives."),
)


@dataclass(frozen=True)
class Step:
    number: int
    picture: str
    title: Any
    text: Any
    alt: Any
    # Where the family's own facts belong: "naloxone" on the naloxone step, "contacts" at the end.
    shows: str = ""
    branch: Branch | None = None
    # From the naloxone step on, the second-dose wait is on the screen.
    after_naloxone: bool = False


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
         _l("Lay them on their back. Put the nozzle in one nostril. Push the plunger all the way."),
         _l("A naloxone nasal spray going into a nostril."), shows="naloxone", after_naloxone=True),
    Step(4, "4-breathing.svg", _l("Help them breathe"),
         _l("If they are not breathing, or breathe very slowly: tilt the head back and lift the chin. "
            "Pinch the nose. Give one breath every 5 seconds."),
         _l("A person gives rescue breaths to someone lying on their back."), after_naloxone=True),
    Step(5, "5-position.svg", BREATHING.question,
         _l("Look at their chest and listen for 5 seconds."),
         _l("A person who is breathing, lying on their side in the recovery position."), branch=BREATHING,
         after_naloxone=True),
    Step(6, "7-second-dose.svg", _l("Give a second dose if needed"),
         _l("If they do not wake up 2 to 3 minutes after the first dose, give a new spray in the other nostril. "
            "Then check their breathing again."),
         _l("A second naloxone spray and a clock showing 2 to 3 minutes."), after_naloxone=True),
    Step(7, "6-stay.svg", _l("Stay with them"),
         _l("Stay until help comes. Naloxone wears off in 30 to 90 minutes, and the overdose can come back. "
            "If they stop breathing, give breaths again."),
         _l("A person sits beside someone lying on their side."), shows="contacts", after_naloxone=True),
)

STEP_COUNT = len(STEPS)
# The step a "give the second dose" call to action leads to.
SECOND_DOSE_STEP = 6


def step(number: int) -> Step | None:
    return STEPS[number - 1] if 1 <= number <= STEP_COUNT else None
