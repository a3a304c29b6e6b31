"""The inverted indexes that narrow matching in the database, before the domain decides and explains.

`subscription_terms` holds, for each subscription, one row per (dimension, accepted value); `centre_terms` the same
for the profile of each centre that has one (recommendations). '*' accepts any value. An opportunity probes each
dimension with its own values: a subscription is a candidate when every dimension accepts one of them; paused
subscriptions, inactive centres and a too-near deadline are left out by plain column conditions in the same query.
So matching reads the few candidate rows, never every subscription or every centre.
"""

from __future__ import annotations

import sqlalchemy as sa

from lowe_centres.model import Centre, PublishedOpportunity, Subscription
from lowe_centres.model.text import MAX_KEYWORD, first_word, words
from lowe_centres.orm import centre_terms, centres, subscription_terms, subscriptions

ANY = "*"
ONLINE = "online"  # a region value: accepts online opportunities wherever they are held
FREE = "yes"  # the free dimension's value for free_only subscriptions


def index_terms(subscription: Subscription) -> list[tuple[str, str]]:
    terms = [("kind", kind) for kind in subscription.kinds] or [("kind", ANY)]
    terms += [("topic", topic) for topic in subscription.topics] or [("topic", ANY)]
    if subscription.nationwide:
        terms.append(("region", ANY))
    else:
        terms += [("region", region) for region in subscription.regions]
    if subscription.online_anywhere:
        terms.append(("region", ONLINE))
    terms += [("group", group) for group in subscription.target_groups] or [("group", ANY)]
    terms.append(("free", FREE if subscription.free_only else ANY))
    firsts = sorted({first_word(keyword) for keyword in subscription.keywords})
    terms += [("keyword", word) for word in firsts] or [("keyword", ANY)]
    return terms


def profile_terms(centre: Centre) -> list[tuple[str, str]]:
    """Nothing for a centre without a profile: it is never recommended anything."""
    if not centre.has_profile:
        return []
    terms = [("topic", topic) for topic in centre.served_topics] or [("topic", ANY)]
    terms += [("group", group) for group in centre.target_groups] or [("group", ANY)]
    terms.append(("region", centre.voivodeship))
    return terms


def probes(opportunity: PublishedOpportunity) -> dict[str, list[str]]:
    """The values an opportunity offers per dimension; a nationwide one does not ask about regions."""
    offered = {
        "kind": [opportunity.kind],
        "topic": list(opportunity.topics),
        "group": list(opportunity.target_groups),
        "free": [FREE] if opportunity.free else [],
        "keyword": sorted(w for w in words(f"{opportunity.title}\n{opportunity.description}") if len(w) <= MAX_KEYWORD),
    }
    if not opportunity.nationwide:
        offered["region"] = [*opportunity.regions, *([ONLINE] if opportunity.online else [])]
    return offered


def subscription_candidates(
    opportunity: PublishedOpportunity, days_to_deadline: float | None
) -> sa.Select[Subscription]:
    query = sa.select(Subscription).where(
        subscriptions.c.paused.is_(False),
        subscriptions.c.centre_id.in_(sa.select(centres.c.id).where(centres.c.status == "active")),
        *(
            _accepting(subscription_terms, subscriptions.c.id, name, offered)
            for name, offered in probes(opportunity).items()
        ),
    )
    if days_to_deadline is not None:
        minimum = subscriptions.c.min_days_before_deadline
        query = query.where(sa.or_(minimum.is_(None), minimum <= days_to_deadline))
    return query


def recommendation_candidates(opportunity: PublishedOpportunity) -> sa.Select[Centre]:
    """Active centres whose profile accepts the opportunity and that have no active subscription."""
    offered = probes(opportunity)
    dimensions = {"topic": offered["topic"], "group": offered["group"]}
    query = sa.select(Centre).where(
        centres.c.status == "active",
        *(_accepting(centre_terms, centres.c.id, name, values) for name, values in dimensions.items()),
        ~sa.exists().where(subscriptions.c.centre_id == centres.c.id, subscriptions.c.paused.is_(False)),
    )
    if not opportunity.nationwide:
        query = query.where(
            centres.c.id.in_(
                sa.select(centre_terms.c.centre_id).where(
                    centre_terms.c.dimension == "region", centre_terms.c.value.in_(opportunity.regions)
                )
            )
        )
    return query


def _accepting(terms: sa.Table, key: sa.Column[object], dimension: str, values: list[str]) -> sa.ColumnElement[bool]:
    owner = next(iter(terms.primary_key.columns))  # subscription_id or centre_id
    return key.in_(sa.select(owner).where(terms.c.dimension == dimension, terms.c.value.in_([*values, ANY])))
