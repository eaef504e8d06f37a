"""Copy and Share markup: invitation codes, worker codes and new share links, as pages without JavaScript."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from flask import Flask

from tests.agencies.helpers import agency_with
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db
SCRIPT = re.compile(r'<script src="/static/js/share[^"]*\.js" defer></script>')


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


class Tags(HTMLParser):
    """Every start tag inside <main>, with its attributes, and the text inside each <output>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.outputs: list[tuple[dict[str, str | None], str]] = []
        self._in_main = False
        self._output: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_main = self._in_main or tag == "main"
        if self._in_main:
            self.tags.append((tag, dict(attrs)))
        if tag == "output":
            self._output = []
            self.outputs.append((dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_main = self._in_main and tag != "main"
        if tag == "output" and self._output is not None:
            self.outputs[-1] = (self.outputs[-1][0], "".join(self._output).strip())
            self._output = None

    def handle_data(self, data: str) -> None:
        if self._output is not None:
            self._output.append(data)


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def buttons(tags: Tags) -> dict[str, dict[str, str | None]]:
    """The first Copy and Share buttons by kind (an invitation's join link has its own after the code's)."""
    found: dict[str, dict[str, str | None]] = {}
    for tag, attrs in tags.tags:
        if tag == "button" and ("data-copy" in attrs or "data-share" in attrs):
            found.setdefault("copy" if "data-copy" in attrs else "share", attrs)
    return found


def assert_hidden_buttons_and_a_selectable_field(html: str, text: str) -> dict[str, dict[str, str | None]]:
    """Without JavaScript both buttons are hidden and the text is in a focusable read-only field."""
    tags = parsed(html)
    found = buttons(tags)
    assert set(found) == {"copy", "share"}, found
    for attrs in found.values():
        assert "hidden" in attrs and attrs.get("type") == "button", attrs
    assert found["copy"]["data-copy"] == text
    assert any(body == text and attrs.get("tabindex") == "0" for attrs, body in tags.outputs), tags.outputs
    assert any(tag == "span" and attrs.get("role") == "status" and attrs.get("data-copied") == "Copied"
               for tag, attrs in tags.tags)
    assert len(SCRIPT.findall(html)) == 1
    return found


def share_data(attrs: dict[str, str | None]) -> object:
    return json.loads(attrs["data-share"] or "")


def test_an_invitation_code_has_copy_and_share_with_the_code_and_link_only(client, household: Household) -> None:
    parent = sign_in(client, household.people["parent"])
    assert not SCRIPT.search(parent.get(f"/f/{household.id}/people").text)  # loaded only where it is needed
    page = parent.post(f"/f/{household.id}/invitations", data={"role": "caseworker", "label": "Ms. Example"}).text
    code = re.search(r"<code data-code>([A-Z0-9-]+)</code>", page).group(1)  # type: ignore[union-attr]
    found = assert_hidden_buttons_and_a_selectable_field(page, code)
    assert share_data(found["share"]) == {"title": "Family Plan", "text": code, "url": f"http://localhost/join#{code}"}
    # The join link has a Copy and a Share of its own, hidden until the script runs, naming the link they act on.
    link = f"http://localhost/join#{code}"
    own = [attrs for tag, attrs in parsed(page).tags
           if tag == "button" and attrs.get("aria-describedby") == "join-link"]
    assert [("data-copy" in a, "hidden" in a) for a in own] == [(True, True), (False, True)], own
    assert own[0]["data-copy"] == link and share_data(own[1]) == {"title": "Family Plan", "url": link}
    assert re.search(rf'<code class="link-text" id="join-link">{re.escape(link)}</code>', page)


def test_share_data_uses_the_neutral_name_chosen_on_this_phone(client, household: Household) -> None:
    parent = sign_in(client, household.people["parent"])
    parent.post("/device/name", data={"choice": "calendar"})
    page = parent.post(f"/f/{household.id}/invitations", data={"role": "peer"}).text
    code = re.search(r"<code data-code>([A-Z0-9-]+)</code>", page).group(1)  # type: ignore[union-attr]
    found = assert_hidden_buttons_and_a_selectable_field(page, code)
    assert share_data(found["share"]) == {"title": "Calendar", "text": code, "url": f"http://localhost/join#{code}"}


def test_a_new_share_link_has_copy_and_share_with_the_link_only(client, household: Household) -> None:
    parent = sign_in(client, household.people["parent"])
    assert not SCRIPT.search(parent.get(f"/f/{household.id}/share").text)  # no new link, nothing to copy
    page = parent.post(f"/f/{household.id}/share", data={"parts": ["overdose"], "lifetime": "week",
                                                         "label": "Gran"}).text
    link = re.search(r"http://localhost/s/[A-Za-z0-9_-]+", page).group(0)  # type: ignore[union-attr]
    found = assert_hidden_buttons_and_a_selectable_field(page, link)
    assert share_data(found["share"]) == {"title": "Family Plan", "url": link}


def test_a_worker_code_has_copy_and_share_with_the_code_only(make_client, app: Flask) -> None:
    _agency, admin = agency_with()
    page = sign_in(make_client(), admin).post("/agency/invitations", data={"role": "peer", "label": "Pat"}).text
    code = re.search(r"data-code>([A-Z0-9-]+)<", page).group(1)  # type: ignore[union-attr]
    found = assert_hidden_buttons_and_a_selectable_field(page, code)
    assert share_data(found["share"]) == {"title": "Family Plan", "text": code}


def test_a_sign_in_code_is_not_offered_for_sharing(client, household: Household) -> None:
    """A sign-in code is given face to face or on a known number: no button sends it into a message."""
    worker = sign_in(client, household.people["caseworker"])
    members = worker.get(f"/f/{household.id}/people").text
    action = re.search(r'action="(/f/[^"]+/signin-code)"', members)
    assert action, "the caseworker can make a sign-in code for the parent"
    page = worker.post(action.group(1)).text
    assert "<code>" in page and not buttons(parsed(page)) and not SCRIPT.search(page)
