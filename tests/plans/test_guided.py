"""The guided first plan, without JavaScript: one part a screen, "Saved" where the person looks, recovery codes once."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from flask import Flask

from harm.accounts import service as accounts
from harm.extensions import db
from harm.plans.models import PlanSection
from harm.plans.sections import RESPONSE_STEPS
from tests.conftest import make_account, sign_in
from tests.plans.test_sections import HOUSEHOLD_FORM


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    return shared_app


@pytest.fixture
def parent(client, household):
    return sign_in(client, household.people["parent"])


def version_of(family, key):
    return db.session.execute(
        db.select(PlanSection.version).where(PlanSection.family_id == family.id, PlanSection.key == key)
    ).scalar_one()


def guided(form):
    return dict(form, guided="1")


def saved_message(html):
    """The "Saved" status on a page, with its attributes; None when there is none."""
    match = re.search(r'<p class="saved"[^>]*>[^<]*</p>', html)
    return match.group(0) if match else None


def test_a_parent_who_starts_a_plan_goes_straight_to_part_one(client):
    sign_in(client, make_account("Dana"))
    start = client.get("/families/new?first=1")
    assert "Your account is ready" in start.text
    assert 'value="Dana&#39;s family"' in start.text  # the name is suggested, so one tap starts the plan
    started = client.post("/families/new", data={"name": "Dana's family", "my_role": "parent"})
    assert re.fullmatch(r"/f/[0-9a-f]{32}/plan/household\?guided=1", started.location)
    part = client.get(started.location)
    assert "Part 1 of 6" in part.text
    assert 'name="guided" value="1"' in part.text
    assert ">Next part</button>" in part.text and ">Save</button>" not in part.text


def test_the_first_saved_part_asks_for_recovery_codes_then_the_next_part_says_saved(parent, household):
    answer = parent.post(f"/f/{household.id}/plan/household", data=guided(HOUSEHOLD_FORM))
    assert answer.location.startswith("/account/recovery-codes?")
    assert unquote(answer.location).endswith(f"next=/f/{household.id}/plan/storage?guided=1&saved=1")
    ask = parent.get(answer.location)
    assert "Keep a way back in" in ask.text
    assert 'role="status"' in saved_message(ask.text) and "autofocus" in saved_message(ask.text)
    assert version_of(household.family, "household") == 1

    made = parent.post(f"/account/recovery-codes?next=/f/{household.id}/plan/storage?guided%3D1")
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", made.text)
    assert len(codes) == 8
    assert '<ul class="codes whole">' in made.text
    download = re.search(r'href="data:text/plain;charset=utf-8,([^"]+)" download="recovery-codes.txt"', made.text)
    assert download and all(code in unquote(download.group(1)) for code in codes)
    assert f'href="/f/{household.id}/plan/storage?guided=1"' in made.text

    part_two = parent.get(f"/f/{household.id}/plan/storage?guided=1")
    shown = saved_message(part_two.text)
    assert shown and 'role="status"' in shown and "autofocus" in shown
    assert part_two.text.index(shown) < part_two.text.index("<h1>")  # at the top of the next part
    assert "Part 2 of 6" in part_two.text
    assert saved_message(parent.get(f"/f/{household.id}/plan/storage?guided=1").text) is None  # said once


def test_recovery_codes_are_asked_for_once_not_at_every_part(parent, household):
    parent.post(f"/f/{household.id}/plan/household", data=guided(HOUSEHOLD_FORM))  # asked here; "Not now"
    second = parent.post(f"/f/{household.id}/plan/storage", data=guided({"version": "0", "has_lockbox": "yes"}))
    assert second.location == f"/f/{household.id}/plan/naloxone?guided=1"


def test_someone_with_recovery_codes_is_not_asked(parent, household):
    accounts.new_recovery_codes(household.people["parent"])
    answer = parent.post(f"/f/{household.id}/plan/household", data=guided(HOUSEHOLD_FORM))
    assert answer.location == f"/f/{household.id}/plan/storage?guided=1"


def test_the_last_part_finishes_on_the_plan(parent, household):
    accounts.new_recovery_codes(household.people["parent"])
    answer = parent.post(f"/f/{household.id}/plan/goals", data=guided({"version": "0", "goals-0-goal": "Walk daily"}))
    assert answer.location == f"/f/{household.id}"
    last = parent.get(f"/f/{household.id}/plan/goals?guided=1")
    assert "Part 6 of 6" in last.text and ">Finish</button>" in last.text


def test_a_plain_save_stays_with_saved_by_the_button(parent, household):
    accounts.new_recovery_codes(household.people["parent"])
    answer = parent.post(f"/f/{household.id}/plan/household", data=HOUSEHOLD_FORM)
    assert answer.location == f"/f/{household.id}/plan/household"
    page = parent.get(answer.location).text
    shown = saved_message(page)
    assert shown and "autofocus" in shown
    assert page.index(">Save</button>") < page.index(shown) < page.index("</form>")  # next to the button
    assert "Part 1 of 6" not in page


def test_add_another_without_javascript_saves_and_comes_back_to_the_new_row(parent, household):
    form = guided(dict(HOUSEHOLD_FORM, add_row="members"))
    answer = parent.post(f"/f/{household.id}/plan/household", data=form)
    assert answer.location == f"/f/{household.id}/plan/household?guided=1"  # not the recovery codes yet
    assert version_of(household.family, "household") == 1
    page = parent.get(answer.location).text
    assert re.search(r'id="members-2-name" name="members-2-name" value="" autofocus', page)
    assert page.count("autofocus") == 1
    shown = saved_message(page)
    # just above the new row
    assert shown and page.index('id="members-1-name"') < page.index(shown) < page.index('id="members-2-name"')


def test_a_made_up_add_row_value_is_not_trusted(parent, household):
    accounts.new_recovery_codes(household.people["parent"])
    parent.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, add_row='"><script>'))
    page = parent.get(f"/f/{household.id}/plan/household").text
    assert "<script>" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert saved_message(page) and page.index(">Save</button>") < page.index(saved_message(page))


def test_all_of_these_ticks_every_step(parent, household):
    parent.post(f"/f/{household.id}/plan/overdose", data={"version": "0", "steps_known-all": "yes"})
    data = db.session.execute(db.select(PlanSection.data).where(
        PlanSection.family_id == household.family.id, PlanSection.key == "overdose")).scalar_one()
    assert data["steps_known"] == [key for key, _label in RESPONSE_STEPS]
    page = parent.get(f"/f/{household.id}/plan/overdose").text
    assert re.search(r'name="steps_known-all" value="yes" data-all\s+checked', page)


def test_bad_input_in_a_guided_part_is_refused_in_the_persons_language_and_changes_nothing(parent, household):
    parent.get("/language?to=es")
    form = guided(dict(HOUSEHOLD_FORM, **{"members-0-age_range": "ancient"}))
    answer = parent.post(f"/f/{household.id}/plan/household", data=form)
    assert answer.status_code == 422
    assert "Please pick one of the choices." not in answer.text  # translated
    assert 'name="guided" value="1"' in answer.text and 'value="Aunt June"' in answer.text
    assert version_of(household.family, "household") == 0


def test_a_stale_save_in_a_guided_part_keeps_what_was_typed(parent, household, make_client):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    caseworker.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, our_words="Theirs"))
    answer = parent.post(f"/f/{household.id}/plan/household", data=guided(dict(HOUSEHOLD_FORM, our_words="Mine")))
    assert answer.status_code == 409
    assert ">Mine</textarea>" in answer.text and "Theirs" in answer.text
    assert ">Next part</button>" in answer.text


def test_recovery_codes_page_from_my_account_and_a_foreign_next_is_dropped(parent):
    ask = parent.get("/account/recovery-codes?next=//evil.example/")
    assert ask.status_code == 200
    main = ask.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "evil.example" not in main and 'href="/account"' in main
    assert saved_message(ask.text) is None


def test_a_caseworker_saving_the_agency_part_sees_saved_by_the_button(client, household):
    caseworker = sign_in(client, household.people["caseworker"])
    accounts.new_recovery_codes(household.people["caseworker"])
    answer = caseworker.post(f"/f/{household.id}/plan/goals", data={"version": "0", "agency_expects": "Visits"})
    page = caseworker.get(answer.location).text
    assert saved_message(page) and page.index(">Save</button>") < page.index(saved_message(page))


def test_another_goal_without_javascript_comes_back_to_the_new_goal(parent, household):
    form = {"version": "0", "goals-0-goal": "Walk daily", "add_row": "goals"}
    page = parent.get(parent.post(f"/f/{household.id}/plan/goals", data=form).location).text
    assert re.search(r'id="goals-1-goal" name="goals-1-goal" value="" autofocus', page)
    assert saved_message(page)
