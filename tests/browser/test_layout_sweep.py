"""Every main page, for every role, in every shipped language, on a 360 x 640 phone in a real Chromium.

One test per role and group of languages (so pytest-xdist spreads them over its processes; a browser
context per role, signed in once) measures each page, and fails listing (page, language, selector, size) for
anything wider than the phone or sticking out past its edge, any control smaller than 44 x 44 CSS px to tap,
and in Arabic any user-entered name not isolated (<bdi> or dir="auto") and any arrow in a link that is not
mirrored, and the parent's complete plan overview taller than three screens (1,920 px). In English and Arabic,
axe-core also checks each page, listing (page, language, rule).
On every page the quick exit is on the first screen and not covered, at the top and scrolled to the bottom, and the
top row (header and quick exit) is short with the language control on the first screen. Some pages get their own
checks too (PAGE_CHECKS): the access log and its "Other people only" view, the outcomes, the printable export.
Typed texts include one very long word, which must wrap rather than widen the page.

LAYOUT_SWEEP_SHOTS=<folder> also saves a full-page screenshot of each page in English, Spanish and Arabic there,
with heights.tsv (each run adds to it): each page's full height and where its content starts (below the header
and quick exit).
"""
from __future__ import annotations

import os
import re
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE_URL_PATH, REPO_ROOT, LiveServer
from tests.browser.test_journey import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
LANGUAGES = ("en", "es", "ar", "zh", "vi", "tl", "ko")
HTML_LANG = {"zh": "zh-Hans", "tl": "fil"}
SHOT_LANGUAGES = ("en", "es", "ar")
# One test per role and group; English and Arabic together, as the arrows in Arabic are compared with English.
LANGUAGE_GROUPS = (("en", "ar"), ("es", "zh", "vi"), ("tl", "ko"))
AXE_LANGUAGES = ("en", "ar")
MIN_TAP = 44
# A complete plan's overview is at most three screens tall.
OVERVIEW_MAX_HEIGHT = 3 * PHONE["height"]

# Names a person typed, all Latin: in Arabic each must be isolated from the text around it.
PARENT, CASEWORKER, PEER, ADMIN = "Dana Rivers", "Casey Moreno", "Pat Okafor", "Lee Whitaker"
FAMILY = "The Rivers family"
CHILD, CAREGIVER, SUPPORT = "Robin", "Aunt Jo Rivers", "Harbor Peer Center"
TYPED_NAMES = (PARENT, CASEWORKER, PEER, ADMIN, FAMILY, CAREGIVER, SUPPORT)
# Phone numbers a person typed: in Arabic each must read left to right ("(555) 010-4477", never "4477-010 (555)").
TYPED_PHONES = ("(555) 010-4477", "(555) 010-7788", "(555) 010-3300")
# A typed text with a very long word: it must wrap, never widen the page.
LONG = "Supercalifragilisticexpialidocious-visits-every-Tuesday-and-Thursday-at-the-family-resource-centre"
AGENCY = "Riverside Family Services"
# The header and the quick exit together reach at most this far down: 15% of a 640 px screen.
TOP_ROW_MOST = 96


@dataclass(frozen=True)
class Page:
    role: str
    name: str
    path: str  # {family} stands for the family's id
    may_redirect: bool = False  # a landing page may send each role where it belongs

    @property
    def label(self) -> str:
        return f"{self.role}: {self.name}"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.label.lower()).strip("-")


def _pages(role: str, *entries: tuple[str, str] | tuple[str, str, bool]) -> tuple[Page, ...]:
    return tuple(Page(role, *entry) for entry in entries)


SIGNED_OUT = "signed out"
PAGES: dict[str, tuple[Page, ...]] = {
    SIGNED_OUT: _pages(
        SIGNED_OUT, ("home", "/"), ("sign in", "/signin"), ("sign up", "/signup"), ("join", "/join"),
        ("help guides", "/help/"), ("guide: naloxone", "/help/naloxone"),
        ("guide: overdose signs", "/help/overdose-signs"), ("overdose help", "/help/overdose"),
        ("emergency", "/emergency"),
    ),
    "caseworker": _pages(
        "caseworker", ("landing", "/", True), ("caseload", "/caseload"), ("family plan", "/f/{family}"),
        ("case reviews", "/f/{family}/reviews"), ("outcomes", "/f/{family}/outcomes"),
    ),
    "peer": _pages(
        "peer", ("landing", "/", True), ("family plan", "/f/{family}"), ("check-ins", "/f/{family}/checkins"),
    ),
    "agency admin": _pages("agency admin", ("agency", "/agency"), ("report", "/agency/report")),
    # Last, so the access log already holds the workers' views.
    "parent": _pages(
        "parent", ("landing", "/", True), ("plan overview", "/f/{family}"),
        ("household", "/f/{family}/plan/household"), ("safe storage", "/f/{family}/plan/storage"),
        ("naloxone", "/f/{family}/plan/naloxone"), ("overdose plan", "/f/{family}/plan/overdose"),
        ("supports", "/f/{family}/plan/supports"), ("goals", "/f/{family}/plan/goals"),
        ("people", "/f/{family}/people"), ("milestones", "/f/{family}/milestones"),
        ("check-ins", "/f/{family}/checkins"), ("outcomes", "/f/{family}/outcomes"),
        ("consents", "/f/{family}/consents"), ("access log", "/f/{family}/access-log"),
        ("access log, other people only", "/f/{family}/access-log?who=others"), ("export", "/f/{family}/your-data"),
        ("printable export", "/f/{family}/your-data/print"), ("share links", "/f/{family}/share"),
        ("my account", "/account"),
    ),
}


# ---------------------------------------------------------------- the family, built through the app's services


@dataclass
class Cast:
    family: str
    codes: dict[str, str]  # role -> one-time sign-in code


def build_cast(server: LiveServer) -> Cast:
    """A complete plan; its caseworker and peer, workers of an agency; the agency's admin; one-time sign-in codes."""
    from harm import create_app
    from harm.accounts.service import issue_signin_code
    from harm.agencies.models import AgencyWorker
    from harm.agencies.service import create_agency
    from harm.audit import service as audit
    from harm.checkins import service as checkins
    from harm.consent import service as consent
    from harm.extensions import db
    from harm.families import roles
    from harm.families.capabilities import PEER_SHARED_PARTS
    from harm.families.service import start_family
    from harm.milestones import service as milestones
    from harm.models_base import utcnow
    from harm.plans import service as plans
    from harm.plans.sections import RESPONSE_STEPS, SECTION_KEYS
    from harm.reports import service as reports
    from harm.reviews import service as reviews
    from harm.sharing import service as sharing
    from tests.conftest import add_member, make_account

    # The server's own settings: its secret key is what one-time codes are hashed with.
    app = create_app({name: server.environ[name] for name in (
        "FAMILY_PLAN_ENV", "SECRET_KEY", "DATABASE_URL", "WEBAUTHN_RP_ID", "WEBAUTHN_ORIGIN")})
    with app.app_context():
        today = date.today()
        parent = make_account(PARENT)
        family, _code = start_family(parent, FAMILY, roles.PARENT)
        caseworker, peer, admin = make_account(CASEWORKER), make_account(PEER), make_account(ADMIN)
        parent_part = family.memberships[0]
        worker_part = add_member(family, caseworker, roles.CASEWORKER)
        peer_part = add_member(family, peer, roles.PEER)
        peer_part.peer_parts = [*SECTION_KEYS, *PEER_SHARED_PARTS]
        agency = create_agency(admin, AGENCY)
        db.session.add_all([AgencyWorker(agency_id=agency.id, account_id=caseworker.id, role=roles.CASEWORKER),
                            AgencyWorker(agency_id=agency.id, account_id=peer.id, role=roles.PEER)])
        db.session.commit()

        kit_expires = (today + timedelta(days=400)).isoformat()
        plan = {
            "household": {"members": [{"name": "Dana", "age_range": "adult"}, {"name": CHILD, "age_range": "6-12"},
                                      {"name": "Sky", "age_range": "0-5"}],
                          "backup_caregivers": [{"name": CAREGIVER, "phone": "(555) 010-4477", "agreed": True}],
                          "our_words": "Robin walks to school with Aunt Jo on Mondays."},
            "storage": {"has_lockbox": True, "location": "Top shelf of the hall closet", "key_holder": CAREGIVER,
                        "contents": ["medicines", "supplies"], "out_of_reach": True},
            "naloxone": {"kits": [{"location": "Kitchen drawer by the stove", "expires": kit_expires},
                                  {"location": "Glove box of the car", "expires": kit_expires}],
                         "trained": "Dana and Aunt Jo", "get_more": "Corner pharmacy on Fifth Street"},
            "overdose": {"steps_known": [key for key, _label in RESPONSE_STEPS], "who_checks": "Sam next door",
                         "never_alone": "Call the Never Use Alone line",
                         "children_know": [{"name": CHILD, "knows": "Run to Sam next door and knock loud"}]},
            "supports": {"people": [{"name": SUPPORT, "kind": "peer", "phone": "(555) 010-7788"},
                                    {"name": "Dr. Vega clinic", "kind": "professional", "phone": "(555) 010-3300"}]},
            "goals": {"goals": [{"goal": f"Fewer days of use each week {LONG}", "kind": "less",
                                 "next_step": "Talk with Pat on Tuesday"}]},
        }
        for key, data in plan.items():
            plans.save_section(parent_part, key, data, plans.load_section(parent_part, key).version)
        goals = plans.save_section(worker_part, "goals", {
            "agency_expects": f"Monthly home visits and a safe place for the medicines. {LONG}",
            "alignment": [{"expects": f"No use at all within ninety days {LONG}", "worker_fit": "talk"}],
        }, plans.load_section(worker_part, "goals").version)
        row = goals.data["alignment"][0]
        plans.save_section(parent_part, "goals", {
            **goals.data,
            "alignment": [{**row, "my_view": f"I am starting with less use {LONG}", "parent_fit": "differ"}],
        }, goals.version)

        milestones.record(parent_part, {"kind": "lockbox_in_place", "note": "On the top shelf of the hall closet."})
        milestones.record(parent_part, {"kind": "naloxone_in_home"})
        checkins.record(peer_part, {"how_it_went": "Dana said the week was hard but the plan helped.",
                                    "needs": "A ride to the pharmacy for a second kit.",
                                    "happened_on": (today - timedelta(days=6)).isoformat(),
                                    "next_on": (today + timedelta(days=8)).isoformat()})
        reviews.open_review(worker_part, {"children_safety": "Robin and Sky are safe at home.",
                                          "parent_working": "Dana keeps every visit.",
                                          "held_on": (today - timedelta(days=5)).isoformat(),
                                          "next_review_on": (today + timedelta(days=85)).isoformat()})
        reports.record_outcomes(worker_part, {"recovery": "yes", "at_home": "yes"})
        signed = consent.draft(parent_part, {
            "parent_name": PARENT, "categories": ["treatment"], "recipients": [worker_part.public_id],
            "purpose": "To plan treatment together.", "expires_on": (today + timedelta(days=90)).isoformat(),
        })
        # A signature needs the parent's passkey (tested on its own): in force as a signed one would be.
        signed.signed_at = utcnow()
        audit.record_many(family, actor=parent, actor_role=roles.PARENT, action=audit.CONSENT_SIGNED,
                          categories=list(signed.categories), subject=signed.public_id)
        # The workers' views, so the parent's access log has them whichever test runs first.
        for worker, role in ((caseworker, roles.CASEWORKER), (peer, roles.PEER)):
            audit.record(family, actor=worker, actor_role=role, action=audit.VIEWED, category="treatment")
        db.session.commit()
        # Someone with no account opens a share link, through the server: a line by someone else, with no name.
        _link, token = sharing.create_link(parent_part, parent, {"parts": ["supports"], "lifetime": "week",
                                                                 "label": "Gran"})
        with urllib.request.urlopen(f"{server.url}/s/{token}", timeout=30) as opened:  # noqa: S310 - our server
            assert opened.status == 200, f"the share link answered {opened.status}"

        codes = {"parent": issue_signin_code(parent), "caseworker": issue_signin_code(caseworker),
                 "peer": issue_signin_code(peer), "agency admin": issue_signin_code(admin)}
        cast = Cast(family=family.public_id, codes=codes)
        db.session.remove()
        db.engine.dispose()
    return cast


# ---------------------------------------------------------------- what is measured on each page

MEASURE = r"""async ({rtl, names, phones}) => {
  // What scripts show at load (the keep-on-this-phone box asks the cache first) is on screen two frames later.
  if (window.caches) { await caches.keys(); }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const root = document.documentElement;
  const vw = root.clientWidth;
  const main = document.querySelector("main");
  const out = {vw, scrollWidth: root.scrollWidth, height: root.scrollHeight, lang: root.lang,
               contentTop: main ? Math.round(main.getBoundingClientRect().top + window.scrollY) : null,
               bottomBar: 0, overflow: [], small: [], names: [], phones: [], arrows: []};
  // A bar fixed to the bottom of the screen (a navigation bar) takes its height from every screen too.
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.top > innerHeight / 2 && rect.bottom <= innerHeight + 0.5 && rect.height > 0
        && getComputedStyle(el).position === "fixed") {
      out.bottomBar = Math.max(out.bottomBar, Math.round(innerHeight - rect.top));
    }
  }
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "TITLE", "OPTION"]);
  const name = (el) => {
    let part = el.tagName.toLowerCase();
    if (el.id) { return part + "#" + el.id; }
    const classes = [...el.classList].slice(0, 2);
    if (classes.length) { part += "." + classes.join("."); }
    if (el.tagName === "INPUT") { part += `[type=${el.type}]`; }
    return part;
  };
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      parts.unshift(name(node));
      if (node.id) { break; }
    }
    return parts.join(" > ");
  };
  const words = (el) => {
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    const said = el.getAttribute("aria-label") || label || el.innerText || el.getAttribute("title") || "";
    return said.trim().replace(/\s+/g, " ").slice(0, 40);
  };
  // Moved off the page on the side that does not scroll, or clipped to nothing: a skip link until focused.
  const visuallyHidden = (el, rect) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") { return true; }
    if ((style.clip && style.clip !== "auto") || /inset\(50%\)/.test(style.clipPath)) { return true; }
    if (rect.bottom <= 0) { return true; }
    return rtl ? rect.left >= vw : rect.right <= 0;
  };
  const rendered = (rect) => rect.width > 0 || rect.height > 0;
  const px = (n) => Math.round(n);

  // 1. Wider than the phone, or sticking out past its edge (the right one; the left one right to left).
  const offenders = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    const tooWide = rect.width > vw + 0.5;
    const outside = rtl ? rect.left < -0.5 : rect.right > vw + 0.5;
    if ((!tooWide && !outside) || SKIP.has(el.tagName) || visuallyHidden(el, rect)) { continue; }
    offenders.add(el);
    let inside = false;
    for (let up = el.parentElement; up; up = up.parentElement) { if (offenders.has(up)) { inside = true; break; } }
    if (inside) { continue; }  // the outermost offender is the one to fix
    out.overflow.push({selector: describe(el), width: px(rect.width),
                       edge: px(rtl ? rect.left : rect.right), text: words(el)});
  }

  // 2. Controls smaller than 44 x 44, except links inside running text and hidden skip links.
  const RUNNING_TEXT = new Set(["P", "LI", "SPAN", "SMALL", "EM", "STRONG", "DD", "TD", "LABEL"]);
  const inRunningText = (el) => {
    const parent = el.parentElement;
    return el.tagName === "A" && parent && RUNNING_TEXT.has(parent.tagName) &&
      // Words around it, not just separators: links strung together with " · " are a menu.
      [...parent.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\p{L}/u.test(n.data));
  };
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  for (const el of document.body.querySelectorAll(controls)) {
    let rect = el.getBoundingClientRect();
    if (!rendered(rect) || visuallyHidden(el, rect) || inRunningText(el)) { continue; }
    // A link whose ::after is stretched over its card (position: absolute; inset: 0) is tapped on the whole card.
    const after = getComputedStyle(el, "::after");
    if (el.tagName === "A" && after.content !== "none" && after.position === "absolute" && el.offsetParent) {
      rect = el.offsetParent.getBoundingClientRect();
    }
    if (el.type === "checkbox" || el.type === "radio") {
      // Tapping its label ticks it: the target is the box and its label together.
      for (const label of el.labels || []) {
        const l = label.getBoundingClientRect();
        const left = Math.min(rect.left, l.left), top = Math.min(rect.top, l.top);
        rect = {width: Math.max(rect.right, l.right) - left, height: Math.max(rect.bottom, l.bottom) - top,
                left, top, right: Math.max(rect.right, l.right), bottom: Math.max(rect.bottom, l.bottom)};
      }
    }
    if (rect.width < MIN_TAP - 0.01 || rect.height < MIN_TAP - 0.01) {
      out.small.push({selector: describe(el), width: px(rect.width), height: px(rect.height), text: words(el)});
    }
  }

  // 3. Names and phone numbers people typed: a name isolated from the text around it, a number set left to right
  // (dir="ltr", which also isolates it). One walk over the page's text for both.
  if (rtl) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.tagName) || parent.closest("textarea, option, script, style")) { continue; }
      const name = names.find((n) => node.data.includes(n));
      const phone = phones.find((n) => node.data.includes(n));
      if (!(name || phone) || !rendered(parent.getBoundingClientRect())) { continue; }
      const text = node.data.trim().slice(0, 50);
      const isolate = parent.closest("bdi, [dir=auto]");
      // dir="auto" around translated words would turn those words the wrong way: the isolate holds the name only.
      if (name && !(isolate && !/[\u0590-\u08FF]/.test(isolate.textContent))) {
        out.names.push({selector: describe(parent), name, text});
      }
      if (phone && (!parent.closest("[dir=ltr]") || getComputedStyle(parent).direction !== "ltr")) {
        out.phones.push({selector: describe(parent), phone, text});
      }
    }
  }

  // 4. Arrows in links and buttons; mirrored = a negative horizontal scale on the arrow or around it.
  // Arrows that bidi does not mirror by itself (unlike ‹ › « »): ← → ⟵ ⟶ ⇐ ⇒ ⇦ ⇨ ➜ ➔ ➝ ➞ ➡ ⬅ ▶ ◀ ► ◄ ▸ ◂ ▹ ◃
  const ARROW = /[←→⟵⟶⇐⇒⇦⇨➜➔➝➞➡⬅▶◀►◄▸◂▹◃]/;
  const ICON = /arrow|chevron|caret|back|next|prev|forward/i;
  const mirrored = (from, upTo) => {
    for (let el = from; el; el = el.parentElement) {
      const t = getComputedStyle(el).transform;
      const m = t && t !== "none" ? new DOMMatrix(t) : null;
      if (m && m.a < 0) { return true; }
      if (el === upTo) { break; }
    }
    return false;
  };
  const seen = {};
  for (const link of document.body.querySelectorAll("a[href], button, [role=button]")) {
    if (!rendered(link.getBoundingClientRect())) { continue; }
    const key = link.getAttribute("href") || link.tagName;
    const marks = [];
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const glyph = node.data.match(ARROW);
      if (glyph) { marks.push({glyph: glyph[0], mirrored: mirrored(node.parentElement, link)}); }
    }
    for (const icon of link.querySelectorAll("svg, img")) {
      const use = icon.querySelector("use");
      const source = [icon.getAttribute("class"), icon.getAttribute("src"),
                      use && (use.getAttribute("href") || use.getAttribute("xlink:href"))].filter(Boolean).join(" ");
      if (ICON.test(source)) { marks.push({glyph: source, mirrored: mirrored(icon, link)}); }
    }
    for (const mark of marks) {
      const index = seen[key] = (seen[key] || 0) + 1;
      out.arrows.push({key: key + "#" + index, selector: describe(link), text: words(link), ...mark});
    }
  }
  return out;
}""".replace("MIN_TAP", str(MIN_TAP))


@dataclass
class Found:
    """What the sweep found, by kind: each a list of (page, language, selector, detail, text)."""

    heights: list[tuple[str, str, int, int | None, int]] = field(default_factory=list)
    problems: dict[str, list[tuple[str, str, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    arrows: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, kind: str, page: Page, lang: str, selector: str, detail: str, text: str = "") -> None:
        self.problems[kind].append((page.label, lang, selector, detail, text))

    def report(self, *kinds: str) -> str:
        """One line per page and selector, with the languages it fails in and the worst size seen."""
        grouped: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
        for kind in kinds:
            for label, lang, selector, detail, text in self.problems.get(kind, []):
                grouped[(kind, label, selector)].append((lang, detail, text))
        lines = []
        for (kind, label, selector), seen in grouped.items():
            languages = " ".join(dict.fromkeys(lang for lang, _d, _t in seen))
            detail, text = seen[0][1], next((t for _l, _d, t in seen if t), "")
            lines.append(f"{kind} | {label} | {selector} | {detail}{f' ({text!r})' if text else ''} | {languages}")
        return f"{len(lines)} problem(s):\n" + "\n".join(lines)


def _sign_in(page: Any, base_url: str, code: str) -> None:
    page.goto(base_url + "/signin/code")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/signin" not in page.url, f"the one-time code did not sign in ({page.url})"


def _visit(page: Any, base_url: str, target: Page, path: str, lang: str, first: bool, found: Found) -> bool:
    url = f"{base_url}/language?to={lang}&next={path}" if first else base_url + path
    response = page.goto(url, wait_until="load")
    landed = page.url.removeprefix(base_url).split("#")[0]
    if response is None or response.status != 200:
        found.add("load", target, lang, path, f"answered {response.status if response else 'nothing'}")
        return False
    if landed != path and (not target.may_redirect or re.match(r"/(signin|unlock)", landed)):
        found.add("load", target, lang, path, f"ended on {landed}")
        return False
    return True


def _measure(page: Any, target: Page, lang: str, found: Found, shots: Path | None) -> None:
    rtl = lang == "ar"
    seen = page.evaluate(MEASURE, {"rtl": rtl, "names": list(TYPED_NAMES), "phones": list(TYPED_PHONES)})
    if not seen["lang"].startswith(HTML_LANG.get(lang, lang)):
        found.add("load", target, lang, "html", f"shown in {seen['lang']!r}, not {lang}")
    found.heights.append((target.label, lang, seen["height"], seen["contentTop"], seen["bottomBar"]))
    if target.name == "plan overview" and seen["height"] > OVERVIEW_MAX_HEIGHT:
        found.add("height", target, lang, "(the page)", f"{seen['height']} px tall, over {OVERVIEW_MAX_HEIGHT} px")
    if seen["scrollWidth"] > seen["vw"]:
        found.add("overflow", target, lang, "(the page)", f"scrolls sideways to {seen['scrollWidth']} px")
    for item in seen["overflow"]:
        found.add("overflow", target, lang, item["selector"],
                  f"{item['width']} px wide, {'left' if rtl else 'right'} edge at {item['edge']} px", item["text"])
    for item in seen["small"]:
        found.add("tap", target, lang, item["selector"], f"{item['width']}x{item['height']} px", item["text"])
    for item in seen["names"]:
        found.add("bidi", target, lang, item["selector"], f"{item['name']!r} not in <bdi> or dir=auto", item["text"])
    for item in seen["phones"]:
        found.add("bidi", target, lang, item["selector"], f"{item['phone']!r} not set left to right", item["text"])
    found.arrows[(target.label, lang)] = seen["arrows"]
    if shots is not None and lang in SHOT_LANGUAGES:
        page.screenshot(path=str(shots / f"{target.slug}--{lang}.png"), full_page=True)


# ---------------------------------------------------------------- the app's frame on every page

# The quick exit's box and whether it is what a tap at its middle reaches, as loaded and scrolled to the end; the
# language control's box; how far down the header reaches. (Scrolling is instant here: boxes read after it are new.)
SHELL = r"""() => {
  const box = (selector) => {
    const el = document.querySelector(selector);
    if (!el) { return null; }
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
            hidden: !el.checkVisibility({visibilityProperty: true, opacityProperty: true}),
            onTop: !!hit && !!hit.closest(selector)};
  };
  const header = document.querySelector("header.top");
  const out = {exit: box("#quick-exit"), language: box("header.top .lang-menu summary"),
               header: header ? header.getBoundingClientRect().bottom : 0};
  window.scrollTo(0, document.documentElement.scrollHeight);
  out.exitScrolled = box("#quick-exit");
  out.stuck = window.scrollY === 0 && document.documentElement.scrollHeight > innerHeight;
  window.scrollTo(0, 0);
  return out;
}"""


def _on_first_screen(box: dict[str, Any] | None) -> str:
    """What keeps a box from being seen and tapped on the first screen; empty when nothing does."""
    if box is None:
        return "missing"
    if box["hidden"] or box["width"] == 0 or box["height"] == 0:
        return "hidden"
    if box["left"] < 0 or box["top"] < 0 or box["right"] > PHONE["width"] or box["bottom"] > PHONE["height"]:
        edges = f"{box['left']:.0f},{box['top']:.0f} to {box['right']:.0f},{box['bottom']:.0f}"
        return f"at {edges}, not on the {PHONE['width']}x{PHONE['height']} screen"
    return "" if box["onTop"] else "covered by something else"


def _check_shell(page: Any, target: Page, lang: str, found: Found) -> None:
    """The quick exit on the screen and uncovered, at the top and scrolled to the end; a short top row with the
    language control on the first screen (its size is the tap check's)."""
    seen = page.evaluate(SHELL)
    if seen["stuck"]:
        found.add("quick exit", target, lang, "(the page)", "did not scroll to the end to look again")
    for when, box in (("as loaded", seen["exit"]), ("scrolled to the end", seen["exitScrolled"])):
        if problem := _on_first_screen(box):
            found.add("quick exit", target, lang, "#quick-exit", f"{when}: {problem}")
    if problem := _on_first_screen(seen["language"]):
        found.add("top row", target, lang, "header.top .lang-menu summary", f"language control {problem}")
    top_row = max(seen["header"], seen["exit"]["bottom"] if seen["exit"] else 0)
    if top_row > TOP_ROW_MOST:
        found.add("top row", target, lang, "header.top, #quick-exit",
                  f"reaches {top_row:.0f} px down, more than {TOP_ROW_MOST}")


# ---------------------------------------------------------------- checks of single pages: (selector, what is wrong)

ACCESS_LOG = r"""() => ({
  lines: [...document.querySelectorAll(".log-line")].map((line) => ({
    other: line.classList.contains("other"),
    name: (line.querySelector(".log-who bdi") || {}).textContent || "",
    who: (line.querySelector(".log-who") || {}).innerText || ""})),
  filter: [...document.querySelectorAll(".log-filter a")].map((link) => ({
    href: link.getAttribute("href"), current: link.getAttribute("aria-current"), text: link.innerText.trim()})),
})"""
FILTER_WORDS = ["Everyone", "Other people only"]


def _others_lines(lines: list[dict[str, Any]], lang: str) -> list[tuple[str, str]]:
    """Someone else's lines: the workers' views, by name, and the share link's opening, with no name."""
    problems = []
    names = {line["name"].strip() for line in lines}
    if missing := {CASEWORKER, PEER} - names:
        problems.append((".log-line.other", f"no line by {sorted(missing)}"))
    unnamed = [line for line in lines if not line["name"].strip()]
    if len(unnamed) != 1:
        problems.append((".log-line.other", f"{len(unnamed)} lines by someone with no account, not the share link's 1"))
    elif lang == "en" and "Someone with a share link" not in unnamed[0]["who"]:
        problems.append((".log-line.other .log-who", f"the share link's line says {unnamed[0]['who']!r}"))
    return problems


def _log_filter(seen: dict[str, Any], lang: str, path: str, shown: int) -> list[tuple[str, str]]:
    """Two plain links, Everyone and Other people only, the one shown marked as the current page."""
    everyone = path.split("?")[0]
    links = seen["filter"]
    problems = []
    if [link["href"] for link in links] != [everyone, everyone + "?who=others"]:
        problems.append((".log-filter a", f"links to {[link['href'] for link in links]}"))
    elif [link["current"] for link in links] != [("page" if i == shown else None) for i in range(2)]:
        problems.append((".log-filter a", f"aria-current {[link['current'] for link in links]}, not on link {shown}"))
    if lang == "en" and [link["text"] for link in links] != FILTER_WORDS:
        problems.append((".log-filter a", f"says {[link['text'] for link in links]}"))
    return problems


def access_log(page: Any, lang: str, path: str) -> list[tuple[str, str]]:
    """The parent's own lines and everyone else's, told apart."""
    seen = page.evaluate(ACCESS_LOG)
    lines = seen["lines"]
    mine = [line for line in lines if not line["other"]]
    others = [line for line in lines if line["other"]]
    problems = _log_filter(seen, lang, path, 0)
    if len(lines) < 3 or not mine:
        problems.append((".log-line", f"{len(lines)} lines, {len(mine)} of them the parent's own"))
    if any(line["name"].strip() == PARENT for line in others):
        problems.append((".log-line.other", "a line by the parent is marked as someone else's"))
    if any(line["name"].strip() != PARENT for line in mine):
        problems.append((".log-line", "a line by someone else is not marked as someone else's"))
    return problems + _others_lines(others, lang)


def others_only(page: Any, lang: str, path: str) -> list[tuple[str, str]]:
    """Only everyone else's lines, and all of them."""
    seen = page.evaluate(ACCESS_LOG)
    lines = seen["lines"]
    problems = _log_filter(seen, lang, path, 1)
    if any(not line["other"] or line["name"].strip() == PARENT for line in lines):
        problems.append((".log-line", "shows a line by the parent"))
    return problems + _others_lines(lines, lang)


def outcomes(page: Any, lang: str, path: str) -> list[tuple[str, str]]:
    """Every outcome shows what the agency recorded."""
    agencies = page.evaluate("""() => [...document.querySelectorAll("section.outcome")].map((outcome) =>
        [...outcome.querySelectorAll(".outcome-record bdi")].map((name) => name.innerText.trim()))""")
    if not agencies or any(AGENCY not in names for names in agencies):
        return [("section.outcome .outcome-record", f"the agency's answers: {agencies}")]
    return []


def long_words_shown(page: Any, lang: str, path: str) -> list[tuple[str, str]]:
    """The texts with a very long word are on the page, so the overflow check sees them wrap."""
    shown = page.evaluate("(long) => document.body.innerText.split(long).length - 1", LONG)
    return [] if shown >= 3 else [("body", f"shows the long typed word {shown} times, not at least 3")]


def printable_export(page: Any, lang: str, path: str) -> list[tuple[str, str]]:
    """The contents and the earlier versions fold away behind a summary (a tap target the tap check measures)."""
    problems = long_words_shown(page, lang, path)
    for selector in (".contents summary", ".record summary"):
        if not page.locator(selector).count():
            problems.append((selector, "missing"))
    return problems


PAGE_CHECKS: dict[tuple[str, str], Callable[[Any, str, str], list[tuple[str, str]]]] = {
    ("parent", "access log"): access_log,
    ("parent", "access log, other people only"): others_only,
    ("parent", "outcomes"): outcomes,
    ("caseworker", "outcomes"): outcomes,
    ("parent", "goals"): long_words_shown,
    ("parent", "printable export"): printable_export,
}


def _check_arrows(found: Found, pages: list[Page]) -> None:
    """An arrow in Arabic is mirrored, or is another arrow than the same link shows in English (a logical icon)."""
    for target in pages:
        english = {a["key"]: a for a in found.arrows.get((target.label, "en"), [])}
        for arrow in found.arrows.get((target.label, "ar"), []):
            same = english.get(arrow["key"])
            if not arrow["mirrored"] and (same is None or same["glyph"] == arrow["glyph"]):
                found.add("arrow", target, "ar", arrow["selector"], f"{arrow['glyph']!r} points the English way",
                          arrow["text"])


@pytest.fixture(scope="module")
def cast(live_server: LiveServer) -> Cast:
    return build_cast(live_server)


@pytest.fixture(scope="module")
def shots() -> Path | None:
    shots_to = os.environ.get("LAYOUT_SWEEP_SHOTS")
    if not shots_to:
        return None
    shots = Path(shots_to) if Path(shots_to).is_absolute() else REPO_ROOT / shots_to
    shots.mkdir(parents=True, exist_ok=True)
    heights = shots / "heights.tsv"
    if not heights.exists():
        heights.write_text("page\tlanguage\tfull height px\tcontent starts at px\tbar fixed at the bottom px\n")
    return shots


@dataclass
class Phone:
    """One role's browser context, signed in once and kept for the role's tests (its cache warm)."""

    page: Any
    errors: list[str]


@pytest.fixture(scope="module")
def phones(chromium: Any, live_server: LiveServer, axe_path: Path, cast: Cast) -> Iterator[Callable[[str], Phone]]:
    made: dict[str, tuple[Any, Phone]] = {}
    axe = axe_path.read_bytes()

    def phone(role: str) -> Phone:
        if role not in made:
            # Service workers off, so every page comes from the server as it is now.
            context = chromium.new_context(viewport=PHONE, base_url=live_server.url, service_workers="block")
            context.set_default_timeout(10_000)
            context.route(f"{live_server.url}{AXE_URL_PATH}",
                          lambda route: route.fulfill(status=200, body=axe, content_type="text/javascript"))
            page = context.new_page()
            made[role] = (context, Phone(page=page, errors=[]))
            page.on("pageerror", lambda error: made[role][1].errors.append(f"{role}: script error: {error}"))
            if role != SIGNED_OUT:
                _sign_in(page, live_server.url, cast.codes[role])
        return made[role][1]

    yield phone
    for context, _phone in made.values():
        context.close()


def _axe(page: Any, target: Page, lang: str, found: Found) -> None:
    for rule, detail in axe_violations(page):
        found.add("axe", target, lang, rule, detail)


def sweep(phone: Phone, base_url: str, family: str, role: str, languages: tuple[str, ...],
          shots: Path | None) -> Found:
    """Visit every page of the role in each of the languages, as the role, and measure it."""
    found = Found()
    pages = PAGES[role]
    for lang in languages:
        for index, target in enumerate(pages):
            path = target.path.format(family=family)
            if _visit(phone.page, base_url, target, path, lang, index == 0, found):
                _measure(phone.page, target, lang, found, shots)
                _check_shell(phone.page, target, lang, found)
                for selector, detail in PAGE_CHECKS.get((role, target.name), lambda *_: [])(phone.page, lang, path):
                    found.add("content", target, lang, selector, detail)
                if lang in AXE_LANGUAGES:
                    _axe(phone.page, target, lang, found)
    found.problems["load"] += [("(any page)", "", "(script)", error, "") for error in phone.errors]
    phone.errors.clear()
    _check_arrows(found, list(pages))
    if shots is not None:
        rows = ["\t".join(map(str, row)) + "\n" for row in found.heights]
        with (shots / "heights.tsv").open("a") as table:
            table.write("".join(rows))
    return found


@pytest.mark.parametrize(("role", "languages"), [
    pytest.param(role, languages, id=f"{role}-{'-'.join(languages)}")
    for role in PAGES for languages in LANGUAGE_GROUPS
])
def test_every_main_page_fits_a_360px_phone(phones: Callable[[str], Phone], live_server: LiveServer, cast: Cast,
                                            shots: Path | None, role: str, languages: tuple[str, ...]) -> None:
    found = sweep(phones(role), live_server.url, cast.family, role, languages, shots)
    kinds = ("load", "overflow", "tap", "bidi", "arrow", "quick exit", "top row", "content", "axe", "height")
    assert not any(found.problems[kind] for kind in kinds), found.report(*kinds)
    assert len(found.heights) == len(PAGES[role]) * len(languages), found.heights
