"""the feed entry's state (new, seen, saved, dismissed, claimed) and the centre's interest in its opportunity

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from lowe_backbone.sqltypes import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FEED_COLUMNS = [
    ("state", sa.String(10), {"nullable": False, "server_default": "new"}),
    ("state_changed_at", UtcDateTime(), {}),
    ("interest_id", sa.Uuid(), {}),
    ("interest_status", sa.String(12), {}),
    ("places_requested", sa.Integer(), {}),
    ("places_allocated", sa.Integer(), {}),
    ("waitlist_position", sa.Integer(), {}),
    ("interest_updated_at", UtcDateTime(), {}),
]


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN, as in 0003: feed_entries is referenced by nothing, but batch mode would
    # rebuild it with its foreign keys, which SQLite refuses once it holds rows
    for name, type_, options in FEED_COLUMNS:
        op.add_column("feed_entries", sa.Column(name, type_, **options))
    # every entry delivered before the states existed is new, since it was delivered (or reinstated)
    op.execute(sa.text("UPDATE feed_entries SET state = 'new', state_changed_at = matched_at"))
    op.create_index("ix_feed_entries_centre_state", "feed_entries", ["centre_id", "state"])
    op.create_index("ix_feed_entries_interest", "feed_entries", ["interest_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_entries_interest", table_name="feed_entries")
    op.drop_index("ix_feed_entries_centre_state", table_name="feed_entries")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), for the same reason
    for name, _type, _options in reversed(FEED_COLUMNS):
        op.drop_column("feed_entries", name)
