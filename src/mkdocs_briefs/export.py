"""The data exports: the corpus as JSON and the recommendations as CSV, for readers to download.

    data/corpus.json            everything the sources say, with a versioned schema
    data/corpus.schema.json     that schema (a copy of schemas/export.schema.json)
    data/recommendations.csv    one row per recommendation, for spreadsheets
    data/recommendations.json   the same rows with the names they refer to: what the
                                recommendations explorer loads (small, unlike corpus.json)

Built from the corpus alone; nothing here knows about MkDocs. Every list keeps the
corpus' order (briefs newest first, recommendations in their brief's order, other entries
by name), so the same sources always give the same bytes. Each entity carries `page`, the
URL of its page relative to the site's root.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable
from importlib import resources

from . import json_text, labels
from .corpus import Corpus
from .kinds import DEFAULT_FOLDERS, Folders
from .labels import t
from .markup import status_label, status_meaning, status_symbol
from .model import HORIZONS, Actor, Annotation, Author, Brief, Mechanism, Recommendation, Series, Update
from .tracking import Standing, Track, status_order

EXPORT_VERSION = 2
"""The `version` of corpus.json and recommendations.json; raised on any change that is not an addition
(2: updates, the status scale and each recommendation's status)."""

CORPUS_JSON = "data/corpus.json"
CORPUS_SCHEMA = "data/corpus.schema.json"
RECOMMENDATIONS_CSV = "data/recommendations.csv"
RECOMMENDATIONS_JSON = "data/recommendations.json"

CSV_COLUMNS = ("id", "title", "statement", "addressed_to", "addressed_to_names", "involves", "involves_names",
               "mechanisms", "mechanism_names", "horizon", "brief", "brief_title", "date", "series", "series_name",
               "authors", "author_names", "relation", "source_title", "source_publisher", "source_date",
               "source_url", "url", "status", "status_name", "status_as_of", "status_update", "status_by_addressee",
               "last_update", "last_updated")
"""The CSV's header row; lists of ids are joined with ';' (an id never contains one), their names
with '; '. `relation` is 'original' for a brief without a source. `status_by_addressee` is
'actor=status' pairs joined with ';', filled only when the addressees stand at different statuses."""


def page_url(kind: str, id_: str | None, directory_urls: bool = True, folders: Folders = DEFAULT_FOLDERS) -> str:
    """URL of a generated page relative to the site's root, as MkDocs will write it."""
    uri = folders.page_uri(kind, id_).removesuffix(".md")
    if not directory_urls:
        return uri + ".html"
    return uri.removesuffix("index") if uri.endswith("/index") else uri + "/"


def export_files(corpus: Corpus, *, directory_urls: bool = True, site_url: str | None = None,
                 reuse: bool = False) -> dict[str, str]:
    """Every export file, by its path in the site. With `reuse` (the plugin while serving), each entry of
    corpus.json that is the same as in the last such run is not indented again (_indented)."""
    url = _urls(directory_urls, corpus.folders)
    data = corpus_data(corpus, directory_urls=directory_urls)
    return {
        CORPUS_JSON: _indented(data) if reuse else _dump(data, indent=1),
        CORPUS_SCHEMA: export_schema_text(),
        RECOMMENDATIONS_CSV: recommendations_csv(corpus, directory_urls=directory_urls, site_url=site_url),
        RECOMMENDATIONS_JSON: _dump(_explorer_data(corpus, url), indent=None),
    }


def export_schema_text() -> str:
    return resources.files(__package__).joinpath("schemas/export.schema.json").read_text("utf-8")


def _dump(data: dict, indent: int | None) -> str:
    if indent is not None:  # json.dumps's text, written faster (json_text.py)
        return json_text.dumps(data, indent) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


_INDENTED: dict[bytes, str] = {}
"""The entries of corpus.json at the last run with `reuse`, indented, by a digest of their compact JSON."""


def _indented(data: dict) -> str:
    """`_dump(data, indent=1)`, the same bytes, with each entry of its lists taken from the last run when its
    compact JSON is the same. Python's json indents in pure Python, ten times slower than it writes compact
    JSON (in C): after a save, most of the 20 MB of corpus.json at 1,000 briefs is the same."""
    if not data:
        return _dump(data, indent=1)
    kept: dict[bytes, str] = {}
    parts = []
    for key, value in data.items():
        if not (isinstance(value, list) and value):
            parts.append(f"{json.dumps(key, ensure_ascii=False)}: {_dump(value, indent=1)[:-1]}".replace("\n", "\n "))
            continue
        entries = []
        for entry in value:
            digest = hashlib.blake2b(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(),
                                     digest_size=20).digest()
            text = kept[digest] = _INDENTED.get(digest) or _dump(entry, indent=1)[:-1].replace("\n", "\n  ")
            entries.append(text)
        parts.append(f"{json.dumps(key, ensure_ascii=False)}: [\n  " + ",\n  ".join(entries) + "\n ]")
    _INDENTED.clear()
    _INDENTED.update(kept)
    return "{\n " + ",\n ".join(parts) + "\n}\n"


_Urls = Callable[[str, str], str]
"""(kind, id) -> the page's URL relative to the site's root."""


def _urls(directory_urls: bool, folders: Folders) -> _Urls:
    return functools.partial(page_url, directory_urls=directory_urls, folders=folders)


def _ids(refs) -> list[str]:
    return [r.id for r in refs]


# --- corpus.json ----------------------------------------------------------------------


def corpus_data(corpus: Corpus, *, directory_urls: bool = True) -> dict:
    """The whole corpus as plain data, in the shape export.schema.json describes."""
    url = _urls(directory_urls, corpus.folders)
    return {
        "version": EXPORT_VERSION,
        "briefs": [_brief(b, url) for b in corpus.briefs.values()],
        "recommendations": [_recommendation(r, url, corpus.tracks[r.id]) for r in corpus.recommendations.values()],
        "actors": [_actor(a, url) for a in corpus.actors.values()],
        "mechanisms": [_mechanism(m, url) for m in corpus.mechanisms.values()],
        "authors": [_author(a, url) for a in corpus.authors.values()],
        "series": [_series(s, url) for s in corpus.series.values()],
        "statuses": _statuses(corpus),
        "updates": [_update(u, url) for u in corpus.updates.values()],
    }


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


# --- recommendations.csv ----------------------------------------------------------------


def _cell(text: str) -> str:
    """Free text as a spreadsheet shows it: a leading = + - @ would start a formula, so it gets a '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def recommendations_csv(corpus: Corpus, *, directory_urls: bool = True, site_url: str | None = None) -> str:
    """One row per recommendation (RFC 4180: quoted where needed, CRLF line ends)."""
    base = (site_url.rstrip("/") + "/") if site_url else ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    def names(kind: str, refs) -> str:
        return _cell("; ".join(corpus.name_of(kind, id_) for id_ in _ids(refs)))

    for r in corpus.recommendations.values():
        brief = corpus.brief_of(r)
        src = brief.source
        writer.writerow([
            r.id, _cell(r.title), _cell(r.statement), ";".join(_ids(r.addressed_to)), names("actor", r.addressed_to),
            ";".join(_ids(r.involves)), names("actor", r.involves), ";".join(_ids(r.mechanisms)),
            names("mechanism", r.mechanisms), r.horizon, brief.id, _cell(brief.title), brief.date.isoformat(),
            brief.series.id if brief.series else "",
            _cell(corpus.name_of("series", brief.series.id)) if brief.series else "",
            ";".join(_ids(brief.authors)), names("author", brief.authors),
            src.relation if src else "original", _cell(src.title) if src else "", _cell(src.publisher) if src else "",
            src.date.isoformat() if src else "", src.url if src else "",
            base + page_url("rec", r.id, directory_urls, corpus.folders),
            *_status_cells(corpus, corpus.tracks[r.id]),
        ])
    return out.getvalue()


def _status_cells(corpus: Corpus, track: Track) -> list[str]:
    """status, status_name, status_as_of, status_update, status_by_addressee, last_update, last_updated."""
    now, last = track.current, track.last_update
    by_addressee = ";".join(f"{s.actor}={s.status}" for s in track.standings) if track.differs else ""
    return [now.status, _cell(status_label(corpus, now.status)), now.as_of.isoformat() if now.as_of else "",
            now.update.id if now.update else "", by_addressee, last.id if last else "",
            last.date.isoformat() if last else ""]


# --- recommendations.json: the explorer's data -----------------------------------------


def _explorer_data(corpus: Corpus, url: _Urls) -> dict:
    def named(kind: str, entities) -> list[dict]:
        return [{"id": e.id, "name": e.name, "page": url(kind, e.id)} for e in entities]

    return {
        "version": EXPORT_VERSION,
        "recommendations": [
            {"id": r.id, "title": r.title, "statement": r.statement, "addressed_to": _ids(r.addressed_to),
             "involves": _ids(r.involves), "mechanisms": _ids(r.mechanisms), "horizon": r.horizon,
             "brief": r.brief_id, "page": url("rec", r.id), **_explorer_status(corpus.tracks[r.id])}
            for r in corpus.recommendations.values()
        ],
        "briefs": [
            {"id": b.id, "title": b.title, "short_title": b.short_title, "date": b.date.isoformat(),
             "series": b.series.id if b.series else None,
             "authors": _ids(b.authors), "page": url("brief", b.id)}
            for b in corpus.briefs.values()
        ],
        "actors": [{**entry, "within": corpus.everyone_in(entry["id"])} if corpus.actors[entry["id"]].members else entry
                   for entry in named("actor", corpus.actors.values())],
        "mechanisms": named("mechanism", corpus.mechanisms.values()),
        "authors": named("author", corpus.authors.values()),
        "series": named("series", corpus.series.values()),
        "horizons": [{"id": h, "name": name} for h, name in HORIZONS.items()],
        "statuses": [{"id": s, "name": status_label(corpus, s), "symbol": status_symbol(corpus, s)}
                     for s in status_order(corpus.scale)],
    }


def _explorer_status(track: Track) -> dict:
    """A row's status with the title of its badge ("Status as of ..."), and the date of its latest
    update (the explorer's "last updated" order)."""
    now, last = track.current, track.last_update
    return {"status": now.status, "status_title": t("status.as_of", date=labels.date(now.as_of)) if now.as_of else None,
            "updated": last.date.isoformat() if last else None}
