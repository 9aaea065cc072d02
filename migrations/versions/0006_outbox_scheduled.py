"""outbox: scheduled messages (daily challenges, nudges) with what they deliver (kind, ref_id)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 01:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _forget_claims() -> None:
    # A claim of the other scheme (a challenge or a nudge a worker was sending when it stopped) has
    # no message this scheme sends: the claim goes, and the scheduler decides it again while due.
    op.execute("DELETE FROM challenge_days WHERE status = 'claimed'")
    op.execute("UPDATE nudges SET status = 'pending', claimed_at = NULL WHERE status = 'claimed'")


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("ref_id", sa.Integer(), nullable=True))
    _forget_claims()


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind IS NOT NULL AND sent_at IS NULL")
    _forget_claims()
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("ref_id")
        batch_op.drop_column("kind")
