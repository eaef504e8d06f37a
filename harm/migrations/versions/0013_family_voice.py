"""the family's own voice: the parent's part of each review step, and the parent's notes on outcomes

The goals keep their place in the plan; goals kept before are read as the parent's (harm/plans/goals.py),
so no stored plan is rewritten here.

Revision ID: family_voice
Revises: consent_agency_statement
Create Date: 2026-12-07 06:00:00

"""
from alembic import op
import sqlalchemy as sa

import harm.models_base


revision = 'family_voice'
down_revision = 'consent_agency_statement'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('review_family_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=2000), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('written_at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['joint_review.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('review_id', 'step')
    )
    with op.batch_alter_table('review_family_part', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_family_part_review_id'), ['review_id'], unique=False)

    op.create_table('outcome_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outcome_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_note_family_id'), ['family_id'], unique=False)


def downgrade():
    with op.batch_alter_table('outcome_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_note_family_id'))
    op.drop_table('outcome_note')

    with op.batch_alter_table('review_family_part', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_family_part_review_id'))
    op.drop_table('review_family_part')
