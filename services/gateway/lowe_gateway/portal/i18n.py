"""The portal's languages: one gettext catalogue per language (`translations/<lang>/LC_MESSAGES/messages.po`)
compiled in memory at start-up (no build step), one Jinja environment per language with `_()` and Babel's date and
number formats."""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from lowe_gateway.portal.field_messages import field_message_filter

LANGUAGES = ("pl", "en")
DEFAULT_LANGUAGE = "pl"
WARSAW = ZoneInfo("Europe/Warsaw")


def catalogue_path(language: str) -> Any:
    return files("lowe_gateway.portal").joinpath("translations", language, "LC_MESSAGES", "messages.po")


def read_catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po:
        return read_po(po, locale=language)


def translations_for(language: str) -> gettext.GNUTranslations:
    catalog = read_catalogue(language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _date_filter(language: str) -> Any:
    def formatted(value: Any, style: str = "medium") -> str:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(value, datetime):
            return str(format_datetime(value, style, tzinfo=WARSAW, locale=language))
        if isinstance(value, date):
            return str(format_date(value, style, locale=language))
        return ""

    return formatted


def _number_filter(language: str) -> Any:
    def formatted(value: Any) -> str:
        return "" if value is None else str(format_decimal(value, locale=language))

    return formatted


def environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("lowe_gateway.portal", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = translations_for(language)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["field_message"] = field_message_filter(translations.gettext)
    env.filters["format_date"] = _date_filter(language)
    env.filters["format_number"] = _number_filter(language)
    return env


def environments() -> dict[str, Environment]:
    return {language: environment(language) for language in LANGUAGES}


def language_of(value: str | None) -> str | None:
    return value if value in LANGUAGES else None
