"""Who is calling: API keys, their roles and organisations. The gateway's own data (its database holds the keys'
SHA-256 hashes, never a key)."""
