"""Shared by the matching flow tests: commands as the consumer builds them, and running the use cases."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from lowe_centres import use_cases
from lowe_centres.commands import MatchPublishedOpportunity, ReviseOpportunity
from lowe_centres.model import Centre, OpportunityMatched, OpportunityUnmatched
from tests.unit.centres.fakes import PUBLISHED_AT, FakeUnitOfWork, a_centre

MATCHED_AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)
UPDATED_AT = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")


def published(**changes: Any) -> MatchPublishedOpportunity:
    fields: dict[str, Any] = {
        "opportunity_id": OPPORTUNITY_ID,
        "partner_name": "Fundacja Cyfrowa",
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills", "languages"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "nationwide": False,
        "published_at": PUBLISHED_AT,
    }
    fields.update(changes)
    fields["nationwide"] = not fields["regions"]
    return MatchPublishedOpportunity(**fields)


def match_it(uow: FakeUnitOfWork, cmd: MatchPublishedOpportunity | None = None) -> int:
    return use_cases.match_published_opportunity(cmd or published(), uow, now=lambda: MATCHED_AT)


def revise_it(uow: FakeUnitOfWork, changed: list[str], **changes: Any) -> int:
    cmd = ReviseOpportunity(published(**changes), changed)
    return use_cases.revise_opportunity(cmd, uow, now=lambda: UPDATED_AT)


def with_centre(uow: FakeUnitOfWork, name: str = "LOWE Radom", **details: Any) -> Centre:
    centre = a_centre(name=name, **details)
    uow.centres.add(centre)
    return centre


def matched(uow: FakeUnitOfWork) -> dict[uuid.UUID, OpportunityMatched]:
    return {event.centre_id: event for event in uow.events if isinstance(event, OpportunityMatched)}


def unmatched(uow: FakeUnitOfWork) -> dict[uuid.UUID, OpportunityUnmatched]:
    return {event.centre_id: event for event in uow.events if isinstance(event, OpportunityUnmatched)}
