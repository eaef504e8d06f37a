"""The plain-language guides: one list, so the offline precache and the library index share it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Guide:
    slug: str
    title: object  # a lazy translated string
    template: str


GUIDES: tuple[Guide, ...] = (
    Guide("overdose", _l("If someone may be overdosing"), "content/overdose.html"),
    Guide("overdose-signs", _l("How to tell if someone is overdosing"), "guides/overdose_signs.html"),
    Guide("naloxone", _l("How to use naloxone nose spray"), "guides/naloxone.html"),
    Guide("safe-storage", _l("Lockboxes and safe storage"), "guides/safe_storage.html"),
    Guide("test-strips", _l("Fentanyl test strips"), "guides/test_strips.html"),
    Guide("never-use-alone", _l("Never use alone"), "guides/never_use_alone.html"),
    Guide("good-samaritan", _l("Good Samaritan laws"), "guides/good_samaritan.html"),
    Guide("talking-with-children", _l("Talking with children about the plan"), "guides/talking_with_children.html"),
    Guide("who-can-see", _l("Who can see what"), "content/who_can_see.html"),
)

BY_SLUG = {guide.slug: guide for guide in GUIDES}


def guide_urls() -> list[str]:
    """Every guide's address, for the service worker's offline list (it adds them to its precache)."""
    return ["/help/"] + [f"/help/{guide.slug}" for guide in GUIDES]
