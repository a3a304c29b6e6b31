"""The issue's journey in a real browser, a partner and a centre each in a browser context of their own, in Polish
(the portal's default; every name a step looks for is the Polish catalogue's translation of the template's msgid):

a partner posts and publishes an opportunity; the centre sees it in its feed within a few seconds, with the reasons
it matched, and asks for places; the partner accepts; the centre makes an event of it, registers two participants,
fills the waiting list and promotes the first waiting by a cancellation, records attendance and downloads the report.
"""

from __future__ import annotations

import csv
import io
import re
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.network import CENTRE, PARTNER, SUBSCRIPTION, Organisations
from tests.browser.portal import Screenshots, Texts, sign_in

pytestmark = pytest.mark.browser

WARSAW = ZoneInfo("Europe/Warsaw")
FEED_WITHIN = 5.0  # seconds from the partner's publishing to the entry in the centre's feed
ALLOCATION_WITHIN = 5.0  # seconds from the partner's acceptance to the places the centre can plan an event with
FIRST, SECOND, WAITING = "Anna Kowalska", "Jan Nowak", "Ewa Wiśniewska"
PHONES = {FIRST: "600100200", SECOND: "600100201", WAITING: "600100202"}


def opened(page: Page, path: str, step: str) -> None:
    """The step's page, answering 200: one not built yet fails the journey by the step's name and the path."""
    response = page.goto(path)
    status = response.status if response is not None else 0
    assert status == 200, f"journey step {step!r}: {path} answers {status}"


def reloaded_until(page: Page, found: Locator, within: float, what: str) -> float:
    """Reloads the page until `found` is on it; how long that took."""
    started = time.monotonic()
    while not found.count():
        assert time.monotonic() - started < within, f"{what} not there within {within} s"
        page.wait_for_timeout(200)
        page.reload()
    return time.monotonic() - started


def post_and_publish(page: Page, pl: Texts, title: str) -> str:
    """The partner's form, then the publish button of the draft's page; the opportunity's id."""
    opened(page, "/portal/opportunities/new", "post an opportunity")
    page.get_by_label(pl("Kind")).select_option("course")
    page.get_by_label(pl("Title")).fill(title)
    page.get_by_label(pl("Description")).fill("Sześć spotkań: poczta, bankowość, e-urząd, bezpieczeństwo w sieci.")
    page.get_by_role("group", name=pl("Topics")).get_by_label(pl("Digital skills")).check()
    page.get_by_role("group", name=pl("Voivodeships")).get_by_label(pl("Masovian")).check()
    page.get_by_label(pl("Places"), exact=True).fill("10")
    page.get_by_role("button", name=pl("Save as a draft")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    found = re.search(r"/portal/opportunities/([0-9a-f-]{36})/manage", page.url)
    assert found, f"the draft's page is at {page.url}"
    page.get_by_role("button", name=pl("Publish"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        pl("The opportunity is published: the matching centres are being told.")
    )
    return found.group(1)


def ask_for_places(page: Page, pl: Texts, shots: Screenshots, title: str, places: int) -> None:
    """From the feed: the reasons it matched are shown, then the entry's interest form."""
    entry = page.get_by_role("article").filter(has=page.get_by_role("link", name=title, exact=True))
    seconds = reloaded_until(page, entry, FEED_WITHIN, f"{title!r} in the centre's feed")
    print(f"published -> in the centre's feed after {seconds:.1f} s")
    expect(entry).to_contain_text(PARTNER["name"])
    expect(entry).to_contain_text(SUBSCRIPTION["name"])  # the subscription that took it, with the region
    expect(entry).to_contain_text(pl("region %(region)s") % {"region": "Mazowieckie"})
    expect(entry).to_contain_text(pl("topics: %(topics)s") % {"topics": pl("digital skills")})
    shots(page, "centre-feed-with-reasons")
    entry.get_by_text(pl("Express interest")).click()
    entry.get_by_label(pl("Places we ask for (leave empty to show interest only)")).fill(str(places))
    entry.get_by_label(pl("A note for the partner")).fill("Mamy chętnych z Mszczonowa.")
    entry.get_by_role("button", name=pl("Send to the partner")).click()
    asked = pl("Waiting for the partner's decision (%(places)s places asked for)") % {"places": places}
    expect(entry).to_contain_text(asked)


def accept(page: Page, pl: Texts, opportunity_id: str) -> None:
    opened(page, f"/portal/opportunities/{opportunity_id}/interests", "the partner sees the centres' interest")
    interest = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=CENTRE["name"]))
    expect(interest).to_contain_text(pl("Awaiting your decision"))
    interest.get_by_role("button", name=pl("Accept: %(centre)s") % {"centre": CENTRE["name"]}).click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(interest).to_contain_text(pl("Accepted"))


def schedule_event(page: Page, pl: Texts, title: str, opportunity_id: str) -> None:
    """An event from the opportunity the centre now holds places in: one session today that has begun (attendance is
    recorded from a session's start on), two places."""
    opened(page, "/portal/events/new", "the centre plans an event")
    held = page.get_by_label(pl("From an opportunity")).locator("option", has_text=title)
    reloaded_until(page, held, ALLOCATION_WITHIN, "the allocated places among the event form's opportunities")
    page.get_by_label(pl("From an opportunity")).select_option(opportunity_id)
    page.get_by_label(pl("Title")).fill(title)
    page.get_by_label(pl("Kind")).select_option("course")
    page.get_by_label(pl("Day of session %(number)s") % {"number": 1}).fill(datetime.now(WARSAW).date().isoformat())
    page.get_by_label(pl("Starts at"), exact=True).first.fill("00:00")  # the first session's row
    page.get_by_label(pl("Ends at"), exact=True).first.fill("01:30")
    page.get_by_label(pl("Capacity (places)")).fill("2")
    page.get_by_role("button", name=pl("Schedule the event")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status")).to_have_text(pl("The event is scheduled."))


def register(page: Page, pl: Texts, name: str) -> None:
    page.get_by_label(pl("Name and surname")).fill(name)
    page.get_by_label(pl("Phone number")).fill(PHONES[name])
    page.get_by_label(pl("The person agreed to the processing of their data for this event.")).check()
    page.get_by_label(pl("Version of the consent form")).fill("2026-01")
    page.get_by_role("button", name=pl("Register"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(name)


def test_a_partners_opportunity_becomes_a_centres_event_with_participants_attendance_and_a_report(
    new_page: Callable[[], Page], organisations: Organisations, pl: Texts, shots: Screenshots
) -> None:
    title = f"Komputer bez tajemnic {uuid.uuid4().hex[:6]}"
    partner, centre = new_page(), new_page()
    sign_in(partner, organisations.account("partner"), pl)
    sign_in(centre, organisations.account("centre"), pl)

    opportunity_id = post_and_publish(partner, pl, title)
    shots(partner, "partner-published")
    opened(centre, "/portal/feed", "the centre's feed")
    ask_for_places(centre, pl, shots, title, 3)
    shots(centre, "centre-asked-for-places")
    accept(partner, pl, opportunity_id)
    shots(partner, "partner-accepted")

    schedule_event(centre, pl, title, opportunity_id)
    shots(centre, "centre-event-scheduled")
    for name in (FIRST, SECOND, WAITING):
        register(centre, pl, name)
    registered = centre.get_by_role("table", name=pl("Registered"))
    expect(registered.get_by_role("rowheader")).to_have_text([FIRST, SECOND])
    expect(centre.locator("ol.waiting-list > li")).to_have_count(1)
    expect(centre.locator("ol.waiting-list > li")).to_contain_text(WAITING)
    shots(centre, "centre-event-full-with-waiting-list")

    registered.get_by_role("button", name=f"{pl('Cancel the registration')} {FIRST}").click()
    promoted = pl("%(name)s from the waiting list takes the place.") % {"name": WAITING}
    expect(centre.get_by_role("status")).to_contain_text(promoted)
    expect(registered.get_by_role("rowheader")).to_have_text([SECOND, WAITING])
    expect(centre.get_by_text(pl("Nobody is waiting."))).to_be_visible()
    shots(centre, "centre-promoted-by-cancellation")

    centre.get_by_role("link", name=pl("Attendance sheet")).first.click()
    centre.locator("label", has_text=SECOND).click()  # ticks the box, as a click on its name does for a person
    expect(centre.get_by_label(WAITING)).not_to_be_checked()  # absent: left unticked
    centre.get_by_role("button", name=pl("Save the attendance")).click()
    expect(centre.get_by_role("status")).to_have_text(pl("The attendance is saved."))
    expect(centre.get_by_label(SECOND)).to_be_checked()
    shots(centre, "centre-attendance-recorded")

    opened(centre, "/portal/reports", "the centre's report")
    shots(centre, "centre-report")
    with centre.expect_download() as downloading:
        centre.get_by_role("link", name=pl("Download the figures (CSV)")).click()
    saved = shots.folder / downloading.value.suggested_filename
    downloading.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig")), delimiter=";"))
    total = [row for row in rows if row["section"] == "total"]
    assert len(total) == 1, f"the report's rows: {rows}"
    assert total[0]["participants"] == "2", f"the report's total: {total[0]}"  # the cancelled one does not count
    assert Decimal(total[0]["participant_hours"].replace(",", ".")) == Decimal("1.5"), total[0]  # one present 1.5 h
    print(f"the report: {saved}")
