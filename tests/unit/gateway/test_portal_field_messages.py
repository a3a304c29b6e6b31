"""One table words the services' field errors for every form, in the page's language."""

from __future__ import annotations

import pytest

from lowe_gateway.portal.field_messages import MESSAGES, portal_wording
from lowe_gateway.portal.i18n import environment


def field_message(language: str, message: str) -> str:
    return str(environment(language).filters["field_message"](message))


@pytest.mark.parametrize(
    ("message", "polish", "english"),
    [
        ("Missing data for required field.", "To pole jest wymagane.", "This field is required."),
        ("Must not be blank.", "To pole nie może być puste.", "This field must not be empty."),
        ("Not a valid UUID.", "To nie jest prawidłowy identyfikator.", "This is not a valid identifier."),
        ("Longer than maximum length 2000.", "To jest za długie.", "This is too long."),
        ("Must be one of: email, webhook.", "Wybierz jedną z możliwości.", "Choose one of the options."),
    ],
)
def test_a_services_message_is_shown_in_the_pages_language(message: str, polish: str, english: str) -> None:
    assert field_message("pl", message) == polish
    assert field_message("en", message) == english


def test_a_message_the_table_lacks_is_shown_as_the_service_wrote_it() -> None:
    assert portal_wording("Something new went wrong.") == "Something new went wrong."
    assert field_message("pl", "Something new went wrong.") == "Something new went wrong."


def test_every_wording_in_the_table_has_a_polish_translation() -> None:
    untranslated = [wording for wording in set(MESSAGES.values()) if field_message("pl", wording) == wording]
    assert not untranslated, untranslated
