"""an agency's own statement for consents; each consent keeps the statements the parent read

Revision ID: new_consent_agency_statement
Revises: 9d_audit_subject_exports
Create Date: 2026-12-07 05:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'new_consent_agency_statement'
down_revision = '9d_audit_subject_exports'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_statement', sa.String(length=2000), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_statements', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_column('agency_statements')
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_column('consent_statement')
