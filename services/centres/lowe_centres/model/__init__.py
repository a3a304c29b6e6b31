"""The centres service's domain: plain Python, no framework imports.

`centres` holds the registry (centres and their subscriptions), `opportunities` the service's own copy of what
partners published, `matching` decides and explains (`match`, `recommend`, `merge`), `feed` keeps what each centre
was given and the domain events that tell others.
"""

from lowe_centres.model.centres import (
    CENTRE_STATUSES,
    DELIVERIES,
    RUNNING_BODIES,
    Centre,
    CentreNotFound,
    CentresError,
    Subscription,
    SubscriptionNotFound,
)
from lowe_centres.model.feed import FeedEntry, FeedEntryMarked, OpportunityMatched, OpportunityUnmatched, deliver
from lowe_centres.model.matching import NATIONWIDE, MatchReasons, match, merge, recommend, relevance
from lowe_centres.model.opportunities import PartnerName, PublishedOpportunity

__all__ = [
    "CENTRE_STATUSES",
    "DELIVERIES",
    "NATIONWIDE",
    "RUNNING_BODIES",
    "Centre",
    "CentreNotFound",
    "CentresError",
    "FeedEntry",
    "FeedEntryMarked",
    "MatchReasons",
    "OpportunityMatched",
    "OpportunityUnmatched",
    "PartnerName",
    "PublishedOpportunity",
    "Subscription",
    "SubscriptionNotFound",
    "deliver",
    "match",
    "merge",
    "recommend",
    "relevance",
]
