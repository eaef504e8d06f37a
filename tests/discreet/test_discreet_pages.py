"""Under a neutral name, every page a parent reaches reads as the neutral app: its title, header and footer."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import update

from harm.accounts.models import AccountSession
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from tests.conftest import Household, sign_in
from tests.plan_data import fill_plan

pytestmark = pytest.mark.db

GIVEAWAYS = ("Family Plan", "Overdose")
# The consent form names the app as the party that shares the plan: a legal name, the consent's to word.
LEGAL_NAME_PAGES = re.compile(r"/consents/new$")
# /leave is quick exit: it locks the session, and a crawl past it would see only the lock screen.
NEVER_FOLLOW = re.compile(r"^/(static/|language|signout|leave$)|\.(pdf|json)$|/(print|export\.json)$|fridge\.pdf")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
BRAND = re.compile(r'<a class="brand" href="/">(.*?)</a>')
# The neutral name in the shipped catalogues: the name is translated like any word on the page.
NEUTRAL_WEATHER = {"en": "Weather", "es": "Clima", "ar": "الطقس"}


class VisibleText(HTMLParser):
    """A page's words a person sees, split into the app's frame (outside <main>) and the page itself."""

    def __init__(self) -> None:
        super().__init__()
        self.frame: list[str] = []
        self.main: list[str] = []
        self.links: list[str] = []
        self.hidden = 0
        self.in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style", "template", "title"):
            self.hidden += 1
        if tag == "main":
            self.in_main += 1
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        for name in ("alt", "title", "aria-label", "placeholder"):
            if found.get(name):
                self.handle_data(str(found[name]))
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.handle_data(str(found["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "title"):
            self.hidden -= 1
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            (self.main if self.in_main else self.frame).append(data)


def crawl(client: FlaskClient, start: str = "/") -> dict[str, tuple[str, VisibleText]]:
    """Every page reached by following links from `start`, as the signed-in person: path -> (title, text)."""
    pages: dict[str, tuple[str, VisibleText]] = {}
    waiting = [start]
    while waiting:
        path = waiting.pop()
        if path in pages:
            continue
        answer = client.get(path)
        if answer.status_code != 200 or answer.mimetype != "text/html":
            continue
        text = VisibleText()
        text.feed(answer.text)
        title = TITLE.search(answer.text)
        pages[path] = (title.group(1).strip() if title else "", text)
        for link in text.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or NEVER_FOLLOW.search(parts.path):
                continue
            waiting.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_every_page_a_parent_reaches_reads_as_the_neutral_app(client: FlaskClient, household: Household) -> None:
    fill_plan(household.family)
    assert client.post("/device/name", data={"choice": "calendar"}).status_code == 302
    sign_in(client, household.people[roles.PARENT])
    pages = crawl(client)
    assert len(pages) > 30 and f"/f/{household.id}/plan/naloxone" in pages and "/account" in pages
    for path, (title, text) in pages.items():
        assert title == "Calendar", path
        frame = " ".join(text.frame)
        for word in GIVEAWAYS:
            assert word not in frame, (path, word)
        if not LEGAL_NAME_PAGES.search(path):
            assert "Family Plan" not in " ".join(text.main), path
    home = " ".join(pages["/"][1].main)
    assert "Overdose" not in home and "overdosing" not in home
    # The help is one tap away from every page, behind a plain label.
    assert all("Help now" in " ".join(text.frame) for _title, text in pages.values())


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_home_and_lock_screens_show_no_overdose_banner(client: FlaskClient, household: Household,
                                                       lang: str) -> None:
    client.get(f"/language?to={lang}&next=/")
    assert client.post("/device/name", data={"choice": "weather"}).status_code == 302
    signed_out = client.get("/").text
    sign_in(client, household.people[roles.PARENT])
    signed_in = client.get("/").text
    db.session.execute(update(AccountSession).values(active_at=utcnow().replace(year=2000)))
    db.session.commit()
    locked = client.get(f"/f/{household.id}", follow_redirects=True)
    assert locked.request.path == "/unlock"
    for html in (signed_out, signed_in, locked.text):
        assert 'class="emergency"' not in html
        title = TITLE.search(html).group(1).strip()  # type: ignore[union-attr]
        assert title == BRAND.search(html).group(1) == NEUTRAL_WEATHER[lang]  # type: ignore[union-attr]
        assert 'href="/help/overdose"' in html  # the help, one tap away
        for word in GIVEAWAYS:
            assert word not in html.split("<body", 1)[1].replace('href="/help/overdose"', ""), word
