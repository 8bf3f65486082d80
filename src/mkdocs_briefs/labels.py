"""Labels in the site's language: one catalogue per language, chosen by `theme.language`.

The catalogues are `locales/<language>.yml`, a mapping of keys to texts; a text with
counted forms is a mapping of CLDR plural categories (`one`, `other`...) to texts. A
language without a catalogue falls back to English, key by key; a site overrides any key
in its `mkdocs.yml` (`plugins: - briefs: labels: {...}`). Dates, numbers and lists are
written by Babel in the site's locale.

    t("rec.addressed_to")                      'Addressed to'
    t("count.brief", 3)                        '3 briefs' ({n} is the number, written in the locale)
    t("brief.part_of", series="[X](series:x)") 'Part of [X](series:x)'

Pages are written while a `Labels` is in use (`with using(labels): ...`); outside, English.
Values are put into texts as they are: escape editors' text before (markup.escape).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import string
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from importlib import resources

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

Message = str | dict[str, str]

LANGUAGES = ("en", "ko", "ja")
"""The languages whose catalogues ship complete."""
SCRIPT_PREFIXES = ("js.", "horizon.")
"""Keys the page's scripts (explorer, previews) read from the page (assets/labels.js)."""


@functools.cache
def catalogue(language: str) -> dict[str, Message]:
    """The shipped catalogue of a language (one of LANGUAGES)."""
    text = resources.files(__package__).joinpath(f"locales/{language}.yml").read_text("utf-8")
    return yaml.safe_load(text)


def _shipped(language: str) -> str | None:
    """The shipped catalogue for a theme language ('ko', 'pt-BR'...), if any."""
    for code in (language, language.replace("_", "-").split("-")[0]):
        if code in LANGUAGES:
            return code
    return None


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def fields(text: str) -> set[str]:
    """The names of the values a text takes ('{n} of {total}' -> {'n', 'total'})."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def texts(message: Message) -> list[str]:
    """The text, or each counted form of it."""
    return list(message.values()) if isinstance(message, dict) else [message]


class Labels:
    """The labels of one site: its language's catalogue over English, and its overrides."""

    def __init__(self, language: str = "en", overrides: Mapping[str, Message] | None = None) -> None:
        self.language = language
        self.locale = _locale(language)
        self.shipped = _shipped(language)
        """The shipped catalogue used, or None when the language has none (English is used)."""
        self.messages: dict[str, Message] = {**catalogue("en"), **(catalogue(self.shipped) if self.shipped else {}),
                                             **(overrides or {})}
        self._dates: dict[datetime.date, str] = {}
        self._numbers: dict[int, str] = {}
        """Dates and numbers already written: Babel takes tens of microseconds for each, and a site
        writes the same few thousand dates and numbers again and again."""
        self._script: str | None = None

    def __call__(self, key: str, n: int | None = None, /, **values: object) -> str:
        message = self.messages[key]
        if isinstance(message, dict):
            form = self.locale.plural_form(n) if n is not None else "other"
            message = message.get(form) or message["other"]
        if n is not None:
            values.setdefault("n", self.number(n))
        return message.format(**values) if values or n is not None else message

    def number(self, n: int) -> str:
        written = self._numbers.get(n)
        if written is None:
            written = self._numbers[n] = format_decimal(n, locale=self.locale)
        return written

    def date(self, day: datetime.date) -> str:
        written = self._dates.get(day)
        if written is None:
            pattern = self.messages["format.date"]
            assert isinstance(pattern, str)
            written = self._dates[day] = format_date(day, pattern, locale=self.locale)
        return written

    def join(self, items: list[str], *, serial: bool = False) -> str:
        """'a', 'a and b', 'a, b and c' (in English with `serial`: 'a, b, and c')."""
        if len(items) <= 2:
            return self("list.and").join(items)
        last = self("list.serial_and" if serial else "list.last_and")
        return self("list.comma").join(items[:-1]) + last + items[-1]

    def for_scripts(self) -> dict[str, Message]:
        """The labels the page's scripts read, by key."""
        return {k: v for k, v in self.messages.items() if k.startswith(SCRIPT_PREFIXES)}

    def script_element(self) -> str:
        """The <script type="application/json" id="briefs-labels"> that assets/labels.js reads.
        `<`, `>` and `&` are escaped in the JSON, so no label can end the element. (Written once:
        every page has it.)"""
        if self._script is None:
            self._script = self._script_element()
        return self._script

    def _script_element(self) -> str:
        data = json.dumps(self.for_scripts(), ensure_ascii=False, sort_keys=True)
        data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="application/json" id="briefs-labels">{data}</script>'



def check_overrides(overrides: Mapping[str, object]) -> list[str]:
    """What is wrong with a site's `labels` overrides, each as a sentence (empty when nothing)."""
    english = catalogue("en")
    problems = []
    for key, value in overrides.items():
        if key not in english:
            problems.append(f"'{key}' is not a label: see the reference's list of labels")
            continue
        wanted = set().union(*(fields(t) for t in texts(english[key])))
        given = value if isinstance(value, dict) else {"other": value}
        if not all(isinstance(t, str) for t in given.values()) or "other" not in given:
            problems.append(f"'{key}' should be a text, or a mapping of 'one', 'other'... to texts")
            continue
        for text in given.values():
            unknown = fields(str(text)) - wanted - {"n"}
            if unknown:
                problems.append(f"'{key}': {{{sorted(unknown)[0]}}} is not a value of this label "
                                f"(it has {', '.join('{' + f + '}' for f in sorted(wanted)) or 'none'})")
    return problems


ENGLISH = Labels()
_CURRENT: ContextVar[Labels] = ContextVar("briefs_labels", default=ENGLISH)


@contextlib.contextmanager
def using(labels: Labels) -> Iterator[Labels]:
    """Write pages in `labels`' language inside the `with` block."""
    token = _CURRENT.set(labels)
    try:
        yield labels
    finally:
        _CURRENT.reset(token)


def current() -> Labels:
    return _CURRENT.get()


def t(key: str, n: int | None = None, /, **values: object) -> str:
    """The label `key` in the language in use, with `values` (and the count `n`) put in."""
    return _CURRENT.get()(key, n, **values)


def date(day: datetime.date) -> str:
    return _CURRENT.get().date(day)


def number(n: int) -> str:
    return _CURRENT.get().number(n)


def join(items: list[str], *, serial: bool = False) -> str:
    return _CURRENT.get().join(items, serial=serial)
