"""People who sign in to the portal: accounts, their sessions and their one-time links. The gateway's own data."""
