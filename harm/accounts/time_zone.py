"""An account's time zone: picked on My account, or told by the browser until the person picks one."""
from __future__ import annotations

from harm.accounts.models import Account
from harm.dates import UNKNOWN_ZONE, zone_named
from harm.errors import Invalid
from harm.extensions import db


def choose(account: Account, name: str) -> None:
    """The person picks their zone; a name that is not a known IANA zone changes nothing."""
    if zone_named(name) is None:
        raise Invalid(messages={"time_zone": [str(UNKNOWN_ZONE)]})
    account.time_zone = name
    db.session.commit()


def from_browser(account: Account, name: object) -> None:
    """The zone the browser reports, kept only while the account has none (a picked zone always wins)."""
    if account.time_zone is None and isinstance(name, str) and zone_named(name) is not None:
        account.time_zone = name
        db.session.commit()
