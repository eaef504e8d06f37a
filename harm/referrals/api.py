"""Referrals as JSON: the same referrals, to the same people, with the same checks as the pages."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint

from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.referrals import service
from harm.referrals.schemas import ReferralAnswerIn, ReferralIn, ReferralMoveIn, ReferralOut

blp = Blueprint("referrals_api", __name__, url_prefix="/api/v1", description="Referrals to services")
blp.before_request(check_family_access)


def referral_out(listed: service.Listed) -> dict[str, Any]:
    r = listed.referral
    return {
        "id": r.public_id, "person": listed.person, "service": r.service, "reason": r.reason, "stage": r.stage,
        "provider": {"name": r.provider_name, "phone": r.provider_phone, "address": r.provider_address},
        "referred_on": r.referred_on, "sent_on": r.sent_on, "intake_on": r.intake_on, "overdue": listed.overdue,
        "steps": [{"stage": s.stage, "answer": s.answer, "intake_on": s.intake_on, "role": s.role, "at": s.at,
                   "by": s.account.display_name if s.account else None} for s in r.steps],
    }


def _fresh(public_id: str) -> dict[str, Any]:
    return referral_out(service.get_or_404(current_member(), public_id))


@blp.route("/families/<family_id>/referrals", methods=["GET"])
@blp.response(200, ReferralOut(many=True))
@requires(C.SEE_REFERRALS)
def list_referrals(family_id: str) -> Any:
    """The family's referrals, newest first, each with its steps and whether it is overdue."""
    return [referral_out(listed) for listed in service.referrals_of(current_member())]


@blp.route("/families/<family_id>/referrals", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": ReferralIn}}})
@blp.response(201, ReferralOut)
@requires(C.PROPOSE_REFERRAL)
def propose(family_id: str) -> Any:
    """Propose a referral for the parent or a household member; it waits for the parent's answer."""
    return _fresh(service.propose(current_member(), request.get_json(silent=True)).public_id)


@blp.route("/families/<family_id>/referrals/<referral_id>", methods=["GET"])
@blp.response(200, ReferralOut)
@requires(C.SEE_REFERRALS)
def get_referral(family_id: str, referral_id: str) -> Any:
    """One referral with every step, who made it and when."""
    return _fresh(referral_id)


@blp.route("/families/<family_id>/referrals/<referral_id>/answer", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": ReferralAnswerIn}}})
@blp.response(200, ReferralOut)
@requires(C.ANSWER_REFERRAL)
def answer(family_id: str, referral_id: str) -> Any:
    """The parent's answer (only the parent): agree, talk about it first, or decline."""
    me = current_member()
    service.answer(me, service.get_or_404(me, referral_id).referral, request.get_json(silent=True))
    return _fresh(referral_id)


@blp.route("/families/<family_id>/referrals/<referral_id>/stage", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": ReferralMoveIn}}})
@blp.response(200, ReferralOut)
@requires(C.MOVE_REFERRAL)
def move(family_id: str, referral_id: str) -> Any:
    """The next step: only forward, nothing sent before the parent agrees, a first visit not before the referral."""
    me = current_member()
    service.move(me, service.get_or_404(me, referral_id).referral, request.get_json(silent=True))
    return _fresh(referral_id)
