"""E-mail addresses over RPC: an organisation's from its owning service when a message first needs one (then kept);
a participant's from the events service every time (never kept)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import eventlet

from lowe_backbone.errors import NotFound
from lowe_notifications.model.notices import CENTRE
from lowe_notifications.ports import DirectoryUnavailable


class RpcDirectory:
    """`partners.get_partner` / `centres.get_centre` (both answer `email`); no answer in time is unavailable."""

    def __init__(self, partners: Any, centres: Any, events: Any, timeout: float) -> None:
        self.partners, self.centres, self.events, self.timeout = partners, centres, events, timeout

    def email_of(self, recipient_type: str, recipient_id: UUID) -> str | None:
        method = self.centres.get_centre if recipient_type == CENTRE else self.partners.get_partner
        try:
            with eventlet.Timeout(self.timeout):
                found = method(str(recipient_id))
        except NotFound:
            return None
        except (Exception, eventlet.Timeout) as exc:
            raise DirectoryUnavailable(f"{type(exc).__name__}: {exc}") from None
        email = found.get("email") if isinstance(found, dict) else None
        return str(email) if email else None

    def participant_email(self, centre_id: UUID, event_id: UUID, registration_id: UUID) -> str | None:
        """From the organising centre's registration list (`operator=True`: this service acts for the centre)."""
        try:
            with eventlet.Timeout(self.timeout):
                listed = self.events.list_registrations(str(centre_id), str(event_id), True)
        except NotFound:
            return None
        except (Exception, eventlet.Timeout) as exc:
            raise DirectoryUnavailable(f"{type(exc).__name__}: {exc}") from None
        for item in listed.get("items", []) if isinstance(listed, dict) else []:
            if item.get("id") == str(registration_id):
                return str(item["email"]) if item.get("email") else None
        return None
