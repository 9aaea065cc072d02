"""rehearsals.last_seq: the number of the last turn, so a reply needs no read of the earlier turns

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 18:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rehearsals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seq", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE rehearsals SET last_seq = "
        "(SELECT coalesce(max(turns.seq), 0) FROM turns WHERE turns.rehearsal_id = rehearsals.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("rehearsals", schema=None) as batch_op:
        batch_op.drop_column("last_seq")
