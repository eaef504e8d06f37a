"""Rendered page parts are kept (harm/fragments.py); none may ever show what is no longer true.

Section cards render once a version; the page frame once a language and sign-in state; the plan page's
other parts and each caseload row once for what they show. A save, a sign-in, a language change, a
milestone, a check-in, a rename or a consent shows on the very next page.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from babel.support import Translations

from harm.families import roles
from tests.conftest import sign_in
from tests.vault.helpers import give_consent

CATALOGUES = Path(__file__).resolve().parents[2] / "harm" / "translations"


def save_household(browser, family_id: str, kid: str) -> None:
    section = browser.get(f"/api/v1/families/{family_id}/plan/household").get_json()
    answer = browser.put(f"/api/v1/families/{family_id}/plan/household",
                         json={"version": section["version"], "data": {"members": [{"name": kid}]}})
    assert answer.status_code == 200, answer.get_json()


def main_of(page: str) -> str:
    return page.split('<main id="main">')[1].split("</main>")[0]


def test_a_save_shows_on_the_plan_page_at_once(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    save_household(parent, household.id, "Sky")
    assert "Sky" in parent.get(f"/f/{household.id}").text
    save_household(parent, household.id, "Jordan")
    page = parent.get(f"/f/{household.id}").text
    assert "Jordan" in page and "Sky" not in page


def test_each_person_sees_the_card_for_what_they_may_do(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    peer = sign_in(make_client(), household.people[roles.PEER])
    assert "Edit " in parent.get(f"/f/{household.id}").text
    peer_page = peer.get(f"/f/{household.id}").text
    assert "Open " in peer_page and "Edit " not in peer_page


def test_the_card_follows_the_language(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    english = parent.get(f"/f/{household.id}").text
    spanish = parent.get(f"/f/{household.id}", headers={"Accept-Language": "es"}).text
    assert "Nothing written yet." in english and "Todavía no hay nada escrito." not in english
    assert "Todavía no hay nada escrito." in spanish


def spanish(text: str) -> str:
    translated = Translations.load(str(CATALOGUES), ["es"]).gettext(text)
    assert translated != text, f"no Spanish for {text!r}"
    return str(translated)


def test_the_page_frame_follows_signing_in_and_out(make_client, household):
    visitor = make_client()
    assert ">Sign in</a>" in visitor.get("/help/overdose").text
    parent = sign_in(make_client(), household.people[roles.PARENT])
    page = parent.get("/help/overdose").text
    assert ">My account</a>" in page and ">Sign out</button>" in page and ">Sign in</a>" not in page
    assert "idle-lock" in page
    again = visitor.get("/help/overdose").text
    assert ">Sign in</a>" in again and "Sign out" not in again and "idle-lock" not in again


def test_the_page_frame_and_a_guide_follow_the_language(make_client):
    visitor = make_client()
    english = visitor.get("/help/overdose").text
    in_spanish = visitor.get("/help/overdose", headers={"Accept-Language": "es"}).text
    for words in ("Help guides", "Leave now", "Skip to main content", "Signs of an overdose"):
        assert words in english and spanish(words) not in english
        assert spanish(words) in in_spanish and f">{words}<" not in in_spanish


def test_the_language_links_lead_back_to_the_page_being_read(make_client):
    visitor = make_client()
    naloxone = visitor.get("/help/naloxone").text
    assert 'href="/language?to=es&amp;next=/help/naloxone"' in naloxone
    overdose = visitor.get("/help/overdose?step=2").text
    assert 'href="/language?to=es&amp;next=/help/overdose?step%3D2"' in overdose
    assert 'lang="en" hreflang="en"\n      aria-current="true"' in overdose
    spanish_page = visitor.get("/help/naloxone", headers={"Accept-Language": "es"}).text
    assert 'lang="es" hreflang="es"\n      aria-current="true"' in spanish_page


def test_a_new_milestone_and_a_new_recorder_name_show_on_the_plan_page(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    assert "Lockbox in place" not in parent.get(f"/f/{household.id}").text
    added = parent.post(f"/api/v1/families/{household.id}/milestones",
                        json={"kind": "lockbox_in_place", "happened_on": date.today().isoformat()})
    assert added.status_code == 201, added.get_json()
    page = parent.get(f"/f/{household.id}").text
    assert "Lockbox in place" in page and "Riley Parent" in page
    assert parent.post("/account/name", data={"display_name": "Sam Q"}).status_code == 302
    renamed = parent.get(f"/f/{household.id}").text
    milestones = renamed[renamed.index('id="timeline-title"'):]
    assert "Sam Q" in milestones and "Riley Parent" not in milestones


def test_the_use_details_link_follows_the_consent(make_client, household):
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    link = f'href="/f/{household.id}/use-details"'
    assert link not in caseworker.get(f"/f/{household.id}").text
    give_consent(household, "active", ["substances"], [roles.CASEWORKER])
    assert link in caseworker.get(f"/f/{household.id}").text


def test_a_caseload_row_follows_a_new_check_in_and_a_new_milestone(make_client, household):
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    before = caseworker.get("/caseload").text
    assert "Next visit: not set" in " ".join(before.split())
    next_visit = date(2031, 5, 17)
    recorded = caseworker.post(f"/api/v1/families/{household.id}/checkins", json={
        "happened_on": (date.today() - timedelta(days=1)).isoformat(), "how_it_went": "We went over the plan.",
        "next_on": next_visit.isoformat(), "milestone": "plan_reviewed_at_visit"})
    assert recorded.status_code == 201, recorded.get_json()
    after = " ".join(caseworker.get("/caseload").text.split())
    assert "Next visit: May 17, 2031" in after and "Plan reviewed at a visit" in after
    in_spanish = " ".join(caseworker.get("/caseload", headers={"Accept-Language": "es"}).text.split())
    assert "17 may 2031" in in_spanish and "May 17, 2031" not in in_spanish


def test_the_bar_marks_the_page_on_screen_and_each_role_gets_its_own(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    for _ in range(2):  # the second time from what was kept
        plan = parent.get(f"/f/{household.id}").text
        people = parent.get(f"/f/{household.id}/people").text
        assert f'<a href="/f/{household.id}" aria-current="page">' in plan
        assert f'<a href="/f/{household.id}" aria-current="page">' not in people
        assert 'aria-current="page">' in people.split('class="bar"')[1].split("</nav>")[0]
        worker_plan = caseworker.get(f"/f/{household.id}").text
        assert 'href="/caseload#today-visits"' in worker_plan and 'href="/caseload#today-visits"' not in plan


def test_a_made_up_long_address_is_not_kept(make_client, app):
    visitor = make_client()
    long_query = "x" * 400
    page = visitor.get(f"/help/naloxone?q={long_query}").text
    assert f"next=/help/naloxone?q%3D{long_query}" in page  # still leads back, just rendered every time
    visitor.get("/help/naloxone?q=short")
    kept = [str(key) for key in app.extensions["fragments"]._items]
    assert any("/help/naloxone?q=short" in key for key in kept)
    assert not any(long_query in key for key in kept)


def test_a_plan_page_seen_again_does_not_read_the_plan(make_client, household, count_statements):
    for role in (roles.PARENT, roles.CASEWORKER, roles.PEER):
        browser = sign_in(make_client(), household.people[role])
        browser.get("/more")  # shows the signed-in message once
        first = browser.get(f"/f/{household.id}").text
        with count_statements() as statements:
            again = browser.get(f"/f/{household.id}").text
        assert main_of(again) == main_of(first), role
        reads_of_text = [s for s in statements if "plan_section.data" in s]
        assert not reads_of_text, (role, reads_of_text)
