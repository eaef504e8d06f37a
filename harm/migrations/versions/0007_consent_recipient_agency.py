"""consent: a named agency as a consent's recipient

Revision ID: 3b_agency_consent
Revises: 8a_languages
Create Date: 2026-11-24 20:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '3b_agency_consent'
down_revision = '8a_languages'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consent_recipient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_consent_recipient_agency_id'), ['agency_id'], unique=False)
        batch_op.create_foreign_key('fk_consent_recipient_agency_id_agency', 'agency', ['agency_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('consent_recipient', schema=None) as batch_op:
        batch_op.drop_constraint('fk_consent_recipient_agency_id_agency', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_consent_recipient_agency_id'))
        batch_op.drop_column('agency_id')
