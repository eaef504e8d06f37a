"""Installable and offline: the web app manifest, the service worker, what is kept on the phone."""
