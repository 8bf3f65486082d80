"""The data exports: the corpus as JSON and the recommendations as CSV, for readers to download.

    data/corpus.json            everything the sources say, with a versioned schema
    data/corpus.schema.json     that schema (a copy of schemas/export.schema.json)
    data/recommendations.csv    one row per recommendation, for spreadsheets (export_rows.py)
    data/recommendations.json   the same rows with the names they refer to: what the
                                recommendations explorer loads (small, unlike corpus.json)

Built from the corpus alone; nothing here knows about MkDocs. Every list keeps the
corpus' order (briefs newest first, recommendations in their brief's order, other entries
by name), so the same sources always give the same bytes. Each entity carries `page`, the
URL of its page relative to the site's root.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

from . import json_text, labels
from .corpus import Corpus
from .export_rows import CSV_COLUMNS as CSV_COLUMNS
from .export_rows import EXPORT_VERSION, explorer_json, recommendations_csv, urls
from .export_rows import Urls as _Urls
from .export_rows import ids as _ids
from .export_rows import page_url as page_url
from .kept_text import KeptText
from .markup import status_label, status_meaning
from .model import Actor, Annotation, Author, Brief, Mechanism, Recommendation, Series, Update
from .tracking import Standing, Track

CORPUS_JSON = "data/corpus.json"
CORPUS_SCHEMA = "data/corpus.schema.json"
RECOMMENDATIONS_CSV = "data/recommendations.csv"
RECOMMENDATIONS_JSON = "data/recommendations.json"

KEPT = KeptText()
"""The exports' entries and rows at the last run with `reuse` (mkdocs serve), for the next one."""


def export_files(corpus: Corpus, *, directory_urls: bool = True, site_url: str | None = None,
                 reuse: bool = False) -> dict[str, str]:
    """Every export file, by its path in the site. With `reuse` (the plugin while serving), each entry of
    corpus.json, row of recommendations.csv and recommendation or brief of recommendations.json that was
    made at the last such run from the same entity, with the same status, is taken from it (KEPT)."""
    url = urls(directory_urls, corpus.folders)
    kept = KEPT.begin(_context(corpus, directory_urls, site_url)) if reuse else None
    whole = _corpus_json(corpus, url, kept) if kept else _dump(corpus_data(corpus, directory_urls=directory_urls), 1)
    return {
        CORPUS_JSON: whole,
        CORPUS_SCHEMA: export_schema_text(),
        RECOMMENDATIONS_CSV: recommendations_csv(corpus, directory_urls=directory_urls, site_url=site_url, kept=kept),
        RECOMMENDATIONS_JSON: explorer_json(corpus, url, kept),
    }


def _context(corpus: Corpus, directory_urls: bool, site_url: str | None) -> tuple:
    """All that an entry or a row may read besides its own entity and its status: the settings, the
    labels, the addresses, and the registries' entries (whose names the rows show)."""
    language = labels.current()
    return (corpus.settings, language.language, language.messages, directory_urls, site_url,
            *(tuple(corpus.table(kind).values()) for kind in ("actor", "mechanism", "author", "series")))


def export_schema_text() -> str:
    return resources.files(__package__).joinpath("schemas/export.schema.json").read_text("utf-8")


def _dump(data: dict, indent: int) -> str:
    """json.dumps's text with an indent, written faster (json_text.py)."""
    return json_text.dumps(data, indent) + "\n"


# --- corpus.json ----------------------------------------------------------------------


def _entry_text(entry: dict) -> str:
    """An entry of one of corpus.json's lists, indented as it is there."""
    return _dump(entry, 1)[:-1].replace("\n", "\n  ")


def _entry_text_of(entry: Callable[[Any], dict], entity: Any) -> str:
    return _entry_text(entry(entity))

_Lists = list[tuple[str, Iterable[Any], Callable[[Any], object], Callable[[Any], dict]]]
"""corpus.json's lists of entities: (key, the entities, what else an entry reads, the entry)."""


def _lists(corpus: Corpus, url: _Urls) -> _Lists:
    none = lambda _: None  # noqa: E731
    return [
        ("briefs", corpus.briefs.values(), none, lambda b: _brief(b, url)),
        ("recommendations", corpus.recommendations.values(), lambda r: corpus.tracks[r.id],
         lambda r: _recommendation(r, url, corpus.tracks[r.id])),
        ("actors", corpus.actors.values(), none, lambda a: _actor(a, url)),
        ("mechanisms", corpus.mechanisms.values(), none, lambda m: _mechanism(m, url)),
        ("authors", corpus.authors.values(), none, lambda a: _author(a, url)),
        ("series", corpus.series.values(), none, lambda s: _series(s, url)),
        ("statuses", (), none, dict),  # filled in by corpus_data: not one entity's
        ("updates", corpus.updates.values(), none, lambda u: _update(u, url)),
    ]


def corpus_data(corpus: Corpus, *, directory_urls: bool = True) -> dict:
    """The whole corpus as plain data, in the shape export.schema.json describes."""
    data: dict[str, object] = {"version": EXPORT_VERSION}
    for key, entities, _, entry in _lists(corpus, urls(directory_urls, corpus.folders)):
        data[key] = _statuses(corpus) if key == "statuses" else [entry(e) for e in entities]
    return data


def _corpus_json(corpus: Corpus, url: _Urls, kept: KeptText) -> str:
    """`_dump(corpus_data(...), 1)`, the same bytes, each entry of its lists the last run's text when `kept` has
    it. (Python's json indents in pure Python, ten times slower than it writes compact JSON; after a save, most
    of the 20 MB of corpus.json at 1,000 briefs is the same.)"""
    parts = [f'"version": {EXPORT_VERSION}']
    for key, entities, also, entry in _lists(corpus, url):
        if key == "statuses":
            entries = [_entry_text(e) for e in _statuses(corpus)]
        else:
            text = functools.partial(_entry_text_of, entry)
            entries = [kept.text(key, e, also(e), text) for e in entities]
        parts.append(f"{json.dumps(key)}: " + ("[\n  " + ",\n  ".join(entries) + "\n ]" if entries else "[]"))
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def _brief(b: Brief, url: _Urls) -> dict:
    return {
        "id": b.id,
        "page": url("brief", b.id),
        "title": b.title,
        "short_title": b.short_title,
        "date": b.date.isoformat(),
        "authors": _ids(b.authors),
        "series": b.series.id if b.series else None,
        "draft": b.draft,
        "page_meta": b.page_meta,
        "source": _source(b),
        "summary": b.summary,
        "recommendations": [r.id for r in b.recommendations],
        "body": b.body,
        "body_line": b.body_line,
        "annotations": _annotations(b.annotations),
    }


def _annotations(annotations: list[Annotation]) -> list[dict]:
    return [{"kind": n.kind, "target": n.target, "text": n.text, "line": n.pos.line, "col": n.pos.col,
             "anchor": n.anchor or None} for n in annotations]


def _source(b: Brief) -> dict | None:
    """What a restated brief restates; None for original work. Its `authors` are the original's,
    and the brief's text is the site's wording, not theirs."""
    src = b.source
    if src is None:
        return None
    return {"relation": src.relation, "authors": _ids(b.authors), "publisher": src.publisher, "title": src.title,
            "date": src.date.isoformat(), "url": src.url,
            "restated": src.restated.isoformat() if src.restated else None}


def _recommendation(r: Recommendation, url: _Urls, track: Track) -> dict:
    return {
        "id": r.id,
        "page": url("rec", r.id),
        "brief": r.brief_id,
        "title": r.title,
        "statement": r.statement,
        "addressed_to": _ids(r.addressed_to),
        "involves": _ids(r.involves),
        "mechanisms": _ids(r.mechanisms),
        "horizon": r.horizon,
        "status": _status(track),
    }


# --- tracking: the scale, the updates and where each recommendation stands ---------------


def _statuses(corpus: Corpus) -> list[dict]:
    """The site's status scale, each level with its label and meaning in the site's words."""
    return [{"id": level.id, "label": status_label(corpus, level.id), "meaning": status_meaning(corpus, level.id),
             "progress": level.progress, "setback": level.setback} for level in corpus.scale.levels]


def _standing(s: Standing) -> dict:
    return {"status": s.status, "as_of": s.as_of.isoformat() if s.as_of else None,
            "update": s.update.id if s.update else None, "was": s.previous}


def _status(track: Track) -> dict:
    """Where a recommendation stands: its one status with the update that set it and its date,
    the status it went back from (`was`), its latest update, and each addressee's standing."""
    last = track.last_update
    return {**_standing(track.current), "differs": track.differs,
            "addressees": [{"actor": s.actor, **_standing(s)} for s in track.standings],
            "last_update": last.id if last else None, "last_updated": last.date.isoformat() if last else None}


def _update(u: Update, url: _Urls) -> dict:
    return {
        "id": u.id,
        "page": url("update", u.id),
        "title": u.title,
        "date": u.date.isoformat(),
        "sources": [{"title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date.isoformat()}
                    for s in u.sources],
        "affects": [{"rec": a.rec.id, "status": a.status, "for": _ids(a.for_), "note": a.note} for a in u.affects],
        "body": u.body,
        "body_line": u.body_line,
        "annotations": _annotations(u.annotations),
    }


def _actor(a: Actor, url: _Urls) -> dict:
    return {"id": a.id, "page": url("actor", a.id), "name": a.name, "short": a.short, "kind": a.kind,
            "description": a.description, "aliases": list(a.aliases), "members": _ids(a.members)}


def _mechanism(m: Mechanism, url: _Urls) -> dict:
    return {"id": m.id, "page": url("mechanism", m.id), "name": m.name, "kind": m.kind,
            "description": m.description, "part_of": m.part_of.id if m.part_of else None,
            "related": _ids(m.related)}


def _author(a: Author, url: _Urls) -> dict:
    return {"id": a.id, "page": url("author", a.id), "name": a.name, "affiliation": a.affiliation,
            "bio": a.bio, "url": a.url}


def _series(s: Series, url: _Urls) -> dict:
    return {"id": s.id, "page": url("series", s.id), "name": s.name, "publisher": s.publisher,
            "url": s.url, "description": s.description}
