"""discreet push: each push subscription remembers its device's neutral name

Revision ID: 9b_discreet_push
Revises: 6b_agency_idle
Create Date: 2026-11-24 20:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '9b_discreet_push'
down_revision = '6b_agency_idle'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('push_subscription', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discreet', sa.String(length=20), nullable=False, server_default='default'))


def downgrade():
    with op.batch_alter_table('push_subscription', schema=None) as batch_op:
        batch_op.drop_column('discreet')
