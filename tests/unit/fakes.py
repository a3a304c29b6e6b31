"""The in-memory unit of work every service's fakes build on."""

from __future__ import annotations

from typing import Any


class FakeUnitOfWorkBase:
    """Like the real one, `commit` collects the domain events of the aggregates the repositories have seen."""

    def __init__(self) -> None:
        self.committed = False
        self.events: list[object] = []

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def _seen_aggregates(self) -> list[Any]:
        return []

    def commit(self) -> None:
        for aggregate in self._seen_aggregates():
            while aggregate.events:
                self.events.append(aggregate.events.pop(0))
        self.committed = True

    def commit_progress(self) -> None:
        """A part of the work made durable before the rest (the event is not marked processed yet)."""
        self.progress_commits = getattr(self, "progress_commits", 0) + 1
        self.commit()

    def rollback(self) -> None:
        """Nothing to undo in memory; committed work stays committed."""

    def reset(self) -> None:
        """Forgets what earlier steps of a test committed, so the next step is observed alone."""
        self.committed = False
        self.events.clear()
