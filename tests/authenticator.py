"""A software passkey authenticator, enough for the real webauthn verification functions."""
from __future__ import annotations

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, AT = 0x01, 0x04, 0x40


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Authenticator:
    """Holds passkeys like a phone does; makes registration and sign-in responses."""

    origin: str = "http://localhost"
    user_verified: bool = True
    keys: dict[bytes, tuple[ec.EllipticCurvePrivateKey, bytes, str]] = field(default_factory=dict)
    counter: int = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin,
                           "crossOrigin": False}).encode()

    def _flags(self, extra: int = 0) -> int:
        return UP | (UV if self.user_verified else 0) | extra

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        """Answer navigator.credentials.create() options (as JSON) like a real authenticator."""
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        credential_id = os.urandom(32)
        rp_id = options["rp"]["id"]
        self.keys[credential_id] = (key, unb64url(options["user"]["id"]), rp_id)
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags(AT)])
            + struct.pack(">I", self.counter)
            + bytes(16)
            + struct.pack(">H", len(credential_id))
            + credential_id
            + cbor2.dumps(cose)
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
            "clientExtensionResults": {}, "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(self._client_data("webauthn.create", options["challenge"])),
                "attestationObject": b64url(attestation), "transports": ["internal"],
            },
        }

    def get(self, options: dict[str, Any], credential_id: bytes | None = None) -> dict[str, Any]:
        """Answer navigator.credentials.get() options with a stored passkey."""
        credential_id = credential_id or next(iter(self.keys))
        key, user_handle, rp_id = self.keys[credential_id]
        self.counter += 1
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([self._flags()]) + struct.pack(">I", self.counter)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
            "clientExtensionResults": {}, "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                "signature": b64url(signature), "userHandle": b64url(user_handle),
            },
        }
