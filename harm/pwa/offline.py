"""What the service worker may keep on a phone. The one list of public offline pages lives here."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from harm.assets import asset_map
from harm.content.guides import guide_urls
from harm.emergency.steps import STEP_COUNT

STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"

# Public pages (no account) precached at install so they open with no network: every guide and
# every screen of the emergency steps.
PUBLIC_OFFLINE_URLS: list[str] = [
    "/",  # the home screen's icon opens here: offline, its copy still leads with the emergency button
    *guide_urls(),
    "/emergency",  # step 1; /emergency/1 redirects here
    *(f"/emergency/{number}" for number in range(2, STEP_COUNT + 1)),
]

# Other addresses of a precached page (the server redirects them to it): offline, the worker redirects the same way.
PUBLIC_OFFLINE_ALIASES: dict[str, str] = {"/emergency/1": "/emergency"}

# Static files precached at install: the look of the pages, the step pictures, the icons (the favicon follows
# the discreet choice).
PRECACHE_STATIC_GLOBS = ("css/*.css", "js/*.js", "img/steps/*.svg", "icons/*.png", "icons/ui/*.svg",
                         "icons/discreet/*/icon.svg", "icons/discreet/*/apple-touch-icon.png")

# A family's pages the worker keeps when someone chose "keep on this phone". Anything else under
# /f/<id>/ (use details, consents, people, history) is never stored.
KEPT_FAMILY_PATHS = r"^/f/[0-9a-f]{32}(/plan/[a-z_]+|/milestones)?$"


def static_files() -> list[Path]:
    return sorted(path for pattern in PRECACHE_STATIC_GLOBS for path in STATIC_ROOT.glob(pattern)
                  if path.name != "sw.js")


def precache_static_urls() -> list[str]:
    """The content-hashed URLs the pages link (harm/assets.py), so a page opened offline finds its styles.

    The icons also go under their plain names: the manifest and the notifications name them so.
    """
    assets = asset_map()
    names = [path.relative_to(STATIC_ROOT).as_posix() for path in static_files()]
    hashed = [f"/static/{assets.hashed_name(name)}" for name in names]
    plain_icons = [f"/static/{name}" for name in names if name.startswith("icons/")]
    return hashed + plain_icons


def static_version() -> str:
    """A short hash of what the worker precaches: the hashed names change with any file, so the cache name does."""
    digest = hashlib.sha256()
    digest.update("\n".join([*precache_static_urls(), *PUBLIC_OFFLINE_URLS, *PUBLIC_OFFLINE_ALIASES]).encode())
    return digest.hexdigest()[:12]


def family_pages(family_public_id: str, section_keys: list[str]) -> list[str]:
    """The pages of one family kept offline: the overview, each section the member may read, milestones."""
    base = f"/f/{family_public_id}"
    return [base, *(f"{base}/plan/{key}" for key in section_keys), f"{base}/milestones"]


def may_keep(path: str) -> bool:
    return re.match(KEPT_FAMILY_PATHS, path) is not None
