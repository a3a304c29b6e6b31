"""Templates: one per type and language, plain text and HTML; Polish by default; times in Europe/Warsaw."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowe_notifications.model import NOTIFICATION_TYPES
from lowe_notifications.model.digest import group_items
from lowe_notifications.templates import render, render_digest
from tests.unit.notifications.samples import NOW, matched_data

TEMPLATES = Path(__file__).resolve().parents[3] / "services/notifications/lowe_notifications/templates"
LINKS = {"unsubscribe": "https://lowe.example/unsubscribe?token=abc"}
ALLOCATION = {"opportunity_id": "o-1", "title": "Kurs", "decision": "allocated", "places": 3, "position": None}


@pytest.mark.parametrize("notification_type", [*NOTIFICATION_TYPES, "daily_digest"])
@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_every_type_has_a_template_per_language_and_format(notification_type: str, language: str, suffix: str) -> None:
    assert (TEMPLATES / f"{notification_type}.{language}.{suffix}").is_file()


def test_a_match_in_polish() -> None:
    rendered = render("opportunity_matched", "pl", matched_data(), LINKS)

    assert rendered.subject == "Nowa oferta (kurs): Excel dla seniorów"
    assert "Fundacja Cyfrowa opublikował(a) ofertę „Excel dla seniorów”" in rendered.text
    assert "pasującą do subskrypcji Cyfrowe" in rendered.text
    assert '<html lang="pl">' in rendered.html
    assert "Wypisz się" in rendered.html and LINKS["unsubscribe"] in rendered.html


def test_a_match_in_english() -> None:
    rendered = render("opportunity_matched", "en", matched_data(), LINKS)

    assert rendered.subject == "New course: Excel dla seniorów"
    assert "Fundacja Cyfrowa published “Excel dla seniorów”, which matches your subscriptions Cyfrowe." in rendered.text
    assert '<html lang="en">' in rendered.html and "Unsubscribe" in rendered.html


def test_polish_is_the_default_language() -> None:
    assert render("opportunity_matched", None, matched_data(), {}).subject.startswith("Nowa oferta")
    assert render("opportunity_matched", "de", matched_data(), {}).subject.startswith("Nowa oferta")


def test_html_is_escaped_and_text_is_not() -> None:
    rendered = render("opportunity_matched", "en", matched_data(title="<script>x</script> & co"), {})

    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in rendered.html
    assert "<script>" not in rendered.html
    assert "<script>x</script> & co" in rendered.text


def test_times_are_shown_in_warsaw() -> None:
    data = {"partner_id": "p", "name": "Fundacja", "reason": "", "at": NOW.isoformat()}  # 11:32 UTC

    assert "03.03.2025 12:32" in render("partner_verified", "pl", data, {}).text
    assert "03.03.2025 12:32" in render("partner_verified", "en", data, {}).text


@pytest.mark.parametrize(
    ("decision", "polish", "english"),
    [
        ("allocated", "Przyznano miejsca: Kurs", "Places allocated: Kurs"),
        ("waitlisted", "Lista oczekujących: Kurs", "Waiting list: Kurs"),
        ("declined", "Zgłoszenie odrzucone: Kurs", "Interest declined: Kurs"),
    ],
)
def test_a_partners_decision_says_which(decision: str, polish: str, english: str) -> None:
    data = {**ALLOCATION, "decision": decision, "position": 2}

    assert render("allocation_decided", "pl", data, {}).subject == polish
    assert render("allocation_decided", "en", data, {}).subject == english


def test_no_unsubscribe_link_without_one() -> None:
    assert "unsubscribe" not in render("opportunity_matched", "en", matched_data(), {}).html.lower()


def test_the_digest_groups_its_items_by_type_in_a_fixed_order() -> None:
    items = [
        ("allocation_decided", ALLOCATION),
        ("opportunity_matched", matched_data(title="A")),
        ("opportunity_matched", matched_data(title="B")),
    ]
    rendered = render_digest("pl", group_items(items, NOTIFICATION_TYPES), "2025-03-04", LINKS)

    assert rendered.subject == "Dzienne podsumowanie z 2025-03-04: 3 wiadomości"
    new = rendered.text.index("Nowe oferty:")
    decisions = rendered.text.index("Decyzje partnerów:")
    assert new < rendered.text.index("- Nowa oferta (kurs): A") < rendered.text.index("- Nowa oferta (kurs): B")
    assert new < decisions < rendered.text.index("- Przyznano miejsca: Kurs")
    assert rendered.html.count("<h2") == 2 and LINKS["unsubscribe"] in rendered.html


def test_the_digest_in_english() -> None:
    sections = group_items([("opportunity_matched", matched_data())], NOTIFICATION_TYPES)
    rendered = render_digest("en", sections, "2025-03-04", {})

    assert rendered.subject == "Daily digest for 2025-03-04: 1 message"
    assert "New opportunities:\n- New course: Excel dla seniorów" in rendered.text
