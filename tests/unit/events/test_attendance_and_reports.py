"""Attendance per session, hours from the sessions attended, and the funders' report arithmetic."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from lowe_events import commands, registration_use_cases, report_use_cases
from lowe_events.model import (
    Activity,
    AttendanceNotRecordable,
    Consent,
    Contact,
    Demographics,
    Event,
    Mark,
    Period,
    Registration,
    Session,
    SessionNotFound,
    attended_minutes,
    build_report,
)
from lowe_events.report_csv import report_csv
from tests.unit.events.fakes import FakeUnitOfWork, clock, create_event, new_centre, register

AFTER = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
CENTRE = uuid.uuid4()


def record(uow: FakeUnitOfWork, centre: str, event_id: object, session: Session, marks: dict[object, bool]) -> object:
    body = {"attendance": [{"registration_id": str(rid), "present": present} for rid, present in marks.items()]}
    cmd = commands.record_attendance_command(centre, str(event_id), str(session.id), body)
    return report_use_cases.record_attendance(cmd, uow, clock(AFTER))


def test_hours_per_participant_are_the_lengths_of_the_sessions_attended() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    sessions = [
        {"starts_at": "2026-03-10T17:00", "ends_at": "2026-03-10T19:00"},
        {"starts_at": "2026-03-12T17:00", "ends_at": "2026-03-12T18:30"},
    ]
    created = create_event(uow, centre, sessions=sessions)
    one, two = (register(uow, centre, created.event.id, n).registration for n in (1, 2))
    first, second = created.sessions

    record(uow, centre, created.event.id, first, {one.id: True, two.id: True})
    record(uow, centre, created.event.id, second, {one.id: True, two.id: False})

    listed = registration_use_cases.list_registrations(commands.actor_of(centre), created.event.id, uow)
    assert [(p.attended_minutes, len(p.marks)) for p in listed] == [(210, 2), (120, 2)]


def test_a_new_mark_replaces_the_old_one() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    created = create_event(uow, centre)
    one = register(uow, centre, created.event.id, 1).registration

    record(uow, centre, created.event.id, created.sessions[0], {one.id: True})
    marks = record(uow, centre, created.event.id, created.sessions[0], {one.id: False})

    assert [mark.present for mark in marks] == [False]  # type: ignore[attr-defined]


def test_attendance_is_recorded_only_from_the_sessions_start_and_only_for_confirmed_places() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    created = create_event(uow, centre, capacity=1)
    confirmed, waiting = (register(uow, centre, created.event.id, n).registration for n in (1, 2))
    session = created.sessions[0]
    body = {"attendance": [{"registration_id": str(confirmed.id), "present": True}]}
    early = commands.record_attendance_command(centre, str(created.event.id), str(session.id), body)

    with pytest.raises(AttendanceNotRecordable):
        report_use_cases.record_attendance(early, uow, clock(session.starts_at - timedelta(minutes=1)))
    with pytest.raises(AttendanceNotRecordable):
        record(uow, centre, created.event.id, session, {waiting.id: True})
    with pytest.raises(SessionNotFound):
        record(
            uow, centre, created.event.id, Session(uuid.uuid4(), created.event.id, AFTER, AFTER), {confirmed.id: True}
        )


# the report's arithmetic, on hand-built activity

MARCH, APRIL = datetime(2026, 3, 10, 16, 0, tzinfo=UTC), datetime(2026, 4, 14, 15, 0, tzinfo=UTC)


def an_event(**changes: object) -> Event:
    details: dict[str, object] = {"id": uuid.uuid4(), "centre_id": CENTRE, "title": "E", "kind": "course"}
    details.update(capacity=10, created_at=MARCH - timedelta(days=30), **changes)
    return Event(**details)  # type: ignore[arg-type]


def a_session(event: Event, starts_at: datetime, hours: float = 2) -> Session:
    return Session(uuid.uuid4(), event.id, starts_at, starts_at + timedelta(hours=hours))


def a_participant(event: Event, sequence: int, status: str = "confirmed", **demographics: object) -> Registration:
    consent = Consent("v1", MARCH)
    described = Demographics(Consent("d1", MARCH), **demographics) if demographics else None  # type: ignore[arg-type]
    person = Contact(f"P{sequence}", f"p{sequence}@example.pl", None)
    registration = Registration.new(uuid.uuid4(), event.id, CENTRE, sequence, person, consent, described, MARCH)
    registration.status = status
    return registration


def present(session: Session, registration: Registration, attended: bool = True) -> Mark:
    return Mark(session.id, registration.id, attended, AFTER)


@pytest.fixture
def activity() -> Activity:
    """Event A: two sessions in March (2 h and 1.5 h), one in April; three confirmed, one waiting, one cancelled.
    Event B: cancelled, one session in March. Event C: its only session in April."""
    a, b, c = an_event(), an_event(status="cancelled"), an_event()
    march_1, march_2, april = a_session(a, MARCH), a_session(a, MARCH + timedelta(days=7), 1.5), a_session(a, APRIL)
    senior = a_participant(a, 1, age_band="65-74", gender="female", target_groups=["seniors", "unemployed"])
    silent = a_participant(a, 2, gender="male")  # consented, no age band, no target group
    private = a_participant(a, 3)  # no demographic consent
    erased = a_participant(a, 4, age_band="25-34")
    erased.erase(AFTER)
    waiting = a_participant(a, 5, status="waitlisted")
    gone = a_participant(a, 6, status="cancelled")
    marks = [
        present(march_1, senior),
        present(march_2, senior),
        present(march_1, silent),
        present(march_2, silent, attended=False),
        present(march_1, erased),
        present(april, senior),
    ]
    return Activity(
        [a, b, c],
        [march_1, march_2, april, a_session(b, MARCH), a_session(c, APRIL)],
        [senior, silent, private, erased, waiting, gone],
        marks,
    )


def test_the_report_counts_events_sessions_participants_and_hours_in_the_period(activity: Activity) -> None:
    report = build_report(activity, Period(date(2026, 3, 1), date(2026, 3, 31)), AFTER)

    assert (report["events"], report["cancelled_events"], report["sessions"], report["participants"]) == (1, 1, 2, 4)
    assert report["attendance"] == {"present": 4, "absent": 1, "not_marked": 3, "rate": 0.8}
    assert report["participant_hours"] == 7.5  # senior 2 + 1.5, silent 2, erased 2


def test_the_breakdowns_count_the_consented_values_and_show_what_is_missing(activity: Activity) -> None:
    breakdowns = build_report(activity, Period(date(2026, 3, 1), date(2026, 3, 31)), AFTER)["breakdowns"]

    assert breakdowns["age_band"] == {
        "65-74": {"participants": 1, "participant_hours": 3.5},
        "unknown": {"participants": 1, "participant_hours": 2.0},
        "not_consented": {"participants": 1, "participant_hours": 0.0},
        "erased": {"participants": 1, "participant_hours": 2.0},
    }
    assert breakdowns["gender"]["male"] == {"participants": 1, "participant_hours": 2.0}
    assert set(breakdowns["target_group"]) == {"seniors", "unemployed", "unknown", "not_consented", "erased"}
    assert breakdowns["target_group"]["unemployed"] == {"participants": 1, "participant_hours": 3.5}
    per_age_band = sum(figures["participants"] for figures in breakdowns["age_band"].values())
    assert per_age_band == 4  # every participant counted exactly once in a single-valued breakdown


def test_a_period_holds_the_sessions_starting_on_its_warsaw_dates(activity: Activity) -> None:
    april = build_report(activity, Period(date(2026, 4, 1), date(2026, 4, 30)), AFTER)
    whole = build_report(activity, Period(date(2026, 3, 1), date(2026, 4, 30)), datetime(2026, 5, 1, tzinfo=UTC))

    assert (april["events"], april["sessions"], april["participant_hours"]) == (2, 2, 2.0)
    assert (whole["sessions"], whole["participant_hours"]) == (4, 9.5)


def test_an_empty_period_has_no_rate_rather_than_a_division_by_zero(activity: Activity) -> None:
    report = build_report(activity, Period(date(2025, 1, 1), date(2025, 1, 31)), AFTER)

    assert (report["events"], report["attendance"]["rate"], report["breakdowns"]["gender"]) == (0, None, {})


def test_attended_minutes_ignore_absences_and_sessions_of_other_events(activity: Activity) -> None:
    minutes = attended_minutes(activity.sessions[:1], activity.marks)

    assert sorted(minutes.values()) == [120, 120, 120]


def test_the_csv_has_a_row_per_figure(activity: Activity) -> None:
    report = build_report(activity, Period(date(2026, 3, 1), date(2026, 3, 31)), AFTER)

    lines = report_csv(report).splitlines()

    assert lines[0] == "section,category,measure,value"
    assert "attendance,,rate,0.8" in lines
    assert "age_band,65-74,participant_hours,3.5" in lines
    assert "target_group,not_consented,participants,1" in lines
