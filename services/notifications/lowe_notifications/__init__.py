"""The notifications service: tells organisations, on the channel they chose, what concerns them."""
