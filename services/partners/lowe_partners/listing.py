"""Searching opportunities and partners: the filters, and cursors that keep pages stable while new ones arrive;
the open opportunities counted by region."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    """The last item of the previous page, in the listing's order (newest first)."""

    created_at: datetime
    id: UUID

    def encode(self) -> str:
        raw = json.dumps([self.created_at.isoformat(), str(self.id)]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            created_at, item_id = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            cursor = cls(datetime.fromisoformat(created_at), UUID(item_id))
        except (ValueError, TypeError, AttributeError) as exc:
            raise BadCursor("Not a cursor this service gave out.") from exc
        if cursor.created_at.tzinfo is None:
            raise BadCursor("Not a cursor this service gave out.")
        return cursor


@dataclass(frozen=True)
class OpportunityQuery:
    kinds: tuple[str, ...] = ()
    topic: str | None = None
    target_group: str | None = None
    region: str | None = None  # a voivodeship: opportunities there, or nationwide
    statuses: tuple[str, ...] = ()
    partner_id: UUID | None = None
    text: str | None = None
    starts_from: datetime | None = None
    starts_until: datetime | None = None
    after: Cursor | None = None
    limit: int = 20
    # who reads: False hides drafts, except those of `drafts_of` (a partner sees its own)
    all_drafts: bool = True
    drafts_of: UUID | None = None


@dataclass(frozen=True)
class OpportunitiesById:
    """Opportunities asked for by id, drafts seen as `OpportunityQuery` sees them."""

    ids: tuple[UUID, ...]
    all_drafts: bool = True
    drafts_of: UUID | None = None


@dataclass(frozen=True)
class OpenOpportunityCounts:
    """One naming several voivodeships counts in each of them, and once in `total`."""

    voivodeships: dict[str, int]
    nationwide: int  # those naming no voivodeship
    total: int


@dataclass(frozen=True)
class PartnerCursor:
    """The last partner of the previous page, by name then id."""

    name: str
    id: UUID

    def encode(self) -> str:
        raw = json.dumps([self.name, str(self.id)]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> PartnerCursor:
        try:
            name, partner_id = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            if not isinstance(name, str):
                raise TypeError(name)
            return cls(name, UUID(partner_id))
        except (ValueError, TypeError, AttributeError) as exc:
            raise BadCursor("Not a cursor this service gave out.") from exc


@dataclass(frozen=True)
class PartnerQuery:
    """Empty `statuses`: any; `text` a case-insensitive part of the name."""

    statuses: tuple[str, ...] = ()
    text: str | None = None
    after: PartnerCursor | None = None
    limit: int = 20
