"""Sensitive words: each language's glossary (harm/translations/glossary/) names the approved word and
the words to avoid.

No catalogue may use an avoided word; the entries a glossary names use its approved word; and an entry left the
same as the English must be a loanword the glossary lists.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "harm" / "translations"
GLOSSARIES = TRANSLATIONS / "glossary"
SHIPPED = sorted(p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


@cache
def glossary(code: str) -> dict[str, Any]:
    with (GLOSSARIES / f"{code}.toml").open("rb") as file:
        return tomllib.load(file)


@cache
def catalogue(code: str) -> Catalog:
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def translations(code: str) -> list[tuple[str, str]]:
    """(English, translation) for every translated string of the catalogue, plural forms included."""
    pairs = []
    for message in catalogue(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(ids[min(n, len(ids) - 1)], s) for n, s in enumerate(strings) if s]
    return pairs


def uses(text: str, word: str, match: str) -> bool:
    """Whether the text uses the word: as a whole word (letters on neither side), or anywhere ("substring")."""
    if match == "substring":
        return word.casefold() in text.casefold()
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def avoided_words_in(code: str) -> list[str]:
    rules = glossary(code)
    return [f"{english[:50]!r}: {word!r} in {text[:80]!r}"
            for english, text in translations(code)
            for term in rules["term"] for word in term["avoid"] if uses(text, word, rules["match"])]


def test_the_word_check_knows_word_edges_and_cjk() -> None:
    assert uses("Quién me vigila", "vigila", "word")
    assert uses("VIGILA a los niños", "vigila", "word")
    assert not uses("Servicios de protección infantil", "vicio", "word")  # "servicio" holds "vicio"
    assert not uses("los adictos", "adicto", "word") and uses("los adictos", "adictos", "word")
    assert uses("谁在监视我", "监视", "substring")
    assert uses("약물 중독자를", "중독자", "substring") and not uses("중독 도움 전화", "중독자", "substring")


def test_every_shipped_language_has_a_glossary_of_the_same_terms() -> None:
    assert SHIPPED and set(SHIPPED) == {p.stem for p in GLOSSARIES.glob("*.toml")}
    english = {code: [term["english"] for term in glossary(code)["term"]] for code in SHIPPED}
    for code in SHIPPED:
        assert glossary(code)["match"] in ("word", "substring"), code
        for must in ("Who checks on me", "use details", "caseworker", "peer recovery specialist", "consent",
                     "maltreatment", "child protective services", "return to use (relapse)", "drug test"):
            assert must in english[code], (code, must)
        assert all(term["approved"] for term in glossary(code)["term"]), code


@pytest.mark.parametrize("code", SHIPPED)
def test_no_catalogue_uses_an_avoided_word(code: str) -> None:
    found = avoided_words_in(code)
    assert not found, f"{code}: {len(found)} entries use a word its glossary avoids:\n" + "\n".join(found)


@pytest.mark.parametrize("code", SHIPPED)
def test_the_entries_a_glossary_names_use_its_approved_word(code: str) -> None:
    rules = glossary(code)
    strings = dict(translations(code))
    for term in rules["term"]:
        if "msgid" in term:
            assert term["msgid"] in strings, (code, term["msgid"])
            assert uses(strings[term["msgid"]], term["approved"], "substring"), (code, term["msgid"])


@pytest.mark.parametrize("code", SHIPPED)
def test_an_entry_left_in_english_is_a_listed_loanword(code: str) -> None:
    loanwords = set(glossary(code).get("same_as_english", []))
    left = sorted({english for english, text in translations(code)
                   if text.strip() == english.strip() and re.search(r"[A-Za-z]{2}", english)} - loanwords)
    assert not left, f"{code}: left in English, not a listed loanword: {left}"
