"""`mkdocs-briefs check` and `mkdocs-briefs new`, run as an editor or CI would run them
(`mkdocs-briefs init` is in test_init.py)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FORKER, REPO


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return FORKER.python_m("mkdocs_briefs.cli", *args, cwd=cwd)  # a new process, forked with the imports done


def test_check_passes_on_the_shipped_briefs():
    result = cli("check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^briefs: 0 errors, 0 warnings, \d+ hints?$", result.stdout, re.MULTILINE)


def test_check_reports_every_error_compiler_style_and_exits_1(project):
    project.replace("briefs/first-brief.md", "addressed_to: [rok]", "addressed_to: [rokk]")
    project.replace("briefs/actors.yml", "kind: legislature", "kind: parliament")
    result = cli("check", cwd=project.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "briefs/actors.yml:10:9: error: us-congress.kind 'parliament' is not allowed; use one of: state, " \
           "government-body, legislature, command, coalition, organization, person" in lines
    assert "briefs/first-brief.md:16:20: error: unknown actor 'rokk' (did you mean 'rok'?): " \
           "use an id from actors.yml or add it there" in lines
    assert lines[-1] == "briefs: 2 errors, 0 warnings, 0 hints"


def test_warnings_pass_check_unless_strict(project):
    project.replace("briefs/first-brief.md", "[widen its aperture](rec:widen-aperture)", "widen its aperture")
    assert cli("check", cwd=project.root).returncode == 0
    strict = cli("check", "--strict", cwd=project.root)
    assert strict.returncode == 1
    assert "briefs/first-brief.md:13:9: warning: recommendation 'widen-aperture' is never annotated" in strict.stdout


def test_usage_problems_exit_2(project):
    assert cli("check", "no-such-folder", cwd=project.root).returncode == 2
    assert cli("check", "--format", "xml", cwd=project.root).returncode == 2
    assert cli("frobnicate", cwd=project.root).returncode == 2


def test_github_format_is_workflow_commands(project):
    project.replace("briefs/first-brief.md", "mechanisms: [unc-rear]", "mechanisms: [unc-reer]")
    result = cli("check", "--format", "github", cwd=project.root)
    assert result.returncode == 1
    command = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)$")
    parsed = [command.match(line) for line in result.stdout.splitlines()]
    assert parsed and all(parsed), result.stdout
    errors = [m.groups() for m in parsed if m.group(1) == "error"]
    assert errors == [("error", "briefs/first-brief.md", "24", "18", "briefs error",
                       "unknown mechanism 'unc-reer' (did you mean 'unc-rear'?): use an id from mechanisms.yml or add it there")]


def test_json_format_lists_diagnostics_with_locations(project):
    project.replace("briefs/first-brief.md", "date: 2022-08-01\nauthors", "date: 2022-13-01\nauthors")
    result = cli("check", "--format", "json", cwd=project.root)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["counts"]["errors"] == 1
    assert data["diagnostics"][0] == {
        "path": "briefs/first-brief.md", "line": 3, "col": 7, "severity": "error",
        "message": "date '2022-13-01' is not a valid date: write a date in the form YYYY-MM-DD, like 2022-08-01",
    }


def test_hints_point_at_unannotated_names_and_unnamed_addressees(project):
    project.write("briefs/first-brief.md", (project.briefs / "first-brief.md").read_text().replace(
        "[Congress](actor:us-congress) should [hold hearings](rec:hold-hearings)",
        "Lawmakers should [hold hearings](rec:hold-hearings)",
    ) + "\nIn the end Seoul decides.\n")
    result = cli("check", cwd=project.root)
    assert result.returncode == 0, result.stdout
    hints = [line for line in result.stdout.splitlines() if ": hint: " in line]
    assert hints == [
        "briefs/first-brief.md:33:18: hint: recommendation 'hold-hearings' is addressed to 'us-congress' "
        "(U.S. Congress), but the passage that makes it never names them: name them there, or check addressed_to",
        "briefs/first-brief.md:42:12: hint: 'Seoul' names actor 'rok' without an annotation: write [Seoul](actor:rok)",
    ]


def test_a_name_is_hinted_where_it_stands_as_a_word_the_longest_first(project):
    with (project.briefs / "first-brief.md").open("a", encoding="utf-8") as f:
        f.write("\nSeoulites, Seoul-based firms, pre-Seoul plans and `Seoul` in code; then the South Korea talks.\n")
    result = cli("check", cwd=project.root)
    hints = [line.split(": hint: ")[1] for line in result.stdout.splitlines() if "without an annotation" in line]
    # one hint an actor a paragraph: 'South Korea' (an alias, longer than 'South...'), not the Seoul inside words
    assert hints == ["'South Korea' names actor 'rok' without an annotation: write [South Korea](actor:rok)"]
    line = next(line for line in result.stdout.splitlines() if "'South Korea'" in line)
    text = (project.briefs / "first-brief.md").read_text().split("\n")
    assert line.startswith(f"briefs/first-brief.md:{len(text) - 1}:{text[-2].index('South Korea') + 1}: hint: ")


@pytest.mark.parametrize("kind", ["brief", "actor", "mechanism", "author", "series"])
def test_new_writes_a_skeleton_that_checks_clean(project, kind):
    result = cli("new", kind, "fresh-one", cwd=project.root)
    assert result.returncode == 0, result.stderr
    written = {"brief": "briefs/fresh-one.md", "actor": "briefs/actors.yml", "mechanism": "briefs/mechanisms.yml",
               "author": "briefs/authors.yml", "series": "briefs/series.yml"}[kind]
    assert f"wrote briefs/{Path(written).name}" in result.stdout
    text = (project.root / written).read_text()
    assert "fresh-one" in text and "# " in text  # fields come with their explanation
    check = cli("check", cwd=project.root)
    assert check.returncode == 0, check.stdout
    assert " error: " not in check.stdout
    if kind == "brief":
        assert project.build().returncode == 0
    else:  # a new registry entry is unused: a warning, which fails `mkdocs build --strict`
        [found] = project.check()
        assert f": warning: {kind} 'fresh-one' in {Path(written).name} is not referred to" in found


def test_new_refuses_to_overwrite_or_reuse_an_id(project):
    before = (project.briefs / "actors.yml").read_text()
    again = cli("new", "actor", "rok", cwd=project.root)
    assert again.returncode == 2
    assert "actor 'rok' already exists" in again.stderr
    assert (project.briefs / "actors.yml").read_text() == before
    brief = cli("new", "brief", "first-brief", cwd=project.root)
    assert brief.returncode == 2 and "already exists" in brief.stderr
    bad = cli("new", "brief", "Not A Slug", cwd=project.root)
    assert bad.returncode == 2 and "not a valid brief id" in bad.stderr


def test_check_reads_image_hosts_and_sources_from_mkdocs_yml_as_the_build_does(project):
    project.replace("briefs/first-brief.md", "## The argument\n",
                    "## The argument\n\n![A chart](https://images.example.org/chart.png)\n")
    refused = cli("check", cwd=project.root)
    assert refused.returncode == 1 and "an image from another site (images.example.org)" in refused.stdout
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      sources: texts\n"
                                                  "      image_hosts: [images.example.org]\n")
    project.briefs.rename(project.root / "texts")
    project.write("mkdocs.yml", "site_author: !ENV [SITE_AUTHOR, Editors]\n" + (project.root / "mkdocs.yml").read_text("utf-8"))
    allowed = cli("check", cwd=project.root)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "texts/first-brief.md" not in allowed.stdout and "briefs: 0 errors" in allowed.stdout
    build = project.build()
    assert build.returncode == 0, build.output


def test_a_new_author_and_series_check_clean_once_a_brief_names_them(project):
    project.write("briefs/series.yml", "")
    assert cli("new", "author", "jane-roe", cwd=project.root).returncode == 0
    assert cli("new", "series", "energy-papers", cwd=project.root).returncode == 0
    project.replace("briefs/first-brief.md", "series: roundtable", "series: energy-papers")
    project.replace("briefs/first-brief.md", "authors: [ann-author]", "authors: [ann-author, jane-roe]")
    assert project.check() == []
    site = project.build()
    assert site.returncode == 0, site.output
    assert site.html("authors/jane-roe/").find("h1").get_text(strip=True) == "Full name of the author"
    assert site.html("series/energy-papers/").find("h1").get_text(strip=True) == "Name of the series"


def test_skeletons_point_to_the_published_guide_not_to_this_repository(project):
    from mkdocs_briefs.scaffold import DOCS_URL

    for kind in ("brief", "actor", "author"):
        cli("new", kind, "fresh-one", cwd=project.root)
    brief = (project.briefs / "fresh-one.md").read_text()
    assert "docs/authoring.md" not in brief and f"{DOCS_URL}authoring/#a-brief" in brief


def test_check_reads_validation_drafts_and_statuses_from_mkdocs_yml_as_the_build_does(project):
    from test_options import DRAFT

    project.write("briefs/second-brief.md", DRAFT)
    project.replace("briefs/first-brief.md", "Code is left alone:", "See [the next brief](brief:second-brief).\n\nCode is left alone:")
    project.replace("briefs/actors.yml", "rok:\n", "unused-state:\n  name: Unused State\n  kind: state\n  description: Named by no brief.\nrok:\n")
    before = cli("check", cwd=project.root)
    assert "brief 'second-brief' is a draft, which `mkdocs build` leaves out" in before.stdout  # as the build says
    assert "'unused-state'" in before.stdout
    project.write("briefs/updates/paused.md", "---\ntitle: Talks paused\ndate: 2023-04-17\nsources:\n  - title: Report\n"
                  "    publisher: Example News\n    url: https://example.org/paused\n    date: 2023-04-17\n"
                  "affects:\n  - rec: widen-aperture\n    status: paused\n---\n\nThe talks paused.\n")
    assert "status 'paused'" in cli("check", cwd=project.root).stdout
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      drafts: true\n      validation:\n        unused: ignore\n"
                                                  "      statuses:\n        paused: Paused\n")
    after = cli("check", "--strict", cwd=project.root)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "is a draft" not in after.stdout and "unused-state" not in after.stdout and "status 'paused'" not in after.stdout
    project.replace("mkdocs.yml", "        unused: ignore\n", "        unused: loud\n")
    unreadable = cli("check", cwd=project.root)
    assert unreadable.stderr.strip() == ("mkdocs-briefs: warning: the briefs plugin's 'validation' option in mkdocs.yml "
                                         "could not be read, so check goes on with its default: fix it "
                                         "(`mkdocs build` shows what is wrong)")
    assert "'unused-state'" in unreadable.stdout
