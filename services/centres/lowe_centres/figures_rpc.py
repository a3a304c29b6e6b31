"""The centres service's read-only figures for the gateway's pages: names and counts of many centres or
opportunities, each in one query, whatever the network's size. Mixed into `CentresService`; the gateway checks who may
ask (an owner for its opportunities, an operator for the network)."""

from __future__ import annotations

from typing import Any

from lowe_backbone.errors import ServiceError
from lowe_backbone.rpc import rpc
from lowe_centres import commands, feed_use_cases, use_cases
from lowe_centres.unit_of_work import CentresUnitOfWork
from lowe_centres.views import centre_counts_view, centre_names_view, voivodeship_counts_view


class CentreFiguresRpc:
    uow: CentresUnitOfWork

    @rpc(expected_exceptions=ServiceError)
    def get_centre_names(self, centre_ids: Any) -> dict[str, str]:
        """`{centre_id: name}` for up to 100 ids, in one read; unknown ids are left out."""
        return centre_names_view(use_cases.get_centres(commands.ids_of("centre_ids", centre_ids), self.uow))

    @rpc(expected_exceptions=ServiceError)
    def count_centres_by_voivodeship(self) -> dict[str, Any]:
        """For operators: `{"voivodeships": {code: centres}, "total": centres}`, every voivodeship named (0 when
        none), inactive centres counted too; one query, however many centres. The caller checks it asks for an
        operator."""
        return voivodeship_counts_view(use_cases.count_centres_by_voivodeship(self.uow))

    @rpc(expected_exceptions=ServiceError)
    def count_matched_centres(self, opportunity_ids: Any) -> dict[str, int]:
        """`{opportunity_id: centres}` for up to 100 ids, in one query: the centres that have the opportunity in
        their feed (not counting entries retracted after an edit); 0 for an id no feed has. The caller checks that
        the opportunities are the asker's own."""
        ids = commands.ids_of("opportunity_ids", opportunity_ids)
        return centre_counts_view(feed_use_cases.count_matched_centres(ids, self.uow))
