"""referrals to services, each step dated and attributed; an agency's days before a waiting referral is overdue

Revision ID: referrals
Revises: account_time_zone
Create Date: 2026-12-07 21:00:00

"""
from alembic import op
import sqlalchemy as sa

import harm.models_base


revision = 'referrals'
down_revision = 'account_time_zone'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode: on SQLite a batch may copy and drop the table, and the drop cascades to rows pointing at it.
    op.add_column('agency', sa.Column('referral_overdue_days', sa.Integer(), nullable=True))
    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('person', sa.String(length=40), nullable=False),
    sa.Column('service', sa.String(length=24), nullable=False),
    sa.Column('provider_name', sa.String(length=80), nullable=False),
    sa.Column('provider_phone', sa.String(length=25), nullable=False),
    sa.Column('provider_address', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('intake_on', sa.Date(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_referral_family_id'), 'referral', ['family_id'], unique=False)
    op.create_index(op.f('ix_referral_public_id'), 'referral', ['public_id'], unique=True)
    op.create_table('referral_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('answer', sa.String(length=8), nullable=True),
    sa.Column('intake_on', sa.Date(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_referral_step_referral_id'), 'referral_step', ['referral_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_referral_step_referral_id'), table_name='referral_step')
    op.drop_table('referral_step')
    op.drop_index(op.f('ix_referral_public_id'), table_name='referral')
    op.drop_index(op.f('ix_referral_family_id'), table_name='referral')
    op.drop_table('referral')
    op.drop_column('agency', 'referral_overdue_days')
