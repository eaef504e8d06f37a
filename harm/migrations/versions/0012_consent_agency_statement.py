"""an agency's own statement for consents; each consent keeps the statements the parent read

Revision ID: consent_agency_statement
Revises: 9d_audit_subject_exports
Create Date: 2026-12-07 05:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'consent_agency_statement'
down_revision = '9d_audit_subject_exports'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode (see downgrade): SQLite adds a column in place.
    op.add_column('agency', sa.Column('consent_statement', sa.String(length=2000), nullable=False, server_default=''))
    op.add_column('consent', sa.Column('agency_statements', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    # Not in batch mode: on SQLite that copies and drops each table, and a drop cascades to the rows pointing at it.
    op.drop_column('consent', 'agency_statements')
    op.drop_column('agency', 'consent_statement')
