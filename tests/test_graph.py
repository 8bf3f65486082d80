"""Diagrams, the map and the matrix, read from built sites (and the escaping, on its own)."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, built
from graphsite import (
    HOSTILE,
    SPREAD,
    broken_diagram_links,
    decode,
    diagram_labels,
    diagram_links,
    diagram_sources,
    make_graph_project,
)
from hypothesis import given
from hypothesis import strategies as st
from payloads import JS_URL
from sitecheck import check_site

from mkdocs_briefs.mermaid import Flowchart, add_mermaid_fence, mermaid_text, resolve_diagram_links
from mkdocs_briefs.plugin.files import REDIRECTS
from mkdocs_briefs.settings import Limits

# --- escaping ------------------------------------------------------------------------


def test_a_hostile_label_becomes_inert_entity_codes():
    text = mermaid_text(HOSTILE)
    assert re.fullmatch(r"[A-Za-z0-9 #;]*", text)
    assert '"' not in text and "%%" not in text and "<" not in text and ":" not in text
    assert text.startswith("A#34;#93;#59; click X #34;javascript#58;alert#40;1#41;#34; #37;#37; #60;b#62;")
    assert decode(text) == HOSTILE


@given(st.text())
def test_any_text_shows_as_itself(text):
    escaped = mermaid_text(text, limit=10**6)
    assert re.fullmatch(r"[A-Za-z0-9 #;]*", escaped)
    assert decode(escaped) == " ".join(text.split())


def test_a_long_label_is_cut_with_an_ellipsis():
    assert decode(mermaid_text("word " * 30, limit=20)) == "word word word word…"


def test_node_ids_are_generated_and_link_targets_checked():
    chart = Flowchart()
    node = chart.node("end", "actors/rok.md")
    assert node == "n1" and 'n1["end"]' in chart.source()
    with pytest.raises(ValueError):
        chart.node("x", f'actors/rok.md" "{JS_URL}')


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
    actor = build.html("actors/rok/")
    links = diagram_links(diagram_sources(actor)[0])
    assert links["Widen the aperture"] == "../../recommendations/widen-aperture/"


# --- neighbourhood diagrams ----------------------------------------------------------


def test_actor_mechanism_and_brief_pages_draw_their_neighbourhood(minimal_site):
    build = minimal_site
    actor = build.html("actors/rok/")
    [source] = diagram_sources(actor)
    assert actor.select_one("#connections") is not None
    links = diagram_links(source)
    assert links == {
        "Widen the aperture": "../../recommendations/widen-aperture/",
        "Hold hearings": "../../recommendations/hold-hearings/",
        "Wartime OPCON transition": "../../mechanisms/opcon-transition/",
    }
    assert diagram_labels(source)[0] == "Republic of Korea"  # the page's own entity, not linked
    assert "Each box links to its page." in actor.select_one(".briefs-diagram-note").get_text()

    mech = build.html("mechanisms/unc/")
    labels = diagram_labels(diagram_sources(mech)[0])
    assert labels == ["United Nations Command", "UNC-Rear", "Wartime OPCON transition"]  # parts, related

    brief = build.html("briefs/first-brief/")
    links = diagram_links(diagram_sources(brief)[0])
    assert set(links) == {"Widen the aperture", "Hold hearings", "Republic of Korea", "U.S. Congress",
                          "Wartime OPCON transition", "UNC-Rear"}
    group = build.html("actors/unc-sending-states/")
    assert set(diagram_links(diagram_sources(group)[0])) == {"Hold hearings", "Australia"}


def test_diagrams_are_capped_and_say_so(graph_site):
    page = graph_site.html("actors/rok/")
    source = diagram_sources(page)[0]
    links = diagram_links(source)
    recs = [label for label, href in links.items() if re.fullmatch(r"\.\./\.\./recommendations/[^/?]+/", href)]
    # 'Hold hearings' involves it: it keeps a place among the recommendations shown
    assert len(recs) == Limits.diagram_recommendations and "Hold hearings" in recs
    addressed = SPREAD + 1  # and 'Widen the aperture' from the first brief
    more = addressed - (Limits.diagram_recommendations - 1)
    assert links[f"and {more} more addressed to it"] == "../../recommendations/?actor=rok"
    mechs = [label for label, href in links.items() if href.startswith("../../mechanisms/")]
    assert len(mechs) == Limits.diagram_neighbours
    assert links[f"and {SPREAD + 1 - Limits.diagram_neighbours} more mechanisms"] == "../../recommendations/?actor=rok"
    note = " ".join(page.select_one(".briefs-diagram-note").get_text().split())
    assert note.startswith(f"To stay legible the diagram shows {Limits.diagram_recommendations - 1} of "
                           f"{addressed} recommendations addressed to it and {Limits.diagram_neighbours} of {SPREAD + 1} "
                           "mechanisms; dashed boxes count the rest.")
    assert page.select_one(".briefs-diagram-note a")["href"] == "../../recommendations/?actor=rok"


def test_a_hostile_name_is_shown_as_text_and_adds_nothing(graph_site):
    page = graph_site.html("actors/hostile/")
    source = diagram_sources(page)[0]
    assert diagram_labels(source)[0] == HOSTILE
    clicks = re.findall(r'^\s*click n\d+ href "([^"]*)"$', source, re.MULTILINE)
    assert clicks == ["../../recommendations/rec-hostile/", "../../mechanisms/mech-01/"]
    assert len(re.findall(r"^\s*click", source, re.MULTILINE)) == 2
    assert all(line.count('"') in (0, 2, 4) for line in source.splitlines())
    assert "%%" not in source and "javascript" not in source.replace("javascript#58;", "")
    article = page.select_one("article")
    assert article.find("b") is None  # nowhere on the page is the name taken as HTML
    assert page.h1.get_text(strip=True).rstrip("¶") == HOSTILE
    matrix = graph_site.html("matrix/")
    assert matrix.find("a", string=HOSTILE) is not None and matrix.select_one("article b") is None


def test_every_link_in_every_diagram_leads_to_a_page(graph_site):
    assert broken_diagram_links(graph_site) == []
    assert check_site(graph_site.site).problems == []


def test_diagram_links_follow_use_directory_urls(tmp_path):
    project = make_graph_project(tmp_path)
    project.replace("mkdocs.yml", "plugins:", "use_directory_urls: false\nplugins:")
    build = built(project.build())
    page = BeautifulSoup((build.site / "actors" / "rok.html").read_text("utf-8"), "html.parser")
    links = diagram_links(diagram_sources(page)[0])
    assert links["Recommendation number 01"] == "../recommendations/rec-01.html"
    assert links["and 5 more addressed to it"] == "../recommendations/index.html?actor=rok"
    assert broken_diagram_links(build) == []


def test_diagram_sources_stay_out_of_search(graph_site):
    index = json.loads((graph_site.site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "flowchart" not in text and "click n" not in text and "#34;" not in text


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


def test_the_map_draws_the_whole_graph_within_its_caps(graph_site):
    page = graph_site.html("map/")
    who, briefs, structure = diagram_sources(page)
    actors = [label for label, href in diagram_links(who).items() if re.fullmatch(r"\.\./actors/[^/]+/", href)]
    assert len(actors) == Limits.map_actors and actors[:2] == ["Republic of Korea", "Australia"]  # the most addressed
    addressed = SPREAD + 5  # and rok, us-congress, hostile, australia, unc-sending-states
    assert diagram_links(who)[f"and {addressed - Limits.map_actors} more actors"] == "../actors/"
    notes = [" ".join(n.get_text().split()) for n in page.select(".briefs-diagram-note")]
    assert notes[0].startswith(f"To stay legible the diagram shows {Limits.map_actors} of {addressed} actors addressed by "
                               "recommendations")
    assert page.select_one(".briefs-diagram-note a")["href"] == "../matrix/"
    assert diagram_links(briefs)["A Large Brief"] == "../briefs/large-brief/"
    assert {"Australia", "UNC Sending States", "UNC-Rear", "United Nations Command"} <= set(diagram_links(structure))


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
    """Row name -> column name -> (number shown, link) of a built matrix page."""
    table = build.html(path).select_one(".briefs-matrix table")
    columns = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td")
        name = cells[0].find("a").get_text(strip=True) if cells[0].find("a") else cells[0].get_text(strip=True)
        rows[name] = {col: (td.get_text(strip=True), td.a["href"] if td.a else "")
                      for col, td in zip(columns[1:], cells[1:], strict=False) if td.get_text(strip=True)}
    return rows


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
    group_row = next(tr for tr in page.select(".briefs-matrix tbody tr") if "UNC Sending States" in tr.td.get_text())
    assert group_row.td.get_text(" ", strip=True) == "UNC Sending States and 1 member"
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
