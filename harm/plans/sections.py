"""The six plan sections: their fields, and when each counts as done."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from flask_babel import lazy_gettext as _l

from harm.plans.fields import (
    DATE,
    LIST,
    LONG_TEXT,
    LONG_TEXT_LIMIT,
    ONE_OF,
    PHONE,
    SOME_OF,
    YES_NO,
    Field,
    schema_for,
)

OUR_WORDS = Field("our_words", _l("In our own words"), LONG_TEXT, limit=LONG_TEXT_LIMIT,
                  hint=_l("Anything else you want in this part of the plan."))

AGE_RANGES = (
    ("0-5", _l("Baby or young child (0 to 5)")),
    ("6-12", _l("Child (6 to 12)")),
    ("13-17", _l("Teen (13 to 17)")),
    ("adult", _l("Adult (18 or older)")),
)
RESPONSE_STEPS = (
    ("call_911", _l("Call 911")),
    ("give_naloxone", _l("Give naloxone")),
    ("support_breathing", _l("Help them breathe (rescue breaths)")),
    ("recovery_position", _l("Put them in the recovery position")),
    ("stay_second_dose", _l("Stay with them. Give a second dose after 2 to 3 minutes if they do not wake up")),
)
SUPPORT_KINDS = (
    ("family", _l("Family or friend")),
    ("peer", _l("Peer support")),
    ("professional", _l("Professional")),
    ("place", _l("Place")),
)
GOAL_KINDS = (
    ("safer", _l("Safer practices")),
    ("less", _l("Use less")),
    ("none", _l("Stop using")),
    ("family", _l("A family or life goal")),
)
FIT_CHOICES = (
    ("agree", _l("We agree")),
    ("differ", _l("We see it differently")),
    ("talk", _l("We need to talk about it")),
)
LOCKBOX_CONTENTS = (
    ("medicines", _l("Medicines")),
    ("substances", _l("Substances")),
    ("supplies", _l("Supplies")),
)


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    intro: Any
    done_when: Any
    fields: tuple[Field, ...]
    is_done: Callable[[dict[str, Any]], bool]

    @cached_property
    def schema_class(self) -> Any:
        return schema_for(self.fields)

    def schema(self) -> Any:
        return self.schema_class()

    def empty_data(self) -> dict[str, Any]:
        return {f.name: f.empty() for f in self.fields}

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _filled(items: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [item for item in items if all(item.get(name) for name in names)]


HOUSEHOLD = Section(
    key="household",
    title=_l("Our household"),
    intro=_l("Who lives here, and who will care for the children if you cannot."),
    done_when=_l("Done when at least one person in the home and one backup caregiver who said yes are written down."),
    fields=(
        Field("members", _l("People in our home"), LIST, max_items=12,
              hint=_l("A first name or a nickname is enough."),
              items=(Field("name", _l("Name or nickname"), limit=40),
                     Field("age_range", _l("Age"), ONE_OF, choices=AGE_RANGES))),
        Field("backup_caregivers", _l("Backup caregivers"), LIST, max_items=6,
              hint=_l("People who will care for the children if you cannot."),
              items=(Field("name", _l("Name"), limit=60),
                     Field("phone", _l("Phone"), PHONE, limit=25),
                     Field("agreed", _l("They said yes"), YES_NO))),
        OUR_WORDS,
    ),
    is_done=lambda d: bool(_filled(d.get("members", []), "name"))
    and bool(_filled(d.get("backup_caregivers", []), "name", "agreed")),
)

STORAGE = Section(
    key="storage",
    title=_l("Safe storage"),
    intro=_l("Keep medicines, substances and supplies locked up and out of children's reach."),
    done_when=_l("Done when the lockbox is in place, you wrote where it is, and it is out of children's reach."),
    fields=(
        Field("has_lockbox", _l("We have a lockbox"), YES_NO),
        Field("location", _l("Where the lockbox is"), limit=120),
        Field("key_holder", _l("Who holds the key"), limit=80,
              hint=_l("Write who has the key. Never write the lock's code here.")),
        Field("contents", _l("What goes in it"), SOME_OF, choices=LOCKBOX_CONTENTS),
        Field("out_of_reach", _l("It is out of children's reach"), YES_NO),
        OUR_WORDS,
    ),
    is_done=lambda d: bool(d.get("has_lockbox") and d.get("location") and d.get("out_of_reach")),
)

NALOXONE = Section(
    key="naloxone",
    title=_l("Naloxone"),
    intro=_l("Naloxone (Narcan) can reverse an opioid overdose. Keep it where people can find it fast."),
    done_when=_l("Done when a kit with its place and expiry date is written down, and someone in the home is trained."),
    fields=(
        Field("kits", _l("Naloxone kits in our home"), LIST, max_items=8,
              items=(Field("location", _l("Where it is kept"), limit=80),
                     Field("expires", _l("Expiry date"), DATE))),
        Field("trained", _l("Who in the home knows how to use it"), limit=200),
        Field("get_more", _l("Where we can get more"), limit=200,
              hint=_l("For example a pharmacy, a health department or a harm reduction program.")),
        OUR_WORDS,
    ),
    is_done=lambda d: bool(_filled(d.get("kits", []), "location", "expires")) and bool(d.get("trained")),
)

OVERDOSE = Section(
    key="overdose",
    title=_l("Overdose response plan"),
    intro=_l("What everyone in the home does if someone may be overdosing."),
    done_when=_l("Done when everyone has gone over all five steps and you wrote who checks on you."),
    fields=(
        Field("steps_known", _l("Steps our household has gone over"), SOME_OF, choices=RESPONSE_STEPS),
        Field("who_checks", _l("Who checks on me"), limit=120,
              hint=_l("Someone who will check on you, so you are never alone.")),
        Field("never_alone", _l("If I am alone, I will"), limit=200,
              hint=_l("For example call the Never Use Alone line: 1-800-484-3731.")),
        Field("children_know", _l("What each child knows to do"), LIST, max_items=8,
              hint=_l("Fit it to their age: a young child can go get a trusted adult."),
              items=(Field("name", _l("Child's name or nickname"), limit=40),
                     Field("knows", _l("What they know to do"), limit=200))),
        OUR_WORDS,
    ),
    is_done=lambda d: len(d.get("steps_known", [])) == len(RESPONSE_STEPS) and bool(d.get("who_checks")),
)

SUPPORTS = Section(
    key="supports",
    title=_l("Supports"),
    intro=_l("People and places that help our family. Tap a number to call."),
    done_when=_l("Done when at least one support person has a phone number."),
    fields=(
        Field("people", _l("Our supports"), LIST, max_items=15,
              items=(Field("name", _l("Name or place"), limit=60),
                     Field("kind", _l("Kind of support"), ONE_OF, choices=SUPPORT_KINDS),
                     Field("phone", _l("Phone"), PHONE, limit=25))),
        OUR_WORDS,
    ),
    is_done=lambda d: bool(_filled(d.get("people", []), "name", "phone")),
)

GOALS = Section(
    key="goals",
    title=_l("Goals"),
    intro=_l("Your goals, in your words. You choose them. Any step that keeps you and your family safer counts."),
    done_when=_l("Done when you wrote at least one goal."),
    fields=(
        Field("goals", _l("My goals"), LIST, max_items=8,
              items=(Field("goal", _l("Goal"), limit=200),
                     Field("kind", _l("Kind of goal"), ONE_OF, choices=GOAL_KINDS),
                     Field("next_step", _l("Next step"), limit=200))),
        Field("agency_expects", _l("What the agency expects"), LONG_TEXT, limit=LONG_TEXT_LIMIT,
              hint=_l("If an agency asks things of you, write them here. "
                      "Then you can talk about how they fit your goals.")),
        # Goal alignment: each expectation beside the parent's view, marked agree or differ.
        Field("alignment", _l("Side by side: what the agency expects and my goals"), LIST, max_items=8,
              hint=_l("Write one thing the agency expects, how it fits your goals, and if you agree. "
                      "Differences are fine. They are something to talk about openly."),
              items=(Field("expects", _l("The agency expects"), limit=200),
                     Field("my_view", _l("How it fits my goals"), limit=200),
                     Field("fit", _l("Do we agree?"), ONE_OF, choices=FIT_CHOICES))),
        OUR_WORDS,
    ),
    is_done=lambda d: bool(_filled(d.get("goals", []), "goal")),
)

SECTIONS: dict[str, Section] = {s.key: s for s in (HOUSEHOLD, STORAGE, NALOXONE, OVERDOSE, SUPPORTS, GOALS)}
SECTION_KEYS = tuple(SECTIONS)

# Crisis lines are part of every plan from the start; they are not editable.
CRISIS_LINES = (
    (_l("Emergency"), "911"),
    (_l("Suicide and Crisis Lifeline"), "988"),
    (_l("Poison Help"), "1-800-222-1222"),
    (_l("SAMHSA National Helpline (free, private, 24/7)"), "1-800-662-4357"),
    (_l("Never Use Alone line"), "1-800-484-3731"),
)
