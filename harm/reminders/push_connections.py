"""The connection a push is sent over: only to the public address that was checked, redirects included.

Apart from push_hosts so that the web servers, which only check addresses, never load requests and urllib3.
"""
from __future__ import annotations

import socket
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

from harm.reminders.push_hosts import NotPublicHost, checked_address, local_hosts_allowed


class PinnedHTTPSConnection(HTTPSConnection):
    """Connects to the very address it checked, so a name cannot change its answer (DNS rebinding) in between.

    TLS still checks the certificate against the host name.
    """

    def _new_conn(self) -> socket.socket:
        try:
            address = checked_address(self._dns_host, self.port)
            return connection.create_connection((address, self.port), self.timeout,
                                                source_address=self.source_address,
                                                socket_options=self.socket_options)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        except TimeoutError as error:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from error
        except OSError as error:
            raise NewConnectionError(self, f"Failed to establish a new connection: {error}") from error


class PinnedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = PinnedHTTPSConnection


class PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"https": PinnedHTTPSConnectionPool}


class RefusingAdapter(HTTPAdapter):
    """Plain http, which a push service could still redirect to: never."""

    def send(self, *args: Any, **kwargs: Any) -> requests.Response:
        raise NotPublicHost()


def push_session() -> requests.Session | None:
    """A session that connects only to checked public https addresses, redirects included.

    None where local hosts are allowed: requests' own.
    """
    if local_hosts_allowed():
        return None
    session = requests.Session()
    session.mount("https://", PublicOnlyAdapter())
    session.mount("http://", RefusingAdapter())
    return session
