"""`mkdocs-briefs check` and `mkdocs-briefs new`, run as an editor or CI would run them
(`mkdocs-briefs init` is in test_init.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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
def test_new_writes_a_skeleton_that_checks_without_error(project, kind):
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
    found = project.check()  # warnings, which fail `mkdocs build --strict` until the skeleton is filled in
    placeholders = [line for line in found if "is still the placeholder" in line]
    assert placeholders and all(line.startswith(written + ":") for line in placeholders), found
    unused = [line for line in found if line not in placeholders]
    if kind == "brief":
        assert unused == []
    else:  # a new registry entry is unused too
        [line] = unused
        assert f": warning: {kind} 'fresh-one' in {Path(written).name} is not referred to" in line


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


def test_new_refuses_a_sources_folder_that_does_not_exist(project):
    # `new --sources /nonexistent` (a typo, or a command run in the wrong folder) made the folder and wrote a
    # brief there, which no build reads
    for args in (("new", "brief", "fresh-one", "--sources", "brefs"), ("new", "actor", "fresh-one", "--sources", "brefs"),
                 ("new", "update", "fresh-one", "--sources", "brefs")):
        result = cli(*args, cwd=project.root)
        assert result.returncode == 2, result.stdout
        assert result.stderr == ("mkdocs-briefs: error: the sources folder 'brefs' does not exist: run the command in "
                                 "the site's folder, or give the sources folder with --sources (mkdocs-briefs init "
                                 "starts a new site)\n")
        assert not (project.root / "brefs").exists()
    assert cli("new", "update", "fresh-one", cwd=project.root).returncode == 0  # the first update makes updates/


def test_new_writes_into_the_sources_folder_of_mkdocs_yml_as_check_reads_it(project):
    # a site with `sources: texts` got its new brief in a new briefs/ folder, which its build never reads
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      sources: texts\n")
    project.briefs.rename(project.root / "texts")
    result = cli("new", "brief", "fresh-one", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.root / "texts" / "fresh-one.md").is_file() and not project.briefs.exists()
    assert "mkdocs-briefs check texts" in result.stdout


def test_new_beside_files_that_are_not_utf8_or_into_a_file_is_no_traceback(project):
    # `new` read the briefs and the registry for the skeleton's examples as UTF-8 and ended in a
    # UnicodeDecodeError; --sources naming a file ended in a FileExistsError
    import datetime

    from mkdocs_briefs.scaffold import ScaffoldError, new_brief, new_registry_entry, new_update

    today = datetime.date(2024, 1, 2)
    (project.briefs / "aaa.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    registry = "r\xe9k:\n  name: x\n".encode("latin-1")
    (project.briefs / "actors.yml").write_bytes(registry)
    assert new_update(project.briefs, "fresh-one", today).is_file()
    assert new_brief(project.briefs, "fresh-two", today).is_file()
    new_registry_entry(project.briefs, "actor", "fresh-three")
    written = (project.briefs / "actors.yml").read_bytes()
    assert written.startswith(registry) and b"fresh-three:" in written  # appended, the editor's bytes as they were
    assert "briefs/actors.yml:1:2: error: file is not valid UTF-8 text" in "\n".join(project.check())
    with pytest.raises(ScaffoldError, match="^cannot make the folder .*actors.yml: File exists$"):
        new_brief(project.briefs / "actors.yml", "fresh-four", today)


def test_check_of_a_folder_that_holds_no_sources_says_so(project):
    # `check .` (or `check ""`, an empty list of changed files in CI) checked a folder with no brief in it and passed
    project.replace("briefs/first-brief.md", "title: The First Brief", "title: [broken")
    for named in (".", ""):
        result = cli("check", named, cwd=project.root)
        assert result.returncode == 2, result.stdout
        assert result.stderr == ("mkdocs-briefs: error: '.' holds no briefs, registries or updates: name the sources "
                                 "folder ('briefs'), or no folder\n")


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
    project.replace("briefs/authors.yml", "name: Full name of the author", "name: Jane Roe")
    project.replace("briefs/series.yml", "name: Name of the series", "name: Energy Papers")
    assert project.check() == []
    site = project.build()
    assert site.returncode == 0, site.output
    assert site.html("authors/jane-roe/").find("h1").get_text(strip=True) == "Jane Roe"
    assert site.html("series/energy-papers/").find("h1").get_text(strip=True) == "Energy Papers"


def test_skeletons_point_to_the_published_guide_not_to_this_repository(project):
    from mkdocs_briefs.scaffold import DOCS_URL

    for kind in ("brief", "update", "actor", "mechanism", "author", "series"):
        assert cli("new", kind, "fresh-one", cwd=project.root).returncode == 0
    brief = (project.briefs / "fresh-one.md").read_text()
    assert "docs/authoring.md" not in brief and f"{DOCS_URL}authoring/#a-brief" in brief
    assert not [line for line in brief.splitlines() if line.count("(optional)") > 1]
    update = (project.briefs / "updates" / "fresh-one.md").read_text()  # a new site has no docs/authoring.md
    assert "docs/authoring.md" not in update
    assert f"{DOCS_URL}authoring/#updating-the-status-of-a-recommendation" in update


# --- check FILE...: the files a pull request touches -------------------------------------

SECOND = """---
title: The Second Brief
date: 2023-01-01
authors: [ann-author]
summary: Another brief.
recommendations: [{id: second-rec, title: Second, statement: Seoul should act., addressed_to: [rok], horizon: near-term}]
---

[Seoul](actor:rok) should [act](rec:second-rec), as [the first brief](rec:hold-hearings) said.
"""


def test_check_of_named_files_reports_their_problems_only(project):
    project.write("briefs/second-brief.md", SECOND.replace("addressed_to: [rok]", "addressed_to: [rokk]"))
    project.replace("briefs/first-brief.md", "mechanisms: [unc-rear]", "mechanisms: [unc-reer]")
    whole = cli("check", cwd=project.root).stdout.splitlines()
    first = cli("check", "briefs/first-brief.md", cwd=project.root)
    second = cli("check", "briefs/second-brief.md", cwd=project.root)
    both = cli("check", "briefs/first-brief.md", "briefs/second-brief.md", cwd=project.root)
    assert first.returncode == second.returncode == both.returncode == 1
    assert [line for line in whole if line.startswith("briefs/first-brief.md")] == first.stdout.splitlines()[:-1]
    assert [line for line in whole if line.startswith("briefs/second-brief.md")] == second.stdout.splitlines()[:-1]
    assert whole[:-1] == both.stdout.splitlines()[:-1] and len(whole) == 3, whole
    assert second.stdout.splitlines()[-1] == "briefs: 1 error, 0 warnings, 0 hints"


def test_check_of_a_named_brief_resolves_references_into_the_others(project):
    """The other briefs are read only for their ids, but a message about the named one is the full check's."""
    project.write("briefs/second-brief.md", SECOND)  # refers to the first brief's recommendation
    assert cli("check", "--strict", "briefs/second-brief.md", cwd=project.root).returncode == 0
    project.write("briefs/second-brief.md", SECOND.replace("second-rec", "widen-aperture"))
    whole = cli("check", cwd=project.root).stdout
    alone = cli("check", "briefs/second-brief.md", cwd=project.root).stdout
    duplicate = ("briefs/second-brief.md:6:24: error: duplicate recommendation id 'widen-aperture', already used at "
                 "briefs/first-brief.md:13:9")
    assert duplicate in whole and duplicate in alone
    project.replace("briefs/second-brief.md", "(rec:hold-hearings)", "(rec:hold-hearing)")
    alone = cli("check", "briefs/second-brief.md", cwd=project.root).stdout
    assert "unknown recommendation 'hold-hearing' (did you mean 'hold-hearings'?)" in alone


def test_check_of_a_named_registry_or_update_reads_everything(project):
    project.replace("briefs/actors.yml", "kind: legislature", "kind: parliament")
    project.replace("briefs/first-brief.md", "mechanisms: [unc-rear]", "mechanisms: [unc-reer]")
    registry = cli("check", "briefs/actors.yml", cwd=project.root).stdout.splitlines()
    assert len(registry) == 2 and registry[0].startswith("briefs/actors.yml:10:9: error:"), registry


def test_check_refuses_a_file_outside_the_sources_folder(project):
    outside = cli("check", "docs/index.md", cwd=project.root)
    assert outside.returncode == 2 and "'docs/index.md' is not in the sources folder: " in outside.stderr
    missing = cli("check", "briefs/nothing.md", cwd=project.root)
    assert missing.returncode == 2 and "'briefs/nothing.md' does not exist: " in missing.stderr
    assert cli("check", "briefs", "docs", cwd=project.root).returncode == 2


def test_each_brief_checked_alone_gets_the_whole_checks_messages(tmp_path):
    """Every brief of a generated corpus with errors, checked alone, gets the lines the whole check gives it."""
    from mkdocs_briefs.cli import check

    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "12", str(tmp_path), "--unnamed-addressees",
                    "0.3"], check=True, capture_output=True)
    briefs = sorted((tmp_path / "briefs").glob("*.md"))
    texts = [path.read_text("utf-8") for path in briefs]
    briefs[1].write_text(texts[1].replace("addressed_to: [", "addressed_to: [no-such-actor, ", 1), "utf-8")
    briefs[2].write_text(texts[2].replace("  - id: ", "  - id: x\n    title: [\n  - id: ", 1), "utf-8")  # no YAML
    briefs[3].write_text(texts[3].replace("](actor:", "](actr:", 1), "utf-8")
    first_rec = texts[4].split("  - id: ", 1)[1].split("\n", 1)[0]
    briefs[5].write_text(texts[5].replace("  - id: ", f"  - id: {first_rec}\n    title: Again\n    statement: Again.\n"
                                          "    addressed_to: []\n    horizon: near-term\n  - id: ", 1), "utf-8")
    briefs[6].write_text(texts[6].replace("\n---\n", "\ndraft: true\n---\n", 1), "utf-8")
    for errors in (True, False):
        whole = check(tmp_path / "briefs", tmp_path).sorted()
        assert any(d.severity == "error" for d in whole) is errors
        for path in briefs:
            shown = path.relative_to(tmp_path).as_posix()
            alone = [str(d) for d in check(tmp_path / "briefs", tmp_path, named=[path]).sorted()]
            expected = [str(d) for d in whole if d.pos.path == shown]
            assert [a for a in alone if not errors or ": hint: " not in a] == expected, shown
        for i in (1, 2, 3, 5):
            briefs[i].write_text(texts[i], "utf-8")


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
    project.replace("mkdocs.yml", "        unused: ignore\n", "        unused: info\n")
    noted = cli("check", "--strict", cwd=project.root)
    assert noted.returncode == 0, noted.stdout + noted.stderr  # an info line stops nothing
    assert ": info: " in noted.stdout and "'unused-state'" in noted.stdout
    assert noted.stdout.splitlines()[-1] == "briefs: 0 errors, 0 warnings, 1 hint, 1 info"  # and is counted
    assert json.loads(cli("check", "--format", "json", cwd=project.root).stdout)["counts"]["infos"] == 1
    project.replace("mkdocs.yml", "        unused: info\n", "        unused: loud\n")
    unreadable = cli("check", cwd=project.root)
    assert unreadable.stderr.strip() == ("mkdocs-briefs: warning: the briefs plugin's 'validation' option in mkdocs.yml "
                                         "could not be read, so check goes on with its default: fix it "
                                         "(`mkdocs build` shows what is wrong)")
    assert "'unused-state'" in unreadable.stdout


def test_a_skeleton_s_placeholder_left_in_is_a_warning_at_its_field(project):
    """`mkdocs-briefs new` writes placeholders ("Full name of the actor") that check and the build
    passed in silence: a site published a page titled "Title of the brief"."""
    for kind in ("actor", "mechanism", "author", "series"):
        assert cli("new", kind, "fresh-one", cwd=project.root).returncode == 0
    assert cli("new", "brief", "fresh-brief", cwd=project.root).returncode == 0
    assert cli("new", "update", "fresh-update", cwd=project.root).returncode == 0
    warnings = [line for line in project.check() if "placeholder" in line]
    assert "briefs/fresh-brief.md:5:8: warning: 'title' is still the placeholder 'Title of the brief' that " \
           "mkdocs-briefs new wrote: write your own" in warnings, warnings
    fields = {line.split("'")[1] for line in warnings}
    assert {"title", "summary", "statement", "source.title", "source.publisher", "name", "description",
            "sources[1].title", "affects[1].note"} <= fields, warnings
    assert {line.split(":")[0] for line in warnings} == {
        "briefs/fresh-brief.md", "briefs/actors.yml", "briefs/mechanisms.yml", "briefs/authors.yml",
        "briefs/series.yml", "briefs/updates/fresh-update.md"}
