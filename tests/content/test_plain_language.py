"""Plain, kind words: no stigmatizing terms anywhere, and English guides and pages at 6th grade or below."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import textstat
from flask import Flask
from flask.testing import FlaskClient

from harm.content.guides import guide_urls
from tests.conftest import Household, sign_in

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "harm" / "templates"
MAX_GRADE = 6.0

# The training module's "Instead of" column, and the like. Phrases, so "clean water" or "child abuse" pass.
STIGMA = re.compile(
    r"\b(?:ex-?|former\s+)?addicts?\b|\bdrug[- ]addicted\b|\baddicted\s+(?:baby|babies|infants?)\b"
    r"|\b(?:drug|substance|alcohol)\s+abus(?:er|ers|e)\b|\babusers?\b"
    r"|\b(?:clean|dirty)\s+(?:drug\s+)?(?:screens?|tests?|urine|urinalysis|UAs?|samples?)\b"
    r"|\b(?:screens?|tests?|urine)\s+(?:came\s+back\s+|was\s+|were\s+)?(?:clean|dirty)\b"
    r"|\bjunk(?:ie|ies|y)\b|\bcrack\s*(?:head|baby|babies)s?\b|\bdruggies?\b|\bdope\s*fiends?\b"
    r"|\bhard[- ]to[- ]place\b|\bfoster\s+(?:child|children|kids?)\b|\bdrug\s+users?\b",
    re.IGNORECASE,
)


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def english_msgids() -> list[str]:
    text = (ROOT / "harm" / "translations" / "messages.pot").read_text(encoding="utf-8")
    ids = []
    for block in re.findall(r'^msgid(?:_plural)? ((?:".*"\n)+)', text, flags=re.MULTILINE):
        ids.append("".join(re.findall(r'"(.*)"', block)))
    return [i for i in ids if i]


def test_the_stigma_check_catches_the_table_terms_and_spares_plain_words() -> None:
    for bad in ("an addict", "Drug Abuser", "clean drug screen", "dirty urine", "former addict", "drug-addicted baby",
                "the test was dirty", "junkie", "substance abuser", "hard-to-place kids", "foster child"):
        assert STIGMA.search(bad), bad
    for fine in ("clean water", "a clean, dry cup", "child abuse", "person who uses drugs", "addiction medicine",
                 "tested positive", "keep the house clean"):
        assert not STIGMA.search(fine), fine


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in TEMPLATES.rglob("*.html")))
def test_no_template_uses_stigmatizing_words(path: str) -> None:
    found = STIGMA.findall((ROOT / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: {found}"


# A source's own name, cited as it is published (the overdose guide's source): not our words for a person.
PROPER_NAMES = ("Substance Abuse and Mental Health Services Administration",)


def test_no_english_message_uses_stigmatizing_words() -> None:
    msgids = english_msgids()
    assert len(msgids) > 100
    found = [m for m in msgids if STIGMA.search(m) and not any(name in m for name in PROPER_NAMES)]
    assert not found


class VisibleText(HTMLParser):
    """The text a reader sees in <main>, with a full stop after each block so lists count as sentences.

    A long list of place names in option groups (the time-zone picker) is a list to pick from, not prose: left out.
    """

    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "button", "label", "a", "td", "th", "option", "legend"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style", "template", "optgroup"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style", "template", "optgroup"):
            self.hidden -= 1
        if tag in self.BLOCKS and self.depth:
            self.parts.append(".")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        joined = " ".join(self.parts)
        joined = re.sub(r"([.!?:])\s*\.", r"\1", joined)
        return re.sub(r"\s+", " ", joined).strip()


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def test_the_grade_check_can_fail() -> None:
    hard = ("Notwithstanding the aforementioned considerations, comprehensive pharmacological interventions "
            "necessitate multidisciplinary coordination among institutional stakeholders.")
    assert grade(hard) > MAX_GRADE
    assert grade(visible_text("<main><p>Call 911.</p><p>Give naloxone.</p></main>")) <= MAX_GRADE


@pytest.mark.parametrize("url", guide_urls())
def test_every_english_guide_reads_at_grade_6_or_below(client: FlaskClient, url: str) -> None:
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    text = visible_text(response.text)
    assert grade(text) <= MAX_GRADE, f"{url}: grade {grade(text)}: {text}"


PUBLIC_PAGES = ["/", "/signup", "/signin", "/signin/code", "/join"]
PARENT_PAGES = ["/", "/account", "/families/new", "/f/{family}", "/f/{family}/plan/household",
                "/f/{family}/plan/storage", "/f/{family}/plan/naloxone", "/f/{family}/plan/overdose",
                "/f/{family}/plan/supports", "/f/{family}/plan/goals", "/f/{family}/people", "/f/{family}/milestones"]


@pytest.mark.db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_read_at_grade_6_or_below(client: FlaskClient, url: str) -> None:
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    text = visible_text(response.text)
    assert grade(text) <= MAX_GRADE, f"{url}: grade {grade(text)}: {text}"


@pytest.mark.db
@pytest.mark.parametrize("url", PARENT_PAGES)
def test_parent_pages_read_at_grade_6_or_below(client: FlaskClient, household: Household, url: str) -> None:
    sign_in(client, household.people["parent"])
    client.get("/account")  # shows the sign-in message once, so it does not count against the next page
    response = client.get(url.format(family=household.id), headers={"Accept-Language": "en"})
    assert response.status_code == 200, url
    text = visible_text(response.text)
    assert grade(text) <= MAX_GRADE, f"{url}: grade {grade(text)}: {text}"
