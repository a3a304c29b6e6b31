"""The organisation names the portal's header shows, kept a few minutes per gateway process: every page shows one, so
asking the owning service on each page view would add an RPC to every request for a name that rarely changes (a
rename shows within `ttl`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

TTL_SECONDS = 300.0
MOST_KEPT = 10_000  # organisations; past that the memory starts over (the network has a few hundred)


class OrganisationNames:
    def __init__(
        self, ttl: float = TTL_SECONDS, most: int = MOST_KEPT, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl, self.most, self.clock = ttl, most, clock
        self._kept: dict[Hashable, tuple[str, float]] = {}

    def name_of(self, key: Hashable, fetch: Callable[[], str | None]) -> str | None:
        """The kept name while fresh, else `fetch()`'s (kept when there is one: an unanswered ask is asked again)."""
        now = self.clock()
        kept = self._kept.get(key)
        if kept is not None and kept[1] > now:
            return kept[0]
        name = fetch()
        if name is not None:
            if len(self._kept) >= self.most:
                self._kept.clear()
            self._kept[key] = (name, now + self.ttl)
        return name
