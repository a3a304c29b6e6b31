from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from lowe_notifications.use_cases import Inbox


class NotificationView(Schema):
    id = fields.UUID()
    type = fields.String()
    title = fields.String()
    body = fields.String()
    data = fields.Dict()
    created_at = fields.AwareDateTime(format="iso")
    read_at = fields.AwareDateTime(format="iso", allow_none=True)


def inbox_view(inbox: Inbox) -> dict[str, Any]:
    return {"notifications": NotificationView(many=True).dump(inbox.notifications), "unread": inbox.unread}
