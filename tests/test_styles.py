"""The plugin's styles give way to the site's: its stylesheets come before the site's own
extra_css, so a site rule of the same weight wins; and it leaves Material's own look and
markup alone unless the site turns on the `material` options."""

from __future__ import annotations

import re

from browser import serve_folder
from conftest import built

SITE_CSS = """\
.md-typeset .briefs-facts dt { color: rgb(200, 0, 0); }
.md-typeset a { text-decoration-line: none; }
"""


def _stylesheets(page) -> list[str]:
    return [link["href"] for link in page.select("link[rel=stylesheet]")]


def test_the_plugins_stylesheets_come_before_the_sites(project):
    project.write("docs/site.css", SITE_CSS)
    project.write("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text("utf-8") + "extra_css: [site.css]\n")
    sheets = _stylesheets(built(project.build()).html("actors/rok/"))
    ours = [i for i, href in enumerate(sheets) if "assets/briefs/" in href]
    assert ours and max(ours) < sheets.index(next(h for h in sheets if h.endswith("site.css")))


def test_a_bare_install_leaves_materials_look_and_markup_alone(minimal_site):
    page = minimal_site.html("actors/rok/")
    assets = " ".join(_stylesheets(page) + [s.get("src", "") for s in page.select("script")])
    assert "material-links.css" not in assets and "material-contrast.css" not in assets
    assert "material-search-name.js" not in assets
    assert not (minimal_site.site / "assets/briefs/a11y.css").exists()
    # html_fixes.py is off: Material's checkbox toggles keep the attribute it writes
    raw = (minimal_site.site / "actors/rok/index.html").read_text("utf-8")
    assert 'type="checkbox"' in raw and 'autocomplete="off"' in raw


def test_the_material_options_turn_each_change_on(project):
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      material:\n        underline_links: true\n"
                    "        contrast: true\n        search_dialog_name: true\n        valid_html: true\n")
    site = built(project.build())
    page = site.html("actors/rok/")
    assets = " ".join(_stylesheets(page) + [s.get("src", "") for s in page.select("script")])
    for name in ("material-links.css", "material-contrast.css", "material-search-name.js"):
        assert name in assets
    raw = (site.site / "actors/rok/index.html").read_text("utf-8")
    assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete="off"', raw)


def test_a_site_rule_beats_the_plugins_in_the_browser(project, chromium):
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      material:\n        underline_links: true\n")
    project.write("docs/site.css", SITE_CSS)
    project.write("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text("utf-8") + "extra_css: [site.css]\n")
    site = built(project.build())
    with serve_folder(site.site) as url:
        page = chromium.new_page()
        try:
            def styles(path: str) -> tuple[str, str]:
                page.goto(url + path)
                return (page.eval_on_selector(".briefs-facts dt", "el => getComputedStyle(el).color")
                        if path else "",
                        page.eval_on_selector(".md-typeset p a", "el => getComputedStyle(el).textDecorationLine"))

            def without_site_css() -> None:
                page.evaluate("document.querySelector('link[href$=\"site.css\"]').remove()")

            color, _ = styles("actors/rok/")
            assert color == "rgb(200, 0, 0)"  # briefs.css colours it too: the site's rule wins
            without_site_css()
            assert page.eval_on_selector(".briefs-facts dt", "el => getComputedStyle(el).color") != "rgb(200, 0, 0)"

            _, line = styles("")
            assert line == "none"  # material-links.css underlines it: the site's rule wins
            without_site_css()
            assert page.eval_on_selector(".md-typeset p a", "el => getComputedStyle(el).textDecorationLine") == "underline"
        finally:
            page.close()
