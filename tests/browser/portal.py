"""What the browser tests share: the portal's own words (read from its catalogues, so a test names a button the way
the page does in either language), signing in, screenshots, the text a person can see on a page and the words in it
left in the other language, and the walk through a role's pages (its navigation and one page of each kind linked)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from playwright.sync_api import Page, expect

from lowe_gateway.portal.i18n import read_catalogue
from tests.fixtures.process_network import REPO
from tests.integration.portal_helpers import TEST_PASSWORD

SCREENSHOTS = REPO / "var" / "test-artifacts" / "screenshots"

# every text node a person sees (options of a closed list too), the page's title, and the texts of attributes a
# person or a screen reader meets (placeholders, labels, titles, button values); not user data, which the templates
# mark translate="no" (names, titles, addresses, what people typed: Polish in an English page too), nor parts marked
# as in another language (lang="en" on the switch to English), nor what a text field holds (a person typed it). A
# datum shown again where no element of its own can mark it (in the page's title, an aria-label, a status message)
# is taken out there too: the texts of the page's translate="no" elements (whole, and each of their own text nodes,
# without the punctuation around it) are taken out of every other, as words. An abbreviation (<abbr title>) is read
# by its expansion: "Tu" for Tuesday is a word of Polish too.
VISIBLE_TEXTS = r"""() => {
  const language = document.documentElement.lang.toLowerCase();
  const nearest = (el, name) => el.closest(`[${name}]`)?.getAttribute(name) ?? null;
  const data = (el) => (nearest(el, 'translate') ?? 'yes').toLowerCase() === 'no';
  const own = (el) => !data(el) && (nearest(el, 'lang') ?? language).toLowerCase().split('-')[0] === language;
  const shown = (el) => el.tagName === 'OPTION' || (el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden');
  const tidy = (text) => text.replace(/\s+/g, ' ').trim();
  const bare = (text) => tidy(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const marked = [...document.querySelectorAll('[translate="no" i]')].map((el) => el.textContent);
  const dataWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = dataWalker.nextNode(); node; node = dataWalker.nextNode()) {
    if (node.parentElement && data(node.parentElement)) marked.push(node.textContent);
  }
  const shownData = [...new Set(marked.map(bare))].filter((text) => text).sort((a, b) => b.length - a.length);
  const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const withoutData = (text) => shownData.reduce((rest, datum) => rest.replace(
    new RegExp(`(?<![\\p{L}\\p{N}])${escaped(datum)}(?![\\p{L}\\p{N}])`, 'gu'), ' '), tidy(text));
  const texts = [withoutData(document.title)];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const skipped = ['SCRIPT', 'STYLE', 'TEMPLATE', 'TEXTAREA'].includes(parent?.tagName)
      || (parent?.tagName === 'ABBR' && parent.hasAttribute('title'));
    if (parent && !skipped && shown(parent) && own(parent)) {
      texts.push(withoutData(node.textContent));
    }
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], input[value]')) {
    if (!own(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title']) {
      if (el.hasAttribute(name)) texts.push(withoutData(el.getAttribute(name)));
    }
    if (['submit', 'button', 'reset'].includes(el.type)) texts.push(el.value);
  }
  return texts.map(tidy).filter((text) => text);
}"""


class OpenPage(Protocol):
    """The `new_page` and `bare_page` fixtures: a page in a browser context of its own, on a desktop's screen or a
    phone's (tests/browser/conftest.py), in the system's light or dark colours."""

    def __call__(self, device: str = "desktop", color_scheme: str = "light") -> Page: ...


def catalogue(language: str) -> dict[str, str]:
    """msgid: msgstr of the language, as the portal merges its catalogue files (plural forms by their singular)."""
    entries = {}
    for message in read_catalogue(language):
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        msgstr = message.string[0] if isinstance(message.string, tuple) else message.string
        if msgid:
            entries[msgid] = msgstr or ""
    return entries


class Texts:
    """`pl("Sign in")`: how the Polish pages say it; a word the catalogue does not have fails the test at once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.entries = catalogue(language)

    def __call__(self, msgid: str) -> str:
        assert msgid in self.entries, f"{msgid!r} is not in the portal's {self.language} catalogue"
        return self.entries[msgid] or msgid


WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")  # letters, joined by a hyphen or apostrophe: e-mail
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]")
QUOTED = re.compile(r"[\u201c\u201e][^\u201c\u201d\u201e]*\u201d")  # in the portal's quotation marks: “…” or „…”


def words(text: str) -> set[str]:
    """The words of a text, in lower case; a catalogue entry's placeholders are no words, nor what the portal quotes
    (it quotes only user data, a subscription's name or keyword: see `quotations`)."""
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", QUOTED.sub(" ", text)))}


def quotations(text: str) -> list[str]:
    """What a text has in the portal's quotation marks."""
    return [quoted[1:-1] for quoted in QUOTED.findall(text)]


@dataclass(frozen=True)
class Untranslated:
    """Words that give a page away as untranslated, wherever they stand in its texts: in Polish, a word of the
    catalogue's English (its msgids) that no Polish translation uses; in English, a word of the Polish translations
    that no English text uses. Words both languages spell alike ("Partner", "Erasmus+", "online") never count; user
    data is not among the texts looked at (see VISIBLE_TEXTS), nor what the portal quotes (see `words`)."""

    english_only: frozenset[str]
    polish_only: frozenset[str]

    @classmethod
    def from_catalogues(cls) -> Untranslated:
        polish, english = catalogue("pl"), catalogue("en")
        polish_words = set().union(*(words(msgstr) for msgstr in polish.values() if msgstr))
        english_words = set().union(*(words(text) for entry in english.items() for text in entry if text))
        return cls(frozenset(english_words - polish_words), frozenset(polish_words - english_words))

    def found(self, language: str, texts: list[str]) -> dict[str, list[str]]:
        """Each text that has words of the other language: those words."""
        wrong = self.english_only if language == "pl" else self.polish_only
        found = {text: sorted(words(text) & wrong) for text in texts}
        return {text: foreign for text, foreign in sorted(found.items()) if foreign}


def visible_texts(page: Page) -> list[str]:
    texts: list[str] = page.evaluate(VISIBLE_TEXTS)
    return texts


def sign_in(page: Page, email: str, texts: Texts, lands_in: Texts | None = None) -> None:
    """Through the sign-in form (in `texts`' language), as a person does; ends on the page the form sends to (home
    by default), in the account's language (`lands_in`, default the same)."""
    if "/portal/sign-in" not in page.url:
        page.goto("/portal/sign-in")
    page.get_by_label(texts("E-mail address")).fill(email)
    page.get_by_label(texts("Password"), exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name=texts("Sign in"), exact=True).click()
    expect(page.get_by_role("button", name=(lands_in or texts)("Sign out"))).to_be_visible()


def nav_links(page: Page, texts: Texts) -> list[str]:
    """The paths the signed-in account's section navigation links to, in its order."""
    nav = page.get_by_role("navigation", name=texts("Sections"))
    hrefs = nav.get_by_role("link").evaluate_all("links => links.map((link) => link.getAttribute('href'))")
    return [str(href) for href in hrefs]


ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# the portal's own page links in the main content; files (a calendar, a CSV) are downloads, not pages
PAGE_LINKS = """links => links
  .filter((link) => !link.hasAttribute('download'))
  .map((link) => link.getAttribute('href'))
  .filter((href) => !/\\.(ics|csv)(\\?|#|$)/.test(href))"""


def kind_of(path: str) -> str:
    """A page's kind: its path without fragment and ids, and the names of its query's fields without their values
    (one event page stands for all of them; the events' calendar, `?view=calendar`, is a kind of its own)."""
    path, _, query = path.split("#")[0].partition("?")
    names = sorted({field.partition("=")[0] for field in query.split("&") if field})
    return ID.sub("<id>", path) + (f"?{'&'.join(names)}" if names else "")


def linked_pages(page: Page) -> list[str]:
    hrefs = page.locator("main a[href^='/portal/']").evaluate_all(PAGE_LINKS)
    return [str(href).split("#")[0] for href in hrefs]


def one_of_each_kind(paths: list[str], known: set[str]) -> list[str]:
    """The first of `paths` of each kind not `known` yet (`known` then has their kinds too)."""
    chosen = []
    for path in paths:
        if kind_of(path) not in known:
            known.add(kind_of(path))
            chosen.append(path)
    return chosen


def opened(page: Page, path: str) -> str | None:
    """The page at `path`; what is wrong when it does not answer 200 (a page not built yet answers 404)."""
    response = page.goto(path)
    status = response.status if response is not None else 0
    return None if status == 200 else f"{path} answers {status}"


def walk(
    page: Page, start: list[str], check: Callable[[str], list[str]], depth: int = 2
) -> tuple[list[str], list[str]]:
    """`start` (a role's navigation), then one page of each kind those link to, and so on `depth` links deep; `check`
    looks at each page that answered 200 (it is open in `page`) and says what is wrong with it. The paths visited,
    and the problems: a page not answering 200 fails the walk by name, as a link to nowhere is a fault of the portal."""
    visited: list[str] = []
    problems: list[str] = []
    known = {kind_of(path) for path in start}
    level = list(start)
    for step in range(depth + 1):
        links: list[str] = []
        for path in level:
            failed = opened(page, path)
            if failed:
                problems.append(failed)
                continue
            visited.append(path)
            problems.extend(check(path))
            if step < depth:
                links.extend(linked_pages(page))
        level = one_of_each_kind(links, known)
    return visited, problems


@dataclass
class Screenshots:
    """Full-page PNGs of a test's key pages, `<nn>-<step>.png` in the test's own folder (emptied first)."""

    folder: Path
    taken: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __call__(self, page: Page, step: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.taken) + 1:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower()).strip('-')}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


def folder_for(test_name: str) -> Path:
    return SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")
