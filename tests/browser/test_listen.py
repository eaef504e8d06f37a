"""Listen: shown only where the browser has a voice for the page's language, and reads in that language."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import expect

pytestmark = pytest.mark.browser

# A stand-in for the browser's speech engine (headless Chromium has no voices): one Vietnamese voice,
# and every utterance recorded so the test can see what would be said, and in which language.
FAKE_SPEECH = """
(() => {
  const voices = [{ name: "Test voice", lang: "vi-VN" }];
  window.__spoken = [];
  const synth = new EventTarget();
  synth.speaking = false;
  synth.getVoices = () => voices;
  synth.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang }); };
  synth.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_listen_reads_a_guide_in_the_page_language_and_hides_without_a_voice(
    person: Callable[[str], Person]
) -> None:
    reader = person("Lan")
    page = reader.page
    page.add_init_script(FAKE_SPEECH)

    reader.open("/language?to=vi&next=/help/naloxone")
    listen = page.locator("[data-listen]")
    expect(listen).to_be_visible()
    expect(listen).to_have_text("Nghe")
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    assert spoken[0]["lang"] == "vi" and spoken[0]["voice"] == "vi-VN"
    assert "naloxone" in spoken[0]["text"].lower() and "Nghe" not in spoken[0]["text"]

    reader.open("/language?to=ar&next=/help/naloxone")  # no Arabic voice here
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("[data-listen]")).to_be_hidden()
