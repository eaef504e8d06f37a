"""Which push addresses the server may connect to: https on a public host, never inside its own network."""
from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

# The tests' and a developer's own push service (only when ALLOW_LOCAL_PUSH_HOSTS is on).
LOCAL_PUSH_HOSTS = {"localhost", "127.0.0.1"}
# Names that never lead to a public host (RFC 6761, 6762, 8375 and common private suffixes).
PRIVATE_SUFFIXES = ("localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp",
                    "home.arpa", "test", "invalid", "example", "onion")
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# A last label of letters only: "127.1", "2130706433" and "0x7f.1" are addresses in disguise.
TOP_LABEL = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def local_hosts_allowed() -> bool:
    return bool(current_app.config["SETTINGS"].allow_local_push_hosts)


def endpoint_problem(endpoint: str) -> str | None:
    """What is wrong with a push address without asking DNS, or None."""
    try:
        parts = urlsplit(endpoint)
        _port = parts.port  # raises on a port out of range
    except ValueError:
        return _("The push address must be an https web address.")
    host = (parts.hostname or "").rstrip(".")
    if local_hosts_allowed():
        if not host or not (parts.scheme == "https" or (parts.scheme == "http" and host in LOCAL_PUSH_HOSTS)):
            return _("The push address must be an https web address.")
        return None
    if parts.scheme != "https" or not host:
        return _("The push address must be an https web address.")
    if not is_public_name(host) or parts.username is not None:
        return _("The push address must be a public web address, not a local one.")
    return None


def is_public_name(host: str) -> bool:
    """A host name that could be on the internet: no address, no single label, no private suffix."""
    labels = host.lower().split(".")
    if len(labels) < 2 or not all(LABEL.match(label) for label in labels) or not TOP_LABEL.match(labels[-1]):
        return False
    return not any(host.lower() == suffix or host.lower().endswith("." + suffix) for suffix in PRIVATE_SUFFIXES)


def is_public_address(text: str) -> bool:
    """An address on the public internet (IPv4-mapped and 6to4 IPv6 judged by the IPv4 inside)."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is not None and not is_public_address(str(inner)):
            return False
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


class NotPublicHost(Exception):
    """The push host's name leads to an address inside: nothing was sent."""


def checked_address(host: str, port: int) -> str:
    """Resolve the host once; the address to connect to, if every address it has is public."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [str(sockaddr[0]) for *_, sockaddr in found]
    if not addresses or not all(is_public_address(address) for address in addresses):
        raise NotPublicHost()
    return addresses[0]


def may_connect(endpoint: str) -> bool:
    """Check at send time, before connecting: every address the host resolves to must be public."""
    if endpoint_problem(endpoint) is not None:
        return False
    if local_hosts_allowed():
        return True
    parts = urlsplit(endpoint)
    try:
        checked_address(parts.hostname or "", parts.port or 443)
    except (OSError, UnicodeError, NotPublicHost):
        return False
    return True
