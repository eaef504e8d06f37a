"""The parent's own voice on a phone: a suggested goal the parent takes as their own, both answers side by side,
the parent's part of a review beside the team's, and a note on an outcome; in English, Spanish and Arabic."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, save_button, saved, sign_up, snap, start_family
from tests.browser.test_team import invite, join

pytestmark = pytest.mark.browser
LANGUAGES = ("en", "es", "ar")
SMALL_PHONE = {"width": 360, "height": 640}


def on_a_small_phone(person: Callable[[str], Person], name: str) -> Person:
    someone = person(name)
    someone.page.set_viewport_size(SMALL_PHONE)
    return someone


def fits_the_phone(someone: Person, what: str) -> None:
    width = someone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{what} scrolls sideways on a 360 px phone ({width} px)"


def snap_in_each_language(someone: Person, artifacts: Path, path: str, name: str) -> None:
    for language in LANGUAGES:
        someone.open(f"/language?to={language}&next={path}")
        someone.page.wait_for_url(f"**{path}")
        fits_the_phone(someone, f"{name} in {language}")
        snap(someone, artifacts, f"{name}-{language}.png")
    someone.open(f"/language?to=en&next={path}")


def test_the_parent_takes_a_suggested_goal_and_each_side_answers_for_itself(
        person: Callable[[str], Person], artifacts: Path) -> None:
    parent = on_a_small_phone(person, "Jordan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = on_a_small_phone(person, "Casey Worker")
    join(caseworker, invite(parent, family, "Caseworker"), family)

    # The caseworker writes the agency's part and suggests a goal; the parent's goals are not theirs to write.
    cw = caseworker.page
    caseworker.open(f"{family}/plan/goals")
    expect(cw.locator("form.plan-form").get_by_label("Goal", exact=True)).to_have_count(0)
    cw.get_by_label("What the agency expects").fill("Monthly home visits.")
    cw.get_by_label("The agency expects", exact=True).fill("A lockbox in the home")
    cw.get_by_role("group", name="The caseworker's answer: do we agree?").get_by_label("We agree").check()
    save_button(cw).click()
    saved(cw)
    caseworker.open(f"{family}/plan/goals")
    cw.locator("#suggest").get_by_label("Goal", exact=True).fill("Go to a parenting group")
    cw.get_by_role("button", name="Suggest this goal").click()
    expect(cw.get_by_text("Your suggestion is on the plan.")).to_be_visible()
    expect(cw.locator(".suggestion")).to_contain_text("Suggested by Casey Worker, caseworker, on")
    expect(cw.get_by_role("button", name="Yes, add it to my goals")).to_have_count(0)

    # The parent sees it as the caseworker's suggestion, and takes it as their own.
    page = parent.page
    parent.open(f"{family}/plan/goals")
    suggestion = page.locator(".suggestion")
    expect(suggestion).to_contain_text("Go to a parenting group")
    expect(suggestion).to_contain_text("Suggested by Casey Worker, caseworker, on")
    fits_the_phone(parent, "the goals page")
    check_accessibility(parent, "goals with a suggestion")
    snap(parent, artifacts, "goals-suggested.png")
    suggestion.get_by_role("button", name="Yes, add it to my goals").click()
    expect(page.get_by_text("It is one of your goals now.")).to_be_visible()
    expect(page.locator(".suggestion")).to_have_count(0)
    mine = page.locator(".alignment .voice").first
    expect(mine).to_contain_text("Go to a parenting group")
    expect(mine).to_contain_text("Written by Jordan, parent, on")
    expect(mine).to_contain_text("Suggested by Casey Worker, caseworker, on")

    # The parent gives their own answer beside the caseworker's.
    page.get_by_label("How it fits my goals").fill("It is already done")
    page.get_by_role("group", name="My answer: do we agree?").get_by_label("We see it differently").check()
    save_button(page).click()
    saved(page)
    parent.open(f"{family}/plan/goals")
    answers = page.locator(".expectation")
    expect(answers).to_contain_text("The caseworker's answer")
    expect(answers).to_contain_text("We agree")
    expect(answers).to_contain_text("The parent's answer")
    expect(answers).to_contain_text("We see it differently")
    expect(answers).to_contain_text("Written by Jordan, parent, on")
    expect(answers).to_contain_text("Written by Casey Worker, caseworker, on")
    check_accessibility(parent, "goals")
    snap_in_each_language(parent, artifacts, f"{family}/plan/goals", "goals")
    caseworker.open(f"{family}/plan/goals")
    expect(cw.locator(".expectation")).to_contain_text("We see it differently")


def test_a_review_shows_both_voices_and_the_parent_notes_an_outcome(
        person: Callable[[str], Person], artifacts: Path) -> None:
    parent = on_a_small_phone(person, "Jordan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = on_a_small_phone(person, "Casey Worker")
    join(caseworker, invite(parent, family, "Caseworker"), family)
    cw = caseworker.page
    caseworker.open(f"{family}/reviews/new")
    cw.get_by_label("Are the children safe?").fill("The children are safe at home.")
    cw.get_by_label("What is working for the parent").fill("Jordan keeps every visit.")
    cw.get_by_role("button", name="Save the review").click()
    cw.wait_for_url(re.compile(rf"{family}/reviews/[0-9a-f]+$"))
    review = caseworker.path()
    expect(cw.get_by_label("How are you doing, in your words?")).to_have_count(0)

    # The parent writes their own part of each step: the children first, then the parent, then the family.
    page = parent.page
    parent.open(review)
    page.get_by_label("How are the children doing, in your words?").fill("Sky sleeps well now.")
    page.get_by_label("How are you doing, in your words?").fill("I go to my group on Tuesdays.")
    page.get_by_role("button", name="Save my part").click()
    expect(page.get_by_text("Your part is saved.")).to_be_visible()
    caseworker.open(review)
    children = cw.locator("#step-children")
    expect(children.locator(".team-voice")).to_contain_text("The children are safe at home.")
    expect(children.locator(".team-voice")).to_contain_text("Written by Casey Worker, caseworker, on")
    expect(children.locator(".family-voice")).to_contain_text("Sky sleeps well now.")
    expect(children.locator(".family-voice")).to_contain_text("Written by Jordan, parent, on")
    # Stacked on a phone: the parent's voice under the team's, as wide.
    team, own = children.locator(".team-voice").bounding_box(), children.locator(".family-voice").bounding_box()
    assert team and own and own["y"] >= team["y"] + team["height"] and abs(own["width"] - team["width"]) < 2
    fits_the_phone(caseworker, "the review")
    check_accessibility(caseworker, "review with both voices")
    check_accessibility(parent, "review, the parent's form")
    snap_in_each_language(parent, artifacts, review, "review")

    # Each outcome is explained; the parent adds a note that the caseworker reads.
    parent.open(f"{family}/outcomes")
    reentry = page.locator("#outcome-no_reentry")
    expect(reentry).to_contain_text("did not go back into foster care")
    reentry.get_by_label("Add my note about this").fill("Kai has been home since May.")
    reentry.get_by_role("button", name="Save my note").click()
    expect(page.get_by_text("Your note is saved.")).to_be_visible()
    check_accessibility(parent, "outcomes")
    snap_in_each_language(parent, artifacts, f"{family}/outcomes", "outcomes")
    caseworker.open(f"{family}/outcomes")
    expect(cw.locator("#outcome-no_reentry")).to_contain_text("Kai has been home since May.")
    expect(cw.locator("#outcome-no_reentry")).to_contain_text("Note by Jordan, parent, on")
