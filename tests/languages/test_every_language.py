"""Every shipped catalogue is complete, and the main flows run in every language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from harm.extensions import db
from harm.plans.models import PlanSection
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db
TRANSLATIONS = Path(__file__).resolve().parents[2] / "harm" / "translations"
# A phrase in the footer of every page, as each catalogue says it.
HELP_GUIDES = {
    "en": "Help guides", "es": "Guías de ayuda", "zh_Hans": "帮助指南", "vi": "Hướng dẫn trợ giúp",
    "ko": "도움말 안내", "fil": "Mga gabay", "ar": "أدلة المساعدة",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def catalogue_problems(code: str) -> list[str]:
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    return [problem for message in catalogue if message.id for problem in entry_problems(message)]


def entry_problems(message: Message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    name = ids[0][:60]
    if message.fuzzy:
        return [f"fuzzy: {name}"]
    if not all(strings):
        return [f"untranslated: {name}"]
    wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
    return [f"placeholders differ: {name}" for s in strings if sorted(set(PLACEHOLDER.findall(s))) != wanted]


@pytest.mark.parametrize("code", sorted(set(HELP_GUIDES) - {"en"}))
def test_every_shipped_catalogue_is_complete(code: str) -> None:
    problems = catalogue_problems(code)
    assert not problems, f"{code}: {len(problems)} entries to do, e.g. {problems[:5]}"


def test_the_catalogue_check_finds_problems() -> None:
    assert entry_problems(Message("Hello, %(name)s", "")) == ["untranslated: Hello, %(name)s"]
    assert entry_problems(Message("Hello, %(name)s", "Hola, %(nombre)s")) == ["placeholders differ: Hello, %(name)s"]
    assert entry_problems(Message("Hi", "Hola", flags=["fuzzy"])) == ["fuzzy: Hi"]
    assert entry_problems(Message("Hello, %(name)s", "Hola, %(name)s")) == []


def assert_in_language(html: str, code: str) -> None:
    tag = code.replace("_", "-")
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{tag}" dir="{direction}">' in html
    assert HELP_GUIDES[code] in html


@pytest.mark.parametrize("code", sorted(HELP_GUIDES))
def test_the_main_flows_run_in_every_language(client: FlaskClient, household: Household, code: str) -> None:
    client.get("/language", query_string={"to": code, "next": "/"})
    for url in ("/signup", "/help/overdose", "/help/naloxone"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_in_language(response.text, code)

    sign_in(client, household.people["parent"])
    client.get("/language", query_string={"to": code, "next": "/"})
    section = f"/f/{household.id}/plan/household"
    assert_in_language(client.get(section).text, code)
    saved = client.post(section, data={"version": "0", "our_words": "Robin walks to school."})
    assert saved.status_code == 302
    assert_in_language(client.get(saved.headers["Location"]).text, code)
    query = db.select(PlanSection).filter_by(key="household", family_id=household.family.id)
    row = db.session.execute(query).scalars().first()
    assert row is not None and "Robin" in str(row.data)

    invited = client.post(f"/f/{household.id}/invitations", data={"role": "peer", "label": "Pat"})
    assert invited.status_code in (200, 302)
    page = invited if invited.status_code == 200 else client.get(invited.headers["Location"])
    assert_in_language(page.text, code)
