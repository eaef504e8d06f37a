""""Who can see what" is true and complete: it is built from the tables the code obeys, and checked against them."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.families.capabilities import CAPABILITIES, SHARED_WITH_PEERS_BY_CHOICE, Capability
from harm.families.roles import ROLE_NAMES, ROLES
from harm.families.views import PEER_PART_NAMES
from harm.plans.sections import SECTIONS
from harm.reports.outcomes import OUTCOMES
from harm.reports.suppression import SMALLEST_SHOWN
from harm.sharing.service import LIFETIMES, PARTS
from harm.use_details import CATEGORIES
from tests.content.test_plain_language import visible_text

URL = "/help/who-can-see"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


@pytest.fixture
def page(client: FlaskClient) -> str:
    response = client.get(URL, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return str(response.text)


def _part(html: str, part_id: str) -> str:
    match = re.search(rf'<section id="{part_id}".*?</section>', html, flags=re.DOTALL)
    assert match, f"no section {part_id}"
    return match.group(0)


def _unescaped(text: object) -> str:
    return str(text).replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")


def test_it_no_longer_says_the_plan_does_not_ask_about_drug_use(page: str) -> None:
    assert "does not ask about drug use" not in page
    use_details = visible_text("<main>" + _part(page, "use-details") + "</main>")
    for label in CATEGORIES.values():
        assert str(label) in use_details
    assert "Only for me" in use_details and "consent" in use_details


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_exactly_what_the_capability_table_gives_it(page: str, role: str) -> None:
    part = _part(page, f"role-{role}")
    assert str(ROLE_NAMES[role]) in part
    listed = set(re.findall(r'data-capability="([a-z_]+)"', part))
    assert listed == {c.name.lower() for c in CAPABILITIES[role]}


def test_what_a_peer_sees_by_choice_says_so(page: str) -> None:
    part = _part(page, "role-peer")
    by_choice = {c.name.lower() for c in SHARED_WITH_PEERS_BY_CHOICE} | {Capability.VIEW_PLAN.name.lower()}
    for name, item in re.findall(r'<li data-capability="([a-z_]+)">(.*?)</li>', part, flags=re.DOTALL):
        assert ("you tick" in item) == (name in by_choice), name


def test_only_the_parent_reads_use_details_without_a_consent(page: str) -> None:
    for role in ROLES:
        item = re.search(r'<li data-capability="read_use_details">(.*?)</li>', _part(page, f"role-{role}"),
                         flags=re.DOTALL)
        assert item, role
        assert ("only what a consent you signed names" in item.group(1)) == (role != "parent"), role


def test_peers_see_only_the_parts_the_parent_ticks_and_every_part_is_named(page: str) -> None:
    part = _part(page, "peers")
    assert "only the parts you tick" in part
    for section in SECTIONS.values():
        assert _unescaped(section.title) in part
    for name in PEER_PART_NAMES.values():
        assert _unescaped(name) in part


def test_the_share_link_lists_exactly_its_parts_and_lifetimes(page: str) -> None:
    part = _part(page, "share-link")
    for label in PARTS.values():
        assert _unescaped(label) in part
    for label, _lifetime in LIFETIMES.values():
        assert _unescaped(label) in part
    assert "never shows use details" in part


def test_the_agency_and_its_report_are_described(page: str) -> None:
    part = _part(page, "agency")
    for label in OUTCOMES.values():
        assert _unescaped(label) in part
    assert f"1 to {SMALLEST_SHOWN - 1}" in part
    assert "no names" in part


def test_consents_are_described_with_the_preview_and_what_stopping_does(page: str) -> None:
    part = visible_text("<main>" + _part(page, "consents") + "</main>")
    assert "What will they see" in part and "cannot undo" in part and "may not pass it on" in part


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_page_opens_in_spanish_and_arabic(client: FlaskClient, language: str) -> None:
    response = client.get(URL, headers={"Accept-Language": language})
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    for role in ROLES:
        assert f'id="role-{role}"' in response.text


def test_every_capability_is_put_in_words_once() -> None:
    from harm.who_can_see import DOING, SEEING

    assert not set(SEEING) & set(DOING)
    assert set(SEEING) | set(DOING) == set(Capability)
