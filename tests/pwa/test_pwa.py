"""The manifest, the service worker as served, and what the worker may keep."""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest

from harm.extensions import db
from harm.families import roles
from harm.pwa import offline
from harm.pwa.manifest import manifest_for
from tests.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def fetch_status(client, url: str) -> int:
    with client.get(url) as answer:  # static files are streamed: close them
        return int(answer.status_code)


def test_the_manifest_meets_the_install_criteria(client):
    answer = client.get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer.mimetype == "application/manifest+json"
    manifest = json.loads(answer.text)
    assert manifest["name"] == "Family Plan" and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/") and manifest["scope"] == "/"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        width, height = png_size(ROOT / "harm" / icon["src"].lstrip("/"))
        assert f"{width}x{height}" == icon["sizes"]
        assert fetch_status(client, icon["src"]) == 200


def test_the_app_name_is_configurable(database_url):
    from harm import create_app
    from tests.conftest import app_environ

    app = create_app(app_environ(database_url) | {"APP_NAME": "Our Notes"})
    assert json.loads(app.test_client().get("/manifest.webmanifest").text)["name"] == "Our Notes"
    assert manifest_for("Our Notes", "Notes")["short_name"] == "Notes"


def test_every_page_links_the_manifest_and_the_apple_icon(client):
    page = client.get("/help/overdose").text
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "apple-touch-icon" in page and "/static/js/pwa." in page
    assert png_size(ROOT / "harm/static/icons/apple-touch-icon.png") == (180, 180)


def worker_config(text: str) -> dict:
    first = text.splitlines()[0]
    assert first.startswith("const FP_CONFIG = ")
    return json.loads(first.removeprefix("const FP_CONFIG = ").rstrip(";"))


def test_the_worker_is_served_from_the_root_never_stale(client):
    answer = client.get("/sw.js")
    assert answer.status_code == 200 and answer.mimetype == "text/javascript"
    assert answer.headers["Service-Worker-Allowed"] == "/"
    assert answer.headers["Cache-Control"] == "no-store"  # the browser always checks for a new worker
    assert 'addEventListener("fetch"' in answer.text and 'addEventListener("push"' in answer.text
    config = worker_config(answer.text)
    assert config["version"] == offline.static_version()
    assert "/help/overdose" in config["publicPages"]
    assert {"/", "/help/naloxone", "/emergency", "/emergency/7"} <= set(config["publicPages"])
    steps = [url for url in config["staticFiles"] if url.startswith("/static/img/steps/")]
    assert len(steps) == 7
    for url in config["staticFiles"] + config["publicPages"]:
        assert fetch_status(client, url) == 200, url


def test_the_worker_precaches_the_hashed_files_the_pages_link(client):
    config = worker_config(client.get("/sw.js").text)
    page = client.get("/help/overdose").text
    linked = re.findall(r'(?:href|src)="(/static/[^"#]+)', page)  # an icon in the sprite: the file before its #id
    assert any(re.fullmatch(r"/static/css/app\.[0-9a-f]{12}\.css", url) for url in linked)
    for url in linked:
        assert url in config["staticFiles"], url
    assert "/static/icons/icon-192.png" in config["staticFiles"]  # the notification's icon, by its plain name
    assert "/static/css/app.css" not in config["staticFiles"]  # no page links it: no need to store it twice


@pytest.mark.parametrize(("path", "kept"), [
    ("/f/" + "a" * 32, True),
    ("/f/" + "a" * 32 + "/plan/naloxone", True),
    ("/f/" + "a" * 32 + "/milestones", True),
    ("/f/" + "a" * 32 + "/use-details", False),
    ("/f/" + "a" * 32 + "/consents", False),
    ("/f/" + "a" * 32 + "/consents/new", False),
    ("/f/" + "a" * 32 + "/people", False),
    ("/f/" + "a" * 32 + "/plan/household/history", False),
    ("/account", False),
    ("/api/v1/families/" + "a" * 32 + "/plan", False),
])
def test_only_plan_pages_may_be_kept(path, kept):
    assert offline.may_keep(path) is kept


def test_the_plan_page_offers_to_keep_it_with_the_pages_the_member_may_read(client, household):
    next(m for m in household.family.memberships if m.role == "peer").peer_parts = ["household", "supports"]
    db.session.commit()
    sign_in(client, household.people[roles.PEER])
    page = client.get(f"/f/{household.id}").text
    match = re.search(r"data-urls='([^']+)'", page)
    assert match
    urls = json.loads(match.group(1))
    assert f"/f/{household.id}/plan/household" in urls
    assert f"/f/{household.id}/plan/goals" not in urls  # not shared with peers
    assert all(offline.may_keep(url) for url in urls)
    assert "Keep for offline" in page


def test_plan_pages_are_still_no_store(client, household):
    sign_in(client, household.people[roles.PARENT])
    assert client.get(f"/f/{household.id}").headers["Cache-Control"] == "no-store"


def test_the_manifest_a_phone_receives_follows_its_discreet_choice(client):
    assert client.post("/device/name", data={"choice": "notes"}).status_code == 302
    manifest = json.loads(client.get("/manifest.webmanifest").text)
    assert manifest["name"] == "Notes" and manifest["short_name"] == "Notes"
    assert {icon["src"] for icon in manifest["icons"]} >= {"/static/icons/discreet/notes/maskable-512.png"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    assert client.post("/device/name", data={"choice": "default"}).status_code == 302
    assert json.loads(client.get("/manifest.webmanifest").text)["name"] == "Family Plan"

