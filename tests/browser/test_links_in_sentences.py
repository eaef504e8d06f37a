"""A link inside a sentence flows with the sentence on a 360 px phone; a link on a line of its own is 44 px to tap."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}
# Longer than a 360 px line, as a translation can be.
LONG_LINK = "Make your account in a few short steps, with a passkey on this phone, and start your family plan today"

# Where a link's boxes fall beside the words before it in its paragraph.
LINK_LINES = """(link) => {
  const words = document.createRange();
  words.selectNodeContents(link.parentElement.firstChild);
  const sentence = words.getClientRects()[0];
  const boxes = [...link.getClientRects()];
  const root = document.documentElement;
  return {display: getComputedStyle(link).display, boxes: boxes.length,
          firstTop: boxes[0].top, sentenceTop: sentence.top,
          widest: Math.max(...boxes.map((b) => b.right)), viewport: root.clientWidth, scrolls: root.scrollWidth};
}"""


@pytest.fixture
def phone(chromium: Any, live_server: LiveServer) -> Iterator[Any]:
    context = chromium.new_context(viewport=SMALL_PHONE, base_url=live_server.url)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_long_link_in_a_sentence_wraps_with_the_sentence(phone: Any) -> None:
    phone.goto("/signin")
    link = phone.get_by_role("link", name="Make your account")  # "New here? Make your account"
    link.evaluate("(a, text) => { a.textContent = text; }", LONG_LINK)
    seen = link.evaluate(LINK_LINES)
    assert seen["display"] == "inline", seen
    assert seen["boxes"] >= 2, f"the link does not wrap across lines: {seen}"
    assert seen["firstTop"] == seen["sentenceTop"], f"the link leaves the sentence for a line of its own: {seen}"
    assert seen["widest"] <= seen["viewport"] and seen["scrolls"] <= seen["viewport"], seen


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_link_on_a_line_of_its_own_is_44px_to_tap(phone: Any, lang: str) -> None:
    phone.goto(f"/language?to={lang}&next=/signin")
    link = phone.locator("a.lone-link[href='/signin/code']")
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44, box
