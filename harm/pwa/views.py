"""The manifest and the service worker, both served from the root so the worker controls every page."""
from __future__ import annotations

import json
from functools import cache

from flask import Blueprint, Response, abort, jsonify, request
from flask.typing import ResponseReturnValue

from harm.discreet.choices import OPTIONS, choice_for, current_choice
from harm.pwa import offline
from harm.pwa.manifest import manifest_for_choice
from harm.security import public

bp = Blueprint("pwa", __name__)

WORKER_SOURCE = offline.STATIC_ROOT / "js" / "sw.js"


@bp.get("/manifest.webmanifest")
@public
def manifest() -> ResponseReturnValue:
    # Browsers fetch the manifest without cookies: each page links the one for its device's choice by name,
    # so an install takes the neutral name and icon whoever is signed in, or nobody.
    chosen = request.args.get("choice")
    if chosen is not None and chosen not in OPTIONS:
        abort(404)
    response = jsonify(manifest_for_choice(choice_for(chosen) if chosen else current_choice()))
    response.mimetype = "application/manifest+json"
    if chosen is None:
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
