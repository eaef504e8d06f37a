"""Agencies and their workers, for the tests of agencies, caseloads, check-ins, reviews and reports."""
from __future__ import annotations

from harm.accounts.models import Account
from harm.agencies.models import Agency, AgencyWorker
from harm.agencies.service import create_agency
from harm.extensions import db
from tests.conftest import make_account


def agency_with(admin_name: str = "Dana Admin", **workers: Account) -> tuple[Agency, Account]:
    """An agency with its admin, and the accounts given joined with the role given by the keyword prefix."""
    admin = make_account(admin_name)
    agency = create_agency(admin, "Riverside Family Services")
    for key, account in workers.items():
        db.session.add(AgencyWorker(agency_id=agency.id, account_id=account.id, role=key.split("_")[0]))
    db.session.commit()
    return agency, admin


def numbers_in(text: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"(?<![\d-])\d+(?![\d-])", text)]


def cells(csv_text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(csv_text)))

