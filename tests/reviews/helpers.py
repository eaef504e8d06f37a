"""A joint review in a test family, for tests that need one to exist."""
from __future__ import annotations

from datetime import date

from harm.extensions import db
from harm.reviews.models import JointReview
from tests.conftest import Household


def add_review(household: Household) -> JointReview:
    review = JointReview(family_id=household.family.id, held_on=date.today(), children_safety="Safe at home.")
    db.session.add(review)
    db.session.commit()
    return review
