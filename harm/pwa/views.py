"""The manifest and the service worker, both served from the root so the worker controls every page."""
from __future__ import annotations

import json
from functools import cache

from flask import Blueprint, Response, current_app, jsonify
from flask.typing import ResponseReturnValue

from harm.discreet.choices import current_choice
from harm.pwa import offline
from harm.pwa.manifest import manifest_for
from harm.security import public

bp = Blueprint("pwa", __name__)

WORKER_SOURCE = offline.STATIC_ROOT / "js" / "sw.js"


@bp.get("/manifest.webmanifest")
@public
def manifest() -> ResponseReturnValue:
    body = manifest_for(current_app.config["SETTINGS"].app_name)
    choice = current_choice()
    if choice.is_discreet:  # the neutral name and icon this phone chose before installing
        body |= choice.manifest_fields()
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    response.vary.add("Cookie")
    return response


@bp.app_template_global()
def offline_pages(family_public_id: str, section_keys: list[str]) -> list[str]:
    return offline.family_pages(family_public_id, section_keys)


@cache
def worker_config() -> str:
    config = {
        "version": offline.static_version(),
        "publicPages": offline.PUBLIC_OFFLINE_URLS,
        "publicAliases": offline.PUBLIC_OFFLINE_ALIASES,
        "staticFiles": offline.precache_static_urls(),
        "keptFamilyPaths": offline.KEPT_FAMILY_PATHS,
    }
    return f"const FP_CONFIG = {json.dumps(config)};\n"


@bp.get("/sw.js")
@public
def service_worker() -> ResponseReturnValue:
    body = worker_config() + WORKER_SOURCE.read_text()
    return Response(body, mimetype="text/javascript", headers={"Service-Worker-Allowed": "/"})
