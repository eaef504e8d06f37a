"""Static files under content-hashed names, cached for a year; responses compressed with gzip.

`url_for('static', filename='css/app.css')` gives `/static/css/app.<hash>.css`. That name changes
whenever the file does, so browsers may keep it forever (`immutable`). The plain name keeps working,
revalidated as Flask always served it. The hash map is built once, when the app starts.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, request
from flask.typing import ResponseReturnValue

HASH_LENGTH = 12
IMMUTABLE = "public, max-age=31536000, immutable"
# Compressing very small bodies costs more than it saves.
MIN_COMPRESS_BYTES = 512
COMPRESS_LEVEL = 6
COMPRESSIBLE_TYPES = frozenset({
    "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
    "application/json", "application/manifest+json", "image/svg+xml", "application/problem+json",
})


@dataclass(frozen=True)
class Asset:
    """One static file, read once: its bytes, gzipped bytes (when worth it) and type."""

    body: bytes
    gzipped: bytes | None
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


def _read_asset(path: Path) -> Asset:
    body = path.read_bytes()
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    gzipped = None
    if is_compressible(mimetype) and len(body) >= MIN_COMPRESS_BYTES:
        gzipped = gzip.compress(body, COMPRESS_LEVEL, mtime=0)
    return Asset(body=body, gzipped=gzipped, mimetype=mimetype)


def build_asset_map(static_folder: Path) -> AssetMap:
    hashed_by_name: dict[str, str] = {}
    assets_by_hashed: dict[str, Asset] = {}
    for path in sorted(p for p in static_folder.rglob("*") if p.is_file()):
        name = path.relative_to(static_folder).as_posix()
        asset = _read_asset(path)
        hashed = hashed_filename(name, hashlib.sha256(asset.body).hexdigest()[:HASH_LENGTH])
        hashed_by_name[name] = hashed
        assets_by_hashed[hashed] = asset
    return AssetMap(hashed_by_name, assets_by_hashed)


def asset_map(app: Flask | None = None) -> AssetMap:
    return (app or current_app).extensions["hashed_assets"]  # type: ignore[no-any-return]


def hashed_static_urls(app: Flask | None = None) -> list[str]:
    """Every static file's hashed URL: what a service worker may precache by version."""
    app = app or current_app
    prefix = (app.static_url_path or "/static").rstrip("/")
    return [f"{prefix}/{hashed}" for hashed in sorted(asset_map(app).assets_by_hashed)]


def is_compressible(mimetype: str) -> bool:
    return mimetype in COMPRESSIBLE_TYPES


def accepts_gzip() -> bool:
    return "gzip" in request.accept_encodings


def _serve_hashed(asset: Asset) -> Response:
    use_gzip = asset.gzipped is not None and accepts_gzip()
    response = Response(asset.gzipped if use_gzip else asset.body, mimetype=asset.mimetype)
    if use_gzip:
        response.headers["Content-Encoding"] = "gzip"
    if asset.gzipped is not None:
        response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = IMMUTABLE
    return response


def _hashed_static_view(app: Flask) -> Any:
    plain_static: Any = app.view_functions["static"]

    def static(filename: str) -> ResponseReturnValue:
        asset = asset_map(app).assets_by_hashed.get(filename)
        if asset is not None:
            return _serve_hashed(asset)
        if filename in asset_map(app).hashed_by_name:
            return plain_static(filename=filename)
        abort(404)

    return static


def _hash_static_urls(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and isinstance(values.get("filename"), str):
        values["filename"] = asset_map().hashed_name(values["filename"])


def compress_response(response: Response) -> Response:
    """Gzip a page or JSON answer when the browser accepts it and it is big enough to gain."""
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
        or not is_compressible(response.mimetype or "")
    ):
        return response
    response.vary.add("Accept-Encoding")
    body = response.get_data()
    if len(body) < MIN_COMPRESS_BYTES or not accepts_gzip():
        return response
    response.set_data(gzip.compress(body, COMPRESS_LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    if response.headers.get("ETag"):
        # The compressed body is a different representation of the same thing.
        response.headers["ETag"] = response.headers["ETag"].replace('"', '"gz-', 1)
    return response


def init_app(app: Flask) -> None:
    if app.static_folder is None:
        return
    app.extensions["hashed_assets"] = build_asset_map(Path(app.static_folder))
    app.view_functions["static"] = _hashed_static_view(app)
    app.url_defaults(_hash_static_urls)
    app.after_request(compress_response)
