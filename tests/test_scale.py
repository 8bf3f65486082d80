"""Pages stay small as the corpus grows: long listings are cut and say so, long indexes
are split into pages, and no page passes 200 KB of HTML."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, run_build

LIMIT = 200_000


@pytest.mark.slow
def test_a_larger_corpus_gives_small_pages(tmp_path):
    # 110 briefs and 110 actors: more than one page of the briefs index and of the actors index
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "110", str(tmp_path / "gen"),
                    "--actors", "110"], check=True, capture_output=True)
    build = run_build(tmp_path / "gen")
    assert build.returncode == 0, build.output
    sizes = {p.relative_to(build.site).as_posix(): p.stat().st_size for p in build.site.rglob("*.html")}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    # the briefs index continues on a second page
    assert "briefs/page/2/index.html" in sizes
    first = BeautifulSoup((build.site / "briefs/index.html").read_text("utf-8"), "html.parser")
    assert first.find("a", string="Next page")
    # so does the actors index, and its second page lists the rest
    actors = BeautifulSoup((build.site / "actors/index.html").read_text("utf-8"), "html.parser")
    second = BeautifulSoup((build.site / "actors/page/2/index.html").read_text("utf-8"), "html.parser")
    listed = [len(page.select("article table tbody tr")) for page in (actors, second)]
    assert listed == [100, 10]
    assert re.search(r"110 actors\. Recommendations address or involve (all|\d+) of them\. This page lists 1 to 100\.",
                     actors.get_text())
    assert second.find("a", string="Previous page")["href"] == "../../"
    # an actor addressed by many recommendations lists the newest and counts the rest
    cut = [p for p in sizes if p.startswith("actors/") and "The newest 25 of" in (build.site / p).read_text("utf-8")]
    assert cut, "no actor page has a cut listing"
