"""Every address of the emergency flow, and every page it links to, is one the service worker can answer offline."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from harm.emergency.steps import STEP_COUNT
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

# Links that need the server by their nature (a language cookie, signing in, the neutral site): not offline pages.
NEEDS_THE_SERVER = re.compile(r"^/(language|leave|signin|signup|device|account|manifest\.webmanifest|static/)")


def worker_config(client) -> dict:
    first = client.get("/sw.js").text.splitlines()[0]
    return dict(json.loads(first.removeprefix("const FP_CONFIG = ").rstrip(";")))


def emergency_flow_links(client) -> set[str]:
    """Every emergency step by its number, and every page those steps link to."""
    found = {f"/emergency/{number}" for number in range(1, STEP_COUNT + 1)} | {"/emergency"}
    for number in range(1, STEP_COUNT + 1):
        page = client.get(f"/emergency/{number}", follow_redirects=True)
        assert page.status_code == 200
        for href in re.findall(r'href="(/[^"#]*)"', page.text):
            path = href.split("?")[0]
            if not NEEDS_THE_SERVER.match(path):
                found.add(path)
    return found


def opens_offline(client, config: dict, path: str) -> bool:
    if path in config["publicPages"]:
        return True
    target = config.get("publicAliases", {}).get(path)
    if target is None or target not in config["publicPages"]:
        return False
    online = client.get(path)  # the worker's offline redirect must be the one the server makes
    return online.status_code in (301, 302, 303, 307, 308) and urlsplit(online.location).path == target


def test_every_emergency_address_opens_offline_signed_out(client) -> None:
    config = worker_config(client)
    links = emergency_flow_links(client)
    assert {"/emergency/1", "/help/overdose"} <= links
    assert [path for path in sorted(links) if not opens_offline(client, config, path)] == []


def test_every_emergency_address_opens_offline_for_a_signed_in_parent(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    config = worker_config(client)
    links = emergency_flow_links(client)
    assert [path for path in sorted(links) if not opens_offline(client, config, path)] == []
