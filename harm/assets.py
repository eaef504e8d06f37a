"""Static files under content-hashed names, cached for a year; answers compressed by Flask-Compress, pages never.

`url_for('static', filename='css/app.css')` gives `/static/css/app.<hash>.css`. That name changes
whenever the file does, so browsers may keep it forever (`immutable`). The plain name keeps working,
revalidated as Flask always served it. The files are read and named once, when the app starts, and served
from memory (hand-written: neither Flask nor Flask-Compress gives static files content-hashed names).

Every HTML page carries the CSRF token (base.html's meta tag) beside what the request put on the page
(a search word, a name just typed): compressed together, the answer's length would let an observer
guess the token a character at a time (BREACH). So HTML goes out uncompressed; stylesheets, scripts,
SVG and JSON (which carry no token) are compressed.
"""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app
from flask.typing import ResponseReturnValue

from harm.extensions import compress

HASH_LENGTH = 12
IMMUTABLE = "public, max-age=31536000, immutable"
COMPRESSED_TYPES = [  # no text/html: see above
    "text/css", "text/plain", "text/javascript", "application/javascript", "application/json",
    "application/manifest+json", "image/svg+xml", "application/problem+json",
]


@dataclass(frozen=True)
class Asset:
    """One static file, read once."""

    body: bytes
    mimetype: str


@dataclass(frozen=True)
class AssetMap:
    hashed_by_name: dict[str, str]  # "css/app.css" -> "css/app.0123456789ab.css"
    assets_by_hashed: dict[str, Asset]

    def hashed_name(self, filename: str) -> str:
        return self.hashed_by_name.get(filename, filename)


def hashed_filename(filename: str, digest: str) -> str:
    stem, dot, suffix = filename.rpartition(".")
    if not dot or "/" in suffix:
        return f"{filename}.{digest}"
    return f"{stem}.{digest}.{suffix}"


def build_asset_map(static_folder: Path) -> AssetMap:
    hashed_by_name: dict[str, str] = {}
    assets_by_hashed: dict[str, Asset] = {}
    for path in sorted(p for p in static_folder.rglob("*") if p.is_file()):
        name = path.relative_to(static_folder).as_posix()
        body = path.read_bytes()
        hashed = hashed_filename(name, hashlib.sha256(body).hexdigest()[:HASH_LENGTH])
        hashed_by_name[name] = hashed
        assets_by_hashed[hashed] = Asset(body, mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return AssetMap(hashed_by_name, assets_by_hashed)


def asset_map(app: Flask | None = None) -> AssetMap:
    return (app or current_app).extensions["hashed_assets"]  # type: ignore[no-any-return]


def hashed_static_urls(app: Flask | None = None) -> list[str]:
    """Every static file's hashed URL: what a service worker may precache by version."""
    app = app or current_app
    prefix = (app.static_url_path or "/static").rstrip("/")
    return [f"{prefix}/{hashed}" for hashed in sorted(asset_map(app).assets_by_hashed)]


def _hashed_static_view(app: Flask) -> Any:
    plain_static: Any = app.view_functions["static"]

    def static(filename: str) -> ResponseReturnValue:
        asset = asset_map(app).assets_by_hashed.get(filename)
        if asset is not None:
            return Response(asset.body, mimetype=asset.mimetype, headers={"Cache-Control": IMMUTABLE})
        if filename in asset_map(app).hashed_by_name:
            return plain_static(filename=filename)
        abort(404)

    return static


def _hash_static_urls(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and isinstance(values.get("filename"), str):
        values["filename"] = asset_map().hashed_name(values["filename"])


def init_app(app: Flask) -> None:
    if app.static_folder is None:
        return
    app.extensions["hashed_assets"] = build_asset_map(Path(app.static_folder))
    app.view_functions["static"] = _hashed_static_view(app)
    app.url_defaults(_hash_static_urls)
    app.config["COMPRESS_MIMETYPES"] = COMPRESSED_TYPES
    compress.init_app(app)
