"""worker recovery: a caseworker's sign-in code starts a hold; the person may turn such codes off

Revision ID: 9c_worker_recovery
Revises: 9b_discreet_push
Create Date: 2026-12-07 03:00:00

"""
from alembic import op
import sqlalchemy as sa

from harm.models_base import UTCDateTime


revision = '9c_worker_recovery'
down_revision = '9b_discreet_push'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker_recovery_allowed', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    with op.batch_alter_table('account_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('passkey_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_account_session_passkey', 'passkey', ['passkey_id'], ['id'],
                                    ondelete='SET NULL')
    op.create_table(
        'worker_recovery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_id', sa.String(length=32), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('code_id', sa.Integer(), nullable=True),
        sa.Column('issued_by_id', sa.Integer(), nullable=True),
        sa.Column('issued_by_name', sa.String(length=80), nullable=False),
        sa.Column('family_id', sa.Integer(), nullable=True),
        sa.Column('issued_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.Column('hold_until', UTCDateTime(), nullable=True),
        sa.Column('resolved', sa.String(length=16), nullable=True),
        sa.Column('resolved_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['code_id'], ['one_time_code.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['issued_by_id'], ['account.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['family_id'], ['family.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code_id'),
    )
    with op.batch_alter_table('worker_recovery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_recovery_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_recovery_public_id'), ['public_id'], unique=True)


def downgrade():
    op.drop_table('worker_recovery')
    with op.batch_alter_table('account_session', schema=None) as batch_op:
        batch_op.drop_constraint('fk_account_session_passkey', type_='foreignkey')
        batch_op.drop_column('passkey_id')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('worker_recovery_allowed')
