"""Reading a centre's feed and the registry page by page: the filters, and keyset cursors that keep pages stable
while new entries arrive (a new match is newer than every page already read, so it shows up before the first)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

NEWEST, BEST = "matched", "score"  # the feed's orders: newest match first; highest score first (then newest)
FEED_ORDERS = (NEWEST, BEST)
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


class BadCursor(ValueError):
    pass


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(token: str, size: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except ValueError as exc:
        raise BadCursor("Not a cursor this service gave out.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise BadCursor("Not a cursor this service gave out.")
    return values


@dataclass(frozen=True)
class FeedCursor:
    """The last entry of the previous page, in the order the page was read in (a cursor fits only that order)."""

    order: str
    score: float
    matched_at: datetime
    id: UUID

    def encode(self) -> str:
        return _encode([self.order, self.score, self.matched_at.isoformat(), str(self.id)])

    @classmethod
    def decode(cls, token: str, order: str) -> FeedCursor:
        given, score, matched_at, entry_id = _decode(token, 4)
        try:
            cursor = cls(given, float(score), datetime.fromisoformat(matched_at), UUID(entry_id))
        except (ValueError, TypeError, AttributeError) as exc:
            raise BadCursor("Not a cursor this service gave out.") from exc
        if cursor.matched_at.tzinfo is None:
            raise BadCursor("Not a cursor this service gave out.")
        if cursor.order != order:
            raise BadCursor(f"The cursor is for order={cursor.order}, not {order}.")
        return cursor


@dataclass(frozen=True)
class FeedQuery:
    """Empty `states` or `kinds` mean any; `recommended` None means both."""

    centre_id: UUID
    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    recommended: bool | None = None
    include_retracted: bool = True
    order: str = NEWEST
    after: FeedCursor | None = None
    limit: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class CentreCursor:
    """The last centre of the previous page, by name then id."""

    name: str
    id: UUID

    def encode(self) -> str:
        return _encode([self.name, str(self.id)])

    @classmethod
    def decode(cls, token: str) -> CentreCursor:
        name, centre_id = _decode(token, 2)
        try:
            if not isinstance(name, str):
                raise TypeError(name)
            return cls(name, UUID(centre_id))
        except (ValueError, TypeError, AttributeError) as exc:
            raise BadCursor("Not a cursor this service gave out.") from exc


@dataclass(frozen=True)
class CentreQuery:
    voivodeship: str | None = None
    status: str | None = None
    text: str | None = None  # in the name, municipality or city, case-insensitive
    after: CentreCursor | None = None
    limit: int = DEFAULT_PAGE_SIZE
