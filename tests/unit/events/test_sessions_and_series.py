"""Sessions: Europe/Warsaw wall-clock times in, UTC kept; weekly series; impossible schedules refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_events import commands
from lowe_events.model import InvalidSchedule, check_schedule, to_utc, weekly
from tests.unit.events.fakes import event_body, new_centre


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def slots_of(**changes: object) -> list[tuple[datetime, datetime]]:
    return commands.create_event_command(new_centre(), event_body(**changes)).slots


def test_warsaw_winter_and_summer_times_are_stored_in_utc() -> None:
    assert to_utc(datetime(2026, 1, 15, 17, 0)) == utc(2026, 1, 15, 16, 0)
    assert to_utc(datetime(2026, 7, 15, 17, 0)) == utc(2026, 7, 15, 15, 0)


def test_a_time_with_its_own_offset_is_taken_as_it_is() -> None:
    assert to_utc(datetime.fromisoformat("2026-07-15T17:00:00+00:00")) == utc(2026, 7, 15, 17, 0)


def test_a_weekly_series_keeps_the_local_time_across_the_change_of_clocks() -> None:
    series = weekly(datetime(2026, 3, 19, 18, 0), datetime(2026, 3, 19, 20, 0), 3)

    assert series == [
        (utc(2026, 3, 19, 17, 0), utc(2026, 3, 19, 19, 0)),
        (utc(2026, 3, 26, 17, 0), utc(2026, 3, 26, 19, 0)),
        (utc(2026, 4, 2, 16, 0), utc(2026, 4, 2, 18, 0)),  # summer time since 29 March
    ]


def test_repeat_weekly_repeats_every_given_session() -> None:
    sessions = [
        {"starts_at": "2026-03-03T10:00", "ends_at": "2026-03-03T12:00"},
        {"starts_at": "2026-03-05T10:00", "ends_at": "2026-03-05T12:00"},
    ]

    slots = slots_of(sessions=sessions, repeat_weekly=4)

    assert len(slots) == 8
    assert slots == sorted(slots)
    assert slots[-1] == (utc(2026, 3, 26, 9, 0), utc(2026, 3, 26, 11, 0))


def test_an_hour_skipped_when_the_clocks_go_forward_is_refused_naming_the_sessions() -> None:
    with pytest.raises(InvalidInput) as caught:
        slots_of(sessions=[{"starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T04:00"}])

    assert set(caught.value.fields) == {"sessions"}


def test_an_hour_repeated_when_the_clocks_go_back_is_taken_the_first_time() -> None:
    assert to_utc(datetime(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30)


@pytest.mark.parametrize(
    "slots",
    [
        pytest.param([], id="none"),
        pytest.param([(utc(2026, 3, 1, 10), utc(2026, 3, 1, 10))], id="ends-when-it-starts"),
        pytest.param([(utc(2026, 3, 1, 8), utc(2026, 3, 1, 21))], id="longer-than-12-hours"),
        pytest.param(
            [(utc(2026, 3, 1, 10), utc(2026, 3, 1, 12)), (utc(2026, 3, 1, 11), utc(2026, 3, 1, 13))], id="overlap"
        ),
        pytest.param([(utc(2026, 3, 1, 10), utc(2026, 3, 1, 11))] * 2, id="twice-the-same"),
    ],
)
def test_an_impossible_schedule_is_refused(slots: list[tuple[datetime, datetime]]) -> None:
    with pytest.raises(InvalidSchedule) as caught:
        check_schedule(slots)

    assert set(caught.value.problems) == {"sessions"}


def test_back_to_back_sessions_are_fine() -> None:
    slots = [(utc(2026, 3, 1, 10), utc(2026, 3, 1, 11)), (utc(2026, 3, 1, 11), utc(2026, 3, 1, 12))]

    assert check_schedule(slots) == slots


def test_more_than_a_hundred_sessions_in_a_series_are_refused() -> None:
    sessions = [
        {"starts_at": f"2026-03-{day:02d}T{hour:02d}:00", "ends_at": f"2026-03-{day:02d}T{hour:02d}:30"}
        for day in (3, 4, 5)
        for hour in (9, 10, 11)
    ]

    with pytest.raises(InvalidInput) as caught:
        slots_of(sessions=sessions, repeat_weekly=12)

    assert "100" in caught.value.fields["sessions"][0]


def test_a_session_ending_before_it_starts_is_refused_naming_its_end() -> None:
    with pytest.raises(InvalidInput) as caught:
        slots_of(sessions=[{"starts_at": "2026-03-03T10:00", "ends_at": "2026-03-03T09:00"}])

    assert caught.value.fields == {"sessions": {"0": {"ends_at": ["A session must end after it starts."]}}}
