"""The terms of the matching index: what each subscription and centre profile accepts, per dimension, and what an
opportunity offers. A subscription is a candidate when, in every dimension the opportunity offers, it accepts one of
the offered values; '*' accepts any. `matching_index` keeps the terms as bitmaps, the domain's `match` then decides
and explains."""

from __future__ import annotations

from lowe_centres.model import PublishedOpportunity
from lowe_centres.model.shapes import CentreProfile, SubscriptionFilters
from lowe_centres.model.text import MAX_KEYWORD, first_word, words

ANY = "*"
ONLINE = "online"  # a region value: accepts online opportunities wherever they are held
FREE = "yes"  # the free dimension's value for free_only subscriptions


def index_terms(subscription: SubscriptionFilters) -> list[tuple[str, str]]:
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


def profile_terms(centre: CentreProfile) -> list[tuple[str, str]]:
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
