"""The browser suite's own machinery: stopping Playwright in a process eventlet has patched needs the greenlet that
runs Playwright's loop, which Playwright keeps in a private attribute; without it the suite must fail at once, by
name, instead of hanging when the session ends."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.conftest import playwright_loop

pytestmark = pytest.mark.browser


def test_without_the_greenlet_of_playwrights_loop_the_suite_fails_at_once_and_says_why() -> None:
    not_started = sync_playwright()  # the attribute is only set once Playwright runs: as if an upgrade dropped it

    with pytest.raises(RuntimeError, match=r"no greenlet in PlaywrightContextManager\._dispatcher_fiber"):
        playwright_loop(not_started)
