"""What the centre's events pages share: the attributes they use on `GatewayService`, the centre acting (as the
events API's `actor`), the vocabulary's labels in the visitor's language and the answer to a refused form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from markupsafe import Markup
from werkzeug.wrappers import Response

from lowe_backbone.contracts.events import LOCATION_KINDS
from lowe_backbone.contracts.vocabulary import (
    ACCESSIBILITY,
    AGE_BANDS,
    EVENT_KINDS,
    GENDERS,
    LABOUR_MARKET_STATUSES,
    TARGET_GROUPS,
)
from lowe_backbone.errors import Conflict, InvalidInput, ServiceError
from lowe_gateway.events_routes import actor
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.i18n import WARSAW
from lowe_gateway.portal.visits import Visit

VOCABULARY = {
    "kinds": EVENT_KINDS,
    "location_kinds": LOCATION_KINDS,
    "target_groups": TARGET_GROUPS,
    "accessibility_codes": ACCESSIBILITY,
    "age_bands": AGE_BANDS,
    "genders": GENDERS,
    "labour_market_statuses": LABOUR_MARKET_STATUSES,
}  # the codes the forms offer, in the vocabulary's order
LABELS_TEMPLATE = "event_labels.html"
FORM_ERRORS = (InvalidInput, Conflict)  # what a person can put right by changing the form
STATUS_BY_FORM_ERROR = {InvalidInput: 400, Conflict: 409}


class EventPagesBase:
    portal: Portal  # PortalAccess(), declared on the service class
    partners: Any
    centres: Any
    events: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    @staticmethod
    def _acting(visit: Visit) -> tuple[str | None, bool]:
        """The centre signed in, as the events API's routes name the caller to the events service."""
        assert visit.caller is not None
        return actor(visit.caller)

    def _label(self, visit: Visit, macro: str, code: str) -> str:
        """A code of the vocabulary as the visitor reads it (the label macros of `event_labels.html`)."""
        module = self.portal.templates[visit.language].get_template(LABELS_TEMPLATE).module
        return Markup(getattr(module, macro)(code)).unescape().strip()

    def _filter(self, visit: Visit, name: str) -> Callable[..., str]:
        """One of the visitor's language's formats (`format_date`, `format_number`)."""
        formatter: Callable[..., str] = self.portal.templates[visit.language].filters[name]
        return formatter


def calendar_file(ics: str, filename: str) -> Response:
    """An iCalendar file, answered as the events API answers it."""
    response = Response(ics, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def form_status(exc: ServiceError) -> int:
    return next((status for kind, status in STATUS_BY_FORM_ERROR.items() if isinstance(exc, kind)), 400)


def today_in_warsaw() -> date:
    return datetime.now(WARSAW).date()
