"""iCalendar: a VEVENT per session with a stable UID, parsed back with the same library."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from icalendar import Calendar

from lowe_events import commands, report_use_cases, use_cases
from lowe_events.calendar_feed import to_ics
from tests.unit.events.fakes import FakeUnitOfWork, clock, create_event, new_centre

STAMP = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SERIES = [{"starts_at": "2026-03-26T17:00", "ends_at": "2026-03-26T19:00"}]


def parsed(text: str) -> list[object]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_each_session_of_an_event_is_a_vevent_in_utc_with_a_stable_uid() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    created = create_event(
        uow, centre, sessions=SERIES, repeat_weekly=2, location={"kind": "address", "address": "ul. Polna 2"}
    )
    calendar = report_use_cases.event_calendar(commands.actor_of(centre), created.event.id, uow)

    first, again = to_ics(calendar, "Kurs", STAMP), to_ics(calendar, "Kurs", STAMP)
    events = parsed(first)

    assert first == again
    assert [str(e["uid"]) for e in events] == [f"{s.id}@events.lowe" for s in created.sessions]
    assert [e.decoded("dtstart") for e in events] == [s.starts_at for s in created.sessions]
    assert events[1].decoded("dtstart") == datetime(2026, 4, 2, 15, 0, tzinfo=UTC)  # 17:00 in Warsaw, summer time
    assert [str(e["summary"]) for e in events] == ["Komputer bez tajemnic (1/2)", "Komputer bez tajemnic (2/2)"]
    assert {str(e["location"]) for e in events} == {"ul. Polna 2"}
    assert {str(e["status"]) for e in events} == {"CONFIRMED"}
    assert events[0].decoded("dtstamp") == STAMP


def test_a_cancelled_events_sessions_stay_in_the_feed_marked_cancelled() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    created = create_event(uow, centre, sessions=SERIES)
    use_cases.cancel_event(commands.cancel_event_command(centre, str(created.event.id), None), uow, clock())

    calendar = report_use_cases.centre_calendar(uuid.UUID(centre), uow, clock())
    [event] = parsed(to_ics(calendar, "LOWE", STAMP))

    assert (str(event["status"]), int(event["sequence"]) >= 0) == ("CANCELLED", True)


def test_the_centres_feed_holds_only_sessions_not_over_yet() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    create_event(uow, centre, sessions=[{"starts_at": "2026-03-01T10:00", "ends_at": "2026-03-01T11:00"}])
    upcoming = create_event(uow, centre, sessions=SERIES, location={"kind": "online", "url": "https://meet.example/a"})

    calendar = report_use_cases.centre_calendar(uuid.UUID(centre), uow, clock())
    [event] = parsed(to_ics(calendar, "LOWE", STAMP))

    assert str(event["uid"]) == f"{upcoming.sessions[0].id}@events.lowe"
    assert (str(event["location"]), str(event["url"])) == ("Online", "https://meet.example/a")
