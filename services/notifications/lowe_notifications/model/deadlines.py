"""Deadline warnings: a centre that claimed an opportunity (expressed interest in it) or saved it in its feed is
warned 3 days before its deadline (`apply_by`, else `starts_at`), once whether it claimed it, saved it or both. A
moved deadline moves the warning; a withdrawn or closed opportunity drops it, and so does the end of the centre's
interest (declined, withdrawn, every place given back) unless it saved the entry, or the entry marked anything but
`saved` unless it claimed it."""

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
    """A centre watching an opportunity's deadline: by its interest (`active`, from the partners' news) and by its
    feed entry marked `saved` (`saved`, from the centres' news). Each side takes only news newer than its last."""

    opportunity_id: UUID
    centre_id: UUID
    active: bool
    updated_at: datetime
    saved: bool = False
    saved_at: datetime | None = None

    @property
    def watching(self) -> bool:
        return self.active or self.saved

    def mark(self, saved: bool, at: datetime) -> None:
        if self.saved_at is None or at >= self.saved_at:
            self.saved, self.saved_at = saved, at
