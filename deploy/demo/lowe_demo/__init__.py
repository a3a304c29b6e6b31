"""The demo network (35 centres in 12 voivodeships, partners, subscriptions, opportunities, events), loaded through
the public API: by `make run`, and by `lowe demo load` in the compose file's `demo` profile."""
