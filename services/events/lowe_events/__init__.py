"""The events service: events at the centres, registrations with capacity and waiting lists, attendance, reports."""
