"""In production the server pushes only to https on a public host: never to itself or its own network."""
from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from harm.config import Settings
from harm.extensions import db
from harm.families import roles
from harm.reminders import push_connections, sender
from harm.reminders.models import PushSubscription
from tests.conftest import sign_in
from tests.reminders.fixtures import AUTH, P256DH, SUBSCRIPTION_JSON
from tests.reminders.test_sending import due_reminder

pytestmark = pytest.mark.db

INSIDE = ["https://127.0.0.1/push/a", "https://10.0.0.1/push/a", "https://[::1]/push/a",
          "https://169.254.169.254/latest/meta-data", "https://[::ffff:127.0.0.1]/push/a", "https://192.168.1.20/p",
          "https://127.1/push/a", "https://2130706433/push/a", "https://0x7f.1/push/a", "https://localhost/push/a",
          "https://push.localhost/a", "https://metadata/computeMetadata", "https://router.lan/push",
          "https://user@push.example.org/a", "http://push.example.org/push/a", "https://[::1/push/a",
          "https://push.example.org:99999/a"]
# What the patched DNS answers: names that look public but lead inside, and one really public host.
DNS = {"loopback.example.org": ["127.0.0.1"], "mapped.example.org": ["::ffff:10.0.0.5"],
       "cloud.example.org": ["169.254.169.254"], "half.example.org": ["93.184.215.14", "192.168.0.10"],
       "multicast.example.org": ["224.0.0.251"], "zero.example.org": ["0.0.0.0"],  # noqa: S104 (an answer, not a bind)
       "sixtofour.example.org": ["2002:a00:1::1"], "public.example.org": ["93.184.215.14"]}
RESOLVES_INSIDE = [f"https://{name}/push/x" for name in DNS if name != "public.example.org"]


@pytest.fixture
def production(app: Flask) -> Iterator[Flask]:
    """The test app with production's push rule (the settings' own default there)."""
    settings = app.config["SETTINGS"]
    app.config["SETTINGS"] = replace(settings, env="production", allow_local_push_hosts=False)
    yield app
    app.config["SETTINGS"] = settings


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in DNS:
            return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (ip, port) if ":" not in ip else (ip, port, 0, 0)) for ip in DNS[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every connection the process tries to open; each is refused, so nothing leaves the machine."""
    tried: list[Any] = []

    def connect(sock: socket.socket, address: Any) -> None:
        tried.append(address[0])
        raise ConnectionRefusedError("no connections from this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return tried


def device_at(account_id: int, endpoint: str) -> PushSubscription:
    """A subscription already stored (before this rule, or a name whose DNS changed since)."""
    row = PushSubscription(account_id=account_id, endpoint=endpoint, p256dh=P256DH, auth=AUTH, device="Phone")
    db.session.add(row)
    db.session.commit()
    return row


def test_production_refuses_addresses_inside_at_subscription(production, client, household):
    parent = sign_in(client, household.people[roles.PARENT])
    for endpoint in INSIDE:
        answer = parent.post("/api/v1/push/subscriptions", json=SUBSCRIPTION_JSON | {"endpoint": endpoint})
        assert answer.status_code == 422, endpoint
        body = answer.get_json()
        assert body["code"] == 422 and body["message"] == "Some answers need a fix.", endpoint
        assert body["errors"]["json"]["endpoint"][0] in ("The push address must be an https web address.",
                                                        "The push address must be a public web address, "
                                                        "not a local one."), endpoint
    assert PushSubscription.query.count() == 0
    public = parent.post("/api/v1/push/subscriptions", json=SUBSCRIPTION_JSON | {"endpoint": RESOLVES_INSIDE[0]})
    assert public.status_code == 201  # its DNS is asked only when sending


def test_sending_never_connects_inside_even_when_a_public_name_resolves_there(
        production, household, dns, connections, caplog):
    parent = household.people[roles.PARENT]
    for endpoint in INSIDE + RESOLVES_INSIDE:
        device_at(parent.id, endpoint)
    due_reminder(parent)
    caplog.set_level(logging.INFO)
    report = sender.send_due()
    assert connections == []
    assert report.sent == 0 and report.retrying == 1
    assert PushSubscription.query.count() == len(INSIDE + RESOLVES_INSIDE)  # kept: skipped, not gone
    skipped = [r.getMessage() for r in caplog.records if "push skipped" in r.getMessage()]
    assert len(skipped) == len(INSIDE + RESOLVES_INSIDE)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "example.org" not in logged and "169.254" not in logged and "127.0.0" not in logged


def test_sending_to_a_public_host_does_connect(production, household, dns, connections):
    """The check lets the real thing through: the one connection goes to the public address."""
    parent = household.people[roles.PARENT]
    device_at(parent.id, "https://public.example.org/push/x")
    device_at(parent.id, "https://loopback.example.org/push/x")
    due_reminder(parent)
    sender.send_due()
    assert connections == ["93.184.215.14"]


def test_only_production_turns_local_push_hosts_off(tmp_path: Path):
    production = {"FAMILY_PLAN_ENV": "production", "SECRET_KEY": "k3Vq9-xZp2Lw7_TbN4mRc8Yh1JdGs6Fe",
                  "DATABASE_URL": "sqlite://", "WEBAUTHN_RP_ID": "plan.example.org",
                  "WEBAUTHN_ORIGIN": "https://plan.example.org", "SINGLE_PROCESS": "1"}
    assert Settings.from_env(tmp_path, production).allow_local_push_hosts is False
    assert Settings.from_env(tmp_path, {}).allow_local_push_hosts is True
    assert Settings.from_env(tmp_path, {"FAMILY_PLAN_ENV": "testing"}).allow_local_push_hosts is True
    assert Settings.from_env(tmp_path, {"ALLOW_LOCAL_PUSH_HOSTS": "0"}).allow_local_push_hosts is False


def test_a_name_that_changes_its_answer_after_the_check_is_not_followed_inside(
        production, household, connections, monkeypatch, caplog):
    """DNS rebinding: public when checked, loopback a moment later. The connection uses the checked answer."""
    answers = iter(["93.184.215.14"] + ["127.0.0.1"] * 10)
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example.org":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    device_at(household.people[roles.PARENT].id, "https://rebind.example.org/push/x")
    due_reminder(household.people[roles.PARENT])
    caplog.set_level(logging.INFO)
    assert sender.send_due().retrying == 1
    assert connections == []
    assert any("push skipped" in r.getMessage() for r in caplog.records)


def test_a_redirect_inside_is_never_followed(production, dns, connections):
    """A push service's redirect goes through the same session: plain http and inside names are refused."""
    session = push_connections.push_session()
    assert session is not None
    for target in ("http://127.0.0.1:9/push", "http://public.example.org/push", "https://loopback.example.org/p",
                   "https://half.example.org/push"):
        with pytest.raises(push_connections.NotPublicHost):
            session.post(target, data=b"x", timeout=1)
    assert connections == []


def test_a_broken_push_address_is_a_422_not_a_crash(client, household):
    parent = sign_in(client, household.people[roles.PARENT])
    for endpoint in ("https://[::1/push/a", "https://push.example.org:99999/a"):
        answer = parent.post("/api/v1/push/subscriptions", json=SUBSCRIPTION_JSON | {"endpoint": endpoint})
        assert answer.status_code == 422, endpoint
        assert answer.get_json()["errors"]["json"]["endpoint"] == ["The push address must be an https web address."]
