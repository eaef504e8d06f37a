"""Sign-in required by default, and the security headers on every response."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, current_app, g, redirect, request, url_for

F = TypeVar("F", bound=Callable[..., Any])

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# The app needs none of these powerful features; a script injected somehow gets none either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"


def public(view: F) -> F:
    """Mark a view as open to people who are not signed in."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def cacheable(view: F) -> F:
    """Mark a public page (a guide) that a browser or service worker may keep, revalidating when online."""
    view.cacheable = True  # type: ignore[attr-defined]
    return view


# The OpenAPI document describes the API; it holds no one's data.
PUBLIC_ENDPOINTS = {"static", "api-docs.openapi_json"}


def _is_public(endpoint: str | None, app: Flask) -> bool:
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return True
    return bool(getattr(app.view_functions.get(endpoint), "is_public", False))


def _is_cacheable(endpoint: str | None, app: Flask, response: Response) -> bool:
    view = app.view_functions.get(endpoint or "")
    return response.status_code == 200 and bool(getattr(view, "cacheable", False))


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def load_account() -> Any:
    """The account this request is signed in as, or None, by the loader the factory gave `init_app`."""
    return current_app.extensions["load_account"]()


def init_app(app: Flask, load_account: Callable[[], Any]) -> None:
    app.extensions["load_account"] = load_account

    @app.before_request
    def require_sign_in() -> Any:
        g.account = None
        g.membership = g.allowed = None  # filled by the family access check; never carried over
        if request.endpoint == "static":
            return None  # no database round trip for a stylesheet
        g.account = load_account()
        if g.account is not None or _is_public(request.endpoint, app):
            return None
        if is_api_request():
            abort(401)
        return redirect(url_for("accounts.signin", next=request.full_path.rstrip("?")))

    @app.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.endpoint != "static" and not _is_cacheable(request.endpoint, app, response):
            # Pages and answers may show a family's plan: never keep them in a shared cache.
            headers["Cache-Control"] = "no-store"
        elif request.endpoint != "static":
            # Guides hold no one's data; kept for offline use, checked again when online.
            headers["Cache-Control"] = "private, no-cache"
            headers.add("Vary", "Cookie")
            headers.add("Vary", "Accept-Language")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        return response
