"""What partners and centres do during a fault, over the public HTTP API, and what each request was answered.

A partner creates and publishes opportunities; two centres subscribe to everything in the partner's region
and a third, elsewhere, must never see them. A publish counts as acknowledged only once it got a 2xx, or a
409 "already published" to a retry after an answer that was lost (an earlier attempt took effect).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests

REGION = "12"
OTHER_REGION = "20"
REQUEST_TIMEOUT = 30.0


@dataclass
class Answers:
    """Every status the workload was answered, and how long the slowest answer took."""

    statuses: Counter[int] = field(default_factory=Counter)
    no_answer: int = 0  # connection errors or timeouts
    slowest: float = 0.0

    def refused(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 300)

    def unclean(self) -> int:
        """Answers a client cannot act on: anything but 2xx, a 4xx of ours, or a clean 503."""
        return self.no_answer + sum(count for status, count in self.statuses.items() if status >= 500 and status != 503)


class Workload:
    """Used by many client threads at once: one HTTP session per thread, the tallies under a lock."""

    def __init__(self, url: str, operator_key: str) -> None:
        self.url = url
        self.operator_key = operator_key
        self._local = threading.local()
        self._lock = threading.Lock()
        self.answers = Answers()
        self.published: set[str] = set()
        self.recovered: set[str] = set()  # answered 409 to a retry: a lost answer's publish had taken effect
        self.created = 0
        self.partner_key = ""
        self.matching_centres: list[str] = []
        self.other_centre = ""

    def call(self, method: str, path: str, key: str, body: dict[str, Any] | None = None) -> requests.Response | None:
        started = time.monotonic()
        session = getattr(self._local, "session", None) or requests.Session()
        self._local.session = session
        try:
            response = session.request(
                method,
                f"{self.url}{path}",
                json=body,
                headers={"Authorization": f"Bearer {key}"},
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException:
            self._local.session = None
            with self._lock:
                self.answers.no_answer += 1
                self.answers.slowest = max(self.answers.slowest, time.monotonic() - started)
            return None
        with self._lock:
            self.answers.slowest = max(self.answers.slowest, time.monotonic() - started)
            self.answers.statuses[response.status_code] += 1
        return response

    def must(self, method: str, path: str, key: str, body: dict[str, Any] | None = None) -> Any:
        response = self.call(method, path, key, body)
        assert response is not None and response.status_code < 300, response.text if response is not None else None
        return response.json() if response.content else None

    def set_up(self) -> None:
        partner = self.must(
            "POST",
            "/api/v1/partners",
            self.operator_key,
            {"name": "Fundacja Odporna", "sector": "social", "email": "odporna@example.pl", "voivodeship": REGION},
        )
        self.must("POST", f"/api/v1/partners/{partner['id']}/verify", self.operator_key)
        self.partner_key = partner["api_key"]["key"]
        for number, region in enumerate((REGION, REGION, OTHER_REGION)):
            centre = self.must(
                "POST",
                "/api/v1/centres",
                self.operator_key,
                {"name": f"LOWE Próba {number}", "voivodeship": region, "municipality": f"Gmina {number}"},
            )
            body = {"name": "Wszystko z regionu"} if region == REGION else {"name": "Inne", "topics": ["parenting"]}
            self.must("POST", f"/api/v1/centres/{centre['id']}/subscriptions", centre["api_key"]["key"], body)
            if region == REGION:
                self.matching_centres.append(centre["id"])
            else:
                self.other_centre = centre["id"]
        self.answers = Answers()  # the figures are about the workload under faults, not its set-up

    def create(self, number: int) -> str | None:
        """A draft's id, or None when the create was refused."""
        body = {
            "kind": "course",
            "title": f"Kurs odporności {number}",
            "description": "Wstrzykiwanie awarii",
            "topics": ["digital_skills"],
            "regions": [REGION],
        }
        response = self.call("POST", "/api/v1/opportunities", self.partner_key, body)
        if response is None or response.status_code != 201:
            return None
        with self._lock:
            self.created += 1
        return str(response.json()["id"])

    def publish(self, opportunity_id: str, retry: bool = False) -> bool:
        """True once the publish is acknowledged; False when it was refused (the client may try again)."""
        response = self.call("POST", f"/api/v1/opportunities/{opportunity_id}/publish", self.partner_key)
        if response is None:
            return False
        if response.status_code == 200:
            with self._lock:
                self.published.add(opportunity_id)
            return True
        if retry and response.status_code == 409 and "already" in response.text.lower():
            with self._lock:
                self.recovered.add(opportunity_id)
                self.published.add(opportunity_id)
            return True
        return False

    def expected_effects(self) -> set[tuple[str, str]]:
        return {(centre, opportunity) for centre in self.matching_centres for opportunity in self.published}
