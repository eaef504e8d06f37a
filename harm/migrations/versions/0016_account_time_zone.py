"""each account has a time zone (an IANA name); accounts made before it keep UTC, as their pages showed

Revision ID: account_time_zone
Revises: peer_parts_and_ended_access
Create Date: 2026-12-07 14:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'account_time_zone'
down_revision = 'peer_parts_and_ended_access'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode: on SQLite a batch may copy and drop the table, and the drop cascades to rows pointing at it.
    op.add_column('account', sa.Column('time_zone', sa.String(length=64), nullable=True))
    account = sa.table('account', sa.column('time_zone', sa.String))
    op.get_bind().execute(account.update().values(time_zone='UTC'))


def downgrade():
    op.drop_column('account', 'time_zone')
