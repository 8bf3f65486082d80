"""Nothing an editor wrote is lost: every entity and every field of the sources shows on
the built site, and every annotation is a link with its anchor on its brief's page."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Build, built, run_build

from mkdocs_briefs.load import load_sources
from mkdocs_briefs.model import HORIZONS

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _day(d: datetime.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _text(build: Build, url: str) -> tuple[BeautifulSoup, str]:
    soup = BeautifulSoup((build.site / url / "index.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    article.page_url = f"/{url}/"
    return article, " ".join(article.get_text(" ").split())


def _has(text: str, value: str) -> bool:
    return " ".join(value.split()) in text


def _links(article, folder: str) -> set[str]:
    """Ids of the pages of `folder` that the article links to."""
    paths = [urlsplit(urljoin(article.page_url, a["href"])).path for a in article.find_all("a", href=True)]
    return {p.strip("/").split("/")[1] for p in paths if p.startswith(f"/{folder}/") and p.count("/") == 3}


def assert_nothing_lost(build: Build, briefs_folder: Path) -> None:
    sources, diags = load_sources(briefs_folder, briefs_folder.parent)
    assert not diags.errors
    for actor in sources.actors.values():
        article, text = _text(build, f"actors/{actor.id}")
        for value in (actor.name, actor.short or "", actor.description or "", *actor.aliases):
            assert _has(text, value), (actor.id, value)
        assert _has(text.lower(), actor.kind.replace("-", " "))
        assert {m.id for m in actor.members} <= _links(article, "actors")
    for mech in sources.mechanisms.values():
        article, text = _text(build, f"mechanisms/{mech.id}")
        assert _has(text, mech.name) and _has(text, mech.description or "")
        assert _has(text.lower(), mech.kind.replace("-", " "))
        linked = _links(article, "mechanisms")
        assert {r.id for r in mech.related} <= linked and (mech.part_of is None or mech.part_of.id in linked)
    for author in sources.authors.values():
        article, text = _text(build, f"authors/{author.id}")
        for value in (author.name, author.affiliation or "", author.bio or ""):
            assert _has(text, value), (author.id, value)
        assert author.url is None or article.find("a", href=author.url)
    for series in sources.series.values():
        article, text = _text(build, f"series/{series.id}")
        for value in (series.name, series.publisher or "", series.description or ""):
            assert _has(text, value), (series.id, value)
        assert series.url is None or article.find("a", href=series.url)
    for brief in sources.briefs.values():
        article, text = _text(build, f"briefs/{brief.id}")
        for value in (brief.title, brief.summary, brief.source.title, brief.source.publisher, _day(brief.date),
                      _day(brief.source.date)):
            assert _has(text, value), (brief.id, value)
        assert article.find("a", href=brief.source.url)
        assert {r.id for r in brief.authors} <= _links(article, "authors")
        assert brief.series is None or brief.series.id in _links(article, "series")
        for note in brief.annotations:
            if note.anchor:
                link = article.find("a", id=note.anchor)
                assert link is not None and " ".join(link.get_text().split()) in " ".join(note.text.split()), note
        for rec in brief.recommendations:
            rec_article, rec_text = _text(build, f"recommendations/{rec.id}")
            for value in (rec.title, rec.statement, HORIZONS[rec.horizon], brief.title):
                assert _has(rec_text, value), (rec.id, value)
            assert {r.id for r in (*rec.addressed_to, *rec.involves)} <= _links(rec_article, "actors")
            assert {r.id for r in rec.mechanisms} <= _links(rec_article, "mechanisms")
            assert rec.id in _links(article, "recommendations")


def test_nothing_is_lost_from_the_shipped_briefs(shipped_site):
    assert_nothing_lost(shipped_site, REPO / "briefs")


def test_nothing_is_lost_from_the_test_fixture(minimal_site):
    assert_nothing_lost(minimal_site, minimal_site.site.parent / "briefs")


@pytest.mark.slow  # a generated corpus
def test_nothing_is_lost_from_a_generated_corpus(tmp_path):
    # benchmarks/generate.py is part of the repository: a checkout without it fails here
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "6", str(tmp_path / "gen")],
                   check=True, capture_output=True)
    build = built(run_build(tmp_path / "gen"))
    assert_nothing_lost(build, tmp_path / "gen" / "briefs")
