"""each peer sees only the parts the parent picks for them; a removal can be undone for a while and is told

Revision ID: peer_parts_and_ended_access
Revises: fridge_shows_lockbox
Create Date: 2026-12-07 05:45:00

"""
from alembic import op
import sqlalchemy as sa

import harm.models_base


revision = 'peer_parts_and_ended_access'
down_revision = 'fridge_shows_lockbox'
branch_labels = None
depends_on = None

# What a new family was given before the parent had ever picked anything: every plan section, and later
# every plan section plus check-ins, reviews and outcomes. A list equal to one of these was never chosen.
SECTION_KEYS = ['household', 'storage', 'naloxone', 'overdose', 'supports', 'goals']
UNCHOSEN_DEFAULTS = (SECTION_KEYS, SECTION_KEYS + ['checkins', 'reviews', 'outcomes'])


def upgrade():
    # Not in batch mode: on SQLite a batch may copy and drop the table, and the drop cascades to rows pointing at it.
    op.add_column('membership', sa.Column('peer_parts', sa.JSON(), nullable=False, server_default='[]'))
    op.add_column('invitation', sa.Column('peer_parts', sa.JSON(), nullable=False, server_default='[]'))

    # Each peer keeps what the parent chose for peers; the untouched default shared everything without asking,
    # so peers under it see nothing until the parent picks. Open invitations keep []: their peer waits too.
    bind = op.get_bind()
    family = sa.table('family', sa.column('id', sa.Integer), sa.column('peer_sections', sa.JSON))
    membership = sa.table('membership', sa.column('family_id', sa.Integer), sa.column('role', sa.String),
                          sa.column('peer_parts', sa.JSON))
    for family_id, chosen in bind.execute(sa.select(family.c.id, family.c.peer_sections)).all():
        if not chosen or list(chosen) in UNCHOSEN_DEFAULTS:
            continue
        bind.execute(membership.update()
                     .where(membership.c.family_id == family_id, membership.c.role == 'peer')
                     .values(peer_parts=list(chosen)))

    # Not in batch mode: on SQLite that copies and drops the family table, and the drop cascades to every row
    # that points at a family. SQLite 3.35+ and PostgreSQL drop a column in place.
    op.drop_column('family', 'peer_sections')

    op.create_table('ended_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('ended_by_name', sa.String(length=80), nullable=False),
    sa.Column('ended_at', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('membership_public_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('peer_parts', sa.JSON(), nullable=False),
    sa.Column('member_since', harm.models_base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ended_by_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ended_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ended_access_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ended_access_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ended_access_public_id'), ['public_id'], unique=True)


def downgrade():
    with op.batch_alter_table('ended_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ended_access_public_id'))
        batch_op.drop_index(batch_op.f('ix_ended_access_family_id'))
        batch_op.drop_index(batch_op.f('ix_ended_access_account_id'))
    op.drop_table('ended_access')

    with op.batch_alter_table('family', schema=None) as batch_op:
        batch_op.add_column(sa.Column('peer_sections', sa.JSON(), nullable=False, server_default='[]'))
    # One list for the family again: only what every one of its peers was shown, so no peer sees more.
    bind = op.get_bind()
    family = sa.table('family', sa.column('id', sa.Integer), sa.column('peer_sections', sa.JSON))
    membership = sa.table('membership', sa.column('family_id', sa.Integer), sa.column('role', sa.String),
                          sa.column('peer_parts', sa.JSON))
    shared = {}
    for family_id, parts in bind.execute(
            sa.select(membership.c.family_id, membership.c.peer_parts).where(membership.c.role == 'peer')).all():
        before = shared.get(family_id, parts or [])
        shared[family_id] = [p for p in before if p in (parts or [])]
    for family_id, parts in shared.items():
        bind.execute(family.update().where(family.c.id == family_id).values(peer_sections=parts))

    op.drop_column('invitation', 'peer_parts')
    op.drop_column('membership', 'peer_parts')
