"""Whether an opportunity fits a subscription (`match`) or a centre's profile (`recommend`), why, and how well."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from math import floor
from typing import TYPE_CHECKING, Any

from lowe_centres.model.regions import NEIGHBOURS
from lowe_centres.model.shapes import CentreProfile, SubscriptionFilters
from lowe_centres.model.text import found_keywords

if TYPE_CHECKING:
    from lowe_centres.model.opportunities import PublishedOpportunity

NATIONWIDE = "nationwide"

# How near the opportunity is held, as the `P` of `relevance`.
PROXIMITY = {"home": 1.0, "chosen": 0.8, "nationwide": 0.7, "neighbouring": 0.5, "online": 0.5, "elsewhere": 0.25}


@dataclass(frozen=True)
class MatchReasons:
    """Why an opportunity reached a centre. `topics` are the shared ones (every topic of the opportunity when the
    subscription takes any); `target_groups` and `keywords` are what the subscription asked for and found;
    `online`: it counts because it is online, not by its region; `deadline_in_days` from the time of matching;
    `profile`: recommended by the centre's profile, no subscription asked. `reach` is how near it is held (a key
    of PROXIMITY), `score` the relevance (see `relevance`)."""

    kind: str
    topics: list[str]
    region: str
    subscriptions: list[str]
    target_groups: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    online: bool = False
    deadline_in_days: int | None = None
    profile: bool = False
    score: float = 0.0
    reach: str = "home"

    def as_dict(self) -> dict[str, Any]:
        """The explanation a feed and `opportunity_matched` carry: kind, topics, region and subscriptions always,
        the rest only when they say something."""
        explained: dict[str, Any] = {
            "kind": self.kind,
            "topics": self.topics,
            "region": self.region,
            "subscriptions": self.subscriptions,
        }
        optional = {
            "target_groups": self.target_groups,
            "keywords": self.keywords,
            "online": self.online,
            "deadline_in_days": self.deadline_in_days,
            "profile": self.profile,
        }
        explained.update({name: value for name, value in optional.items() if value not in (None, False, [])})
        return explained


@cache  # a few hundred combinations, asked for thousands of times per opportunity
def relevance(topics: int | None, groups: int | None, reach: str, specific: bool) -> float:
    """The relevance score, between 0 and 1, higher for a better fit:

        score = 0.35·T + 0.25·G + 0.30·P + 0.10·K   (rounded to three places)

    T = 1 - ½ⁿ for n shared topics (½, ¾, ⅞ ...: more shared topics score higher), ¼ when any topic was accepted
    (`topics` None); G the same for target groups; P = PROXIMITY[reach]: 1 when held in the centre's own
    voivodeship (or in a region the subscription names, the centre unknown), 0.8 in another region it names,
    0.7 nationwide, 0.5 in a neighbouring voivodeship or online, 0.25 farther; K = 1 when the subscription names
    the kind or one of its keywords was found, else ½.
    """
    t = 0.25 if topics is None else 1 - 0.5**topics
    g = 0.25 if groups is None else 1 - 0.5**groups
    return round(0.35 * t + 0.25 * g + 0.30 * PROXIMITY[reach] + 0.10 * (1.0 if specific else 0.5), 3)


def match(
    subscription: SubscriptionFilters,
    opportunity: PublishedOpportunity,
    now: datetime | None = None,
    home: str | None = None,
) -> MatchReasons | None:
    """Why the opportunity fits the subscription, or None when it does not.

    Every filter the subscription sets must pass: its kinds; at least one shared topic and one shared target group
    (when it names any); the region (one it names, any when nationwide, an online one anywhere when
    `online_anywhere`; a nationwide opportunity fits every region); `free_only`; at least one keyword as a whole
    word or phrase of the title or description; the deadline (`apply_by`, else `starts_at`) at least
    `min_days_before_deadline` days after `now` (default: the current time; no deadline passes). Pausing is not
    asked here: the index leaves paused subscriptions out. `home`, the centre's voivodeship when known, lets the
    score prefer what is held nearest.
    """
    return Matcher(opportunity, now).match(subscription, home)


class Matcher:
    """`match` for one opportunity and many subscriptions: what depends only on the opportunity is worked out once."""

    def __init__(self, opportunity: PublishedOpportunity, now: datetime | None = None) -> None:
        self.kind = opportunity.kind
        self.topics = frozenset(opportunity.topics)
        self.every_topic = sorted(self.topics)
        self.groups = frozenset(opportunity.target_groups)
        self.nationwide = opportunity.nationwide
        self.held = sorted(opportunity.regions)
        self.online = opportunity.online
        self.free = opportunity.free
        self.text = f"{opportunity.title}\n{opportunity.description}"
        self.days = opportunity.days_to_deadline(now or datetime.now(UTC))
        self.whole_days = _whole(self.days)

    def match(self, subscription: SubscriptionFilters, home: str | None = None) -> MatchReasons | None:
        if subscription.kinds and self.kind not in subscription.kinds:
            return None
        topics = _shared(subscription.topics, self.topics)
        groups = _shared(subscription.target_groups, self.groups)
        reach = self._reach(subscription, home)
        if topics is None or groups is None or reach is None:
            return None
        if subscription.free_only and not self.free:
            return None
        keywords = sorted(found_keywords(subscription.keywords, self.text)) if subscription.keywords else []
        if subscription.keywords and not keywords:
            return None
        minimum = subscription.min_days_before_deadline
        if minimum is not None and self.days is not None and self.days < minimum:
            return None
        region, where = reach
        score = relevance(
            len(topics) if subscription.topics else None,
            len(groups) if subscription.target_groups else None,
            where,
            bool(subscription.kinds or keywords),
        )
        return MatchReasons(
            kind=self.kind,
            topics=topics if subscription.topics else self.every_topic,
            region=region,
            subscriptions=[subscription.name],
            target_groups=groups,
            keywords=keywords,
            online=where == "online",
            deadline_in_days=self.whole_days,
            score=score,
            reach=where,
        )

    def _reach(self, subscription: SubscriptionFilters, home: str | None) -> tuple[str, str] | None:
        """(the region reason, how near): the nearest way the opportunity's regions fit the subscription, if any."""
        if self.nationwide:
            return NATIONWIDE, "nationwide"
        held = self.held
        if not held:
            return None
        if home in held and (subscription.nationwide or home in subscription.regions):
            return str(home), "home"
        shared = [region for region in held if region in subscription.regions]
        if shared:
            return shared[0], "home" if home is None else "chosen"
        if subscription.online_anywhere and self.online:
            return held[0], "online"
        if subscription.nationwide:
            near = [region for region in held if home is not None and region in NEIGHBOURS.get(home, ())]
            return (near[0], "neighbouring") if near else (held[0], "elsewhere")
        return None


def recommend(
    centre: CentreProfile, opportunity: PublishedOpportunity, now: datetime | None = None
) -> MatchReasons | None:
    """Why the opportunity fits the profile of a centre, or None: the centre has a profile, shares a topic with
    its served topics and a target group with its target groups (each when it names any), and the opportunity is
    held in its voivodeship or nationwide. Only active centres with no active subscription are recommended
    anything; the index asks that (`recommendation_candidates`), as it leaves paused subscriptions out.
    """
    if not centre.has_profile:
        return None
    topics = _shared(centre.served_topics, frozenset(opportunity.topics))
    groups = _shared(centre.target_groups, frozenset(opportunity.target_groups))
    if topics is None or groups is None:
        return None
    if opportunity.nationwide:
        region, where = NATIONWIDE, "nationwide"
    elif centre.voivodeship in opportunity.regions:
        region, where = centre.voivodeship, "home"
    else:
        return None
    score = relevance(
        len(topics) if centre.served_topics else None, len(groups) if centre.target_groups else None, where, False
    )
    return MatchReasons(
        kind=opportunity.kind,
        topics=topics if centre.served_topics else sorted(opportunity.topics),
        region=region,
        subscriptions=[],
        target_groups=groups,
        deadline_in_days=_whole(opportunity.days_to_deadline(now or datetime.now(UTC))),
        profile=True,
        score=score,
        reach=where,
    )


def merge(reasons: list[MatchReasons]) -> MatchReasons:
    """One centre is matched once per opportunity, whatever number of its subscriptions matched: what they share
    with it united, the nearest region (then the first code), the best score."""
    if len(reasons) == 1:
        return reasons[0]  # its lists are sorted already
    nearest = min(reasons, key=lambda reason: (-PROXIMITY[reason.reach], reason.region))
    return MatchReasons(
        kind=reasons[0].kind,
        topics=_union(reason.topics for reason in reasons),
        region=nearest.region,
        subscriptions=_union(reason.subscriptions for reason in reasons),
        target_groups=_union(reason.target_groups for reason in reasons),
        keywords=_union(reason.keywords for reason in reasons),
        online=nearest.online,
        deadline_in_days=reasons[0].deadline_in_days,
        profile=all(reason.profile for reason in reasons),
        score=max(reason.score for reason in reasons),
        reach=nearest.reach,
    )


def _shared(wanted: Sequence[str], offered: frozenset[str]) -> list[str] | None:
    """What both name; [] when nothing is wanted (any will do); None when something is wanted and none offered."""
    if not wanted:
        return []
    return sorted(offered.intersection(wanted)) or None


def _union(lists: Any) -> list[str]:
    return sorted({item for values in lists for item in values})


def _whole(days: float | None) -> int | None:
    return None if days is None else max(0, floor(days))
