"""The navigation bar by role, where each person lands, and the "More" page, through HTTP."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient

from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.navigation import service
from tests.conftest import Household, add_member, make_account, sign_in

pytestmark = pytest.mark.db

BAR = re.compile(r'<nav class="bar" aria-label="Main">(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]*)"([^>]*)>.*?</svg>([^<]*)</a>', re.S)


def bar_of(html: str) -> list[tuple[str, str, bool]]:
    """The bar's links as (label, href, marked as the current page)."""
    found = BAR.search(html)
    assert found, "no navigation bar"
    links = LINK.findall(found.group(1))
    return [(label.strip(), href, 'aria-current="page"' in attrs) for href, attrs, label in links]


def test_a_parent_has_plan_help_people_and_more_with_the_plan_marked(make_client, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT])
    bar = bar_of(parent.get(f"/f/{household.id}").text)
    assert [label for label, _href, _current in bar] == ["Plan", "Help now", "People", "More"]
    assert bar[0] == ("Plan", f"/f/{household.id}", True)
    assert bar[1][1] == "/help/overdose" and bar[2][1] == f"/f/{household.id}/people"
    assert [current for _label, _href, current in bar_of(parent.get(f"/f/{household.id}/people").text)] == [
        False, False, True, False]


def test_a_caseworker_has_families_today_help_and_more(make_client, household: Household) -> None:
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    bar = bar_of(caseworker.get("/caseload").text)
    assert bar == [("Families", "/caseload", True), ("Today", "/caseload#today-visits", False),
                   ("Help now", "/help/overdose", False), ("More", "/more", False)]


def test_a_peer_has_families_check_ins_help_and_more(make_client, household: Household) -> None:
    peer = sign_in(make_client(), household.people[roles.PEER])
    bar = bar_of(peer.get(f"/f/{household.id}/checkins").text)
    assert bar == [("Families", "/", False), ("Check-ins", f"/f/{household.id}/checkins", True),
                   ("Help now", "/help/overdose", False), ("More", "/more", False)]


def test_a_signed_out_visitor_gets_help_and_sign_in_but_no_family_pages(client: FlaskClient) -> None:
    labels = [label for label, _href, _current in bar_of(client.get("/help/overdose").text)]
    assert labels == ["Start", "Overdose help", "Sign in"]


def test_a_caseworker_lands_on_the_caseload_with_todays_visits_even_when_there_are_none(
    make_client, household: Household
) -> None:
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    home = caseworker.get("/")
    assert home.status_code == 302 and home.headers["Location"] == "/caseload"
    page = caseworker.get("/caseload").text
    assert "Today's visits" in page and "No visits today." in page


def test_someone_who_is_a_parent_and_a_caseworker_keeps_their_home_page(make_client, household: Household) -> None:
    caseworker = household.people[roles.CASEWORKER]
    add_member(household.other_family, caseworker, roles.PARENT)
    assert sign_in(make_client(), caseworker).get("/").status_code == 200


def test_a_peer_lands_on_their_families_with_the_next_check_in_due(make_client, household: Household) -> None:
    peer = sign_in(make_client(), household.people[roles.PEER])
    before = peer.get("/").text
    assert "Test household" in before and "No check-in set" in before
    due = date.today() + timedelta(days=3)
    saved = peer.post(f"/f/{household.id}/checkins", data={
        "happened_on": date.today().isoformat(), "how_it_went": "Fine", "needs": "", "next_on": due.isoformat()})
    assert saved.status_code == 302
    home = peer.get("/")
    assert home.status_code == 200
    card = home.text[home.text.index("Test household"):]
    assert f"Next check-in: {due.strftime('%b')} {due.day}, {due.year}" in card
    # Starting a plan of their own is there, but not as the page's main button.
    assert '<a class="button" href="/families/new">' not in home.text
    assert '<a class="button secondary" href="/families/new">' in home.text


def test_a_parents_home_still_offers_starting_a_plan_as_its_main_button(make_client) -> None:
    newcomer = sign_in(make_client(), make_account("New Parent"))
    assert '<a class="button" href="/families/new">' in newcomer.get("/").text


def test_more_lists_the_family_pages_each_person_may_open(make_client, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT]).get("/more").text
    for page in ("milestones", "checkins", "reviews", "consents", "access-log", "people"):
        assert f'href="/f/{household.id}/{page}"' in parent, page
    for words in ("My account", "Name and icon on this phone", "Sign out", 'hreflang="es"'):
        assert words in parent
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER]).get("/more").text
    assert f'href="/f/{household.id}/checkins"' in caseworker
    assert f'href="/f/{household.id}/consents"' not in caseworker  # only the parent manages consents
    assert sign_in(make_client(), make_account("Nobody Yet")).get("/more").status_code == 200


def test_the_language_control_is_in_the_top_row_signed_in_and_out(make_client, household: Household) -> None:
    for client in (make_client(), sign_in(make_client(), household.people[roles.PARENT])):
        page = client.get("/help/overdose").text
        top = page[page.index('<header class="top">'):page.index("</header>")]
        assert '<details class="lang-menu">' in top and 'href="/language?to=es&amp;next=/help/overdose"' in top


def test_a_peer_in_many_families_gets_check_ins_for_the_family_on_screen(make_client) -> None:
    peer = make_account("Sage Peer")
    families = []
    for n in range(6):
        family, _ = start_family(make_account(f"Parent {n}"), f"Family {n}", roles.PARENT)
        member = add_member(family, peer, roles.PEER)
        if n == 4:  # only this parent shares check-ins with the peer
            member.peer_parts = ["checkins"]
            db.session.commit()
        families.append(family.public_id)
    client = sign_in(make_client(), peer)
    sharing = bar_of(client.get(f"/f/{families[4]}/milestones").text)
    assert ("Check-ins", f"/f/{families[4]}/checkins", False) in sharing
    not_sharing = bar_of(client.get(f"/f/{families[5]}/milestones").text)
    assert "Check-ins" not in [label for label, _href, _current in not_sharing]


def test_the_bar_reads_a_few_rows_however_many_families_a_worker_follows(app, make_client) -> None:
    worker = make_account("Ellis Caseworker")
    for n in range(30):
        family, _ = start_family(make_account(f"Parent {n}"), f"Family {n}", roles.PARENT)
        add_member(family, worker, roles.CASEWORKER)
    seen = {}
    with app.test_request_context("/caseload"):
        for family_id in (None, family.public_id):
            seen[family_id] = len(service._bar_memberships(worker, family_id))
    assert seen == {None: 1, family.public_id: 2}
    client = sign_in(make_client(), worker)
    assert [label for label, _href, _current in bar_of(client.get("/caseload").text)] == [
        "Families", "Today", "Help now", "More"]
