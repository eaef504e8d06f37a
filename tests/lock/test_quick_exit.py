"""Quick exit locks this browser's session at once: by the page's beacon, or by the plain link's app route."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from harm.accounts.models import AccountSession
from harm.extensions import db
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

NEUTRAL_SITE = "https://www.weather.gov/"
CATALOGUES = sorted((Path(__file__).resolve().parents[2] / "harm" / "translations").glob("*/LC_MESSAGES/messages.po"))


def plan_opens(client, household: Household) -> bool:
    response = client.get(f"/f/{household.id}/plan/naloxone")
    return response.status_code == 200


def shows_only_the_lock_screen(client, household: Household) -> None:
    for path in (f"/f/{household.id}", f"/f/{household.id}/plan/naloxone", "/", "/?source=home-screen"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/unlock?next="), path
    lock_screen = client.get("/unlock")
    assert lock_screen.status_code == 200 and "The app is locked" in lock_screen.text
    assert household.family.name not in lock_screen.text
    api = client.get(f"/api/v1/families/{household.id}/plan")
    assert api.status_code == 401 and api.get_json()["locked"] is True


def test_the_leave_link_goes_through_the_app_and_locks(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    page = client.get(f"/f/{household.id}")
    assert re.search(r'<a class="quick-exit" id="quick-exit" href="/leave"[^>]*data-neutral-url="'
                     + re.escape(NEUTRAL_SITE) + '"', page.text)
    assert plan_opens(client, household)
    # A link tapped on our own page: the browser says the request comes from the same site.
    left = client.get("/leave", headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"})
    assert left.status_code == 303 and left.location == NEUTRAL_SITE
    assert left.headers["Cache-Control"] == "no-store"
    shows_only_the_lock_screen(client, household)


def test_the_leave_link_locks_from_an_old_browser_that_says_nothing_of_where_it_came_from(
    client, household: Household,
) -> None:
    sign_in(client, household.people["parent"])
    assert client.get("/leave").location == NEUTRAL_SITE
    shows_only_the_lock_screen(client, household)


def test_the_page_beacon_locks_with_the_pages_token(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    assert plan_opens(client, household)
    token = client.csrf_token()
    # navigator.sendBeacon(url, FormData): a form post with the token in its body and no custom header.
    answer = client.post("/lock/now", data={"csrf_token": token}, headers={"X-CSRFToken": ""})
    assert answer.status_code == 204
    shows_only_the_lock_screen(client, household)


def test_another_site_cannot_lock_someone_elses_session(client, household: Household) -> None:
    """A page elsewhere can send the person to /leave or post to /lock/now; neither locks them out of their work.

    The link still takes them to the neutral site (harmless), but only our own pages lock the session.
    """
    sign_in(client, household.people["parent"])
    posted = client.post("/lock/now", data={}, headers={"X-CSRFToken": ""})
    assert posted.status_code == 400
    assert plan_opens(client, household)
    for site in ("cross-site", "same-site"):
        sent = client.get("/leave", headers={"Sec-Fetch-Site": site, "Sec-Fetch-Mode": "navigate"})
        assert sent.status_code == 303 and sent.location == NEUTRAL_SITE
        assert plan_opens(client, household), site
    rows = db.session.execute(select(AccountSession)).scalars().all()
    assert rows and all(row.active_at is not None for row in rows)


def test_leaving_signed_out_just_leaves(client) -> None:
    assert client.get("/leave").location == NEUTRAL_SITE
    assert client.post("/lock/now", data={"csrf_token": client.csrf_token()}).status_code == 204


def test_unlocking_after_a_quick_exit_needs_the_passkey(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    client.get("/leave")
    # Signing in with a code again is the way back for an account without a passkey; the locked session is not.
    assert client.get(f"/f/{household.id}").status_code == 302
    assert client.post("/unlock/verify", json={"credential": {}}).status_code == 401
    assert client.get(f"/f/{household.id}").status_code == 302


def test_signed_in_pages_are_never_stored_by_the_browser(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    for path in ("/", f"/f/{household.id}", f"/f/{household.id}/plan/naloxone", "/account", "/unlock"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path


def words(text: str) -> set[str]:
    """The words of a label; in scripts written without spaces (Chinese), each character counts as one."""
    found = {word.casefold() for word in re.findall(r"\w+", text)}
    return found | {char for char in text if "\u3400" <= char <= "\u9fff"}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_the_quick_exit_and_sign_out_labels_share_no_word(catalogue: Path) -> None:
    with catalogue.open("rb") as source:
        messages = {message.id: message.string for message in read_po(source)}
    sign_out = words(messages["Sign out"] or "Sign out")
    for label in ("Leave now", "Quick exit"):
        shared = words(messages[label] or label) & sign_out
        assert not shared, f"{catalogue.parts[-3]}: {label!r} and 'Sign out' share {shared}"


def test_every_shipped_catalogue_is_checked() -> None:
    assert len(CATALOGUES) >= 6, "the labels test above runs once a catalogue"


def test_the_english_labels_share_no_word() -> None:
    assert not words("Leave now") & words("Sign out") and not words("Quick exit") & words("Sign out")
