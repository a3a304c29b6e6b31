"""The portal's pages for a centre's events, registrations, attendance and reports."""

from __future__ import annotations

from lowe_gateway.portal.event_detail_pages import EventDetailPages
from lowe_gateway.portal.event_list_pages import EventListPages
from lowe_gateway.portal.event_report_pages import EventReportPages


class CentreEventsPortal(EventListPages, EventDetailPages, EventReportPages):
    """Mixed into `GatewayService`."""
