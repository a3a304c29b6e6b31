"""The nameko entrypoints of the partners service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from nameko.rpc import rpc

from lowe_backbone.context import FlowContext
from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.relay import OutboxRelay
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_partners import commands, orm, use_cases
from lowe_partners.model import AlreadyPublished, OpportunityNotFound, PartnerNotFound
from lowe_partners.unit_of_work import PartnersUnitOfWork
from lowe_partners.views import opportunity_view, partner_view

ERRORS: ErrorTable = {
    OpportunityNotFound: lambda exc: NotFound("Opportunity not found.", {"opportunity_id": str(exc)}),
    PartnerNotFound: lambda exc: InvalidInput("Unknown partner.", {"partner_id": ["No such partner."]}),
    AlreadyPublished: lambda exc: Conflict("The opportunity is already published.", {"opportunity_id": str(exc)}),
}


class PartnersService:
    name = "partners"

    flow = FlowContext()
    uow: PartnersUnitOfWork = UnitOfWorkProvider(PartnersUnitOfWork, start_mappers=orm.start_mappers)
    relay = OutboxRelay()
    health_report = HealthReport()

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def register_partner(self, payload: Any) -> dict[str, Any]:
        return partner_view(use_cases.register_partner(commands.register_partner_command(payload), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def create_opportunity(self, payload: Any) -> dict[str, Any]:
        cmd = commands.create_opportunity_command(payload)
        return opportunity_view(use_cases.create_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def publish_opportunity(self, opportunity_id: Any) -> dict[str, Any]:
        cmd = commands.publish_opportunity_command(opportunity_id)
        return opportunity_view(use_cases.publish_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_opportunity(self, opportunity_id: Any) -> dict[str, Any]:
        cmd = commands.publish_opportunity_command(opportunity_id)
        return opportunity_view(use_cases.get_opportunity(cmd.opportunity_id, self.uow))

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()
