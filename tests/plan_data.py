"""A filled-in plan for the emergency, fridge copy and share link tests, with planted text that must not leak."""
from __future__ import annotations

from sqlalchemy import select

from harm.extensions import db
from harm.families.models import Family, Membership
from harm.plans import service

NALOXONE_PLACE = "Kitchen drawer by the stove"
SUPPORT_PHONE = "(555) 010-7788"
CAREGIVER_PHONE = "(555) 010-4477"
LOCKBOX_PLACE = "Top shelf of the hall closet"
# Text in parts that must never reach the fridge copy, the emergency flow or a share link.
PLANTED_GOAL = "PLANTED-GOAL-xq7 fewer days of use"
PLANTED_NOTE = "PLANTED-NOTE-kz3 private words"
PLANTED_AGENCY = "PLANTED-AGENCY-mv9 weekly tests"

PLAN = {
    "household": {"members": [{"name": "Robin", "age_range": "6-12"}],
                  "backup_caregivers": [{"name": "Aunt Jo", "phone": CAREGIVER_PHONE, "agreed": True}],
                  "our_words": PLANTED_NOTE},
    "storage": {"has_lockbox": True, "location": LOCKBOX_PLACE, "key_holder": "Grandma Lee",
                "contents": ["medicines"], "out_of_reach": True, "our_words": PLANTED_NOTE},
    "naloxone": {"kits": [{"location": NALOXONE_PLACE, "expires": "2030-01-31"},
                          {"location": "Glove box of the car", "expires": "2030-05-31"}],
                 "trained": "Both adults", "get_more": "Corner pharmacy", "our_words": PLANTED_NOTE},
    "overdose": {"steps_known": ["call_911", "give_naloxone"], "who_checks": "Sam next door",
                 "never_alone": "Call the Never Use Alone line",
                 "children_know": [{"name": "Robin", "knows": "Run to Sam next door and knock loud"}],
                 "our_words": PLANTED_NOTE},
    "supports": {"people": [{"name": "Harbor Peer Center", "kind": "peer", "phone": SUPPORT_PHONE},
                            {"name": "Dr. Vega clinic", "kind": "professional", "phone": "(555) 010-3300"}],
                 "our_words": PLANTED_NOTE},
    "goals": {"goals": [{"goal": PLANTED_GOAL, "kind": "less", "next_step": "Talk with Pat"}],
              "agency_expects": PLANTED_AGENCY, "our_words": PLANTED_NOTE},
}
PLANTED = (PLANTED_GOAL, PLANTED_NOTE, PLANTED_AGENCY)


def fill_plan(family: Family) -> None:
    """Save every section as the family's parent would; what the agency expects, as its caseworker would."""
    members = {m.role: m for m in db.session.execute(select(Membership).where(Membership.family_id == family.id))
               .scalars()}
    parent = members["parent"]
    for key, data in PLAN.items():
        if key == "goals":
            data = {name: value for name, value in data.items() if name != "agency_expects"}
        service.save_section(parent, key, data, service.load_section(parent, key).version)
    worker = members.get("caseworker")
    if worker is not None:
        service.save_section(worker, "goals", {"agency_expects": PLANTED_AGENCY},
                             service.load_section(worker, "goals").version)
