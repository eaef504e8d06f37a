"""languages: the account's chosen language

Revision ID: 8a_languages
Revises: 3b1baa44705e
Create Date: 2026-11-24 17:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '8a_languages'
down_revision = '9a_family_hands'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('language')
