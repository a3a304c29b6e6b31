"""The events service over RPC against the real database: pages of events (keyset by first session, then id),
operators acting with no centre, erasure by registration, the participant's language and the network's report."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.errors import InvalidInput, NotFound
from lowe_events.service import EventsService
from tests.integration.test_events_service import outbox

CONSENT = {"version": "rodo-2026-01", "given": True}
FIRST_DAY = (datetime.now(UTC) + timedelta(days=30)).date()


def day(offset: int) -> str:
    return (FIRST_DAY + timedelta(days=offset)).isoformat()


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(EventsService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def planned(rpc: Any, centre: str, offset: int, title: str = "Kurs") -> str:
    sessions = [{"starts_at": f"{day(offset)}T17:00", "ends_at": f"{day(offset)}T19:00"}]
    body = {"title": title, "kind": "course", "capacity": 5, "sessions": sessions}
    return str(rpc.events.create_event(centre, body)["id"])


def all_pages(rpc: Any, centre: str | None, params: dict[str, Any], operator: bool = False) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = rpc.events.list_events(centre, {**params, **({"cursor": cursor} if cursor else {})}, operator)
        pages.append([item["id"] for item in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def flat(pages: list[list[str]]) -> list[str]:
    return [event for page in pages for event in page]


def test_events_come_in_pages_by_first_session_then_id_for_a_centre_and_for_an_operator(rpc: Any) -> None:
    centre, other = str(uuid.uuid4()), str(uuid.uuid4())
    mine = [planned(rpc, centre, offset) for offset in (3, 1, 2)]
    theirs = [planned(rpc, other, offset) for offset in (2, 5)]
    same_time = [planned(rpc, centre, 4), planned(rpc, centre, 4)]

    pages = all_pages(rpc, centre, {"page_size": 2})
    assert [len(page) for page in pages] == [2, 2, 1]
    assert flat(pages) == [mine[1], mine[2], mine[0], *sorted(same_time, key=uuid.UUID)]

    network = flat(all_pages(rpc, None, {"page_size": 3}, operator=True))
    offsets = {mine[0]: 3, mine[1]: 1, mine[2]: 2, theirs[0]: 2, theirs[1]: 5, same_time[0]: 4, same_time[1]: 4}
    expected = sorted(offsets, key=lambda event: (offsets[event], uuid.UUID(event)))  # same start: by id
    assert [event for event in network if event in offsets] == expected
    assert flat(all_pages(rpc, None, {"centre_id": other}, operator=True)) == theirs
    assert flat(all_pages(rpc, centre, {"from": day(2), "to": day(3)})) == [mine[2], mine[0]]
    assert rpc.events.list_events(centre)["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page_size": 101}, "page_size"), ({"page_size": 0}, "page_size"), ({"cursor": "nonsense"}, "cursor")],
)
def test_a_bad_page_is_refused_naming_the_parameter(rpc: Any, params: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        rpc.events.list_events(str(uuid.uuid4()), params)
    assert field in refused.value.fields


def test_a_centre_must_name_itself_and_cannot_list_another_centre(rpc: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        rpc.events.get_event(None, str(uuid.uuid4()))
    assert "centre_id" in refused.value.fields
    with pytest.raises(InvalidInput):
        rpc.events.list_events(str(uuid.uuid4()), {"centre_id": str(uuid.uuid4())})


def test_an_operator_with_no_centre_acts_on_whichever_centre_the_event_belongs_to(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    centre = str(uuid.uuid4())
    event = planned(rpc, centre, 1)

    assert rpc.events.get_event(None, event, True)["centre_id"] == centre
    registration = rpc.events.register_participant(
        None, event, {"name": "Anna", "email": "anna@example.pl", "language": "en", "consent": CONSENT}, True
    )
    [listed] = rpc.events.list_registrations(None, event, True)["items"]
    assert (listed["email"], listed["language"]) == ("anna@example.pl", "en")
    assert rpc.events.update_event(None, event, {"title": "Nowy"}, True)["title"] == "Nowy"
    with pytest.raises(NotFound):
        rpc.events.get_event(str(uuid.uuid4()), event)

    erased = rpc.events.erase_person(None, {"registration_id": registration["id"]}, True)

    assert erased == {"erased": [registration["id"]]}
    registration_events = [data for kind, data in outbox(database_url("events")) if kind.startswith("registration_")]
    assert {data["language"] for data in registration_events} == {"en"}


def test_an_operator_erases_a_person_at_every_centre_and_a_centre_only_at_its_own(rpc: Any) -> None:
    centre, other = str(uuid.uuid4()), str(uuid.uuid4())
    events = planned(rpc, centre, 1), planned(rpc, other, 1)
    jan = {"name": "Jan", "phone": "+48 601 202 303", "consent": CONSENT}
    ewa = {"name": "Ewa", "email": "ewa@example.pl", "consent": CONSENT}
    places = list(zip((centre, other), events, strict=True))
    jan_here, jan_there = (rpc.events.register_participant(c, e, jan) for c, e in places)
    ewa_here, ewa_there = (rpc.events.register_participant(c, e, ewa) for c, e in places)

    assert rpc.events.erase_person(centre, {"phone": "+48601202303"}) == {"erased": [jan_here["id"]]}
    with pytest.raises(NotFound):
        rpc.events.erase_person(centre, {"registration_id": jan_there["id"]})
    everywhere = rpc.events.erase_person(None, {"email": "ewa@example.pl"}, True)["erased"]
    assert sorted(everywhere) == sorted([ewa_here["id"], ewa_there["id"]])
    with pytest.raises(InvalidInput) as refused:
        rpc.events.erase_person(centre, {"phone": "+48601202303", "registration_id": jan_here["id"]})
    assert "registration_id" in refused.value.fields


def test_the_participation_report_covers_a_centre_or_the_whole_network(rpc: Any) -> None:
    centre, other = str(uuid.uuid4()), str(uuid.uuid4())
    planned(rpc, centre, 1)
    planned(rpc, other, 2)
    period = {"from": day(0), "to": day(3)}

    own = rpc.events.participation_report({**period, "centre_id": centre})
    network = rpc.events.participation_report(period)
    partner = rpc.events.participation_report({**period, "partner_id": str(uuid.uuid4()), "format": "csv"})

    assert (own["report"]["centre_id"], own["report"]["partner_id"], own["report"]["events"]) == (centre, None, 1)
    assert network["report"]["events"] >= 2 and network["report"]["centre_id"] is None
    assert partner["format"] == "csv" and "total,,events,0" in partner["csv"]
    assert rpc.events.centre_report(centre, period)["report"]["events"] == 1
