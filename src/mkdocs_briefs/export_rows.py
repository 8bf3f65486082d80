"""The exports with a row per recommendation: `data/recommendations.csv`, for spreadsheets, and
`data/recommendations.json`, what the recommendations explorer loads (export.py writes them with
corpus.json). Each row made from what it shows alone; with a `KeptText` (`mkdocs serve`), a row whose
recommendation and status are those of the last run is that run's text.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable

from . import labels
from .corpus import Corpus
from .kept_text import KeptText
from .kinds import DEFAULT_FOLDERS, Folders
from .labels import t
from .markup import status_label, status_symbol
from .model import HORIZONS, Recommendation
from .tracking import Track, status_order

EXPORT_VERSION = 2
"""The `version` of corpus.json and recommendations.json; raised on any change that is not an addition
(2: updates, the status scale and each recommendation's status)."""

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


Urls = Callable[[str, str], str]
"""(kind, id) -> the page's URL relative to the site's root."""


def urls(directory_urls: bool, folders: Folders) -> Urls:
    return functools.partial(page_url, directory_urls=directory_urls, folders=folders)


def ids(refs) -> list[str]:
    return [r.id for r in refs]


def compact(data: object) -> str:
    """JSON without spaces, as the explorer loads it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- recommendations.csv ----------------------------------------------------------------


_FORMULA = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b]"
                      r"|['\t\r\n\0]")
"""The start of a cell a spreadsheet may read as a formula (OWASP, CSV injection): = + - @ (or their full-width
and small forms, which some convert) after any spaces or invisible characters, which some trim; a tab, line
break or NUL; and a quote, so that taking one leading quote off always gives the text back."""


def _cell(text: str) -> str:
    """Free text as a spreadsheet shows it: a cell that could start a formula gets a ' in front."""
    return "'" + text if _FORMULA.match(text) else text


def recommendations_csv(corpus: Corpus, *, directory_urls: bool = True, site_url: str | None = None,
                        kept: KeptText | None = None) -> str:
    """One row per recommendation (RFC 4180: quoted where needed, CRLF line ends); with `kept`, each row
    of a recommendation and a status that are the last run's is that run's line."""
    base = (site_url.rstrip("/") + "/") if site_url else ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(cells: list[str]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(cells)
        return out.getvalue()

    def names(kind: str, refs) -> str:
        return _cell("; ".join(corpus.name_of(kind, id_) for id_ in ids(refs)))

    def row(r: Recommendation) -> list[str]:
        brief = corpus.brief_of(r)
        src = brief.source
        return [
            r.id, _cell(r.title), _cell(r.statement), ";".join(ids(r.addressed_to)), names("actor", r.addressed_to),
            ";".join(ids(r.involves)), names("actor", r.involves), ";".join(ids(r.mechanisms)),
            names("mechanism", r.mechanisms), r.horizon, brief.id, _cell(brief.title), brief.date.isoformat(),
            brief.series.id if brief.series else "",
            _cell(corpus.name_of("series", brief.series.id)) if brief.series else "",
            ";".join(ids(brief.authors)), names("author", brief.authors),
            src.relation if src else "original", _cell(src.title) if src else "", _cell(src.publisher) if src else "",
            src.date.isoformat() if src else "", src.url if src else "",
            base + page_url("rec", r.id, directory_urls, corpus.folders),
            *_status_cells(corpus, corpus.tracks[r.id]),
        ]

    recs = corpus.recommendations.values()
    if kept is None:
        writer.writerow(CSV_COLUMNS)
        writer.writerows(row(r) for r in recs)
        return out.getvalue()
    return line(list(CSV_COLUMNS)) + "".join(
        kept.text("csv", r, corpus.tracks[r.id], lambda r: line(row(r))) for r in recs)


def _status_cells(corpus: Corpus, track: Track) -> list[str]:
    """status, status_name, status_as_of, status_update, status_by_addressee, last_update, last_updated."""
    now, last = track.current, track.last_update
    by_addressee = ";".join(f"{s.actor}={s.status}" for s in track.standings) if track.differs else ""
    return [now.status, _cell(status_label(corpus, now.status)), now.as_of.isoformat() if now.as_of else "",
            now.update.id if now.update else "", by_addressee, last.id if last else "",
            last.date.isoformat() if last else ""]


# --- recommendations.json: the explorer's data -----------------------------------------


def explorer_json(corpus: Corpus, url: Urls, kept: KeptText | None = None) -> str:
    """recommendations.json: `json.dumps` of explorer_data (no spaces), each of its recommendations and
    briefs the last run's text when `kept` has it."""
    if kept is None:
        return compact(explorer_data(corpus, url)) + "\n"
    tracks = corpus.tracks
    rows = {
        "recommendations": [kept.text("explorer rec", r, tracks[r.id],
                                      lambda r: compact(_explorer_rec(r, url, tracks[r.id])))
                            for r in corpus.recommendations.values()],
        "briefs": [kept.text("explorer brief", b, None, lambda b: compact(_explorer_brief(b, url)))
                   for b in corpus.briefs.values()],
    }
    data = explorer_data(corpus, url, rows=False)
    parts = [compact(key) + ":" + ("[" + ",".join(rows[key]) + "]" if key in rows else compact(value))
             for key, value in data.items()]
    return "{" + ",".join(parts) + "}\n"


def explorer_data(corpus: Corpus, url: Urls, rows: bool = True) -> dict:
    """What the explorer loads; its recommendations and briefs left empty without `rows`."""
    def named(kind: str, entities) -> list[dict]:
        return [{"id": e.id, "name": e.name, "page": url(kind, e.id)} for e in entities]

    return {
        "version": EXPORT_VERSION,
        "recommendations": [_explorer_rec(r, url, corpus.tracks[r.id])
                            for r in corpus.recommendations.values()] if rows else [],
        "briefs": [_explorer_brief(b, url) for b in corpus.briefs.values()] if rows else [],
        "actors": [{**entry, "within": corpus.everyone_in(entry["id"])} if corpus.actors[entry["id"]].members else entry
                   for entry in named("actor", corpus.actors.values())],
        "mechanisms": named("mechanism", corpus.mechanisms.values()),
        "authors": named("author", corpus.authors.values()),
        "series": named("series", corpus.series.values()),
        "horizons": [{"id": h, "name": name} for h, name in HORIZONS.items()],
        "statuses": [{"id": s, "name": status_label(corpus, s), "symbol": status_symbol(corpus, s)}
                     for s in status_order(corpus.scale)],
    }


def _explorer_rec(r: Recommendation, url: Urls, track: Track) -> dict:
    return {"id": r.id, "title": r.title, "statement": r.statement, "addressed_to": ids(r.addressed_to),
            "involves": ids(r.involves), "mechanisms": ids(r.mechanisms), "horizon": r.horizon,
            "brief": r.brief_id, "page": url("rec", r.id), **_explorer_status(track)}


def _explorer_brief(b, url: Urls) -> dict:
    return {"id": b.id, "title": b.title, "short_title": b.short_title, "date": b.date.isoformat(),
            "series": b.series.id if b.series else None, "authors": ids(b.authors), "page": url("brief", b.id)}


def _explorer_status(track: Track) -> dict:
    """A row's status with the title of its badge ("Status as of ..."), and the date of its latest
    update (the explorer's "last updated" order)."""
    now, last = track.current, track.last_update
    return {"status": now.status, "status_title": t("status.as_of", date=labels.date(now.as_of)) if now.as_of else None,
            "updated": last.date.isoformat() if last else None}
