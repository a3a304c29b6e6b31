"""The inbox in the reader's language. An entry is written once, in its organisation's language (the recipient's
preference); a person who reads the portal in another language asks for it, and the entry is worded again from its
type and data by the same templates — the stored words stay as they are."""

from __future__ import annotations

from dataclasses import replace

from lowe_backbone.logs import get_logger
from lowe_notifications.model import Notification
from lowe_notifications.templates import render

log = get_logger(__name__)
TITLE_LENGTH = 300  # as the inbox stores it


def worded_in(notification: Notification, language: str | None) -> Notification:
    """A copy in `language` (the entry itself when none is asked for); an entry whose data its type's templates can
    no longer read keeps its stored words rather than failing the whole page."""
    if language is None:
        return notification
    try:
        rendered = render(notification.type, language, notification.data, {})
    except Exception as exc:
        log.warning("inbox_entry_not_reworded", notification_id=str(notification.id), error=type(exc).__name__)
        return notification
    return replace(notification, title=rendered.subject[:TITLE_LENGTH], body=rendered.text.strip())
