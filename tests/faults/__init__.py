"""Fault injection on a private RabbitMQ node and a private PostgreSQL cluster, with every service a process.

A poison message reaching the dead-letter queue after its retries while other messages flow is covered,
with the same consumer code on a real broker, by tests/integration/test_reliable_consumer.py.
"""
