"""Families, members and invitations as the API shows them."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from harm.families.roles import ROLES


class FamilyIn(Schema):
    name = fields.String(required=True, error_messages={"required": _l("Please fill this in.")})
    my_role = fields.String(
        load_default="parent",
        validate=validate.OneOf(["parent", "caseworker"], error=_l("Please pick one of the choices.")),
    )


class MemberOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    name = fields.String(attribute="account.display_name", dump_only=True)
    role = fields.String(dump_only=True)
    since = fields.DateTime(attribute="created_at", dump_only=True)
    peer_parts = fields.List(fields.String(), dump_only=True)


class FamilyOut(Schema):
    id = fields.String(attribute="family.public_id", dump_only=True)
    name = fields.String(attribute="family.name", dump_only=True)
    my_role = fields.String(attribute="role", dump_only=True)
    members = fields.List(fields.Nested(MemberOut), attribute="family.memberships", dump_only=True)


class StartedFamilyOut(FamilyOut):
    enrollment_code = fields.String(dump_only=True, allow_none=True)


class InvitationIn(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES, error=_l("Please pick one of the choices.")))
    label = fields.String(load_default="", validate=validate.Length(max=80))
    peer_parts = fields.List(fields.String(), load_default=list)


class InvitationOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    role = fields.String(dump_only=True)
    label = fields.String(dump_only=True)
    peer_parts = fields.List(fields.String(), dump_only=True)
    expires_at = fields.DateTime(dump_only=True)
    code = fields.String(dump_only=True)


class JoinIn(Schema):
    code = fields.String(required=True, validate=validate.Length(max=40))


class PeerPartsIn(Schema):
    parts = fields.List(fields.String(), required=True)


class SigninCodeOut(Schema):
    member = fields.String(dump_only=True)
    code = fields.String(dump_only=True)
