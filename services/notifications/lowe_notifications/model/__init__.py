"""The notifications domain: what to tell whom, on which channel, and what happened to each message. Plain Python."""

from lowe_notifications.model.deliveries import (
    DEAD,
    FAILED,
    QUEUED,
    RETRYING,
    SENT,
    STATUSES,
    Delivery,
    NotRedrivable,
    Outcome,
    RetryPolicy,
)
from lowe_notifications.model.notices import (
    CRITICAL_TYPES,
    NOTIFICATION_TYPES,
    MatchedOpportunity,
    Notice,
    Notification,
    NotificationNotFound,
)
from lowe_notifications.model.preferences import (
    CHANNELS,
    EMAIL,
    IN_APP,
    LANGUAGES,
    WEBHOOK,
    Preference,
    Recipient,
    plan_channels,
)

__all__ = [
    "CHANNELS",
    "CRITICAL_TYPES",
    "DEAD",
    "EMAIL",
    "FAILED",
    "IN_APP",
    "LANGUAGES",
    "NOTIFICATION_TYPES",
    "QUEUED",
    "RETRYING",
    "SENT",
    "STATUSES",
    "WEBHOOK",
    "Delivery",
    "MatchedOpportunity",
    "NotRedrivable",
    "Notice",
    "Notification",
    "NotificationNotFound",
    "Outcome",
    "Preference",
    "Recipient",
    "RetryPolicy",
    "plan_channels",
]
