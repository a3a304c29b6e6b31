"""Integration event contracts. Each module is owned by the service that produces the events."""
