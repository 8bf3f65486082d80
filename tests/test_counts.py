"""Every count the shipped site prints equals what it claims, checked against the sources.

The counts are read from the built HTML (index intros and meta descriptions, index tables,
the matrix and its note, "Open these N in the explorer" links), and the truth is worked out
here from the sources as loaded, without the plugin's corpus.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import REPO

from mkdocs_briefs.load import load_sources


@pytest.fixture(scope="module")
def sources():
    loaded, diags = load_sources(REPO / "briefs", REPO)
    assert not diags.errors
    return loaded


def _recs(sources):
    return [r for b in sources.briefs.values() for r in b.recommendations]


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def _intro(page) -> str:
    return page.select_one("article h1").find_next("p").get_text(" ", strip=True)


def _description(page) -> str:
    return page.find("meta", attrs={"name": "description"})["content"]


def test_the_actors_index_counts_the_actors_and_those_recommendations_name(shipped_site, sources):
    recs = _recs(sources)
    addressed = Counter(a.id for r in recs for a in r.addressed_to)
    involved = Counter(a.id for r in recs for a in r.involves)
    named = len(set(addressed) | set(involved))
    page = shipped_site.html("actors/")
    expected = f"{len(sources.actors)} actors. Recommendations address or involve {named} of them."
    assert _intro(page) == expected
    assert _description(page).startswith(f"{len(sources.actors)} actors; recommendations address or involve "
                                         f"{named} of them")
    rows = {tr.find("a")["href"].strip("./").split("/")[-1]: [td.get_text() for td in tr.find_all("td")]
            for tr in page.select("article table tbody tr")}
    assert set(rows) == set(sources.actors)
    for id_, cells in rows.items():
        assert cells[2:] == [str(addressed[id_]), str(involved[id_])], id_


def test_the_mechanisms_index_counts_the_mechanisms_and_those_used(shipped_site, sources):
    through = Counter(m.id for r in _recs(sources) for m in r.mechanisms)
    page = shipped_site.html("mechanisms/")
    assert _intro(page) == f"{len(sources.mechanisms)} mechanisms. Recommendations act through {len(through)} of them."
    assert _description(page).startswith(f"{len(sources.mechanisms)} mechanisms; recommendations act through "
                                         f"{len(through)} of them")
    for tr in page.select("article table tbody tr"):
        id_ = tr.find("a")["href"].strip("./").split("/")[-1]
        assert tr.find_all("td")[-1].get_text() == str(through[id_]), id_


def test_the_other_indexes_count_what_they_list(shipped_site, sources):
    recs = _recs(sources)
    assert _intro(shipped_site.html("briefs/")).startswith(f"{len(sources.briefs)} brief")
    assert _intro(shipped_site.html("recommendations/")).startswith(f"{len(recs)} recommendation")
    assert _description(shipped_site.html("recommendations/")).startswith(
        f"{len(recs)} recommendations from {len(sources.briefs)} brief")
    assert _intro(shipped_site.html("authors/")).startswith(f"{len(sources.authors)} author")
    assert _intro(shipped_site.html("series/")).startswith(f"{len(sources.series)} series")


def test_every_matrix_cell_and_total_counts_recommendations(shipped_site, sources):
    recs = _recs(sources)
    pairs = Counter((a.id, m.id) for r in recs for a in r.addressed_to for m in r.mechanisms)
    per_actor = Counter(a.id for r in recs for a in r.addressed_to)
    per_mech = Counter(m.id for r in recs if r.addressed_to for m in r.mechanisms)
    page = shipped_site.html("matrix/")
    table = page.select_one(".briefs-matrix table")
    # rows of actors and columns of mechanisms, or (more mechanisms than actors) the other way round
    columns = [a["href"].strip("./").split("/") for a in table.select("thead th a")]
    across = {kind for kind, _ in columns}
    assert len(across) == 1
    by_mechanism = across == {"actors"}
    columns_ids = [i for _, i in columns]
    per_row, per_column = (per_mech, per_actor) if by_mechanism else (per_actor, per_mech)

    def pair(row: str, column: str) -> int:
        return pairs[column, row] if by_mechanism else pairs[row, column]

    shown_rows = []
    for tr in table.select("tbody tr"):
        cells = [td.get_text(strip=True) for td in tr.find_all("td")]
        link = tr.find("td").find("a")
        if link is None:  # the totals' row
            assert cells[1] == str(len(recs))
            assert cells[2:] == [str(per_column[c]) for c in columns_ids]
            continue
        row = link["href"].strip("./").split("/")[-1]
        shown_rows.append(row)
        assert cells[1] == str(per_row[row]), row
        assert cells[2:] == [str(pair(row, c)) if pair(row, c) else "" for c in columns_ids], row
    note = page.select_one(".briefs-matrix").find_next_sibling("p")
    shown_actors, columns = (columns_ids, shown_rows) if by_mechanism else (shown_rows, columns_ids)
    assert len(shown_actors) == len(per_actor)
    if len(per_mech) > len(columns):  # what is left out is counted and named
        text = note.get_text(" ", strip=True)
        assert f"the {len(columns)} most used of {len(per_mech)} mechanisms" in text
        left_out = set(per_mech) - set(columns)
        for id_ in left_out:
            assert sources.mechanisms[id_].name in text


def test_each_explorer_link_counts_the_recommendations_it_opens(shipped_site, sources):
    recs = _recs(sources)
    checked = 0
    for path in sorted(shipped_site.site.glob("*/*/index.html")):
        page = shipped_site.html(path.relative_to(shipped_site.site).parent.as_posix() + "/")
        for link in page.find_all("a", string=re.compile(r"^Open (it|these [\d,]+) in the recommendations explorer$")):
            query = dict(p.split("=") for p in link["href"].split("?", 1)[1].split("&"))
            (key, value), = query.items()
            field = {"actor": "addressed_to", "involves": "involves", "mechanism": "mechanisms"}[key]
            matching = [r for r in recs if any(ref.id == value for ref in getattr(r, field))]
            shown = _numbers(link.get_text()) or [1]
            assert shown == [len(matching)], (path, link.get_text())
            checked += 1
    assert checked > 20
