"""The capability table itself, and the copy of it SECURITY.md shows."""
from __future__ import annotations

from pathlib import Path

from harm.families import roles
from harm.families.capabilities import (
    CAPABILITIES,
    CLOSED_DURING_RECOVERY_HOLD,
    SHARED_WITH_PEERS_BY_CHOICE,
    Capability,
    role_may,
)

SECURITY = Path(__file__).resolve().parents[2] / "SECURITY.md"


def test_every_role_has_a_row_and_peer_choices_are_peer_capabilities() -> None:
    assert set(CAPABILITIES) == set(roles.ROLES)
    assert set(SHARED_WITH_PEERS_BY_CHOICE) <= CAPABILITIES[roles.PEER]
    assert CLOSED_DURING_RECOVERY_HOLD <= set(Capability)


def test_a_peer_capability_follows_the_parents_choice() -> None:
    assert not role_may(roles.PEER, Capability.SEE_REVIEWS, ["household"])
    assert role_may(roles.PEER, Capability.SEE_REVIEWS, ["reviews"])
    assert role_may(roles.CAREGIVER, Capability.SEE_REVIEWS, [])  # the choice is about peers only
    assert not role_may(roles.PEER, Capability.EDIT_SECTION, ["household"])


def test_security_md_shows_the_table_as_the_code_has_it() -> None:
    lines = {line.split(" | ")[0].strip("| †"): line for line in SECURITY.read_text().splitlines()
             if line.startswith("| ")}
    for capability in Capability:
        cells = [c.strip() for c in lines[capability.value].strip("|").split("|")][1:]
        want = ["when shared" if role == roles.PEER and capability in SHARED_WITH_PEERS_BY_CHOICE
                else "yes" if capability in CAPABILITIES[role] else "—" for role in roles.ROLES]
        assert cells == want, capability
        assert ("†" in lines[capability.value]) == (capability in CLOSED_DURING_RECOVERY_HOLD), capability
