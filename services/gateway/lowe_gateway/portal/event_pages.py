"""The portal's pages for a centre's events (changing and calling them off too), registrations, attendance and
reports."""

from __future__ import annotations

from lowe_gateway.portal.event_detail_pages import EventDetailPages
from lowe_gateway.portal.event_edit_pages import EventEditPages
from lowe_gateway.portal.event_list_pages import EventListPages
from lowe_gateway.portal.event_report_pages import EventReportPages


class CentreEventsPortal(EventListPages, EventDetailPages, EventEditPages, EventReportPages):
    """Mixed into `GatewayService`."""
