"""The partner's pages and the inbox render in both languages from the contexts their pages give: vocabulary
labels instead of codes, each field's error next to it (translated when the service's message is a known one, shown
as sent otherwise, and escaped), the decisions an interest still allows, and the inbox's unread marks and links."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import PARTNER
from lowe_gateway.portal.i18n import environment
from lowe_gateway.portal.partner_forms import NOT_A_NUMBER, blank_form, form_of
from lowe_gateway.portal.partner_interests import actions_for
from lowe_gateway.portal.visits import Visit

OPPORTUNITY = {
    "id": "7f1d0c52-9a43-4a55-9d4e-0b7f8c0c2f10",
    "partner_id": "0b7f8c0c-9a43-4a55-9d4e-7f1d0c522f10",
    "kind": "erasmus_mobility",
    "title": "Wyjazd szkoleniowy",
    "description": "Pierwszy wiersz\nDrugi wiersz",
    "topics": ["digital_skills", "ecology"],
    "target_groups": ["seniors"],
    "regions": ["26"],
    "nationwide": False,
    "delivery_mode": "hybrid",
    "languages": ["pl"],
    "places": 10,
    "cost_pln": None,
    "free": True,
    "starts_at": "2027-07-01T08:00:00+00:00",
    "ends_at": None,
    "apply_by": None,
    "contact": None,
    "links": [],
    "status": "draft",
    "published_at": None,
}


def render(template: str, language: str = "pl", **context: Any) -> str:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    account = Account(uuid.uuid4(), "p@example.pl", "P", PARTNER, uuid.uuid4(), language, at, "h")
    visit = Visit(language, "csrf-token", "127.0.0.1", account, PortalSession("x", account.id, "csrf-token", at, at))
    page = environment(language).get_template(template)
    return page.render(visit=visit, lang=language, organisation_name="Fundacja", **context)


LABELS = [("pl", "Mobilność Erasmus+", "Ekologia"), ("en", "Erasmus+ mobility", "Ecology")]


@pytest.mark.parametrize(("language", "kind", "topic"), LABELS)
def test_the_opportunity_page_shows_labels_not_codes(language: str, kind: str, topic: str) -> None:
    html = render(
        "partner_opportunity.html",
        language,
        opportunity=OPPORTUNITY,
        errors={},
        problem=None,
        done=None,
        cost=None,
        matched_centres=None,
    )

    assert kind in html and topic in html and "erasmus_mobility" not in html
    assert 'action="/portal/opportunities/7f1d0c52-9a43-4a55-9d4e-0b7f8c0c2f10/publish"' in html
    assert "Pierwszy wiersz<br>Drugi wiersz" in html


def test_publishing_problems_are_listed_by_field() -> None:
    errors = {"apply_by": ["Must not be in the past when publishing."]}

    html = render(
        "partner_opportunity.html",
        opportunity=OPPORTUNITY,
        errors=errors,
        problem=None,
        done=None,
        cost=None,
        matched_centres=None,
    )

    assert "Zgłoszenia do: W chwili publikacji ta data nie może być w przeszłości." in html


@pytest.mark.parametrize(
    ("language", "label", "count"), [("pl", "Dopasowane centra", "1 234"), ("en", "Matched centres", "1,234")]
)
def test_the_opportunity_page_says_how_many_centres_it_reached(language: str, label: str, count: str) -> None:
    published = {**OPPORTUNITY, "status": "published", "published_at": "2027-01-01T10:00:00+00:00"}
    context = {"errors": {}, "problem": None, "done": None, "cost": None}

    reached = render("partner_opportunity.html", language, opportunity=published, matched_centres=1234, **context)
    draft = render("partner_opportunity.html", language, opportunity=OPPORTUNITY, matched_centres=None, **context)

    assert f"<dt>{label}</dt><dd>{count}</dd>" in reached.replace("\xa0", " ")
    assert f"<dt>{label}</dt><dd>—</dd>" in draft


def test_the_dashboard_has_a_matched_centres_column_with_a_dash_for_a_draft() -> None:
    interest = {"centres": 2, "pending": 1, "waitlisted": 0, "allocated": 0, "remaining": 8}
    published = {**OPPORTUNITY, "id": "p1", "status": "published", "interest": interest, "matched_centres": 7}
    draft = {**OPPORTUNITY, "id": "d1", "title": "Szkic", "interest": None, "matched_centres": None}

    html = render("home_partner.html", "en", opportunities=[published, draft], more=False)

    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    rows = {
        row_id: re.findall(r"<td>(.*?)</td>", row)
        for row_id, row in re.findall(r"/portal/opportunities/(\w+)/manage.*?</th>(.*?)</tr>", html, re.S)
    }
    matched = headers.index("Matched centres") - 1  # the title is the row's header, not a cell
    assert rows["p1"][matched] == "7" and rows["d1"][matched] == "—"


def test_a_field_error_stands_next_to_its_field_with_what_was_typed() -> None:
    form = {**blank_form(), "title": "Kurs", "places": "dużo"}
    errors = {"places": [NOT_A_NUMBER], "title": ["<b>an unknown</b> message"]}

    html = render("partner_opportunity_form.html", form=form, errors=errors, opportunity=None, problem=None)

    places = html.index('id="places"')
    assert 'value="dużo"' in html[places : places + 300] and 'aria-invalid="true"' in html[places : places + 300]
    assert html.index('<small id="places-error" class="error">Podaj liczbę całkowitą.</small>') > places
    assert "&lt;b&gt;an unknown&lt;/b&gt; message" in html and "<b>an unknown" not in html


def test_the_edit_form_is_filled_with_the_opportunity_and_its_choices_checked() -> None:
    html = render(
        "partner_opportunity_form.html",
        "en",
        form=form_of(OPPORTUNITY),
        errors={},
        opportunity=OPPORTUNITY,
        problem=None,
    )

    assert 'value="ecology" checked' in html and 'value="26" checked' in html and 'value="14">' in html
    assert 'value="2027-07-01T10:00"' in html and "Holy Cross" in html
    assert 'action="/portal/opportunities/7f1d0c52-9a43-4a55-9d4e-0b7f8c0c2f10/edit"' in html


def test_each_interest_offers_only_the_decisions_its_status_allows() -> None:
    base = {"opportunity_id": OPPORTUNITY["id"], "note": None, "places": 2, "allocated": 0, "position": None}
    base |= {"expressed_at": "2027-01-01T10:00:00+00:00", "centre_id": "c" * 36}
    interests = [
        {**base, "id": f"i{n}", "status": status, "actions": actions_for({"status": status})}
        for n, status in enumerate(["pending", "accepted", "declined"])
    ]
    failed = {"interest_id": "i1", "typed": {"places": "9"}, "errors": {"places": ["More than the interest holds."]}}
    summary = {"centres": 3, "pending": 1, "waitlisted": 0, "allocated": 2, "remaining": 8}

    html = render(
        "partner_interests.html",
        opportunity=OPPORTUNITY,
        interests=interests,
        centre_names={"c" * 36: "LOWE Bodzentyn"},
        summary=summary,
        places={"remaining": 8},
        failed=failed,
        problem=None,
        done=None,
    )

    assert html.count("/accept") == 1 and html.count("/decline") == 1 and html.count("/release") == 1
    assert "LOWE Bodzentyn" in html and "Czeka na Twoją decyzję" in html
    assert 'id="release-i1-places-error"' in html and 'value="9"' in html


def test_the_inbox_marks_the_unread_and_links_the_next_page() -> None:
    notifications = [
        {
            "id": "n1",
            "title": "Nowe zgłoszenie",
            "body": "Centrum prosi o 2 miejsca.",
            "data": {"opportunity_id": OPPORTUNITY["id"]},
            "created_at": "2027-01-01T10:00:00+00:00",
            "read_at": None,
        },
        {"id": "n2", "title": "Stare", "body": "", "data": {}, "created_at": "2026-12-01T10:00:00Z", "read_at": "x"},
    ]
    links = {"all_link": "/portal/notifications", "unread_link": "/portal/notifications?unread=1"}

    html = render(
        "inbox.html",
        "en",
        notifications=notifications,
        unread=1,
        unread_only=False,
        first_page=True,
        here="/portal/notifications",
        next_link="/portal/notifications?cursor=abc",
        **links,
    )

    assert html.count("Mark as read") == 1 and "/portal/notifications/n1/read" in html
    assert 'href="/portal/notifications?cursor=abc"' in html and "Unread: 1" in html
    assert f"/portal/opportunities/{OPPORTUNITY['id']}/manage" in html
