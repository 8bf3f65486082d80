"""The templates of the tracking pages and of the parts still written by the code until now
(an update's page, the updates index, the tracker, a recommendation's "What became of it", an
actor's status counts, the matrix's table, the Connections section, the map's groups) are
overridden from a site's folder like the others. Pipeline-level: one run of the golden
`shipped` sources (which has updates, steps backwards, groups and parts), no MkDocs build."""

from __future__ import annotations

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
