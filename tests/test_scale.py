"""Pages stay small as the corpus grows: long listings are cut and say so, long indexes
are split into pages, and no page passes 200 KB of HTML."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, run_build

from mkdocs_briefs.settings import Limits

LIMIT = 200_000
BRIEFS, ACTORS = 30, 12
"""240 recommendations among 12 actors: every actor's page has more to list than its caps allow, so the
largest pages (an actor's, 145 KB, and a 100-row page of the recommendations table, 150 KB) are as large as
with 110 briefs and 110 actors (157 KB), at a quarter of the build."""
BRIEFS_PAGE, TABLE_PAGE = 20, 10
"""The briefs and actors indexes split at 20 and 10 (a site's `limits`), so that 30 briefs and 12 actors
make two pages of each; the recommendations table keeps its default of 100 rows a page."""


@pytest.mark.slow
def test_a_larger_corpus_gives_small_pages(tmp_path):
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(BRIEFS), str(tmp_path / "gen"),
                    "--actors", str(ACTORS)], check=True, capture_output=True)
    config = tmp_path / "gen" / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - briefs:\n      sources: briefs\n" in text
    config.write_text(text.replace("  - briefs:\n      sources: briefs\n", "  - briefs:\n      sources: briefs\n"
                                   f"      limits:\n        briefs_page_size: {BRIEFS_PAGE}\n"
                                   f"        table_page_size: {TABLE_PAGE}\n"), "utf-8")
    build = run_build(tmp_path / "gen")
    assert build.returncode == 0, build.output
    sizes = {p.relative_to(build.site).as_posix(): p.stat().st_size for p in build.site.rglob("*.html")}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    # the briefs index continues on a second page
    assert "briefs/page/2/index.html" in sizes and "briefs/page/3/index.html" not in sizes
    first = BeautifulSoup((build.site / "briefs/index.html").read_text("utf-8"), "html.parser")
    assert first.find("a", string="Next page")
    # so does the actors index, and its second page lists the rest
    actors = BeautifulSoup((build.site / "actors/index.html").read_text("utf-8"), "html.parser")
    second = BeautifulSoup((build.site / "actors/page/2/index.html").read_text("utf-8"), "html.parser")
    listed = [len(page.select("article table tbody tr")) for page in (actors, second)]
    assert listed == [TABLE_PAGE, ACTORS - TABLE_PAGE]
    assert re.search(rf"{ACTORS} actors\. Recommendations address or involve (all|\d+) of them\. "
                     rf"This page lists 1 to {TABLE_PAGE}\.", actors.get_text())
    assert second.find("a", string="Previous page")["href"] == "../../"
    # the recommendations table, at its default size: full pages of 100 rows, each under the limit
    table = BeautifulSoup((build.site / "recommendations/index.html").read_text("utf-8"), "html.parser")
    assert len(table.select(".briefs-explorer tbody tr")) == Limits.explorer_page_size
    assert "recommendations/page/2/index.html" in sizes
    # an actor addressed by many recommendations lists the newest and counts the rest
    cut = [p for p in sizes if p.startswith("actors/") and "The newest 25 of" in (build.site / p).read_text("utf-8")]
    assert cut, "no actor page has a cut listing"
