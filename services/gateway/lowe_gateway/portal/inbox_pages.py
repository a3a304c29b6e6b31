"""The portal's pages for the signed-in organisation's notifications.

The same calls as `GET /api/v1/notifications` and its mark-read route, for the organisation the account belongs to
(`organisation_of`); the notifications service finds only that recipient's notifications, so another
organisation's is not found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.validation import load_or_raise
from lowe_gateway.api_schemas.notifications import InboxQuery
from lowe_gateway.authorization import organisation_of
from lowe_gateway.identity.keys import CENTRE, PARTNER
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.pages import safe_next
from lowe_gateway.portal.visits import Visit

INBOX = "/portal/notifications"
INBOX_PAGE_SIZE = 20
MAX_CURSOR = 400  # as the API's query schema allows


def inbox_query(unread_only: bool, cursor: str | None, language: str) -> dict[str, Any]:
    """The API's query string for the page asked, in the page's language: the service reads it as it reads the
    API's."""
    query: dict[str, Any] = {"page_size": str(INBOX_PAGE_SIZE), "language": language}
    if unread_only:
        query["unread"] = "true"
    if cursor:
        query["cursor"] = cursor[:MAX_CURSOR]
    return query


def inbox_link(unread_only: bool, cursor: str | None = None) -> str:
    params = {**({"unread": "1"} if unread_only else {}), **({"cursor": cursor} if cursor else {})}
    return f"{INBOX}?{urlencode(params)}" if params else INBOX


class InboxPortal:
    notifications: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    @page("GET", INBOX, roles=(PARTNER, CENTRE))
    def portal_inbox(self, request: Request, visit: Visit) -> Page:
        """Newest first, a page at a time (the next one through the service's cursor)."""
        assert visit.caller is not None
        recipient, _ = organisation_of(visit.caller)
        unread_only = request.args.get("unread") == "1"
        cursor = request.args.get("cursor") or None
        asked = inbox_query(unread_only, cursor, visit.language)
        query = load_or_raise(InboxQuery(), asked, "The query string has invalid parameters.")
        inbox = self._call(self.notifications.list_notifications, recipient, asked)
        next_cursor = inbox.get("next_cursor")
        return self._page(
            visit,
            "inbox.html",
            notifications=inbox["notifications"],
            unread=inbox["unread"],
            unread_only=unread_only,
            first_page=not query.get("cursor"),
            here=inbox_link(unread_only, cursor),
            all_link=inbox_link(False),
            unread_link=inbox_link(True),
            next_link=inbox_link(unread_only, next_cursor) if next_cursor else None,
        )

    @page("POST", INBOX + "/<uuid:notification_id>/read", roles=(PARTNER, CENTRE))
    def portal_inbox_mark_read(self, request: Request, visit: Visit, notification_id: UUID) -> Response:
        """As `POST /api/v1/notifications/{id}/read`; back to the page the person was on."""
        assert visit.caller is not None
        recipient, _ = organisation_of(visit.caller)
        self._call(self.notifications.mark_notification_read, recipient, str(notification_id))
        back = request.form.get("next", "")
        return redirect(back if back.startswith(INBOX) and safe_next(back) == back else INBOX, 303)
