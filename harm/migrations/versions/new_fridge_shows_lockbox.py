"""the parent chooses whether the fridge copy prints the lockbox lines

Revision ID: fridge_shows_lockbox
Revises: 9d_audit_subject_exports
Create Date: 2026-12-07 06:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'fridge_shows_lockbox'
down_revision = '9d_audit_subject_exports'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('family', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fridge_shows_lockbox', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('family', schema=None) as batch_op:
        batch_op.drop_column('fridge_shows_lockbox')
