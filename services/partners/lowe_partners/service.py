"""The nameko entrypoints of the partners service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from lowe_backbone.context import FlowContext
from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.dead_letter_rpc import DeadLetterRpc
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.relay import OutboxRelay
from lowe_backbone.rpc import rpc
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_backbone.timers import ConfiguredTimer
from lowe_partners import commands, interest_commands, interest_use_cases, orm, use_cases
from lowe_partners.commands import VerifyPartner
from lowe_partners.interest_views import (
    decision_view,
    interest_detail_view,
    interest_list_view,
    interest_lists_view,
    interest_view,
)
from lowe_partners.interests import (
    InterestAlreadyExpressed,
    InterestNotChangeable,
    InterestNotFound,
    NotOpenForInterest,
    PlacesUnavailable,
)
from lowe_partners.model import (
    AlreadyPublished,
    InvalidOpportunity,
    InvalidPartner,
    NotChangeable,
    OpportunityNotFound,
    PartnerNotFound,
    PartnerNotVerified,
    UnknownPartner,
)
from lowe_partners.queries import opportunities_by_id, opportunity_query, partner_query
from lowe_partners.unit_of_work import PartnersUnitOfWork
from lowe_partners.views import (
    open_counts_view,
    opportunities_by_id_view,
    opportunity_view,
    page_view,
    partner_view,
    partners_page_view,
    status_counts_view,
)

ERRORS: ErrorTable = {
    OpportunityNotFound: lambda exc: NotFound("Opportunity not found.", {"opportunity_id": str(exc)}),
    PartnerNotFound: lambda exc: NotFound("Partner not found.", {"partner_id": str(exc)}),
    UnknownPartner: lambda exc: InvalidInput("Unknown partner.", {"partner_id": ["No such partner."]}),
    AlreadyPublished: lambda exc: Conflict("The opportunity is already published.", {"opportunity_id": str(exc)}),
    PartnerNotVerified: lambda exc: Conflict(
        "Only a verified partner's opportunities reach the centres.", {"partner_id": str(exc)}
    ),
    NotChangeable: lambda exc: Conflict(str(exc)),
    InvalidOpportunity: lambda exc: InvalidInput(
        "The opportunity's dates do not fit together.", {name: [text] for name, text in exc.problems.items()}
    ),
    InvalidPartner: lambda exc: InvalidInput(
        "The partner's details do not fit together.", {name: [text] for name, text in exc.problems.items()}
    ),
    InterestNotFound: lambda exc: NotFound("Interest not found.", {"interest_id": str(exc)}),
    InterestAlreadyExpressed: lambda exc: Conflict(
        "The centre already has an open interest in this opportunity.", {"interest_id": str(exc)}
    ),
    NotOpenForInterest: lambda exc: Conflict(str(exc)),
    InterestNotChangeable: lambda exc: Conflict(str(exc)),
    PlacesUnavailable: lambda exc: Conflict(str(exc), {"places": [str(exc)]}),
}


class PartnersService(DeadLetterRpc):
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
    def get_partner(self, partner_id: Any) -> dict[str, Any]:
        return partner_view(use_cases.get_partner(commands.partner_id_of(partner_id), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_partners(self, params: Any = None) -> dict[str, Any]:
        """For operators: `status` (repeatable), `q` (part of the name), `page_size`, `cursor`; by name then id."""
        return partners_page_view(use_cases.list_partners(partner_query(params), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def count_partners_by_status(self) -> dict[str, int]:
        """For operators: `{status: partners}`, every status named (0 when none); one query, however many."""
        return status_counts_view(use_cases.count_partners_by_status(self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def update_partner(self, partner_id: Any, payload: Any) -> dict[str, Any]:
        """Only the details registration takes, each optional; status, verification and ids are unknown fields."""
        cmd = commands.update_partner_command(partner_id, payload)
        return partner_view(use_cases.update_partner(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def verify_partner(self, partner_id: Any) -> dict[str, Any]:
        cmd = VerifyPartner(commands.partner_id_of(partner_id))
        return partner_view(use_cases.verify_partner(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def suspend_partner(self, partner_id: Any, payload: Any) -> dict[str, Any]:
        cmd = commands.suspend_partner_command(partner_id, payload)
        return partner_view(use_cases.suspend_partner(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def create_opportunity(self, payload: Any) -> dict[str, Any]:
        cmd = commands.create_opportunity_command(payload)
        return opportunity_view(use_cases.create_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def update_opportunity(self, opportunity_id: Any, payload: Any) -> dict[str, Any]:
        cmd = commands.update_opportunity_command(opportunity_id, payload)
        return opportunity_view(use_cases.update_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def publish_opportunity(self, opportunity_id: Any) -> dict[str, Any]:
        cmd = commands.publish_opportunity_command(opportunity_id)
        return opportunity_view(use_cases.publish_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def withdraw_opportunity(self, opportunity_id: Any) -> dict[str, Any]:
        cmd = commands.withdraw_opportunity_command(opportunity_id)
        return opportunity_view(use_cases.withdraw_opportunity(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_opportunity(self, opportunity_id: Any) -> dict[str, Any]:
        return opportunity_view(use_cases.get_opportunity(commands.opportunity_id_of(opportunity_id), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_opportunities(self, opportunity_ids: Any, viewer: Any) -> dict[str, Any]:
        """`{opportunity_id: as get_opportunity answers}` for up to 100 ids, in one query, only those `viewer` may
        see (as `list_opportunities` reads it: a centre no drafts, a partner no other partner's); the rest are
        left out."""
        query = opportunities_by_id(opportunity_ids, viewer)
        return opportunities_by_id_view(use_cases.get_opportunities(query, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_opportunities(self, params: Any, viewer: Any = None) -> dict[str, Any]:
        """`viewer`: None or `{"operator": true}` everything; `{"partner_id"}` no other partner's drafts;
        `{"centre_id"}` no drafts."""
        return page_view(use_cases.list_opportunities(opportunity_query(params, viewer), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def count_open_opportunities(self) -> dict[str, Any]:
        """For operators: the published ones, `{"voivodeships": {code: count}, "nationwide": count, "total":
        count}`; one held in several voivodeships counts in each and once in `total`, a nationwide one (naming
        none) in `nationwide` only; every voivodeship named (0 when none). One query, however many."""
        return open_counts_view(use_cases.count_open_opportunities(self.uow))

    @ConfiguredTimer.decorator("DEADLINE_CHECK_INTERVAL", default=60)
    def close_expired_opportunities(self) -> None:
        while use_cases.close_expired_opportunities(self.uow) == use_cases.CLOSING_BATCH:
            pass  # a backlog (after downtime) is worked off at once

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def express_interest(self, opportunity_id: Any, payload: Any) -> dict[str, Any]:
        cmd = interest_commands.express_interest_command(opportunity_id, payload)
        return interest_view(interest_use_cases.express_interest(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_interests(self, opportunity_id: Any) -> dict[str, Any]:
        opportunity = interest_commands.opportunity_id_of(opportunity_id)
        return interest_list_view(interest_use_cases.list_interests(opportunity, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_partner_interests(self, partner_id: Any, opportunity_ids: Any) -> dict[str, Any]:
        """`{opportunity_id: as list_interests answers}` for those of up to 100 ids that are the partner's own, in
        one query; another partner's and unknown ids are left out."""
        cmd = interest_commands.list_partner_interests_command(partner_id, opportunity_ids)
        return interest_lists_view(interest_use_cases.list_partner_interests(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def accept_interest(self, interest_id: Any) -> dict[str, Any]:
        cmd = interest_commands.accept_interest_command(interest_id)
        return decision_view(interest_use_cases.accept_interest(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def decline_interest(self, interest_id: Any) -> dict[str, Any]:
        cmd = interest_commands.decline_interest_command(interest_id)
        return decision_view(interest_use_cases.decline_interest(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_interest(self, interest_id: Any) -> dict[str, Any]:
        """The interest with `opportunity_id`, `centre_id` and the opportunity's `partner_id`, its status, places and
        `position` in the waiting line (or null)."""
        interest = interest_commands.interest_id_of(interest_id)
        return interest_detail_view(interest_use_cases.get_interest(interest, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def withdraw_interest(self, interest_id: Any) -> dict[str, Any]:
        """The centre gives up its interest (pending, waiting or allocated: its places go back); as a decision."""
        cmd = interest_commands.withdraw_interest_command(interest_id)
        return decision_view(interest_use_cases.withdraw_interest(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def release_places(self, interest_id: Any, payload: Any = None) -> dict[str, Any]:
        cmd = interest_commands.release_places_command(interest_id, payload)
        return decision_view(interest_use_cases.release_places(cmd, self.uow))
