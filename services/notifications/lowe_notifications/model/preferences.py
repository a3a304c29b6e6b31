"""Who gets what, where, when and in which language.

A recipient (a partner or a centre, by its id) has a delivery address, a default language (Polish unless it
says otherwise) and the local hour of its daily digest (Europe/Warsaw). Per notification type it may say which
channels, `instant` or `daily_digest`, and a language. Without a preference: the inbox and e-mail, plus every
active webhook endpoint that takes the type; the producer's hint (a centre subscription's delivery) or else
`instant`. Critical types ignore the digest. The inbox shows everything at once; the digest is for e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from lowe_notifications.model.notices import CRITICAL_TYPES, PARTICIPANT, Notice

IN_APP = "in_app"
EMAIL = "email"
WEBHOOK = "webhook"
CHANNELS = (IN_APP, EMAIL, WEBHOOK)
INSTANT = "instant"
DAILY_DIGEST = "daily_digest"
MODES = (INSTANT, DAILY_DIGEST)
LANGUAGES = ("pl", "en")
DEFAULT_LANGUAGE = "pl"
DEFAULT_CHANNELS = (IN_APP, EMAIL, WEBHOOK)
# where the address came from: set by the recipient wins over one an event carried or a lookup found
FROM_PREFERENCES = "preferences"
FROM_EVENT = "event"
FROM_LOOKUP = "lookup"


@dataclass(eq=False)
class Recipient:
    id: UUID
    type: str
    language: str
    digest_hour: int
    updated_at: datetime
    email: str | None = None
    email_source: str | None = None
    email_at: datetime | None = None  # as of when the address is known: older news does not replace it

    def learn_email(self, email: str | None, source: str, at: datetime, as_of: datetime | None = None) -> None:
        """Keeps an address the recipient set itself over one learnt from an event or a lookup, and one known as of
        later over news older than that (`as_of`: when the event said it; a lookup or the recipient: `at`)."""
        if self.email_source == FROM_PREFERENCES and source != FROM_PREFERENCES:
            return
        known_as_of = as_of or at
        if source != FROM_PREFERENCES and self.email_at is not None and known_as_of < self.email_at:
            return
        if email == self.email and source == self.email_source:
            self.email_at = max(known_as_of, self.email_at) if self.email_at else known_as_of
            return
        self.email, self.email_source, self.updated_at, self.email_at = email, source, at, known_as_of


@dataclass(eq=False)
class Preference:
    recipient_id: UUID
    type: str
    channels: list[str]
    mode: str
    language: str | None = None


@dataclass(frozen=True)
class Planned:
    channel: str
    target: str
    mode: str


def plan_channels(
    notice: Notice,
    preference: Preference | None,
    webhook_endpoints: list[str],
) -> list[Planned]:
    """Which deliveries a notice becomes: one per channel (one per endpoint for webhooks). A participant has no
    inbox and no webhooks: e-mail only, at once."""
    if notice.recipient_type == PARTICIPANT:
        wanted = preference is None or EMAIL in preference.channels
        return [Planned(EMAIL, "", INSTANT)] if wanted else []
    channels = list(preference.channels) if preference is not None else list(DEFAULT_CHANNELS)
    mode = preference.mode if preference is not None else (notice.suggested_mode or INSTANT)
    if notice.type in CRITICAL_TYPES or mode not in MODES:
        mode = INSTANT
    planned: list[Planned] = []
    for channel in CHANNELS:
        if channel not in channels:
            continue
        if channel == WEBHOOK:
            planned.extend(Planned(WEBHOOK, endpoint, INSTANT) for endpoint in webhook_endpoints)
        elif channel == EMAIL:
            planned.append(Planned(EMAIL, "", mode))
        else:
            planned.append(Planned(IN_APP, "", INSTANT))
    return planned


def language_for(recipient: Recipient | None, preference: Preference | None) -> str:
    if preference is not None and preference.language in LANGUAGES:
        return preference.language
    if recipient is not None and recipient.language in LANGUAGES:
        return recipient.language
    return DEFAULT_LANGUAGE
