"""The web app manifest, built in one place so a discreet name and icon can be swapped in per device."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harm.discreet.choices import Choice

THEME_COLOUR = "#1d4e89"
BACKGROUND_COLOUR = "#ffffff"


@dataclass(frozen=True)
class Icon:
    src: str
    size: int
    purpose: str = "any"


DEFAULT_ICONS = (
    Icon("/static/icons/icon-192.png", 192),
    Icon("/static/icons/icon-512.png", 512),
    Icon("/static/icons/maskable-512.png", 512, "maskable"),
)


def manifest_for(name: str, short_name: str | None = None, icons: tuple[Icon, ...] = DEFAULT_ICONS) -> dict[str, Any]:
    """The manifest for an app called `name` with these icons (discreet mode passes its own)."""
    return {
        "name": name,
        "short_name": short_name or name[:12],
        "description": name,
        "id": "/",
        "start_url": "/?source=home-screen",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": icon.src, "sizes": f"{icon.size}x{icon.size}", "type": "image/png", "purpose": icon.purpose}
            for icon in icons
        ],
    }


def manifest_for_choice(choice: Choice) -> dict[str, Any]:
    """The manifest for a device's choice of name: the app's own, or a neutral one with its icons."""
    body = manifest_for(choice.name, choice.short_name)
    if choice.is_discreet:
        body |= choice.manifest_fields()
    return body
