"""The templates of the tracking pages and of the parts still written by the code until now
(an update's page, the updates index, the tracker, a recommendation's "What became of it", an
actor's status counts, the matrix's table, the Connections section, the map's groups) are
overridden from a site's folder like the others. Pipeline-level: one run of the golden
`shipped` sources (which has updates, steps backwards, groups and parts), no MkDocs build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mkdocs_briefs import pipeline
from mkdocs_briefs.templates import Templates

SOURCES = Path(__file__).parent / "golden" / "shipped" / "sources"

OVERRIDES = {
    "pages/update.md": '{{ front_matter }}# {{ title }}\n\n<p class="house-update">{{ date }}: '
                       '{% for a in affects %}{{ a.rec.id }} {% endfor %}from {{ sources|length }}</p>\n',
    "update_list.md": '{% for item in items %}- {{ item.link }} <span class="house-when">{{ item.date }}</span>\n'
                      '{% endfor %}',
    "status.md": '## Where it stands\n\n<p class="house-status">{{ status }} after {{ timeline|length }} '
                 '{{ "tracked" if tracked else "untracked" }}</p>\n',
    "status_counts.md": '<p class="house-counts">{% for c in counts %}{{ c.status }}={{ c.count }} {% endfor %}</p>\n',
    "pages/tracker.md": '{{ front_matter }}# {{ title }}\n\n{% for c in recent %}- house-change {{ c.link }}'
                        '{% if c.backwards %} (back){% endif %}\n{% endfor %}',
    "matrix_table.md": '<p class="house-matrix">{{ rows|length }} by {{ columns|length }}</p>\n',
    "connections.md": '## Who goes with what\n\n{{ grid }}',
    "map_structure.md": '{% for g in groups %}- house-group {{ g.link }}: {{ g.members }}\n{% endfor %}',
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("overrides")
    for name, text in OVERRIDES.items():
        (folder / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "briefs" / name).write_text(text, "utf-8")
    outcome = pipeline.run(SOURCES, SOURCES.parent, templates=Templates([folder]))
    assert not outcome.diagnostics.errors
    return {p.src_uri: p.markdown for p in outcome.pages}


def test_an_updates_page_and_the_updates_index_come_from_the_sites_templates(pages):
    page = pages["updates/2026-01-dmz-dispute-unresolved.md"]
    assert ('<p class="house-update">22 January 2026: upgrade-rok-unc-relationship '
            'frame-unc-role-as-rok-ownership from 3</p>') in page
    assert "## What it means" not in page
    assert pages["updates/index.md"].count('<span class="house-when">') == 5


def test_the_tracker_and_the_status_parts_come_from_the_sites_templates(pages):
    tracker = pages["tracker/index.md"]
    assert "## By brief" not in tracker and tracker.count("- house-change [") == 2 and tracker.count("(back)") == 2
    rec = pages["recommendations/upgrade-rok-unc-relationship.md"]
    assert "## Where it stands" in rec and "## What became of it" not in rec
    assert "Stalled (was Under way)</span> after 2 tracked</p>" in rec
    assert '<p class="house-counts">under-way=1 stalled=3 not-tracked=8 </p>' in pages["actors/rok.md"]


def test_the_matrix_table_connections_and_the_maps_groups_come_from_the_sites_templates(pages):
    matrix = pages["matrix/index.md"]
    assert '<p class="house-matrix">21 by 6</p>' in matrix and "briefs-matrix-column" not in matrix
    brief = pages["briefs/trilateral-prism.md"]
    assert "## Who goes with what" in brief and "## Connections" not in brief and "briefs-grid-table" in brief
    assert "- house-group [" in pages["map/index.md"]


MD_ACTOR = """\
{{ front_matter }}# {{ actor.name | md }}

<p class="house-name" markdown>{{ actor.name | md }}</p>

- {{ actor.short | md }}
- {{ actor.missing_field | default(none) | md }}end

<p class="house-html" markdown>{{ actor.name }}</p>
"""


def test_the_md_filter_keeps_an_editors_text_as_text_in_a_markdown_template(tmp_path: Path):
    """`{{ actor.name | md }}` in a site's `.md` template shows hostile text exactly, as text, where it
    is read as Markdown (a heading, a paragraph, a list); autoescape alone (`{{ actor.name }}`) stops
    HTML but not Markdown: the same name there makes emphasis and a link."""
    import markdown
    from bs4 import BeautifulSoup
    from payloads import AWKWARD, PROBE, yaml_text

    sources = tmp_path / "briefs"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", sources)
    actors = (sources / "actors.yml").read_text("utf-8")
    actors = actors.replace("name: Republic of Korea", f"name: {yaml_text(PROBE)}", 1)
    (sources / "actors.yml").write_text(actors.replace("short: Seoul", f"short: {yaml_text(AWKWARD)}", 1), "utf-8")
    (tmp_path / "overrides" / "briefs" / "pages").mkdir(parents=True)
    (tmp_path / "overrides" / "briefs" / "pages" / "actor.md").write_text(MD_ACTOR, "utf-8")
    outcome = pipeline.run(sources, tmp_path, templates=Templates([tmp_path / "overrides"]))
    assert not outcome.diagnostics.errors
    page = next(p.markdown for p in outcome.pages if p.src_uri == "actors/rok.md")
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["attr_list", "def_list", "md_in_html", "tables"])
    soup = BeautifulSoup(html, "html.parser")
    name, shipped_title = soup.select_one("p.house-name"), soup.find("h1")
    assert shipped_title.get_text() == PROBE and name.get_text() == PROBE
    assert [li.get_text() for li in soup.find_all("li")] == [AWKWARD, "end"]
    assert soup.find("xss-probe") is None and soup.find("img") is None and soup.find(attrs={"data-xss-probe": True}) \
        is None
    for element in (shipped_title, name, *soup.find_all("li")):
        assert element.find(True) is None  # no element at all: no link, emphasis, code or tag of the editor's
    unfiltered = soup.select_one("p.house-html")
    assert unfiltered.find("em") is not None and unfiltered.find("a") is not None  # why the filter is needed
