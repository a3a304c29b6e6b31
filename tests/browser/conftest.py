"""The browser suite: one network of service processes and one headless Chromium (Debian's, driven by Playwright)
for the session, a fresh browser context per test, screenshots under var/test-artifacts/screenshots/<test>/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from typing import Any

import eventlet
import greenlet
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from playwright.sync_api._context_manager import PlaywrightContextManager

from tests.browser.network import Organisations, SampleData, add_sample_data, register_organisations, running_network
from tests.browser.portal import SCREENSHOTS, OpenPage, Screenshots, Texts, folder_for
from tests.fixtures.broker import VhostAdmin
from tests.fixtures.process_network import ProcessNetwork

CHROMIUM = os.environ.get("LOWE_TEST_CHROMIUM", "/usr/bin/chromium")  # Debian's package, from `make tools`
STEP_TIMEOUT_MS = 10_000  # a click, a fill or an expectation; a page of this portal answers in well under a second
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
# a phone held upright, as the phone tests open the portal: 390 x 844 CSS px at twice the pixels, touch, and the
# mobile handling of the page's <meta name="viewport">
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
saved: list[Screenshots] = []  # this session's, for the summary line


@pytest.fixture(scope="session")
def portal_network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProcessNetwork]:
    folder = tmp_path_factory.mktemp("browser-network")
    with running_network(vhost_admin, folder) as processes:
        yield processes
        died = processes.exited()
        assert not died, f"service processes died during the browser tests: {died} (logs in {folder})"


@pytest.fixture(scope="session")
def organisations(portal_network: ProcessNetwork) -> Organisations:
    return register_organisations(portal_network)


@pytest.fixture(scope="session")
def sample_data(organisations: Organisations) -> SampleData:
    return add_sample_data(organisations)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: `make tools` installs Debian's chromium and chromium-driver")
    manager = sync_playwright()
    playwright = manager.start()
    loop_greenlet = playwright_loop(manager)  # before any test: a Playwright without it fails the session at once
    try:
        # root runs the tests here, and Chromium's sandbox refuses root
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()
    finally:
        stop_under_eventlet(manager, loop_greenlet)


def playwright_loop(manager: PlaywrightContextManager) -> greenlet.greenlet:
    """The greenlet that runs the event loop of a started Playwright. Playwright (1.65.2) has no public way to reach
    it, nor to stop in a process eventlet has patched (see `stop_under_eventlet`), so this reads the context manager's
    private `_dispatcher_fiber`; should an upgrade take it away, this says so at the session's start rather than
    leaving the session hanging at its end."""
    loop_greenlet = getattr(manager, "_dispatcher_fiber", None)
    if not isinstance(loop_greenlet, greenlet.greenlet):
        raise RuntimeError(
            f"Playwright {version('playwright')} has no greenlet in PlaywrightContextManager._dispatcher_fiber "
            f"(found {loop_greenlet!r}): tests/browser/conftest.py needs the greenlet that runs Playwright's event "
            "loop to stop Playwright under eventlet (see stop_under_eventlet); find where this version keeps it"
        )
    return loop_greenlet


def stop_under_eventlet(manager: PlaywrightContextManager, loop_greenlet: greenlet.greenlet) -> None:
    """`playwright.stop()` in a process eventlet has patched (tests/conftest.py). Playwright's loop runs in a greenlet
    of its own, and its reads of the driver's pipe wait in eventlet's hub, which makes the hub that greenlet's parent
    (eventlet's `BaseHub.switch` does); when the loop ends, the hub gets control, not the test waiting in `stop()`,
    which would wait for ever. Once the loop's greenlet is done, the hub switches back to the test."""
    test = greenlet.getcurrent()

    def resume_the_test() -> None:
        while not loop_greenlet.dead:
            eventlet.sleep(0.01)
        test.switch()

    resumer = eventlet.spawn(resume_the_test)
    try:
        manager.__exit__()
    finally:
        resumer.kill()  # when the loop had ended before: it must never switch to the test later


def context_options(device: str, color_scheme: str) -> dict[str, Any]:
    """A browser context's options: `device` "desktop" (VIEWPORT) or "phone" (PHONE), `color_scheme` "light" or
    "dark" (what the system asks the page for, which Pico follows)."""
    assert device in ("desktop", "phone") and color_scheme in ("light", "dark"), (device, color_scheme)
    shape = PHONE if device == "phone" else {"viewport": VIEWPORT}
    return {**shape, "color_scheme": color_scheme, "accept_downloads": True}


@contextmanager
def opened_contexts(chromium: Browser, request: pytest.FixtureRequest, base_url: str | None) -> Iterator[OpenPage]:
    """`opened()`: a page in a context of its own (its own cookies: one person each); a failed test leaves a
    screenshot of where each page stopped."""
    contexts: list[BrowserContext] = []

    def opened(device: str = "desktop", color_scheme: str = "light") -> Page:
        options = context_options(device, color_scheme)
        context = chromium.new_context(base_url=base_url, **options)
        contexts.append(context)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        return context.new_page()

    try:
        yield opened
    finally:
        report = getattr(request.node, "rep_call", None)
        for number, context in enumerate(contexts, start=1):
            if report is not None and report.failed:
                folder = folder_for(request.node.name)
                folder.mkdir(parents=True, exist_ok=True)
                for page in context.pages:
                    page.screenshot(path=str(folder / f"failed-{number}.png"), full_page=True)
            context.close()


@pytest.fixture
def new_page(chromium: Browser, organisations: Organisations, request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    """`new_page()`: a page of the portal in a context of its own; `new_page("phone")` on a phone,
    `new_page(color_scheme="dark")` with the system's dark colours."""
    with opened_contexts(chromium, request, organisations.url) as opened:
        yield opened


@pytest.fixture
def bare_page(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    """`bare_page()`: a blank page, no network behind it, for a test that sets its own content (a checker's test)."""
    with opened_contexts(chromium, request, None) as opened:
        yield opened


@pytest.fixture
def page(new_page: OpenPage) -> Page:
    return new_page()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Screenshots:
    saved.append(Screenshots(folder_for(request.node.name)))
    return saved[-1]


@pytest.fixture(scope="session")
def pl() -> Texts:
    return Texts("pl")


@pytest.fixture(scope="session")
def en() -> Texts:
    return Texts("en")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if any(screenshots.taken for screenshots in saved):
        terminalreporter.write_line(f"browser tests' screenshots: {SCREENSHOTS}")
