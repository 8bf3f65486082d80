"""The plugin's options in mkdocs.yml: `enabled`, `limits` (list caps, page sizes, diagram caps).

Each option is read by a real build (`mkdocs build --strict`) and its effect looked for in the HTML.
"""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest
from conftest import MKDOCS_YML, REPO, Project, built
from mkdocs.config import config_options as c

from mkdocs_briefs.plugin.config import BriefsConfig, LimitsConfig
from mkdocs_briefs.settings import Limits


def _options(project: Project, options: str) -> None:
    """Give the plugin `options` (YAML lines, indented under `- briefs:`)."""
    project.write("mkdocs.yml", MKDOCS_YML.replace("  - briefs\n", "  - briefs:\n" + options))


def test_every_limit_is_an_option_with_the_pipelines_default():
    options = LimitsConfig()
    options.load_dict({})
    assert not options.validate()[0]
    assert dict(options) == asdict(Limits())


def test_the_options_become_the_pipelines_settings():
    config = BriefsConfig()
    config.load_dict({"limits": {"listed": 3, "map_links": 7}})
    failed, _ = config.validate()
    assert not failed
    settings = config.settings()
    assert settings.limits.listed == 3 and settings.limits.map_links == 7
    assert settings.limits.matrix_rows == Limits().matrix_rows


@pytest.mark.parametrize("host", ["*", "https://images.example.org", "images.example.org/pics", "cdn.example.org:8443",
                                  "x'; script-src *", 5])
def test_an_image_host_is_a_host_name(host):
    # each went into the policy as https://<host> ("https://*" let every site's images in) and into the sanitiser's
    # list, where a scheme, path or port never matched an image's host
    config = BriefsConfig()
    config.load_dict({"image_hosts": ["images.example.org", host]})
    failed, _ = config.validate()
    assert [(name, str(error)) for name, error in failed] == [
        ("image_hosts", f"expected a host name, like 'images.example.org' (no scheme, port, path, space or wildcard), "
                        f"not {host!r}")]
    config = BriefsConfig()
    config.load_dict({"image_hosts": ["images.example.org", "Cdn-1.example.co.uk"]})
    assert not config.validate()[0]


def test_limits_split_the_indexes_and_cap_the_lists(project):
    _options(project, "      limits:\n        briefs_page_size: 1\n        explorer_page_size: 1\n"
                      "        table_page_size: 2\n        listed: 1\n        diagram_recommendations: 1\n")
    project.write("briefs/second-brief.md", (project.briefs / "first-brief.md").read_text("utf-8")
                  .replace("title: The First Brief", "title: The Second Brief")
                  .replace("widen-aperture", "widen-more").replace("hold-hearings", "hold-more")
                  .replace("date: 2022-08-01", "date: 2022-09-01"))  # the brief and its source
    build = built(project.build())
    assert (build.site / "briefs/page/2/index.html").is_file()  # two briefs, one a page
    assert (build.site / "recommendations/page/4/index.html").is_file()  # four recommendations, one a page
    assert not (build.site / "recommendations/page/5/index.html").exists()
    assert (build.site / "actors/page/2/index.html").is_file()  # four actors, two a page
    explorer = build.html("recommendations/").find(attrs={"data-briefs-explorer": True})
    assert explorer["data-page-size"] == "1"
    rok = build.html("actors/rok/").get_text(" ", strip=True)
    assert "The newest 1 of 2 are listed here." in rok
    note = build.html("actors/rok/").select_one(".briefs-grid-note").get_text(" ", strip=True)  # the Connections grid
    assert note.startswith("To stay legible it shows 1 of 4 recommendations;")


def test_a_limit_that_is_not_a_whole_number_from_one_fails_the_build(project):
    _options(project, "      limits:\n        listed: 0\n")
    build = project.build()
    assert build.returncode != 0
    assert "expected a whole number from 1 up, like 25, not 0" in build.output


def test_a_disabled_plugin_leaves_the_build_alone(project):
    _options(project, "      enabled: false\n")
    (project.briefs / "first-brief.md").write_text("not a brief at all", "utf-8")  # not even read
    project.write("docs/index.md", "# Home\n")
    build = built(project.build())
    assert (build.site / "index.html").is_file()
    assert not (build.site / "briefs").exists() and not (build.site / "assets/briefs").exists()
    assert "briefs.css" not in (build.site / "index.html").read_text("utf-8")


# --- validation: how the checks that might be fine are reported -------------------------

UNUSED = "actor 'japan' in actors.yml is not referred to by any brief or entry"


def _unused_actor(project: Project) -> None:
    with (project.briefs / "actors.yml").open("a", encoding="utf-8") as f:
        f.write("japan:\n  name: Japan\n  kind: state\n  description: Not named by any brief yet.\n")


def test_an_unused_entry_is_a_warning_by_default(project):
    _unused_actor(project)
    build = project.build()
    assert build.returncode != 0 and f"WARNING -  briefs: briefs/actors.yml:21:1: warning: {UNUSED}" in build.output


def test_an_unused_entry_set_to_info_is_shown_and_stops_nothing(project):
    _unused_actor(project)
    _options(project, "      validation:\n        unused: info\n")
    build = built(project.build())
    assert f"INFO    -  briefs: briefs/actors.yml:21:1: info: {UNUSED}" in build.output
    assert "WARNING" not in build.output


def test_checks_set_to_ignore_say_nothing(project):
    _unused_actor(project)
    project.replace("briefs/first-brief.md", "[widen its aperture](rec:widen-aperture)", "widen its aperture")
    _options(project, "      validation:\n        unused: ignore\n        unannotated: ignore\n")
    build = built(project.build())
    assert "japan" not in build.output and "never annotated" not in build.output


def test_a_validation_level_must_be_one_of_mkdocs_own(project):
    _options(project, "      validation:\n        unused: error\n")
    build = project.build()
    assert build.returncode != 0 and "unused" in build.output and "'warn', 'info', 'ignore'" in build.output


# --- a brief's front matter for MkDocs and Material; drafts ------------------------------

MATERIAL_KEYS = """\
tags: [Energy & security, <b>europe</b>]
hide: [toc]
template: brief.html
search:
  exclude: true
status: new
"""

DRAFT = """\
---
title: The Second Brief
date: 2022-09-01
authors: [ann-author]
draft: true
source:
  publisher: Example Publisher
  title: Another Commentary
  date: 2022-09-01
  url: https://example.org/another
summary: Another brief, not ready yet.
recommendations:
  - id: go-further
    title: Go further
    statement: Seoul should go further still.
    addressed_to: [rok]
    horizon: long-term
---

Seoul should [go further](rec:go-further).
"""


def test_material_keys_in_a_brief_reach_its_page(project):
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.\n",
                    "summary: A small brief for tests.\n" + MATERIAL_KEYS)
    project.write("mkdocs.yml", MKDOCS_YML.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
                  .replace("  - search\n", "  - search\n  - tags\n"))
    project.write("overrides/brief.html", '{% extends "main.html" %}\n{% block content %}'
                                          '<p id="brief-template">{{ page.meta.status }}</p>{{ super() }}{% endblock %}\n')
    build = built(project.build())
    page = build.html("briefs/first-brief/")
    assert [t.get_text(strip=True) for t in page.select(".md-tag")] == ["<b>europe</b>", "Energy & security"]
    assert page.find("b") is None  # a tag is text, never markup
    assert page.select_one("#brief-template").get_text() == "new"  # template and status
    assert page.select_one(".md-sidebar--secondary").has_attr("hidden")  # hide: [toc]
    index = (build.site / "search/search_index.json").read_text("utf-8")
    assert "briefs/first-brief/" not in index and "briefs/" in index  # search: exclude
    other = build.html("recommendations/widen-aperture/")
    assert not other.select_one(".md-sidebar--secondary").has_attr("hidden") and not other.select(".md-tag")


def test_a_draft_is_left_out_of_build(project):
    project.write("briefs/second-brief.md", DRAFT)
    build = built(project.build())
    assert (build.site / "briefs/first-brief/index.html").is_file()
    assert not (build.site / "briefs/second-brief").exists()
    assert not (build.site / "recommendations/go-further").exists()
    corpus = (build.site / "data/corpus.json").read_text("utf-8")
    assert "second-brief" not in corpus and "go-further" not in corpus
    assert "Second Brief" not in build.html("briefs/").get_text()


def test_a_site_can_publish_drafts_and_serve_always_shows_them(project):
    project.write("briefs/second-brief.md", DRAFT)
    _options(project, "      drafts: true\n")
    build = built(project.build())
    page = build.html("briefs/second-brief/")
    assert page.select_one(".briefs-draft").get_text(" ", strip=True).startswith("Draft: not published yet")
    assert build.html("briefs/first-brief/").select_one(".briefs-draft") is None
    config = BriefsConfig()
    config.load_dict({})
    config.validate()
    assert config.settings(serving=True).drafts and not config.settings(serving=False).drafts


def test_a_link_into_a_draft_is_a_warning(project):
    project.write("briefs/second-brief.md", DRAFT)
    project.replace("briefs/first-brief.md", "Code is left alone:", "See [the next brief](brief:second-brief).\n\nCode is left alone:")
    build = project.build()
    assert build.returncode != 0
    assert "warning: brief 'second-brief' is a draft, which `mkdocs build` leaves out" in build.output


def test_every_option_and_sub_option_is_in_the_reference():
    """The plugin's options in `BriefsConfig` (and the keys of its sub-options) each have a row in
    docs/reference.md, so that a new option cannot ship undocumented."""
    from mkdocs.config import base

    reference = (REPO / "docs" / "reference.md").read_text("utf-8")
    rows = set(re.findall(r"^\| `([a-z_]+)`", reference, re.MULTILINE))
    options = [name for name, _ in BriefsConfig._schema]
    assert [name for name in options if name not in rows] == []
    for name, option in BriefsConfig._schema:
        if isinstance(option, c.SubConfig):
            keys = [key for key, _ in option.config_class._schema]
            assert issubclass(option.config_class, base.Config)
            assert [key for key in keys if f"`{key}`" not in reference] == [], name
