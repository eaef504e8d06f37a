"""access log entries name their subject; each export leaves a record

Revision ID: 9d_audit_subject_exports
Revises: 9c_worker_recovery
Create Date: 2026-12-07 03:20:00

"""
from alembic import op
import sqlalchemy as sa

import harm.models_base


revision = '9d_audit_subject_exports'
down_revision = '9c_worker_recovery'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_access_log_subject'), ['subject'], unique=False)

    op.create_table('export_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('export_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_record_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_export_record_public_id'), ['public_id'], unique=True)


def downgrade():
    with op.batch_alter_table('export_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_record_public_id'))
        batch_op.drop_index(batch_op.f('ix_export_record_family_id'))
    op.drop_table('export_record')

    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_log_subject'))
        batch_op.drop_column('subject')
