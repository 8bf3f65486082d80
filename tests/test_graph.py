"""Grids (the "Connections" of briefs, actors and mechanisms; the map), the matrix and diagrams in a
site's own pages, read from built sites."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, built
from graphsite import HOSTILE, SPREAD, broken_grid_links, grid_cells, grid_links, grids, make_graph_project
from sitecheck import check_site

from mkdocs_briefs.mermaid import add_mermaid_fence, resolve_diagram_links
from mkdocs_briefs.plugin.files import REDIRECTS
from mkdocs_briefs.settings import Limits

# --- links in a site's own diagrams --------------------------------------------------


def test_diagram_links_are_resolved_relative_to_the_page_before_rendering():
    fence = ('<div class="briefs-diagram" data-search-exclude markdown>\n\n```mermaid\nflowchart LR\n'
             '  click n1 href "briefs:actors/rok.md"\n'
             '  click n2 href "briefs:recommendations/index.md?actor=a&mechanism=b"\n'
             '  click n3 href "briefs:#part"\n  click n4 href "briefs:actors/gone.md"\n'
             '  click n5 href "https://example.org/"\n```\n\n</div>\n')
    text = 'click n1 href "briefs:actors/rok.md"\n\n```python\nclick n1 href "briefs:actors/rok.md"\n```\n'
    urls = {"actors/rok.md": "../rok/", "recommendations/index.md": "../../recommendations/"}
    out = resolve_diagram_links(text + fence, urls.get)
    assert out.startswith(text)  # only Mermaid fences are touched, not the text or other code
    assert 'click n5 href "https://example.org/"' in out  # and only the links the plugin wrote
    assert 'click n1 href "../rok/"' in out
    assert 'click n2 href "../../recommendations/?actor=a&mechanism=b"' in out
    assert 'click n3 href "#part"' in out
    assert "n4" not in out and out.endswith("```\n\n</div>\n")


# --- configuration -------------------------------------------------------------------


def test_the_mermaid_fence_is_added_when_the_site_has_none():
    extensions, configs = ["toc"], {}
    add_mermaid_fence(extensions, configs)
    assert extensions == ["toc", "pymdownx.superfences"]
    [fence] = configs["pymdownx.superfences"]["custom_fences"]
    assert fence["name"] == "mermaid" and fence["class"] == "mermaid"


def test_a_sites_own_superfences_config_is_kept():
    def own_format(*args, **kwargs):
        return "<div>own</div>"

    math = {"name": "math", "class": "arithmatex", "format": own_format}
    extensions = ["pymdownx.superfences"]
    configs = {"pymdownx.superfences": {"custom_fences": [math], "preserve_tabs": True}}
    add_mermaid_fence(extensions, configs)
    assert extensions == ["pymdownx.superfences"]
    fences = configs["pymdownx.superfences"]["custom_fences"]
    assert fences[0] is math and [f["name"] for f in fences] == ["math", "mermaid"]
    assert configs["pymdownx.superfences"]["preserve_tabs"] is True

    mermaid = {"name": "mermaid", "class": "mermaid", "format": own_format}
    configs = {"pymdownx.superfences": {"custom_fences": [mermaid]}}
    add_mermaid_fence(extensions, configs)
    assert configs["pymdownx.superfences"]["custom_fences"] == [mermaid]


def test_a_site_with_its_own_mermaid_fence_keeps_it(project):
    project.replace("mkdocs.yml", "validation:", """markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_div_format
validation:""")
    project.write("docs/index.md", '# Home\n\n```mermaid\nflowchart LR\n  a --> b\n  click a href "https://example.org/"\n```\n')
    build = project.build()
    assert build.returncode == 0, build.output
    home = build.html("")
    assert home.select_one("div.mermaid").get_text().startswith("flowchart LR")  # the site's format
    assert 'click a href "https://example.org/"' in home.select_one("div.mermaid").get_text()  # as written


# --- the "Connections" grids ------------------------------------------------------------


def test_actor_mechanism_and_brief_pages_show_who_goes_with_what(minimal_site):
    build = minimal_site
    actor = build.html("actors/rok/")
    assert actor.select_one("#connections") is not None and not actor.select(".mermaid")
    [table] = grids(actor)
    assert grid_links(table) == {
        "Widen the aperture": "../../recommendations/widen-aperture/",
        "Hold hearings": "../../recommendations/hold-hearings/",
        "U.S. Congress": "../us-congress/", "UNC Sending States": "../unc-sending-states/",
        "Wartime OPCON transition": "../../mechanisms/opcon-transition/", "UNC-Rear": "../../mechanisms/unc-rear/",
    }
    cells = grid_cells(table)  # its own column first: its role in each recommendation
    assert cells["Widen the aperture"] == {"Republic of Korea": ("addressed to", ""),
                                           "Wartime OPCON transition": ("through", "")}
    assert cells["Hold hearings"]["Republic of Korea"] == ("involves", "")
    assert cells["Hold hearings"]["U.S. Congress"] == ("addressed to", "")
    own = table.select("thead tr:last-child th")[1]
    assert own.get_text(strip=True) == "Republic of Korea" and own.a is None  # its own column: not a link to itself
    legend = actor.select_one(".briefs-grid-legend").get_text(" ", strip=True)
    assert legend == "● addressed to · ○ involves · ■ through"
    assert table["aria-label"].startswith("The recommendations addressed to Republic of Korea or involving it")

    mech = build.html("mechanisms/opcon-transition/")
    [table] = grids(mech)
    assert set(grid_cells(table)) == {"Widen the aperture"}
    assert "Wartime OPCON transition" not in grid_links(table)  # not a column of its own page

    brief = build.html("briefs/first-brief/")
    [table] = grids(brief)
    assert set(grid_links(table)) == {"Widen the aperture", "Hold hearings", "Republic of Korea", "U.S. Congress",
                                      "UNC Sending States", "Wartime OPCON transition", "UNC-Rear"}
    groups = [th.get_text() for th in table.select('th[scope="colgroup"]')]
    assert groups == ["Actors", "Mechanisms"]
    assert grid_cells(table)["Hold hearings"]["UNC-Rear"] == ("through", "")


def test_grids_are_capped_and_say_so(graph_site):
    page = graph_site.html("actors/rok/")
    [table] = grids(page)
    rows = grid_cells(table)
    recs = SPREAD + 2  # the large brief's, 'Widen the aperture', and 'Hold hearings' (which involves it)
    assert len(rows) == min(Limits.diagram_recommendations, recs)
    columns = [th.get_text(" ", strip=True) for th in table.select("thead tr:last-child th")][1:]
    assert columns[0] == "Republic of Korea"  # its own column first
    actors = 1 + SPREAD + 2  # itself, actor-01..15, U.S. Congress, UNC Sending States
    assert len(columns) == min(Limits.diagram_neighbours, actors) + min(Limits.diagram_neighbours, SPREAD + 2)
    assert page.select_one(".briefs-grid-note") is None  # within the caps, nothing to say


def test_a_hostile_name_is_shown_as_text_and_adds_nothing(graph_site):
    page = graph_site.html("actors/hostile/")
    [table] = grids(page)
    assert table.select("thead tr:last-child th")[1].get_text() == HOSTILE
    assert table["aria-label"].startswith(f"The recommendations addressed to {HOSTILE}")
    assert page.select_one(".briefs-grid-caption").get_text().startswith(f"The recommendations addressed to {HOSTILE}")
    article = page.select_one("article")
    assert article.find("b") is None  # nowhere on the page is the name taken as HTML
    assert page.h1.get_text(strip=True).rstrip("¶") == HOSTILE
    matrix = graph_site.html("matrix/")
    assert matrix.find("a", string=HOSTILE) is not None and matrix.select_one("article b") is None


def test_every_link_in_every_grid_leads_to_a_page(graph_site):
    assert broken_grid_links(graph_site) == []
    assert check_site(graph_site.site).problems == []


@pytest.mark.slow  # the large corpus of graphsite.py, built again
def test_grid_links_follow_use_directory_urls(tmp_path):
    project = make_graph_project(tmp_path)
    project.replace("mkdocs.yml", "plugins:", "use_directory_urls: false\nplugins:")
    build = built(project.build())
    page = BeautifulSoup((build.site / "actors" / "rok.html").read_text("utf-8"), "html.parser")
    assert grid_links(grids(page)[0])["Recommendation number 01"] == "../recommendations/rec-01.html"
    mapped = BeautifulSoup((build.site / "map" / "index.html").read_text("utf-8"), "html.parser")
    cells = grid_cells(grids(mapped)[0])
    assert cells["Mechanism number 01"]["Republic of Korea"] == (
        "1", "../recommendations/index.html?actor=rok&mechanism=mech-01")
    assert broken_grid_links(build) == []


def test_grids_stay_out_of_search_and_no_generated_page_draws_a_diagram(graph_site):
    index = json.loads((graph_site.site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "● addressed to" not in text and "addressed to addressed to" not in text  # legend, marks
    for html in graph_site.site.rglob("*.html"):
        page = html.read_text("utf-8")
        assert "```mermaid" not in page and 'class="mermaid"' not in page, html


def test_mermaid_is_published_but_never_put_on_a_page(graph_site):
    vendored = REPO / "src" / "mkdocs_briefs" / "vendor"
    published = graph_site.site / "assets" / "briefs" / "vendor"
    assert (published / "mermaid.min.js").read_bytes() == (vendored / "mermaid.min.js").read_bytes()
    assert "MIT License" in (published / "mermaid.LICENSE").read_text("utf-8")
    moved = {graph_site.site / path for path in REDIRECTS}  # static redirects: no theme, no script
    for html in set(graph_site.site.rglob("*.html")) - moved:
        scripts = [s.get("src", "") for s in BeautifulSoup(html.read_text("utf-8"), "html.parser").find_all("script")]
        assert not any("mermaid" in s for s in scripts), html
        assert any(s.endswith("assets/briefs/diagrams.js") for s in scripts), html


# --- the map -------------------------------------------------------------------------


def test_the_map_counts_who_acts_through_what_within_its_caps(graph_site):
    page = graph_site.html("map/")
    who, briefs = grids(page)
    columns = [th.get_text(" ", strip=True) for th in who.select("thead tr:last-child th")][1:]
    assert len(columns) == Limits.map_actors and columns[:2] == ["Republic of Korea", "Australia"]  # most addressed
    cells = grid_cells(who)
    assert len(cells) == Limits.map_mechanisms and list(cells)[0] == "Mechanism number 01"  # the most used first
    assert cells["Mechanism number 01"]["Australia"] == ("2", "../recommendations/?actor=australia&mechanism=mech-01")
    addressed = SPREAD + 5  # and rok, us-congress, hostile, australia, unc-sending-states
    notes = [" ".join(n.get_text().split()) for n in page.select(".briefs-grid-note")]
    assert notes[0].startswith(f"To stay legible it shows {Limits.map_actors} of {addressed} actors addressed by "
                               "recommendations")
    assert page.select_one(".briefs-grid-note a")["href"] == "../matrix/"
    assert grid_cells(briefs)["A Large Brief"]["Republic of Korea"] == (
        str(SPREAD), "../recommendations/?brief=large-brief&actor=rok")
    structure = [" ".join(li.get_text().split()) for li in page.select_one("#structure").find_all_next("li")]
    assert "UNC Sending States: Australia" in structure
    assert "United Nations Command: UNC-Rear" in structure


def test_an_empty_corpus_has_a_map_and_a_matrix_that_say_so():
    from mkdocs_briefs.corpus import build_corpus
    from mkdocs_briefs.matrix import matrix_pages
    from mkdocs_briefs.model import Sources
    from mkdocs_briefs.site_map import map_page

    corpus = build_corpus(Sources())
    pages = {p.src_uri: p.markdown for p in [*matrix_pages(corpus), map_page(corpus)]}
    assert "```mermaid" not in pages["map/index.md"]
    assert "No recommendation yet." in pages["map/index.md"] and "No brief yet." in pages["map/index.md"]
    assert "No recommendation yet." in pages["matrix/index.md"]
    assert "No actor has members" in pages["matrix/groups.md"]


# --- the matrix ----------------------------------------------------------------------


def _matrix(build, path: str) -> dict[str, dict[str, tuple[str, str]]]:
    """Actor name -> mechanism name (or "All") -> (number shown, link) of a built matrix page, and
    "Any actor" -> mechanism name -> its total, whichever list the table puts in its rows."""
    table = build.html(path).select_one(".briefs-matrix table")
    heads = table.select("thead th")
    columns = [th.a.get_text(strip=True) if th.a else th.get_text(" ", strip=True) for th in heads]
    rows: dict[str, dict[str, tuple[str, str]]] = {}
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td")
        name = cells[0].find("a").get_text(strip=True) if cells[0].find("a") else cells[0].get_text(strip=True)
        rows[name] = {col: (td.get_text(strip=True), td.a["href"] if td.a else "")
                      for col, td in zip(columns[1:], cells[1:], strict=False) if td.get_text(strip=True)}
    if heads[0].get_text(strip=True) == "Actor":
        return rows
    out: dict[str, dict[str, tuple[str, str]]] = {"Any actor": {}}  # rows of mechanisms: turn it round
    for row, values in rows.items():
        for column, value in values.items():
            if row == "All":
                out.setdefault(column, {})["All"] = value
            elif column == "All":
                out["Any actor"][row] = value
            else:
                out.setdefault(column, {})[row] = value
    return out


def test_the_matrix_counts_recommendations_by_actor_and_mechanism(graph_site):
    rows = _matrix(graph_site, "matrix/")
    assert rows["Republic of Korea"]["All"] == (str(SPREAD + 1), "../recommendations/?actor=rok")
    assert rows["Republic of Korea"]["Mechanism number 03"] == (
        "1", "../recommendations/?actor=rok&mechanism=mech-03")
    assert rows["Australia"]["Mechanism number 01"] == ("2", "../recommendations/?actor=australia&mechanism=mech-01")
    assert rows["UNC Sending States"]["Mechanism number 01"] == (
        "1", "../recommendations/?actor=unc-sending-states&mechanism=mech-01")
    assert "UNC-Rear" not in rows["Republic of Korea"]  # an empty cell shows nothing
    assert rows["Any actor"]["Mechanism number 01"] == ("4", "../recommendations/?mechanism=mech-01")
    assert list(rows)[0] == "Republic of Korea"  # the most addressed first
    page = graph_site.html("matrix/")
    assert page.select_one(".briefs-views strong").get_text() == "Each actor on its own"
    assert page.select_one(".briefs-views a")["href"] == "groups/"


def test_members_roll_up_to_their_group_in_the_second_view(graph_site):
    rows = _matrix(graph_site, "matrix/groups/")
    assert "Australia" not in rows
    cell = rows["UNC Sending States"]["Mechanism number 01"]
    assert cell == ("2", "../../recommendations/?group=unc-sending-states&mechanism=mech-01")
    page = graph_site.html("matrix/groups/")
    group = next(c for c in page.select(".briefs-matrix tr > :is(th, td)") if c.a and c.a.get_text() == "UNC Sending States")
    assert group.get_text(" ", strip=True) == "UNC Sending States and 1 member"
    assert page.select_one(".briefs-views strong").get_text() == "Members counted in their groups"
    assert page.select_one(".briefs-views a")["href"] == "../"
    text = " ".join(page.select_one("article").get_text().split())
    assert ("UNC Sending States: Australia; the recommendations addressed to Australia count here") in text


def test_the_views_switch_is_left_out_when_both_views_are_the_same(shipped_site):
    # the shipped recommendations address no member of a group: the two views are one table
    page = shipped_site.html("matrix/")
    assert page.select_one(".briefs-views") is None
    groups = shipped_site.html("matrix/groups/")
    assert groups.select_one(".briefs-views a")["href"] == "../"
    text = " ".join(groups.select_one("article").get_text().split())
    assert "No recommendation is addressed to a member of a group yet, so this view is the same table" in text
    assert str(groups.select_one(".briefs-matrix table")) == str(page.select_one(".briefs-matrix table")).replace(
        'href="../', 'href="../../')


def test_matrix_and_map_follow_the_lists_and_the_tracker_in_the_navigation(graph_site):
    page = graph_site.html("actors/rok/")
    nav = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary > ul > li > a")]
    assert nav[-5:] == ["Series", "Updates", "Tracker", "Who acts through what", "Map"]
