"""The data exports (data/corpus.json, data/recommendations.csv): nothing the sources say is
missing, the JSON follows its published schema, the CSV has one row per recommendation."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import MKDOCS_YML, Build, Project, built, make_project
from payloads import AWKWARD, FORMULA, SCRIPT, yaml_text
from sitecheck import check_site

from mkdocs_briefs.annotations import find_annotations
from mkdocs_briefs.diagnostics import Diagnostics, Pos
from mkdocs_briefs.export import CSV_COLUMNS, export_schema_text
from mkdocs_briefs.load import load_sources
from mkdocs_briefs.model import (
    Actor,
    Affect,
    Annotation,
    Author,
    Brief,
    Mechanism,
    Recommendation,
    Ref,
    Series,
    Source,
    Sources,
    Update,
)
from mkdocs_briefs.statuses import scale_from
from mkdocs_briefs.tracking import build_tracks

# Every optional field filled, with text that is awkward in Markdown, HTML, JSON and CSV.
FULL_ACTOR = f"""
full-actor:
  name: '{AWKWARD.replace("'", "''")}'
  short: Fully
  kind: organization
  description: "Line one,\\nline two with \\"quotes\\" and {SCRIPT}"
  aliases: [Alias One, 'Alias; two']
  members: [rok, australia]
"""
FULL_MECHANISM = """
full-mechanism:
  name: Every field
  kind: forum
  description: A mechanism with every field.
  part_of: unc
  related: [opcon-transition, unc-rear]
"""
FULL_AUTHOR = """
bea-author:
  name: Bea Author
  affiliation: Example University
  bio: |
    First paragraph of a bio.

    Second paragraph, with a [link-like](text).
  url: https://example.org/bea
"""
FULL_SERIES = """
other-series:
  name: Other Series
  publisher: Other Publisher
  url: https://example.org/other
  description: A second series.
"""
_QUOTED = AWKWARD.replace('"', '\\"')
FULL_BRIEF = f"""---
title: "{_QUOTED}"
short_title: "Short, <i>and</i> \\"quoted\\""
date: 2023-02-03
authors: [bea-author, ann-author]
series: other-series
source:
  publisher: Source, "Publisher"
  title: The Source's Title
  date: 2023-02-03
  url: https://example.org/source?a=1&b=2
summary: >-
  A summary over
  two lines.
recommendations:
  - id: every-field
    title: "Title with, a comma and \\"quotes\\""
    statement: |-
      A statement on two lines;
      the second has <b>tags</b>.
    addressed_to: [full-actor, us-congress]
    involves: [rok]
    mechanisms: [full-mechanism, unc]
    horizon: long-term
---

The [full actor](actor:full-actor) should act on [every field](rec:every-field) through
[the forum](mechanism:full-mechanism), as [the first brief](brief:first-brief#the-argument) says.
Ask [Bea](author:bea-author) or see [the series](series:other-series).

Another paragraph names [the actor](actor:full-actor) again, and `[code](actor:nobody)`.
"""


# Two updates of the full brief's recommendation: one for a single addressee, then one that takes
# it backwards; awkward text in every field.
FULL_UPDATES = {
    "full-start": f"""---
title: "{_QUOTED}"
date: 2023-03-01
sources:
  - title: "{_QUOTED}"
    publisher: Source, "Publisher"
    url: https://example.org/news?a=1&b=2
    date: 2023-02-28
  - title: Second source
    publisher: Other
    url: https://example.org/other
    date: 2023-03-01
affects:
  - rec: every-field
    status: done
    for: [full-actor]
    note: {yaml_text(FORMULA + " " + SCRIPT)}
  - rec: widen-aperture
---

[The full actor](actor:full-actor) did it; see [every field](rec:every-field).
""",
    "full-back": """---
title: A step back
date: 2023-04-02
sources:
  - title: Third source
    publisher: Other
    url: https://example.org/third
    date: 2023-04-02
affects:
  - rec: every-field
    status: reversed
    for: [full-actor]
---
""",
}


def _write_full(project: Project) -> None:
    for id_, text in FULL_UPDATES.items():
        project.write(f"briefs/updates/{id_}.md", text)
    for name, text in [("actors", FULL_ACTOR), ("mechanisms", FULL_MECHANISM), ("authors", FULL_AUTHOR),
                       ("series", FULL_SERIES)]:
        path = project.briefs / f"{name}.yml"
        path.write_text(path.read_text("utf-8") + text, "utf-8")
    project.write("briefs/full-brief.md", FULL_BRIEF)


@pytest.fixture(scope="module")
def full_site(tmp_path_factory) -> Build:
    """The minimal fixture plus an entry of each kind with every field, built with a site_url."""
    project = make_project(tmp_path_factory.mktemp("full"))
    _write_full(project)
    # a site's own name for a status reaches the CSV, where it must not start a formula
    project.write("mkdocs.yml", MKDOCS_YML.replace("  - briefs\n", f"  - briefs:\n      statuses:\n"
                                                   f"        reversed: {yaml_text(FORMULA)}\n")
                  + "site_url: https://example.org/site/\n")
    return built(project.build())


@pytest.fixture(params=["shipped_site", "minimal_site", "full_site"])
def exported(request) -> tuple[Path, Build]:
    """(sources folder, build) of the shipped briefs, the minimal fixture, and one with every field."""
    build = request.getfixturevalue(request.param)
    return build.site.parent / "briefs", build


def _corpus_json(build: Build) -> dict:
    return json.loads((build.site / "data" / "corpus.json").read_text("utf-8"))


# --- rebuilding the sources from corpus.json ---------------------------------------------

NOWHERE = Pos("")


def _refs(ids: list[str]) -> list[Ref]:
    return [Ref(i, NOWHERE) for i in ids]


def _rebuild(data: dict) -> Sources:
    """The sources as load_sources reads them, from corpus.json alone (positions aside)."""
    sources = Sources()
    for a in data["actors"]:
        sources.actors[a["id"]] = Actor(a["id"], a["name"], a["kind"], NOWHERE, short=a["short"],
                                        description=a["description"], aliases=a["aliases"], members=_refs(a["members"]))
    for m in data["mechanisms"]:
        part_of = Ref(m["part_of"], NOWHERE) if m["part_of"] else None
        sources.mechanisms[m["id"]] = Mechanism(m["id"], m["name"], m["kind"], NOWHERE, description=m["description"],
                                                part_of=part_of, related=_refs(m["related"]))
    for a in data["authors"]:
        sources.authors[a["id"]] = Author(a["id"], a["name"], NOWHERE, affiliation=a["affiliation"], bio=a["bio"],
                                          url=a["url"])
    for s in data["series"]:
        sources.series[s["id"]] = Series(s["id"], s["name"], NOWHERE, publisher=s["publisher"], url=s["url"],
                                         description=s["description"])
    recs = {r["id"]: r for r in data["recommendations"]}
    for b in data["briefs"]:
        src = b["source"]
        annotations = []
        # the quoted paragraph of each annotation is not exported: it is the body's, found again here
        found = find_annotations(b["body"], "", b["body_line"], Diagnostics())
        assert [(n.kind, n.target, n.text, n.pos.line, n.pos.col, n.anchor or None) for n in found] == [
            (n["kind"], n["target"], n["text"], n["line"], n["col"], n["anchor"]) for n in b["annotations"]]
        for note, again in zip(b["annotations"], found, strict=True):
            annotations.append(Annotation(note["kind"], note["target"], note["text"], Pos("", note["line"], note["col"]),
                                          note["anchor"] or "", again.passage, again.span))
        assert all(recs[r]["brief"] == b["id"] for r in b["recommendations"])
        sources.briefs[b["id"]] = Brief(
            id=b["id"], title=b["title"], short_title=b["short_title"], date=datetime.date.fromisoformat(b["date"]),
            authors=_refs(b["authors"]),
            series=Ref(b["series"], NOWHERE) if b["series"] else None,
            source=src and Source(src["publisher"], src["title"], datetime.date.fromisoformat(src["date"]), src["url"],
                                  relation=src["relation"],
                                  restated=src["restated"] and datetime.date.fromisoformat(src["restated"])),
            summary=b["summary"], body=b["body"], body_line=b["body_line"], pos=NOWHERE, annotations=annotations,
            draft=b["draft"], page_meta=b["page_meta"],
            recommendations=[
                Recommendation(r["id"], r["brief"], r["title"], r["statement"], _refs(r["addressed_to"]), r["horizon"],
                               NOWHERE, involves=_refs(r["involves"]), mechanisms=_refs(r["mechanisms"]))
                for r in (recs[i] for i in b["recommendations"])
            ],
        )
    assert sum(len(b.recommendations) for b in sources.briefs.values()) == len(data["recommendations"])
    for u in data["updates"]:
        found = find_annotations(u["body"], "", u["body_line"], Diagnostics())
        sources.updates[u["id"]] = Update(
            id=u["id"], title=u["title"], date=datetime.date.fromisoformat(u["date"]), body=u["body"],
            body_line=u["body_line"], pos=NOWHERE,
            sources=[Source(s["publisher"], s["title"], datetime.date.fromisoformat(s["date"]), s["url"])
                     for s in u["sources"]],
            affects=[Affect(Ref(a["rec"], NOWHERE), NOWHERE, status=a["status"], for_=_refs(a["for"]), note=a["note"])
                     for a in u["affects"]],
            annotations=[Annotation(n["kind"], n["target"], n["text"], Pos("", n["line"], n["col"]), n["anchor"] or "",
                                    again.passage, again.span) for n, again in zip(u["annotations"], found, strict=True)])
    return sources


def _values(obj):
    """What an editor wrote, without where: positions dropped (an annotation keeps its line and column)."""
    if isinstance(obj, Ref):
        return obj.id
    if isinstance(obj, Annotation):
        return {**{f.name: _values(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "pos"},
                "line": obj.pos.line, "col": obj.pos.col}
    if dataclasses.is_dataclass(obj):
        return {f.name: _values(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in ("pos", "where")}
    if isinstance(obj, dict):
        return {k: _values(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_values(v) for v in obj]
    return obj


def test_corpus_json_holds_everything_the_sources_say(exported):
    folder, build = exported
    loaded, diags = load_sources(folder, folder.parent)
    assert not diags.errors
    data = _corpus_json(build)
    rebuilt = _rebuild(data)
    for registry in ("actors", "mechanisms", "authors", "series", "briefs", "updates"):
        assert _values(getattr(rebuilt, registry)) == _values(getattr(loaded, registry)), registry
    assert sorted(rebuilt.updates) == sorted(loaded.updates)
    # each recommendation's status is what the exported updates make of it, on the exported scale
    scale = scale_from({level["id"]: {k: level[k] for k in ("label", "meaning", "progress", "setback")}
                        for level in data["statuses"]}, replace_scale=True)
    recs = [r for b in rebuilt.briefs.values() for r in b.recommendations]
    tracks = build_tracks(recs, rebuilt.updates.values(), scale)
    for rec in data["recommendations"]:
        track, status = tracks[rec["id"]], rec["status"]
        now = track.current
        assert (status["status"], status["as_of"], status["update"], status["was"], status["differs"]) == (
            now.status, now.as_of and now.as_of.isoformat(), now.update and now.update.id, now.previous, track.differs)
        assert [(a["actor"], a["status"], a["was"]) for a in status["addressees"]] == [
            (s.actor, s.status, s.previous) for s in track.standings]
        assert status["last_update"] == (track.last_update.id if track.last_update else None)


def test_every_optional_field_reaches_the_export(full_site):
    build = full_site
    data = _corpus_json(build)
    actor = next(a for a in data["actors"] if a["id"] == "full-actor")
    assert actor["name"] == AWKWARD
    assert actor["description"] == f'Line one,\nline two with "quotes" and {SCRIPT}'
    assert actor["aliases"] == ["Alias One", "Alias; two"] and actor["members"] == ["rok", "australia"]
    brief = next(b for b in data["briefs"] if b["id"] == "full-brief")
    assert brief["title"] == AWKWARD and brief["series"] == "other-series"
    assert [(n["kind"], n["target"], n["anchor"]) for n in brief["annotations"]] == [
        ("actor", "full-actor", "actor-full-actor-1"), ("rec", "every-field", "rec-every-field"),
        ("mechanism", "full-mechanism", "mechanism-full-mechanism-1"), ("brief", "first-brief", None),
        ("author", "bea-author", None), ("series", "other-series", None), ("actor", "full-actor", "actor-full-actor-2"),
    ]
    # an anchor names a real element of the brief's page
    page = build.html(brief["page"])
    assert page.find(id="actor-full-actor-2").get_text() == "the actor"
    # updates, newest first, every field as written; the status they make, per addressee
    assert [u["id"] for u in data["updates"][:2]] == ["full-back", "full-start"]
    start = next(u for u in data["updates"] if u["id"] == "full-start")
    assert start["title"] == AWKWARD and start["sources"][0] == {
        "title": AWKWARD, "publisher": 'Source, "Publisher"', "url": "https://example.org/news?a=1&b=2",
        "date": "2023-02-28"}
    assert start["affects"] == [
        {"rec": "every-field", "status": "done", "for": ["full-actor"], "note": FORMULA + " " + SCRIPT},
        {"rec": "widen-aperture", "status": None, "for": [], "note": None}]
    assert [(n["kind"], n["target"]) for n in start["annotations"]] == [("actor", "full-actor"), ("rec", "every-field")]
    rec = next(r for r in data["recommendations"] if r["id"] == "every-field")
    assert rec["status"] == {
        "status": "reversed", "as_of": "2023-04-02", "update": "full-back", "was": "done", "differs": True,
        "addressees": [
            {"actor": "full-actor", "status": "reversed", "as_of": "2023-04-02", "update": "full-back", "was": "done"},
            {"actor": "us-congress", "status": "not-tracked", "as_of": None, "update": None, "was": None}],
        "last_update": "full-back", "last_updated": "2023-04-02"}
    untouched = next(r for r in data["recommendations"] if r["id"] == "hold-hearings")["status"]
    assert (untouched["status"], untouched["last_update"]) == ("not-tracked", None)
    noted = next(r for r in data["recommendations"] if r["id"] == "widen-aperture")["status"]
    assert (noted["status"], noted["last_update"], noted["last_updated"]) == ("not-tracked", "full-start", "2023-03-01")
    assert next(lv for lv in data["statuses"] if lv["id"] == "reversed")["label"] == FORMULA


# --- the schema ------------------------------------------------------------------------


def test_corpus_json_follows_its_published_schema(exported):
    _, build = exported
    schema = json.loads((build.site / "data" / "corpus.schema.json").read_text("utf-8"))
    assert schema == json.loads(export_schema_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = _corpus_json(build)
    assert list(validator.iter_errors(data)) == []
    assert data["version"] == 2
    # the schema is not a blank cheque: a missing field, an unknown one, a wrong type are refused
    broken = json.loads(json.dumps(data))
    del broken["recommendations"][0]["horizon"]
    broken["actors"][0]["nickname"] = "x"
    broken["briefs"][0]["date"] = "1 August 2022"
    broken["recommendations"][0]["status"]["addressees"].append({"actor": "rok", "status": "done", "as_of": None,
                                                                 "update": None, "was": None, "colour": "red"})
    messages = " | ".join(e.message for e in validator.iter_errors(broken))
    assert "'colour' was unexpected" in messages
    assert "'horizon' is a required property" in messages
    assert "'nickname' was unexpected" in messages
    assert "is not a 'date'" in messages


def test_pages_named_in_the_export_exist(flat_site):
    build = flat_site
    data = _corpus_json(build)
    pages = [e["page"] for kind in ("briefs", "recommendations", "actors", "mechanisms", "authors", "series")
             for e in data[kind]]
    assert pages and all(p.endswith(".html") and (build.site / p).is_file() for p in pages), pages
    assert check_site(build.site).problems == []


def test_pages_named_in_the_export_exist_with_directory_urls(shipped_site):
    data = _corpus_json(shipped_site)
    pages = [e["page"] for kind in ("briefs", "recommendations", "actors", "mechanisms", "authors", "series")
             for e in data[kind]]
    assert all(p.endswith("/") and (shipped_site.site / p / "index.html").is_file() for p in pages), pages


# --- the CSV ---------------------------------------------------------------------------


def _csv_rows(build: Build) -> list[dict[str, str]]:
    raw = (build.site / "data" / "recommendations.csv").read_bytes()
    text = raw.decode("utf-8")  # fails on anything but UTF-8
    assert "\r\n" in text  # RFC 4180 line ends
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    return list(reader)


def test_csv_has_one_row_per_recommendation(exported):
    _, build = exported
    data = _corpus_json(build)
    rows = _csv_rows(build)
    assert [r["id"] for r in rows] == [r["id"] for r in data["recommendations"]]
    names = {kind: {e["id"]: e["name"] for e in data[kind]} for kind in ("actors", "mechanisms", "authors", "series")}
    briefs = {b["id"]: b for b in data["briefs"]}
    for row, rec in zip(rows, data["recommendations"], strict=True):
        brief = briefs[rec["brief"]]
        assert row["title"] == rec["title"] and row["statement"] == rec["statement"]
        assert row["addressed_to"].split(";") == rec["addressed_to"]
        assert row["involves"] == ";".join(rec["involves"]) and row["mechanisms"] == ";".join(rec["mechanisms"])
        assert (row["horizon"], row["brief"], row["brief_title"], row["date"]) == (
            rec["horizon"], brief["id"], brief["title"], brief["date"])
        assert row["series"] == (brief["series"] or "") and row["authors"] == ";".join(brief["authors"])
        assert row["url"].endswith(rec["page"])
        # names beside the ids, for a reader of the spreadsheet
        assert row["addressed_to_names"] == "; ".join(names["actors"][a] for a in rec["addressed_to"])
        assert row["involves_names"] == "; ".join(names["actors"][a] for a in rec["involves"])
        assert row["mechanism_names"] == "; ".join(names["mechanisms"][m] for m in rec["mechanisms"])
        assert row["author_names"] == "; ".join(names["authors"][a] for a in brief["authors"])
        assert row["series_name"] == (names["series"][brief["series"]] if brief["series"] else "")
        src = brief["source"] or {}
        assert row["relation"] == src.get("relation", "original")
        assert (row["source_title"], row["source_publisher"], row["source_date"], row["source_url"]) == (
            src.get("title", ""), src.get("publisher", ""), src.get("date", ""), src.get("url", ""))
        status = rec["status"]
        assert (row["status"], row["status_as_of"], row["status_update"], row["last_update"], row["last_updated"]) == (
            status["status"], status["as_of"] or "", status["update"] or "", status["last_update"] or "",
            status["last_updated"] or "")
        assert row["status_by_addressee"] == (
            ";".join(f"{a['actor']}={a['status']}" for a in status["addressees"]) if status["differs"] else "")
        labels = {lv["id"]: lv["label"] for lv in data["statuses"]}
        assert row["status_name"].removeprefix("'") == labels.get(status["status"], "Not tracked")


def test_csv_quotes_awkward_text(full_site):
    row = next(r for r in _csv_rows(full_site) if r["id"] == "every-field")
    assert row["title"] == 'Title with, a comma and "quotes"'
    assert row["statement"] == "A statement on two lines;\nthe second has <b>tags</b>."
    assert row["brief_title"] == AWKWARD
    assert row["addressed_to"] == "full-actor;us-congress" and row["authors"] == "bea-author;ann-author"
    assert row["url"] == "https://example.org/site/recommendations/every-field/"
    assert (row["status"], row["status_by_addressee"]) == ("reversed", "full-actor=reversed;us-congress=not-tracked")
    assert row["status_name"] == "'" + FORMULA  # the site's own name for the status, kept from being a formula


def test_csv_text_cannot_start_a_spreadsheet_formula(project):
    project.replace("briefs/first-brief.md", "title: Widen the aperture", f"title: {yaml_text(FORMULA)}")
    build = project.build()
    assert build.returncode == 0, build.output
    rows = list(csv.DictReader(io.StringIO((build.site / "data" / "recommendations.csv").read_text("utf-8"))))
    title = next(r["title"] for r in rows if r["id"] == "widen-aperture")
    assert title == "'" + FORMULA
