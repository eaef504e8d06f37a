"""Which language a page is shown in."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale

DEFAULT = "en"
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}


def compiled_locales(folder: Path) -> list[str]:
    """English plus every language with a compiled catalogue."""
    compiled = sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/messages.mo"))
    return [DEFAULT] + [code for code in compiled if code != DEFAULT]


def available_locales() -> list[str]:
    return list(current_app.config["LOCALES"])


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT
    return request.accept_languages.best_match(available_locales()) or DEFAULT


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    # Read once at start-up: the catalogues do not change while the app runs.
    app.config["LOCALES"] = compiled_locales(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"text_direction": text_direction, "current_locale": lambda: str(get_locale())}
