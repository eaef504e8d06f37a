"""A hard delete leaves nothing of what was deleted in the SQLite file or its WAL (read as raw bytes)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.vault.models import UseDetail
from tests.conftest import CSRFClient, make_account, sign_in, sqlite_file_app

SECRET_PLAN_TEXT = "Xq-deleted-plan-words-4471"


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "disk.sqlite"


@pytest.fixture
def sqlite_app(sqlite_file: Path) -> Iterator[Flask]:
    """An app on its own SQLite file (this is about SQLite's files, whichever database the run uses)."""
    yield from sqlite_file_app(sqlite_file)


def on_disk(sqlite_file: Path) -> bytes:
    """Every byte of the database and its WAL, as someone with the stolen disk would read them."""
    files = (sqlite_file, Path(f"{sqlite_file}-wal"))
    return b"".join(path.read_bytes() for path in files if path.exists())


def family_with_entries(app: Flask, texts: list[str]) -> tuple[CSRFClient, str, list[bytes]]:
    parent = make_account("Disk Parent")
    family, _ = start_family(parent, "Disk family", roles.PARENT)
    db.session.commit()
    family_id = family.public_id
    client = sign_in(app.test_client(), parent)
    for text in texts:
        saved = client.post(f"/api/v1/families/{family_id}/use-details", json={"category": "moud", "text": text})
        assert saved.status_code == 201, saved.text
    sealed = [bytes(s) for s in db.session.execute(db.select(UseDetail.sealed)).scalars()]
    db.session.commit()
    return client, family_id, sealed


def test_a_deleted_use_detail_is_gone_from_the_file_and_the_wal(sqlite_app, sqlite_file):
    client, family_id, sealed = family_with_entries(sqlite_app, ["first entry", "second entry"])
    assert all(s in on_disk(sqlite_file) for s in sealed)
    entry_id = db.session.execute(db.select(UseDetail.public_id).where(UseDetail.sealed == sealed[0])).scalar_one()
    db.session.commit()
    assert client.delete(f"/api/v1/families/{family_id}/use-details/{entry_id}").status_code == 204
    raw = on_disk(sqlite_file)
    assert sealed[0] not in raw and sealed[1] in raw

    deleted = client.post(f"/f/{family_id}/use-details/delete-all", data={"confirm": "yes"})
    assert deleted.status_code == 302
    assert sealed[1] not in on_disk(sqlite_file)


def test_a_deleted_family_is_gone_from_the_file_and_the_wal(sqlite_app, sqlite_file):
    client, family_id, sealed = family_with_entries(sqlite_app, ["an entry"])
    saved = client.put(f"/api/v1/families/{family_id}/plan/storage",
                       json={"version": 0, "data": {"location": SECRET_PLAN_TEXT}})
    assert saved.status_code == 200, saved.text
    assert SECRET_PLAN_TEXT.encode() in on_disk(sqlite_file)
    assert client.delete(f"/api/v1/families/{family_id}").status_code == 204
    raw = on_disk(sqlite_file)
    assert SECRET_PLAN_TEXT.encode() not in raw and sealed[0] not in raw
