"""Access log lines without secrets: no share-link token, no query string (search words, codes)."""
from __future__ import annotations

import logging
import re

from flask import Flask

# The development server's access log, and gunicorn's when an operator turns one on.
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access")
SHARE_TOKEN = re.compile(r"/s/[^/\s?#\"'\x1b]+")
QUERY = re.compile(r"\?[^\s\"'\x1b]*")


class HideRequestSecrets(logging.Filter):
    """Rewrites each line: /s/<token> becomes /s/<hidden>, and everything after a ? goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = QUERY.sub("", SHARE_TOKEN.sub("/s/<hidden>", message))
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


def init_app(app: Flask) -> None:
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, HideRequestSecrets) for existing in logger.filters):
            logger.addFilter(HideRequestSecrets())
