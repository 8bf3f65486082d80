"""Generated listings in hand-written pages: a one-line placeholder becomes Markdown.

A page in `docs/` writes, on a line of its own (not indented, outside code blocks):

    <!-- briefs:latest 5 -->                       the five newest briefs
    <!-- briefs:recommendations actor=rok -->      recommendations, filtered
    <!-- briefs:series future-of-trilateralism --> the briefs of a series
    <!-- briefs:count-by-actor -->                 recommendations addressed to each actor
    <!-- briefs:count-by-mechanism -->             recommendations acting through each mechanism

The filters of `recommendations` are the recommendations explorer's URL parameters
(`actor` is "addressed to"), and the counts link to the explorer filtered the same way
(`recommendations/?actor=rok`). Links are written as annotations (`rec:index?actor=rok`
for the explorer), so the `render` extension resolves them like every other link on the
page. A placeholder that cannot be expanded is left as it is (an HTML comment, so nothing
shows) and reported as a warning with its line. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from .blocks import fenced_lines
from .corpus import Corpus
from .diagnostics import Diagnostics, Pos, did_you_mean
from .labels import t
from .markup import brief_entries, brief_list, count, link, rec_list, table
from .model import HORIZONS, Recommendation

LATEST_DEFAULT = 5
LIMIT_MAX = 1000

FILTERS = ("actor", "involves", "mechanism", "horizon", "brief", "series", "author")
"""The filters of `recommendations`, named as the explorer's URL parameters."""

_FILTER_KIND = {"actor": "actor", "involves": "actor", "mechanism": "mechanism", "brief": "brief",
                "series": "series", "author": "author"}

_START = re.compile(r"^ {0,3}<!--\s*briefs:")
_PLACEHOLDER = re.compile(r"^ {0,3}<!--\s*briefs:(?P<body>.*?)\s*-->\s*$")


def has_placeholder(markdown: str) -> bool:
    """Whether a page has a line that starts a placeholder (well-formed or not)."""
    return any(_START.match(line) for line in markdown.split("\n"))


class _Invalid(Exception):
    """A placeholder that cannot be expanded; the message says why and how to fix it."""


def expand(markdown: str, corpus: Corpus, path: str, first_line: int = 1) -> tuple[str, Diagnostics]:
    """`markdown` with every placeholder replaced by its listing.

    `path` is how warnings name the file, and `first_line` the file's line on which
    `markdown` starts. Links are left as annotations for the `render` extension.
    """
    diags = Diagnostics()
    lines = markdown.split("\n")
    code = fenced_lines(lines) if "``" in markdown or "~~" in markdown else set()  # blocks.py: as Markdown reads fences
    for i, line in enumerate(lines):
        if i in code or not _START.match(line):
            continue
        pos = Pos(path, first_line + i, len(line) - len(line.lstrip()) + 1)
        match = _PLACEHOLDER.match(line)
        if not match:
            diags.warning(pos, "a listing placeholder must be one line ending with '-->', like "
                               "<!-- briefs:latest 5 -->: it shows as text until it is fixed")
            continue
        try:
            lines[i] = "\n" + _listing(corpus, match.group("body")).rstrip("\n") + "\n"
        except _Invalid as problem:
            diags.warning(pos, f"{problem}: the placeholder is left out of the page")
    return "\n".join(lines), diags


def _listing(corpus: Corpus, body: str) -> str:
    name, *args = body.split() or [""]
    if name not in LISTINGS:
        raise _Invalid(f"unknown listing '{name}'{did_you_mean(name, LISTINGS)}; "
                       f"use one of: {', '.join(LISTINGS)}")
    return LISTINGS[name](corpus, args)


def _limit(args: list[str], name: str, default: int | None) -> int | None:
    if not args:
        return default
    if len(args) > 1 or not args[0].isdigit() or not 1 <= int(args[0]) <= LIMIT_MAX:
        raise _Invalid(f"'{name}' takes at most one number from 1 to {LIMIT_MAX}, like <!-- briefs:{name} 5 -->; "
                       f"got '{' '.join(args)}'")
    return int(args[0])


def _id(corpus: Corpus, kind: str, id_: str, what: str) -> str:
    if corpus.lookup(kind, id_) is None:
        raise _Invalid(f"unknown {what} '{id_}'{did_you_mean(id_, corpus.table(kind))}: check the id")
    return id_


def _latest(corpus: Corpus, args: list[str]) -> str:
    shown = list(corpus.briefs.values())[: _limit(args, "latest", LATEST_DEFAULT)]
    if not shown:
        return t("listing.no_briefs") + "\n"
    return brief_entries(corpus, shown)


def _recommendations(corpus: Corpus, args: list[str]) -> str:
    filters: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if key not in FILTERS or not sep or not value:
            hint = did_you_mean(key, FILTERS) if key not in FILTERS else ""
            raise _Invalid(f"'{arg}' is not a filter{hint}; write key=id with key one of: {', '.join(FILTERS)}")
        if key in filters:
            raise _Invalid(f"the filter '{key}' is given twice: give each filter once")
        if key == "horizon":
            if value not in HORIZONS:
                raise _Invalid(f"unknown horizon '{value}'{did_you_mean(value, HORIZONS)}; "
                               f"use one of: {', '.join(HORIZONS)}")
        else:
            _id(corpus, _FILTER_KIND[key], value, _FILTER_KIND[key])
        filters[key] = value
    recs = [r for r in corpus.recommendations.values() if _matches(corpus, r, filters)]
    return rec_list(corpus, recs, t("listing.no_match"))


def _matches(corpus: Corpus, rec: Recommendation, filters: dict[str, str]) -> bool:
    brief = corpus.brief_of(rec)
    tests: dict[str, Callable[[str], bool]] = {
        "actor": lambda v: any(r.id == v for r in rec.addressed_to),
        "involves": lambda v: any(r.id == v for r in rec.involves),
        "mechanism": lambda v: any(r.id == v for r in rec.mechanisms),
        "horizon": lambda v: rec.horizon == v,
        "brief": lambda v: brief.id == v,
        "series": lambda v: brief.series is not None and brief.series.id == v,
        "author": lambda v: any(r.id == v for r in brief.authors),
    }
    return all(tests[key](value) for key, value in filters.items())


def _series(corpus: Corpus, args: list[str]) -> str:
    if len(args) != 1:
        raise _Invalid("'series' takes one series id, like <!-- briefs:series future-of-trilateralism -->")
    return brief_list(corpus.incoming("series", _id(corpus, "series", args[0], "series")))


def _count_by(kind: str, link_field: str, heading: str) -> Callable[[Corpus, list[str]], str]:
    """A table of each `kind` of entity with how many recommendations link to it through `link_field`."""
    def listing(corpus: Corpus, args: list[str]) -> str:
        limit = _limit(args, f"count-by-{kind}", None)
        back = corpus.backlinks[link_field]
        ranked = corpus.ranked(kind, {id_: len(back[id_]) for id_ in corpus.table(kind) if back.get(id_)})
        rows = [
            [link(kind, id_, corpus.name_of(kind, id_)),
             f"[{count(len(back[id_]), 'count.rec')}](rec:index?{urlencode({kind: id_})})"]
            for id_ in ranked[:limit]
        ]
        if not rows:
            return t("listing.no_recs") + "\n"
        noun = t("listing.actor") if kind == "actor" else t("listing.mechanism")
        return table([noun, t(heading)], rows)

    return listing


LISTINGS: dict[str, Callable[[Corpus, list[str]], str]] = {
    "latest": _latest,
    "recommendations": _recommendations,
    "series": _series,
    "count-by-actor": _count_by("actor", "addressed_to", "listing.addressed"),
    "count-by-mechanism": _count_by("mechanism", "mechanisms", "listing.through"),
}
