"""The feed's and subscriptions' templates: why an entry matched as a sentence in each language, the interest's
state, and refused fields shown next to their fields with what was typed."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, VOIVODESHIPS
from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.i18n import environment
from lowe_gateway.portal.subscription_pages import NEW_SUBSCRIPTION, VOCABULARY
from lowe_gateway.portal.visits import Visit


def visit(language: str) -> Visit:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    account = Account(uuid.uuid4(), "c@example.pl", "C", CENTRE, uuid.uuid4(), language, at, "h")
    return Visit(language, "csrf-token", "127.0.0.1", account, PortalSession("x", account.id, "csrf-token", at, at))


def entry(reasons: dict[str, Any], interest: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    opportunity = {
        "id": "o1",
        "title": "Komputer bez tajemnic",
        "kind": "course",
        "partner_name": "Fundacja Cyfrowa",
        "status": "published",
        "regions": ["14"],
        "nationwide": False,
        "starts_at": "2026-06-01T08:30:00+00:00",
        "ends_at": None,
        "apply_by": None,
    }
    return {
        "id": "e1",
        "opportunity": opportunity,
        "reasons": reasons,
        "recommended": False,
        "retracted": False,
        "delivery": "instant",
        "matched_at": "2026-05-01T08:30:00+00:00",
        "state": "new",
        "interest": interest,
        **changes,
    }


def render(language: str, template: str, **context: Any) -> str:
    base = {"visit": visit(language), "lang": language, "organisation_name": "LOWE Bodzentyn"}
    html = environment(language).get_template(template).render({**base, **context})
    return " ".join(html.split())


def feed(language: str, entries: list[dict[str, Any]], **context: Any) -> str:
    defaults = {
        "places": {"o1": 12},
        "query": {},
        "back": "",
        "first_url": "/portal/feed",
        "next_url": None,
        "refused": None,
        "kinds": OPPORTUNITY_KINDS,
        "voivodeships": VOIVODESHIPS,
    }
    return render(language, "feed.html", entries=entries, **{**defaults, **context})


SUBSCRIBED = {"kind": "course", "topics": ["digital_skills", "languages"], "region": "14", "subscriptions": ["Cyfrowe"]}


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "pl",
            "Pasuje do Twojej subskrypcji „Cyfrowe”: region Mazowieckie, tematy: umiejętności cyfrowe, języki obce. "
            "Wysłana od razu.",
        ),
        (
            "en",
            "Matches your subscription “Cyfrowe”: region Masovian, topics: digital skills, foreign languages. "
            "Sent at once.",
        ),
    ],
)
def test_an_entry_says_why_it_matched_in_the_pages_language(language: str, sentence: str) -> None:
    assert sentence in feed(language, [entry(SUBSCRIBED)])


def test_several_subscriptions_the_profile_nationwide_and_the_daily_digest_are_told() -> None:
    several = {**SUBSCRIBED, "subscriptions": ["A", "B"], "target_groups": ["seniors"], "keywords": ["excel"]}
    profile = {"kind": "course", "topics": [], "region": "nationwide", "subscriptions": [], "profile": True}

    html = feed("pl", [entry(several, delivery="daily_digest"), entry(profile, id="e2")])

    assert "Pasuje do Twoich subskrypcji „A”, „B”" in html and "grupy docelowe: seniorzy" in html
    assert "słowa kluczowe: „excel”" in html and "Wysłana w codziennym zestawieniu." in html
    assert "Polecana na podstawie profilu Twojego ośrodka: cała Polska." in html


def test_an_entry_shows_the_opportunity_and_its_interest() -> None:
    allocated = {"id": "i1", "status": "allocated", "places_requested": 4, "places_allocated": 3}

    html = feed("pl", [entry(SUBSCRIBED, allocated, state="claimed")])

    assert "Kurs · Fundacja Cyfrowa" in html and "Miejsca:</strong> 12" in html and "Mazowieckie" in html
    assert "Przydzielone miejsca: 3" in html
    assert 'action="/portal/feed/interests/i1/withdraw"' in html
    assert "/portal/feed/e1/state" not in html and 'action="/portal/feed/interests"' not in html


def test_a_refused_interest_shows_its_error_next_to_the_places_and_keeps_the_note() -> None:
    refused = {
        "opportunity_id": "o1",
        "typed": {"places": "0", "message": "Dla <seniorów>"},
        "errors": {"places": ["Must be greater than or equal to 1 and less than or equal to 10000."]},
    }

    html = feed("en", [entry(SUBSCRIBED)], refused=refused)

    assert re.search(r'id="places-e1"[^>]*value="0" aria-invalid="true" aria-describedby="places-e1-error"', html)
    assert '<small id="places-e1-error" class="error">Give a number from 1 to 10,000.</small>' in html
    assert "Dla &lt;seniorów&gt;</textarea>" in html and "<details open>" in html


def test_the_subscription_form_shows_each_error_next_to_its_field_in_polish() -> None:
    typed = {**NEW_SUBSCRIPTION, "name": " ", "area": "regions", "kinds": ["course"], "min_days_before_deadline": "x"}
    errors = {
        "name": ["Must not be blank."],
        "regions": ["Choose at least one voivodeship."],
        "min_days_before_deadline": ["Not a valid integer."],
    }

    html = render(
        "pl",
        "subscription_form.html",
        subscription=None,
        form=typed,
        errors=errors,
        vocabulary=VOCABULARY,
        voivodeships=VOIVODESHIPS,
    )

    assert '<small id="name-error" class="error">To pole nie może być puste.</small>' in html
    assert '<small id="regions-error" class="error">Wybierz co najmniej jedno województwo.</small>' in html
    assert 'value="x" aria-invalid="true"' in html and "Podaj liczbę całkowitą." in html
    assert '<input type="checkbox" name="kinds" value="course" checked> Kurs' in html
    assert '<input type="radio" name="area" value="regions" checked>' in html
    assert html.count("<label") >= len(VOCABULARY["kinds"]) + len(VOCABULARY["regions"])


def test_the_centre_home_counts_new_and_saved_entries_with_short_reasons() -> None:
    html = render(
        "en",
        "home_centre.html",
        entries=[entry(SUBSCRIBED)],
        new_count=1234,
        new_more=False,
        saved_count=500,
        saved_more=True,
        voivodeships=VOIVODESHIPS,
    )

    assert "1,234" in html and "500+" in html
    assert "Matches your subscription “Cyfrowe”: region Masovian, topics: digital skills, foreign languages." in html
    assert 'href="/portal/feed?state=new"' in html and 'href="/portal/events"' in html
