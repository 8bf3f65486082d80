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
    Annotation,
    Author,
    Brief,
    Mechanism,
    Recommendation,
    Ref,
    Series,
    Source,
    Sources,
)

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


def _write_full(project: Project) -> None:
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
    project.write("mkdocs.yml", MKDOCS_YML + "site_url: https://example.org/site/\n")
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
    rebuilt = _rebuild(_corpus_json(build))
    for registry in ("actors", "mechanisms", "authors", "series", "briefs"):
        assert _values(getattr(rebuilt, registry)) == _values(getattr(loaded, registry)), registry


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


# --- the schema ------------------------------------------------------------------------


def test_corpus_json_follows_its_published_schema(exported):
    _, build = exported
    schema = json.loads((build.site / "data" / "corpus.schema.json").read_text("utf-8"))
    assert schema == json.loads(export_schema_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = _corpus_json(build)
    assert list(validator.iter_errors(data)) == []
    assert data["version"] == 1
    # the schema is not a blank cheque: a missing field, an unknown one, a wrong type are refused
    broken = json.loads(json.dumps(data))
    del broken["recommendations"][0]["horizon"]
    broken["actors"][0]["nickname"] = "x"
    broken["briefs"][0]["date"] = "1 August 2022"
    messages = " | ".join(e.message for e in validator.iter_errors(broken))
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


def test_csv_quotes_awkward_text(full_site):
    row = next(r for r in _csv_rows(full_site) if r["id"] == "every-field")
    assert row["title"] == 'Title with, a comma and "quotes"'
    assert row["statement"] == "A statement on two lines;\nthe second has <b>tags</b>."
    assert row["brief_title"] == AWKWARD
    assert row["addressed_to"] == "full-actor;us-congress" and row["authors"] == "bea-author;ann-author"
    assert row["url"] == "https://example.org/site/recommendations/every-field/"


def test_csv_text_cannot_start_a_spreadsheet_formula(project):
    project.replace("briefs/first-brief.md", "title: Widen the aperture", f"title: {yaml_text(FORMULA)}")
    build = project.build()
    assert build.returncode == 0, build.output
    rows = list(csv.DictReader(io.StringIO((build.site / "data" / "recommendations.csv").read_text("utf-8"))))
    title = next(r["title"] for r in rows if r["id"] == "widen-aperture")
    assert title == "'" + FORMULA
