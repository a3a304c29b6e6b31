"""What the browser tests share: the portal's own words (read from its catalogues, so a test names a button the way
the page does in either language), signing in, screenshots, and the text a person can see on a page."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, expect

from lowe_gateway.portal.i18n import read_catalogue
from tests.fixtures.process_network import REPO
from tests.integration.portal_helpers import TEST_PASSWORD

SCREENSHOTS = REPO / "var" / "test-artifacts" / "screenshots"
SEPARATOR = " · "  # the layout joins a page's title and the site's name, the organisation and the role, with it

# every text node a person sees (options of a closed list too), the page's title, and the texts of attributes a
# person or a screen reader meets (placeholders, labels, titles, button values)
VISIBLE_TEXTS = """() => {
  const shown = (el) => el.tagName === 'OPTION' || (el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden');
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName) && shown(parent)) {
      texts.push(node.textContent);
    }
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], input[value]')) {
    for (const name of ['placeholder', 'aria-label', 'title']) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
    if (['submit', 'button', 'reset'].includes(el.type)) texts.push(el.value);
  }
  return texts.map((text) => text.replace(/\\s+/g, ' ').trim()).filter((text) => text);
}"""


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


@dataclass(frozen=True)
class Untranslated:
    """Texts that give a page away as untranslated: in Polish, an English msgid whose Polish differs; in English, a
    Polish msgstr that differs from its msgid. Words both languages spell alike never count, nor do user data
    (names, titles), since only texts equal to a catalogue entry are looked at."""

    english_only: frozenset[str]
    polish_only: frozenset[str]

    @classmethod
    def from_catalogues(cls) -> Untranslated:
        polish, english = catalogue("pl"), catalogue("en")
        translated = {msgid: msgstr for msgid, msgstr in polish.items() if msgstr and msgstr != msgid}
        english_words = set(english) | {msgstr for msgstr in english.values() if msgstr}
        return cls(
            frozenset(set(translated) - set(translated.values())),
            frozenset(set(translated.values()) - english_words),
        )

    def found(self, language: str, texts: list[str]) -> list[str]:
        wrong = self.english_only if language == "pl" else self.polish_only
        pieces = {piece.strip() for text in texts for piece in [text, *text.split(SEPARATOR)]}
        return sorted(piece for piece in pieces if piece in wrong)


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
