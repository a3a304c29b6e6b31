"""What a form says about a field the services or the API's schemas refused: one table for every page, from their
fixed English messages (and the portal's own problem codes) to the portal's wording, which the catalogues translate.

The table's values are marked with `N_` so that `make messages` extracts them; a message not in the table is shown as
the service wrote it."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    return message


REQUIRED = N_("This field is required.")

MESSAGES: dict[str, str] = {
    # marshmallow's own messages, as the services' and the API's schemas give them
    "Missing data for required field.": REQUIRED,
    "Field may not be null.": REQUIRED,
    "Must not be blank.": N_("This field must not be empty."),
    "Shorter than minimum length 1.": N_("Choose at least one."),
    "Longer than maximum length 500.": N_("Give at most 500 characters."),
    "Not a valid integer.": N_("Give a whole number."),
    "Not a valid datetime.": N_("Give the day and the time."),
    "Not a valid date.": N_("Give a date."),
    "Not a valid email address.": N_("Give a valid e-mail address."),
    "Not a valid URL.": N_("Give a valid web address (http or https)."),
    "Not a valid UUID.": N_("This is not a valid identifier."),
    "Must be greater than or equal to 1.": N_("Give at least 1."),
    "Must be greater than or equal to 1 and less than or equal to 52.": N_("Give a number from 1 to 52."),
    "Must be greater than or equal to 1 and less than or equal to 10000.": N_("Give a number from 1 to 10,000."),
    "Must be greater than or equal to 0 and less than or equal to 365.": N_("Give a number of days from 0 to 365."),
    "Must be greater than or equal to 0 and less than or equal to 1000000.": N_("Give an amount from 0 to 1,000,000."),
    # the services' own rules
    "Not a valid phone number.": N_("Give a valid phone number."),
    "Use a two-letter ISO 639-1 code.": N_("Use two-letter language codes, such as pl or en."),
    "Use a whole number.": N_("Use a whole number."),
    "Use an amount such as 120.50.": N_("Use an amount such as 120.50."),
    "Use a date and time.": N_("Use a date and time."),
    "Must contain a letter or a digit.": N_("Each keyword needs a letter or a digit."),
    "Choose at least one voivodeship.": N_("Choose at least one voivodeship."),
    "Give regions or nationwide, not both.": N_("Choose voivodeships or the whole country, not both."),
    "Choose at least one voivodeship, or mark the opportunity nationwide.": N_(
        "Choose at least one voivodeship, or mark the opportunity nationwide."
    ),
    "Applications must close no later than the start.": N_("Applications must close no later than the start."),
    "The end must not come before the start.": N_("The end must not come before the start."),
    "Must not be in the past when publishing.": N_("Must not be in the past when publishing."),
    "Must not be in the past.": N_("Must not be in the past."),
    "More than the interest holds.": N_("More than the interest holds."),
    "Give an e-mail address or a phone number.": N_("Give an e-mail address or a phone number."),
    "Consent must be given.": N_("A person can only be registered with their consent."),
    "Disability is health data: give it only with health_data_consent.": N_(
        "Disability is health data: give it only with the consent to health data."
    ),
    "A session must end after it starts.": N_("A session must end after it starts."),
    "Give at least one session.": N_("Give at least one session."),
    "A session lasts at most 12 hours.": N_("A session lasts at most 12 hours."),
    "A session with attendance recorded cannot be removed.": N_(
        "A session with attendance recorded cannot be removed."
    ),
    "Give the address of the venue.": N_("Give the address of the venue."),
    "Give the link to join online.": N_("Give the link to join online."),
    "The centre holds no places in this opportunity.": N_("The centre holds no places in this opportunity."),
    "This person is already registered for the event.": N_("This person is already registered for the event."),
    "Already registered for the event.": N_("Already registered for the event."),
    "Attendance is recorded once the session has started.": N_("Attendance is recorded once the session has started."),
    "The event is cancelled.": N_("The event is called off."),
    "The period must not end before it starts.": N_("The period must not end before it starts."),
    "A report covers at most five years.": N_("A report covers at most five years."),
    "The request has invalid fields.": N_("Correct the marked fields."),
    "The schedule does not work.": N_("Correct the sessions."),
    # the portal's own problem codes
    "too_many_months": N_("The monthly figures cover at most 24 months: choose a shorter period."),
    "changed_meanwhile": N_(
        "Someone changed the event while you were editing it. It is shown below as it is now: make your changes again."
    ),
    "capacity_below_confirmed": N_("The capacity cannot go below the places already confirmed."),
}

# messages that carry a variable part, by how they begin
BEGINNINGS: tuple[tuple[str, str], ...] = (
    ("Longer than maximum length", N_("This is too long.")),
    ("Must be one of", N_("Choose one of the options.")),
)


def portal_wording(message: str) -> str:
    """The portal's (untranslated) wording of a service's message; the message itself when the table lacks it."""
    if message in MESSAGES:
        return MESSAGES[message]
    return next((wording for beginning, wording in BEGINNINGS if message.startswith(beginning)), message)


def field_message_filter(gettext: Callable[[str], str]) -> Callable[[str], str]:
    """The Jinja filter `field_message`: a service's message in the page's language."""

    def translated(message: str) -> str:
        return gettext(portal_wording(str(message)))

    return translated
