"""The neutral names and icons a parent can pick for this device's home screen."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

COOKIE = "fp_discreet"
COOKIE_DAYS = 400  # browsers cap cookie lifetimes near 400 days
DEFAULT = "default"


@dataclass(frozen=True)
class Icon:
    src: str
    sizes: str
    type: str
    purpose: str = "any"


@dataclass(frozen=True)
class Option:
    key: str
    label: Any  # the neutral name; for the default, the app's own name is used
    folder: str


@dataclass(frozen=True)
class Choice:
    """What a manifest, page titles and notifications use on this device."""

    key: str
    name: str
    short_name: str
    icons: tuple[Icon, ...]

    @property
    def is_discreet(self) -> bool:
        return self.key != DEFAULT

    def manifest_fields(self) -> dict[str, Any]:
        """The web app manifest's name, short_name and icons for this device (the web app manifest merges these)."""
        return {
            "name": self.name,
            "short_name": self.short_name,
            "icons": [{"src": i.src, "sizes": i.sizes, "type": i.type, "purpose": i.purpose} for i in self.icons],
        }


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        Option(DEFAULT, None, "default"),
        Option("notes", _l("Notes"), "notes"),
        Option("calendar", _l("Calendar"), "calendar"),
        Option("weather", _l("Weather"), "weather"),
    )
}


def icons_for(option: Option) -> tuple[Icon, ...]:
    base = f"/static/icons/discreet/{option.folder}"
    return (
        Icon(f"{base}/icon.svg", "any", "image/svg+xml"),
        Icon(f"{base}/icon-192.png", "192x192", "image/png"),
        Icon(f"{base}/icon-512.png", "512x512", "image/png"),
        Icon(f"{base}/maskable-512.png", "512x512", "image/png", "maskable"),
    )


def choice_for(key: str) -> Choice:
    option = OPTIONS.get(key) or OPTIONS[DEFAULT]
    name = current_app.config["SETTINGS"].app_name if option.key == DEFAULT else str(option.label)
    return Choice(key=option.key, name=name, short_name=name[:12], icons=icons_for(option))


def current_choice() -> Choice:
    """The choice stored on this device (cookie); the app's own name and icon if none."""
    key = request.cookies.get(COOKIE, DEFAULT) if has_request_context() else DEFAULT
    return choice_for(key)
