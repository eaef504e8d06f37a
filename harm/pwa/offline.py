"""What the service worker may keep on a phone. The one list of public offline pages lives here."""
from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from harm.content.guides import guide_urls
from harm.emergency.steps import STEP_COUNT

STATIC_ROOT = Path(__file__).resolve().parent.parent.parent / "static"

# Public pages (no account) precached at install so they open with no network: every guide and
# every screen of the emergency steps.
PUBLIC_OFFLINE_URLS: list[str] = [
    "/",  # the home screen's icon opens here: offline, its copy still leads with the emergency button
    *guide_urls(),
    "/emergency",  # step 1; /emergency/1 redirects here
    *(f"/emergency/{number}" for number in range(2, STEP_COUNT + 1)),
]

# Static files precached at install: the look of the pages, the step pictures, the icons.
PRECACHE_STATIC_GLOBS = ("css/*.css", "js/*.js", "img/steps/*.svg", "icons/*.png")

# A family's pages the worker keeps when someone chose "keep on this phone". Anything else under
# /f/<id>/ (use details, consents, people, history) is never stored.
KEPT_FAMILY_PATHS = r"^/f/[0-9a-f]{32}(/plan/[a-z_]+|/milestones)?$"


def static_files() -> list[Path]:
    return sorted(path for pattern in PRECACHE_STATIC_GLOBS for path in STATIC_ROOT.glob(pattern)
                  if path.name != "sw.js")


@cache
def static_version() -> str:
    """A short hash of every static file's content: a new release gets a new cache name."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_ROOT.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(STATIC_ROOT)).encode())
            digest.update(path.read_bytes())
    digest.update("\n".join(PUBLIC_OFFLINE_URLS).encode())
    return digest.hexdigest()[:12]


def precache_static_urls() -> list[str]:
    return ["/static/" + str(path.relative_to(STATIC_ROOT)) for path in static_files()]


def family_pages(family_public_id: str, section_keys: list[str]) -> list[str]:
    """The pages of one family kept offline: the overview, each section the member may read, milestones."""
    base = f"/f/{family_public_id}"
    return [base, *(f"{base}/plan/{key}" for key in section_keys), f"{base}/milestones"]


def may_keep(path: str) -> bool:
    return re.match(KEPT_FAMILY_PATHS, path) is not None
