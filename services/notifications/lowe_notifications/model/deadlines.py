"""Deadline warnings: a centre that claimed an opportunity (expressed interest in it) is warned 3 days before its
deadline (`apply_by`, else `starts_at`). A moved deadline moves the warning; a withdrawn or closed opportunity, or
an interest declined or given back, drops it. "Saved" feed entries are not known here (no event says so)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

WARN_BEFORE = timedelta(days=3)
DEADLINE_CLOSING = "deadline_closing"


@dataclass(eq=False)
class Deadline:
    opportunity_id: UUID
    title: str
    deadline: datetime | None
    open: bool
    updated_at: datetime

    def warning_due(self, now: datetime) -> datetime | None:
        """When to warn; None when there is nothing to warn of, or less than 3 days are left already."""
        if not self.open or self.deadline is None:
            return None
        due = self.deadline - WARN_BEFORE
        return due if due > now else None

    def warning_key(self) -> str:
        assert self.deadline is not None
        return f"deadline:{self.opportunity_id}:{self.deadline:%Y%m%dT%H%M}"


@dataclass(eq=False)
class Claim:
    opportunity_id: UUID
    centre_id: UUID
    active: bool
    updated_at: datetime
