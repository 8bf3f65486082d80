"""A site overrides one template from its theme's custom_dir and sees it on the built site:
a page kind (the recommendation's page) and a repeated block (the citation); editors' text
stays escaped in an overridden template."""

from __future__ import annotations

from conftest import built

from mkdocs_briefs.templates import Templates

PAGE = """\
{{ front_matter }}
# {{ title }}

<p class="house-kicker">{{ t("rec.horizon") }}: {{ rec.horizon }} · {{ brief.title }}</p>

{{ statement }}

{{ facts }}"""

CITE = """\
<details class="briefs-cite house-cite" id="briefs-cite">
<summary>How to cite</summary>
<p id="briefs-cite-text">{{ text }}</p>
</details>
"""


def _with_overrides(project):
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.write("overrides/briefs/pages/recommendation.md", PAGE)
    project.write("overrides/briefs/cite.html", CITE)
    project.replace("briefs/first-brief.md", "title: The First Brief", 'title: "The First <b>Brief</b>"')
    return built(project.build())


def test_a_site_overrides_a_page_template_and_a_block_from_its_custom_dir(project):
    site = _with_overrides(project)
    rec = site.html("recommendations/widen-aperture/")
    kicker = rec.select_one("p.house-kicker")
    assert kicker is not None and kicker.get_text() == "Horizon: near-term · The First <b>Brief</b>"
    assert kicker.find("b") is None  # the editor's title stays text
    assert rec.select_one(".briefs-facts") is not None and not rec.find(id="in-context")
    brief = site.html("briefs/first-brief/")
    cite = brief.select_one("details.house-cite")
    assert cite.summary.get_text() == "How to cite"
    assert "The First <b>Brief</b>" in cite.select_one("#briefs-cite-text").get_text()
    # the other templates are the package's
    assert site.html("actors/rok/").select_one(".briefs-grid-caption") is not None


def test_every_shipped_template_renders_with_autoescape():
    env = Templates().env
    names = env.list_templates()
    assert {"briefs/cite.html", "briefs/pager.html", "briefs/grid.html", "briefs/explorer.html",
            "briefs/error.md", "briefs/pages/recommendation.md"} <= set(names)
    assert env.autoescape is True
