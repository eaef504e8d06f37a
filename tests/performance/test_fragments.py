"""Section cards on the plan page render once a version: a save or a language change never shows an old card."""
from __future__ import annotations

from harm.families import roles
from tests.conftest import sign_in


def save_household(browser, family_id: str, kid: str) -> None:
    section = browser.get(f"/api/v1/families/{family_id}/plan/household").get_json()
    answer = browser.put(f"/api/v1/families/{family_id}/plan/household",
                         json={"version": section["version"], "data": {"members": [{"name": kid}]}})
    assert answer.status_code == 200, answer.get_json()


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
