"""A site's own template with a mistake in it is a located error (file:line:col, what is wrong,
how to fix it), like a mistake in the sources: never a Python traceback. Every template that
cannot be read is reported in one run. Pipeline-level, on the minimal fixture, plus one build
for a block rendered while MkDocs converts a page (the citation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_briefs import pipeline
from mkdocs_briefs.templates import Templates

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


def _run(tmp_path: Path, overrides: dict[str, str]) -> list[str]:
    folder = tmp_path / "overrides"
    for name, text in overrides.items():
        path = folder / "briefs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    outcome = pipeline.run(FIXTURE, tmp_path, templates=Templates([folder]))
    assert not outcome.pages  # nothing is published from a template that failed
    return [str(d) for d in outcome.diagnostics.errors]


def test_every_template_that_cannot_be_read_is_reported_in_one_run(tmp_path):
    errors = _run(tmp_path, {
        "byline.md": '<p markdown>{{ parts|join(" / ") }\n',
        "pages/actor.md": "{{ front_matter }}\n# {{ title }}\n\n{% for x in addressed %}\n",
    })
    assert len(errors) == 2, errors
    assert errors[0].startswith("overrides/briefs/byline.md:1:")
    assert "unexpected '}'" in errors[0] and "Jinja" in errors[0]
    assert errors[1].startswith("overrides/briefs/pages/actor.md:4:")
    assert "endfor" in errors[1]


def test_an_unknown_variable_is_located_and_the_template_s_variables_named(tmp_path):
    [error] = _run(tmp_path, {"byline.md": '<p markdown>\n{{ brief.title }}: {{ partz|join(" / ") }}</p>\n'})
    assert error.startswith("overrides/briefs/byline.md:2:23: error: 'partz' is undefined")
    assert "brief, parts" in error and "reference" in error  # what it is given, where they are documented


def test_an_unknown_attribute_and_an_unknown_label_are_located(tmp_path):
    [error] = _run(tmp_path, {"byline.md": "{{ parts[0] }}\n{{ brief.nope }}\n"})
    assert error.startswith("overrides/briefs/byline.md:2:10: error:") and "no attribute 'nope'" in error
    [error] = _run(tmp_path, {"byline.md": '{{ t("rec.nope") }}\n'})
    assert error.startswith("overrides/briefs/byline.md:1:7: error: no label 'rec.nope'")
    assert "locales/en.yml" in error


def test_a_block_rendered_while_a_page_is_converted_stops_the_build_with_its_place(project):
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.write("overrides/briefs/cite.html", "<details>\n<p>{{ txt }}</p>\n</details>\n")
    build = project.build()
    assert build.returncode == 1
    assert "Traceback" not in build.output, build.output
    assert "overrides/briefs/cite.html:2:7: error: 'txt' is undefined" in build.output, build.output


@pytest.mark.parametrize("name", ["byline.md", "pages/brief.md"])
def test_a_shipped_template_copied_as_it_is_is_no_problem(tmp_path, name):
    shipped = Path(__file__).parents[1] / "src" / "mkdocs_briefs" / "templates" / "briefs" / name
    folder = tmp_path / "overrides" / "briefs"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(shipped.read_text("utf-8"), "utf-8")
    outcome = pipeline.run(FIXTURE, tmp_path, templates=Templates([tmp_path / "overrides"]))
    assert not outcome.diagnostics.errors and outcome.pages


def test_export_reports_a_failing_citation_template_and_writes_nothing(project):
    from test_cli import cli

    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.write("overrides/briefs/cite.html", "<details>\n<p>{{ txt }}</p>\n</details>\n")
    result = cli("export", "plain", cwd=project.root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert "overrides/briefs/cite.html:2:7: error: 'txt' is undefined" in output
    assert not (project.root / "plain").exists()
