"""The events page's month calendar: whole weeks from Monday, today marked, sessions on their Warsaw day."""

from __future__ import annotations

from datetime import date

from lowe_gateway.portal.event_calendar import Month, month_grid, month_of, occurrences


def event(title: str, *sessions: tuple[str, str]) -> dict[str, object]:
    return {"id": title, "title": title, "sessions": [{"starts_at": s, "ends_at": e} for s, e in sessions]}


def test_a_month_is_read_from_the_address_else_this_month() -> None:
    today = date(2026, 12, 1)
    assert month_of("2027-02", today) == Month(2027, 2)
    assert month_of("2026-13", today) == month_of("grudzień", today) == month_of(None, today) == Month(2026, 12)


def test_months_step_over_the_years_end() -> None:
    assert (Month(2026, 12).next, Month(2026, 1).previous) == (Month(2027, 1), Month(2025, 12))
    assert (Month(2026, 2).first_day, Month(2026, 2).last_day) == (date(2026, 2, 1), date(2026, 2, 28))
    assert str(Month(2026, 3)) == "2026-03"


def test_the_grid_is_whole_weeks_from_monday_with_today_marked() -> None:
    weeks = month_grid(Month(2026, 12), [], date(2026, 12, 15))

    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].day == date(2026, 11, 30) and not weeks[0][0].in_month  # a Monday
    assert weeks[-1][-1].day == date(2027, 1, 3)
    assert [day.day for week in weeks for day in week if day.today] == [date(2026, 12, 15)]


def test_a_session_is_on_the_day_it_starts_in_warsaw_earliest_first() -> None:
    late = event("Nocny klub", ("2026-12-03T23:30:00+00:00", "2026-12-04T01:00:00+00:00"))  # 00:30 on the 4th
    early = event("Poranek", ("2026-12-04T07:00:00+00:00", "2026-12-04T08:00:00+00:00"))

    weeks = month_grid(Month(2026, 12), [early, late], date(2026, 12, 1))

    fourth = next(day for week in weeks for day in week if day.day == date(2026, 12, 4))
    assert [o.event["title"] for o in fourth.occurrences] == ["Nocny klub", "Poranek"]
    assert fourth.occurrences[0].starts_at.hour == 0
    assert len(occurrences([late, early])) == 2
