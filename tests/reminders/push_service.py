"""A Web Push service on 127.0.0.1 for tests: checks the VAPID signature and decrypts what it receives."""
from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's side of one push subscription: its key pair and auth secret."""

    name: str
    private_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: bytes(range(16)))

    def subscription(self, base_url: str) -> dict[str, Any]:
        point = self.private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                           serialization.PublicFormat.UncompressedPoint)
        keys = {"p256dh": b64url(point), "auth": b64url(self.auth)}
        return {"endpoint": f"{base_url}/push/{self.name}", "keys": keys}


@dataclass
class Received:
    device: str
    vapid_key: str
    claims: dict[str, Any]
    message: dict[str, Any]
    size: int = 0  # the encrypted body's length: all the push service learns of the message
    plain: bytes = b""  # the decrypted text, padding and all


def verify_vapid(header: str) -> tuple[str, dict[str, Any]]:
    """Check `vapid t=<jwt>, k=<key>`: the JWT must be ES256-signed by k. Returns k and the claims."""
    scheme, _, params = header.partition(" ")
    assert scheme == "vapid", header
    parts = dict(item.strip().split("=", 1) for item in params.split(","))
    token, key = parts["t"], parts["k"]
    head, body, signature = token.split(".")
    assert json.loads(unb64url(head))["alg"] == "ES256"
    raw = unb64url(signature)
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))  # raises if forged
    return key, json.loads(unb64url(body))


class PushService:
    """Answers 201 (or what `answers` says for a device), recording each decrypted message."""

    def __init__(self) -> None:
        self.devices: dict[str, Device] = {}
        self.answers: dict[str, int] = {}
        self.received: list[Received] = []
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                name = self.path.rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = service.answers.get(name, 201)
                if status == 201:
                    key, claims = verify_vapid(self.headers["Authorization"])
                    assert self.headers["Content-Encoding"] == "aes128gcm"
                    device = service.devices[name]
                    plain = http_ece.decrypt(body, private_key=device.private_key, auth_secret=device.auth,
                                             version="aes128gcm")
                    with service.lock:
                        service.received.append(Received(name, key, claims, json.loads(plain), len(body), plain))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def device(self, name: str) -> Device:
        self.devices[name] = Device(name)
        return self.devices[name]

    def __enter__(self) -> PushService:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
