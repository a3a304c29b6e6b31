"""Renders a notification from its templates: `templates/<type>.<lang>.txt` (first line: the subject; after a
blank line: the body) and `templates/<type>.<lang>.html` (autoescaped), with Jinja2. Times in Europe/Warsaw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from lowe_notifications.model.digest import WARSAW, DigestSection
from lowe_notifications.model.preferences import DEFAULT_LANGUAGE, LANGUAGES

KIND_LABELS = {
    "pl": {
        "course": "kurs",
        "training": "szkolenie",
        "workshop": "warsztaty",
        "volunteering": "wolontariat",
        "funding_call": "nabór wniosków",
        "erasmus_mobility": "mobilność Erasmus+",
        "donation": "darowizna",
        "job": "oferta pracy",
        "internship": "staż",
        "expert_talk": "spotkanie z ekspertem",
        "event_invitation": "zaproszenie",
    },
    "en": {
        "course": "course",
        "training": "training",
        "workshop": "workshop",
        "volunteering": "volunteering opportunity",
        "funding_call": "funding call",
        "erasmus_mobility": "Erasmus+ mobility",
        "donation": "donation",
        "job": "job offer",
        "internship": "internship",
        "expert_talk": "expert talk",
        "event_invitation": "event invitation",
    },
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _warsaw(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return ""
    return value.astimezone(WARSAW).strftime("%d.%m.%Y %H:%M")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lowe_notifications", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["warsaw"] = _warsaw
    return env


_ENV = _environment()


def language_of(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def render(notification_type: str, language: str | None, data: dict[str, Any], links: dict[str, str]) -> Rendered:
    """`links`: `unsubscribe` (for e-mail) and anything else a template may show; may be empty for the inbox."""
    lang = language_of(language)
    context = {"d": data, "lang": lang, "kind": kind_label(lang, data.get("kind")), "links": links}
    subject, body = _text(notification_type, lang, context)
    html = _ENV.get_template(f"{notification_type}.{lang}.html").render(context, subject=subject.strip())
    return Rendered(subject, body, html)


def _text(notification_type: str, lang: str, context: dict[str, Any]) -> tuple[str, str]:
    text = _ENV.get_template(f"{notification_type}.{lang}.txt").render(context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def subject_of(notification_type: str, language: str | None, data: dict[str, Any]) -> str:
    lang = language_of(language)
    context = {"d": data, "lang": lang, "kind": kind_label(lang, data.get("kind")), "links": {}}
    return _text(notification_type, lang, context)[0]


def render_digest(language: str | None, sections: list[DigestSection], day: str, links: dict[str, str]) -> Rendered:
    """One e-mail for a day's items: a heading per type, then the subject line of each item under it."""
    lang = language_of(language)
    rendered_sections = [
        {"type": section.type, "entries": [subject_of(section.type, lang, item) for item in section.items]}
        for section in sections
    ]
    count = sum(len(section["entries"]) for section in rendered_sections)
    context = {"sections": rendered_sections, "day": day, "count": count, "lang": lang, "links": links}
    subject, body = _text("daily_digest", lang, context)
    html = _ENV.get_template(f"daily_digest.{lang}.html").render(context, subject=subject)
    return Rendered(subject, body, html)


def kind_label(lang: str, kind: Any) -> str:
    if not isinstance(kind, str):
        return ""
    return KIND_LABELS[lang].get(kind, kind.replace("_", " "))
