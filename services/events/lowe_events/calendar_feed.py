"""iCalendar (RFC 5545) for the centres' sessions, written with the `icalendar` library.

One VEVENT per session, its UID stable across feeds and edits (`<session id>@events.lowe`), times in UTC, and
STATUS:CANCELLED for a cancelled event's sessions, so a subscribed calendar shows them cancelled rather than
silently dropping them. SEQUENCE grows with each edit of the event (seconds since it was created).
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar as ICalendar
from icalendar import Event as VEvent

from lowe_events.model import Event, Session
from lowe_events.report_use_cases import Calendar

PRODID = "-//LOWE Partner Network//events//PL"
UID_DOMAIN = "events.lowe"


def to_ics(calendar: Calendar, name: str, stamp: datetime) -> str:
    ics = ICalendar()
    ics.add("prodid", PRODID)
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("x-wr-calname", name)
    ics.add("x-wr-timezone", "Europe/Warsaw")
    for event, sessions in calendar.entries:
        for number, session in enumerate(sessions, start=1):
            ics.add_component(_vevent(event, session, number, len(sessions), stamp))
    return ics.to_ical().decode("utf-8")


def _vevent(event: Event, session: Session, number: int, of: int, stamp: datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{session.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", session.starts_at)
    vevent.add("dtend", session.ends_at)
    vevent.add("summary", event.title if of == 1 else f"{event.title} ({number}/{of})")
    if event.description:
        vevent.add("description", event.description)
    location = _location(event)
    if location:
        vevent.add("location", location)
    if event.location_url:
        vevent.add("url", event.location_url)
    vevent.add("categories", [event.kind])
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    edited = event.updated_at or event.created_at
    vevent.add("sequence", int((edited - event.created_at).total_seconds()))
    return vevent


def _location(event: Event) -> str | None:
    if event.location_kind == "online":
        return "Online"
    if event.location_kind == "address":
        return event.location_address
    return event.location_address or "LOWE centre"
