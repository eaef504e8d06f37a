"""Copy and Share at 360 x 640: a code or share link passed on in one tap; without JavaScript it stays selectable.

Screenshots go to tests/artifacts/: the invitation code and the new share link, in English, Spanish and Arabic.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, Person
from tests.browser.test_discreet_mode import choose_name
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}
# A phone whose browser has the Web Share API: every call is kept for the test to read.
FAKE_SHARE = ("window.__shared = [];"
              "navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };")


def parent_with_family(person: Callable[[str], Person]) -> tuple[Person, str]:
    parent = person("Lee")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    parent.page.set_viewport_size(SMALL_PHONE)
    return parent, family


def invite(someone: Person, family: str, role: str = "caseworker") -> str:
    """An invitation code, made the same way in any language."""
    page = someone.page
    someone.open(f"{family}/people")
    page.locator("select#role").select_option(value=role)
    page.locator('form[action$="/invitations"] button[type=submit]').click()
    return page.locator("[data-code]").inner_text().strip()


def make_share_link(someone: Person, family: str) -> str:
    """A new share link for the supports, made the same way in any language."""
    page = someone.page
    someone.open(f"{family}/share")
    page.locator('input[name=parts][value=supports]').check()
    page.locator("input#label").fill("Gran")
    page.locator('form[action$="/share"] button[type=submit]').click()
    return page.locator("#new-link").inner_text().strip()


def copy_button(someone: Person) -> Any:
    """The first Copy on the page: the code's, on the invitation page (the join link's comes after)."""
    return someone.page.locator("main").get_by_role("button", name="Copy", exact=True).first


def share_button(someone: Person) -> Any:
    return someone.page.locator("main").get_by_role("button", name="Share", exact=True).first


def join_link_buttons(someone: Person) -> tuple[Any, Any]:
    """The Copy and Share beside the join link: the buttons that name the link's field."""
    page = someone.page
    return page.locator('main button[data-copy][aria-describedby="join-link"]'), \
        page.locator('main button[data-share][aria-describedby="join-link"]')


def at_least_44(locator: Any) -> None:
    box = locator.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box


def fits(someone: Person) -> None:
    assert someone.page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], someone.page.url


def nothing_moves_when_the_buttons_show(page: Any) -> None:
    """Showing the buttons (what share.js does) keeps everything after them where it was."""
    below = "document.querySelector('.share-actions').nextElementSibling?.getBoundingClientRect().top ?? 0"
    before = page.evaluate(below)
    page.evaluate("document.querySelectorAll('[data-copy], [data-share]').forEach((b) => { b.hidden = false; })")
    assert page.evaluate(below) == before
    page.evaluate("document.querySelectorAll('[data-copy], [data-share]').forEach((b) => { b.hidden = true; })")


def copied_text(someone: Person) -> str:
    return str(someone.page.evaluate("navigator.clipboard.readText()"))


def test_copy_puts_exactly_the_code_or_the_link_on_the_clipboard(
        person: Callable[[str], Person], live_server: LiveServer, artifacts: Path) -> None:
    parent, family = parent_with_family(person)
    parent.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = parent.page
    assert page.evaluate("typeof navigator.share") == "undefined"  # this Chromium has no Web Share

    for language in ("en", "es", "ar"):
        parent.open(f"/language?to={language}&next={family}/people")
        code = invite(parent, family)
        copy = copy_button(parent) if language == "en" else page.locator("main button[data-copy]").first
        expect(copy).to_be_visible()
        for share in page.locator("main button[data-share]").all():
            expect(share).to_be_hidden()
        at_least_44(copy)
        fits(parent)
        copy.click()
        assert copied_text(parent) == code
        if language == "en":
            expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
        if language in ("en", "ar"):
            check_accessibility(parent, f"invitation code with Copy ({language})")
        snap(parent, artifacts, f"invitation-code-copy-{language}-360.png")

        link = make_share_link(parent, family)
        assert link.startswith(f"{live_server.url}/s/")
        copy = copy_button(parent) if language == "en" else page.locator("main button[data-copy]")
        expect(copy).to_be_visible()
        at_least_44(copy)
        fits(parent)
        copy.click()
        assert copied_text(parent) == link
        if language == "en":
            expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
        if language in ("en", "ar"):
            check_accessibility(parent, f"new share link with Copy ({language})")
        snap(parent, artifacts, f"share-link-copy-{language}-360.png")


def test_the_join_link_has_its_own_copy_and_share(
        person: Callable[[str], Person], live_server: LiveServer, artifacts: Path) -> None:
    parent, family = parent_with_family(person)
    parent.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = parent.page

    for language in ("en", "es", "ar"):
        parent.open(f"/language?to={language}&next={family}/people")
        code = invite(parent, family)
        join_link = f"{live_server.url}/join#{code}"
        assert page.locator("#join-link").inner_text().strip() == join_link
        copy, share = join_link_buttons(parent)
        expect(copy).to_be_visible()
        expect(share).to_be_hidden()  # this Chromium has no Web Share
        if language == "en":
            expect(copy).to_have_accessible_name("Copy")
            expect(copy).to_have_accessible_description(join_link)
        at_least_44(copy)
        fits(parent)
        copy.click()
        assert copied_text(parent) == join_link
        status = page.locator(".share-actions:has([aria-describedby=join-link]) [role=status]")
        expect(status).not_to_be_empty()
        if language == "en":
            expect(status).to_have_text("Copied")
        if language in ("en", "ar"):
            check_accessibility(parent, f"invitation code and join link with Copy ({language})")
        snap(parent, artifacts, f"join-link-copy-{language}-360.png")

    # Where the browser has Web Share, the link's own Share sends the app's name and the link, nothing else.
    parent.context.add_init_script(FAKE_SHARE)
    code = invite(parent, family)
    _copy, share = join_link_buttons(parent)
    expect(share).to_be_visible()
    at_least_44(share)
    share.click()
    assert page.evaluate("window.__shared") == [{"title": "Family Plan", "url": f"{live_server.url}/join#{code}"}]


def test_share_sends_the_code_or_link_and_the_apps_name_only(
        person: Callable[[str], Person], live_server: LiveServer, artifacts: Path) -> None:
    parent, family = parent_with_family(person)
    parent.context.add_init_script(FAKE_SHARE)
    page = parent.page

    code = invite(parent, family)
    share = share_button(parent)
    expect(share).to_be_visible()
    at_least_44(share)
    share.click()
    assert page.evaluate("window.__shared") == [
        {"title": "Family Plan", "text": code, "url": f"{live_server.url}/join#{code}"}]

    link = make_share_link(parent, family)
    share_button(parent).click()
    assert page.evaluate("window.__shared") == [{"title": "Family Plan", "url": link}]

    # Under a neutral name on this phone, the message says that name, never the app's own.
    choose_name(parent, "Calendar")
    code = invite(parent, family, "peer")
    share_button(parent).click()
    assert page.evaluate("window.__shared") == [
        {"title": "Calendar", "text": code, "url": f"{live_server.url}/join#{code}"}]
    link = make_share_link(parent, family)
    share_button(parent).click()
    assert page.evaluate("window.__shared") == [{"title": "Calendar", "url": link}]

    # Both buttons side by side fit the narrowest phone in the longest languages, mirrored in Arabic.
    for language in ("es", "fil", "vi", "ar"):
        parent.open(f"/language?to={language}&next={family}/people")
        invite(parent, family)
        copy, share = page.locator("main button[data-copy]").first, page.locator("main button[data-share]").first
        expect(share).to_be_visible()
        at_least_44(share)
        fits(parent)
        copy_box, share_box = copy.bounding_box(), share.bounding_box()
        assert copy_box and share_box and copy_box["y"] == share_box["y"], "one row: nothing moves when they appear"
        assert (share_box["x"] < copy_box["x"]) == (language == "ar")
        snap(parent, artifacts, f"invitation-code-share-{language}-360.png")


def test_focusing_the_field_selects_all_of_it(person: Callable[[str], Person]) -> None:
    parent, family = parent_with_family(person)
    page = parent.page
    code = invite(parent, family)
    page.locator("output:has([data-code])").focus()
    assert page.evaluate("getSelection().toString()").strip() == code
    link = make_share_link(parent, family)
    page.locator("#new-link").focus()
    assert page.evaluate("getSelection().toString()").strip() == link


def test_without_javascript_no_button_shows_and_the_text_stays_selectable(
        person: Callable[[str], Person], chromium: Any, live_server: LiveServer) -> None:
    parent, family = parent_with_family(person)
    context = chromium.new_context(viewport=SMALL_PHONE, base_url=live_server.url, java_script_enabled=False)
    try:
        context.add_cookies(parent.context.cookies())
        page = context.new_page()
        page.goto(f"{family}/people")
        page.locator("select#role").select_option(value="caseworker")
        page.locator('form[action$="/invitations"] button[type=submit]').click()
        code = page.locator("[data-code]").inner_text().strip()
        expect(page.locator("main button[data-copy], main button[data-share]")).to_have_count(4)  # code, join link
        for button in page.locator("main button[data-copy], main button[data-share]").all():
            expect(button).to_be_hidden()
        field = page.locator("output:has([data-code])")
        expect(field).to_be_visible()
        field.click()  # one tap takes the whole code
        assert page.evaluate("getSelection().toString()").strip() == code
        page.locator("#join-link").click()  # and the join link, the same way
        assert page.evaluate("getSelection().toString()").strip() == f"{live_server.url}/join#{code}"
        nothing_moves_when_the_buttons_show(page)

        page.goto(f"{family}/share")
        page.locator('input[name=parts][value=supports]').check()
        page.locator('form[action$="/share"] button[type=submit]').click()
        link = page.locator("#new-link").inner_text().strip()
        assert link.startswith(f"{live_server.url}/s/")
        for button in page.locator("main button[data-copy], main button[data-share]").all():
            expect(button).to_be_hidden()
        page.locator("#new-link").click()
        assert page.evaluate("getSelection().toString()").strip() == link
        nothing_moves_when_the_buttons_show(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    finally:
        context.close()
