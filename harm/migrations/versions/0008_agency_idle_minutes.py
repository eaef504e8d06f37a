"""agency idle: the idle period an agency admin sets for the agency's workers

Revision ID: 6b_agency_idle
Revises: 3b_agency_consent
Create Date: 2026-11-24 21:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '6b_agency_idle'
down_revision = '3b_agency_consent'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idle_minutes', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_column('idle_minutes')
