"""the parent chooses whether the fridge copy prints the lockbox lines

Revision ID: fridge_shows_lockbox
Revises: family_voice
Create Date: 2026-12-07 06:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'fridge_shows_lockbox'
down_revision = 'family_voice'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode (see downgrade): SQLite adds a column in place.
    op.add_column('family', sa.Column('fridge_shows_lockbox', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    # Not in batch mode: on SQLite that copies and drops the family table, and the drop cascades to every row
    # that points at a family.
    op.drop_column('family', 'fridge_shows_lockbox')
