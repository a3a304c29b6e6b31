"""The centres service: LOWE centres, their subscriptions, matching and feeds."""
