"""Which language a page is shown in: the account's choice, the switcher's cookie, the browser, else English."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, g, has_request_context, request, url_for
from flask_babel import format_date, get_locale, refresh
from markupsafe import Markup

from harm.dates import day_of

DEFAULT = "en"
COOKIE = "lang"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}")


def compiled_locales(folder: Path) -> list[str]:
    """English plus every language with a compiled catalogue."""
    compiled = sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/messages.mo"))
    return [DEFAULT] + [code for code in compiled if code != DEFAULT]


def available_locales() -> list[str]:
    return list(current_app.config["LOCALES"])


def normalize(tag: str | None) -> str | None:
    """The shipped locale a language tag names (``zh-CN`` -> ``zh_Hans``, ``tl-PH`` -> ``fil``), or None."""
    if not tag or not LANGUAGE_TAG.fullmatch(tag):
        return None
    return _shipped_locale(tag.replace("-", "_"), tuple(available_locales()))


@lru_cache(maxsize=1024)
def _shipped_locale(tag: str, shipped: tuple[str, ...]) -> str | None:
    """Babel knows a language's aliases and likely script; the same language in another script beats none."""
    try:
        asked = Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return None
    same_language = [code for code in shipped if Locale.parse(code).language == asked.language]
    same_language.sort(key=lambda code: Locale.parse(code).script != asked.script)
    return same_language[0] if same_language else None


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT
    account = g.get("account")
    choices = [account.language if account is not None else None, request.cookies.get(COOKIE)]
    choices += [tag for tag, _quality in request.accept_languages]
    for choice in choices:
        code = normalize(choice)
        if code:
            return code
    return DEFAULT


def html_lang() -> str:
    """The page's language as an HTML/BCP 47 tag (``zh-Hans``), which speech synthesis also reads."""
    return str(get_locale()).replace("_", "-")


def text_direction() -> str:
    locale = get_locale()
    return "ltr" if locale is None else str(locale.text_direction)


def switcher_languages() -> list[tuple[str, str]]:
    """Each shipped language, named in its own words so a reader finds theirs."""
    return [(code, _native_name(code)) for code in available_locales()]


@lru_cache(maxsize=64)
def _native_name(code: str) -> str:
    name = str(Locale.parse(code).get_display_name())
    return name[:1].upper() + name[1:]  # "español" starts a line in the switcher


@dataclass(frozen=True)
class LanguageLink:
    tag: str  # BCP 47, for lang= and hreflang=
    name: str
    href: str
    current: bool


def language_return() -> str:
    """Where the language switcher comes back to: this page, or home after a form was sent."""
    return request.full_path.rstrip("?") if request.method == "GET" else "/"


def language_links() -> list[LanguageLink]:
    """The switcher's links back to this page, each in another language.

    One `url_for` a page, not one a language: the switcher is on every page.
    """
    switch = url_for("languages.switch")
    back_to = language_return()
    here = html_lang()
    links = []
    for code, name in switcher_languages():
        tag = code.replace("_", "-")
        query = urlencode({"to": code, "next": back_to}, safe=URL_SAFE)
        links.append(LanguageLink(tag, name, f"{switch}?{query}", tag == here))
    return links


URL_SAFE = "!$'()*,/:;?@"  # what Werkzeug's url_for leaves unescaped in a query


def date_format(value: Any, format: str | None = None, rebase: bool = True) -> str:
    """Flask-Babel's `dateformat` filter, with a calendar day's words kept once formatted (a caseload has hundreds)."""
    if type(value) is date:  # not a datetime: those are moved into the reader's time zone first
        return _day_in_words(str(get_locale()), value, format)
    if isinstance(value, datetime) and rebase:
        return _day_in_words(str(get_locale()), day_of(value), format)
    return str(format_date(value, format, rebase))


@lru_cache(maxsize=4096)
def _day_in_words(locale: str, day: date, format: str | None) -> str:
    return str(format_date(day, format))  # in `locale`: the current one, which is part of the key


def isolated(name: object) -> Markup:
    """A name a person typed, isolated from the sentence around it (a Latin name in Arabic keeps its order)."""
    return Markup("<bdi>{}</bdi>").format(name)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["dateformat"] = date_format
    app.jinja_env.filters["bdi"] = isolated
    # Read once at start-up: the catalogues do not change while the app runs.
    app.config["LOCALES"] = compiled_locales(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))

    # The locale is kept on `g`, which outlives one request when an app context is already pushed
    # (tests, CLI): choose afresh for every request.
    app.before_request(refresh)

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {
            "text_direction": text_direction,
            "current_locale": html_lang,
            "switcher_languages": switcher_languages,
            "language_links": language_links,
            "language_return": language_return,
        }
