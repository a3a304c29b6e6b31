"""Sufficient contrast: on every page of each role's walk (tests/browser/portal.py `walk`), on a desktop's screen in
the system's light colours and on a phone's in the dark ones (Pico follows the system: both palettes are the
portal's), each visible text is 4.5:1 against its background (3:1 when large), each form control's text,
placeholder and edge stand out, and each element the keyboard reaches shows a focus ring of 2 px and 3:1.

The checkers' own tests give them pages with bad colours and show they are reported, and good ones that are not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

from tests.browser.accessibility import contrast_problems, focus_problems, named
from tests.browser.network import Organisations, SampleData
from tests.browser.portal import OpenPage, Screenshots, Texts, kind_of, nav_links, sign_in, walk

pytestmark = pytest.mark.browser

ROLES = ("partner", "centre", "operator")
SCREENS = {"desktop": "light", "phone": "dark"}  # the screen: the system's colours asked for on it
# a careless restyling: a pale heading, pale field edges, a pale focus ring (Pico's own, the portal's switched off)
PALE = """
:root:not([data-theme]) { --pico-h1-color: #c8ccd4; --pico-form-element-border-color: #e4e7ec;
  --pico-primary-focus: rgba(2, 154, 232, 0.3); }
:focus-visible { outline: none; }
"""


def test_the_contrast_checker_reports_pale_text_and_controls_and_blends_what_is_behind_them(
    bare_page: OpenPage,
) -> None:
    page = bare_page()
    page.set_content(
        """<!DOCTYPE html><html lang="en"><head><style>
        body { background: #fff; color: #000; font: 16px/1.5 sans-serif; }
        input, button { border: 1px solid #000; background: #fff; color: #000; font: inherit; }
        #pale-hint::placeholder { color: #bbb; } #dark-hint::placeholder { color: #555; }
        </style></head><body>
        <p id="black">Black on white</p>
        <p id="grey" style="color: #999">Grey on white</p>
        <p id="large-grey" style="color: #888; font-size: 24px">Large grey: 3.5:1 will do</p>
        <p id="bold-grey" style="color: #888; font-size: 19px; font-weight: bold">Bold grey, large enough</p>
        <p id="small-grey" style="color: #888">The same grey, small</p>
        <div style="background: rgba(0, 0, 0, 0.7)">
          <p id="white-on-veil" style="color: #fff">White on a dark veil over white</p>
          <p id="black-on-veil" style="color: #000">Black on a dark veil over white</p>
        </div>
        <p id="faded" style="opacity: 0.4">Black, faded</p>
        <p id="hidden-aside" style="position: absolute; width: 1px; height: 1px; overflow: hidden; color: #eee">
          <span>For screen readers only</span></p>
        <button id="disabled" disabled style="color: #ccc">Disabled</button>
        <input id="pale-hint" placeholder="A pale hint"> <input id="dark-hint" placeholder="A dark hint">
        <input id="pale-typed" value="pale text" style="color: #aaa">
        <input id="pale-edge" value="an edge you can hardly see" style="border-color: #ddd">
        <button id="blue" style="background: #0172ad; color: #fff; border: 0">White on blue</button>
        <button id="text-only" style="background: transparent; color: #000; border: 0">Told by its text</button>
        <input id="edgeless" style="border: 0; background: transparent" value="a field with nothing around it">
        </body></html>"""
    )

    problems = contrast_problems(page)

    assert named(problems) == {
        "grey",
        "small-grey",
        "black-on-veil",
        "faded",
        "pale-hint",
        "pale-typed",
        "pale-edge",
        "edgeless",
    }, "\n".join(problems)
    assert any("p#grey" in p and "#999999 on #ffffff is 2.85:1, needs 4.5:1" in p for p in problems), problems
    assert any("p#black-on-veil" in p and "on #4d4d4d is 2.4" in p for p in problems), problems  # 0.7 black on white
    assert any("p#faded" in p and "#999999 on #ffffff" in p for p in problems), problems  # 40 % black on white


def test_the_focus_checker_reports_a_missing_pale_thin_or_unchanged_ring(bare_page: OpenPage) -> None:
    page = bare_page()
    page.set_content(
        """<!DOCTYPE html><html lang="en"><head><style>
        body { background: #fff; color: #000; font: 16px/1.5 sans-serif; }
        :focus-visible { outline: none; }
        #pale:focus-visible { outline: 2px solid #ddd; }
        #thin:focus-visible { outline: 1px solid #000; }
        #offset:focus-visible { outline: 3px solid #0172ad; outline-offset: 2px; }
        #shadow:focus-visible { box-shadow: 0 0 0 3px #000; }
        #translucent:focus-visible { box-shadow: 0 0 0 2px rgba(2, 154, 232, 0.5); }
        #unchanged, #unchanged:focus-visible { outline: 3px solid #000; }
        </style></head><body>
        <button id="none">No ring</button> <button id="pale">Pale ring</button> <button id="thin">Thin ring</button>
        <button id="offset">Blue ring, offset</button> <a id="shadow" href="#x">Black shadow ring</a>
        <button id="translucent">Pico's own ring</button> <button id="unchanged">Outlined anyway</button>
        <button id="disabled" disabled>Disabled</button>
        </body></html>"""
    )

    problems = focus_problems(page)

    assert named(problems) == {"none", "pale", "thin", "translucent", "unchanged"}, "\n".join(problems)
    assert any("#translucent" in p and "1.7" in p for p in problems), problems  # its blend: #80cdf3 on white


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_role_has_text_controls_and_focus_rings_in_sufficient_contrast(
    new_page: OpenPage,
    organisations: Organisations,
    sample_data: SampleData,
    shots: Screenshots,
    pl: Texts,
    role: str,
    screen: str,
) -> None:
    page = new_page(screen, SCREENS[screen])
    sign_in(page, organisations.account(role), pl)

    def check(path: str) -> list[str]:
        problems = [f"{path}: {problem}" for problem in contrast_problems(page) + focus_problems(page)]
        if problems:
            shots(page, f"{SCREENS[screen]}-{kind_of(path)}")
        return problems

    paths, problems = walk(page, nav_links(page, pl), check)

    assert not problems, f"{len(problems)} problems on the {role}'s {len(paths)} pages:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_pages_before_signing_in_have_sufficient_contrast(new_page: OpenPage, screen: str) -> None:
    page = new_page(screen, SCREENS[screen])

    def check(path: str) -> list[str]:
        return [f"{path}: {problem}" for problem in contrast_problems(page) + focus_problems(page)]

    paths, problems = walk(page, ["/portal/sign-in"], check, depth=1)

    assert "/portal/forgot-password" in paths, paths
    assert not problems, "\n".join(problems)


def test_a_page_the_checkers_pass_fails_them_with_a_pale_palette(
    new_page: OpenPage, organisations: Organisations, pl: Texts
) -> None:
    """The portal's own page, its stylesheet made pale as a careless restyling would: the checkers see it."""
    page: Page = new_page()
    page.goto("/portal/sign-in")
    assert contrast_problems(page) == [] and focus_problems(page) == []

    def paler(route: Route) -> None:
        served = route.fetch()
        route.fulfill(response=served, body=served.text() + PALE)

    page.route("**/portal/static/portal.css", paler)
    page.reload()

    problems = contrast_problems(page)
    rings = focus_problems(page)

    assert any("article.narrow > h1" in problem for problem in problems), problems
    assert any("input#email" in problem and "border" in problem for problem in problems), problems
    assert any(pl("Sign in") in ring and "focus" in ring for ring in rings), rings
