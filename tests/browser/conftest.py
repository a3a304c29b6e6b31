"""The browser suite: one network of service processes and one headless Chromium (Debian's, driven by Playwright)
for the session, a fresh browser context per test, screenshots under var/test-artifacts/screenshots/<test>/."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import eventlet
import greenlet
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from playwright.sync_api._context_manager import PlaywrightContextManager

from tests.browser.network import Organisations, register_organisations, running_network
from tests.browser.portal import SCREENSHOTS, Screenshots, Texts, folder_for
from tests.fixtures.broker import VhostAdmin
from tests.fixtures.process_network import ProcessNetwork

CHROMIUM = os.environ.get("LOWE_TEST_CHROMIUM", "/usr/bin/chromium")  # Debian's package, from `make tools`
STEP_TIMEOUT_MS = 10_000  # a click, a fill or an expectation; a page of this portal answers in well under a second
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
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
def chromium() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: `make tools` installs Debian's chromium and chromium-driver")
    manager = sync_playwright()
    playwright = manager.start()
    try:
        # root runs the tests here, and Chromium's sandbox refuses root
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()
    finally:
        stop_under_eventlet(manager)


def stop_under_eventlet(manager: PlaywrightContextManager) -> None:
    """`playwright.stop()` in a process eventlet has patched (tests/conftest.py). Playwright's loop runs in a greenlet
    of its own, and its reads of the driver's pipe wait in eventlet's hub, which makes the hub that greenlet's parent;
    when the loop ends, the hub gets control, not the test waiting in `stop()`, which would wait for ever. Once the
    loop's greenlet is done, the hub switches back to the test."""
    test = greenlet.getcurrent()
    loop_greenlet = manager._dispatcher_fiber

    def resume_the_test() -> None:
        while not loop_greenlet.dead:
            eventlet.sleep(0.01)
        test.switch()

    resumer = eventlet.spawn(resume_the_test)
    try:
        manager.__exit__()
    finally:
        resumer.kill()  # when the loop had ended before: it must never switch to the test later


@pytest.fixture
def new_page(
    chromium: Browser, organisations: Organisations, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Page]]:
    """`new_page()`: a page in a context of its own (its own cookies: one person each); a failed test leaves a
    screenshot of where each page stopped."""
    contexts: list[BrowserContext] = []

    def opened() -> Page:
        contexts.append(chromium.new_context(base_url=organisations.url, viewport=VIEWPORT, accept_downloads=True))
        contexts[-1].set_default_timeout(STEP_TIMEOUT_MS)
        return contexts[-1].new_page()

    yield opened
    report = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts, start=1):
        if report is not None and report.failed:
            folder = folder_for(request.node.name)
            folder.mkdir(parents=True, exist_ok=True)
            for page in context.pages:
                page.screenshot(path=str(folder / f"failed-{number}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
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
