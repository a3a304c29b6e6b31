"""The portal's catalogues: every string of the templates and of field_messages.py is in both and nothing else,
Polish translates every one, and the pages render in both languages with Babel's formats."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

import lowe_gateway.portal
from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import OPERATOR
from lowe_gateway.portal.field_messages import MESSAGES
from lowe_gateway.portal.i18n import LANGUAGES, environment, read_catalogue
from lowe_gateway.portal.visits import Visit

PORTAL = Path(lowe_gateway.portal.__file__).parent


def extracted_strings() -> set[str]:
    """Extracted the way `make messages` does (babel.cfg): the templates with Jinja's extractor, the i18n extension,
    trimmed; field_messages.py with Python's, whose keywords include `N_`."""
    found = extract_from_dir(
        str(PORTAL.parent.parent),
        method_map=[
            ("lowe_gateway/portal/templates/**.html", "jinja2.ext:babel_extract"),
            ("lowe_gateway/portal/field_messages.py", "python"),
        ],
        options_map={"lowe_gateway/portal/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    )
    return {message if isinstance(message, str) else message[0] for _file, _line, message, *_ in found}


def catalogue(language: str) -> dict[str, str]:
    return {message.id: message.string for message in read_catalogue(language) if message.id}


def test_templates_and_field_messages_have_strings_to_translate() -> None:
    found = extracted_strings()
    assert len(found) > 30
    assert set(MESSAGES.values()) <= found, "field_messages.py's wording is not extracted"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_extracted_string_is_in_the_catalogue(language: str) -> None:
    missing = extracted_strings() - set(catalogue(language))
    assert not missing, f"run `make messages` and translate: {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_no_string_the_portal_no_longer_uses(language: str) -> None:
    unused = set(catalogue(language)) - extracted_strings()
    assert not unused, f"run `make messages`: {sorted(unused)}"


def test_every_polish_message_is_translated() -> None:
    untranslated = [msgid for msgid, msgstr in catalogue("pl").items() if not msgstr]
    assert not untranslated, f"empty msgstr in pl: {untranslated}"


def test_english_has_every_polish_entry() -> None:
    assert set(catalogue("en")) >= set(catalogue("pl"))


def visit(language: str) -> Visit:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    account = Account(uuid.uuid4(), "op@example.pl", "Op", OPERATOR, None, language, at, "h")
    return Visit(language, "csrf-token", "127.0.0.1", account, PortalSession("x", account.id, "csrf-token", at, at))


@pytest.mark.parametrize(
    ("language", "heading", "count"),
    [("pl", "Przegląd sieci", "1234"), ("en", "Network overview", "1,234")],
)
def test_pages_render_in_each_language_with_its_number_format(language: str, heading: str, count: str) -> None:
    html = (
        environment(language)
        .get_template("home_operator.html")
        .render(visit=visit(language), lang=language, organisation_name=None, partner_count=1234, centre_count=35)
    )
    assert heading in html and f'<html lang="{language}">' in html
    assert count in html.replace("\xa0", "")  # Polish groups thousands with a no-break space (and not below 10,000)
    assert 'name="csrf_token" value="csrf-token"' in html


def test_dates_follow_the_language_in_warsaw_time() -> None:
    when = "2026-06-01T08:30:00+00:00"
    assert "cze" in environment("pl").filters["format_date"](when)
    assert "Jun" in environment("en").filters["format_date"](when)
    assert "10:30" in environment("en").filters["format_date"](when)
