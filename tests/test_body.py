"""What an editor writes in a brief's text reaches the page as text: links resolve, markup
does not run, and code is shown as written."""

from __future__ import annotations

from conftest import Project

BODY_START = "## The argument\n"


def _add_to_body(project: Project, text: str) -> None:
    project.replace("briefs/first-brief.md", BODY_START, BODY_START + "\n" + text + "\n")


def test_raw_html_in_the_text_is_shown_not_run(project):
    _add_to_body(project, 'Beware <script>alert("x")</script> and <img src=x onerror="alert(1)"> here, '
                          "but keep <https://example.org/kept> and `<code>`.\n\n<div>a block</div>")
    build = project.build()
    assert build.returncode == 0, build.output
    article = build.html("briefs/first-brief/").select_one("article")
    assert article.find("script") is None and article.find("img") is None
    assert article.find("div", string="a block") is None
    text = article.get_text()
    assert '<script>alert("x")</script>' in text and "<div>a block</div>" in text
    assert article.find("a", href="https://example.org/kept") is not None
    assert article.find("code", string="<code>") is not None


def test_script_links_are_refused_where_written(project):
    _add_to_body(project, "Click [here](javascript:alert(1)) or ![x](data:text/html,hi).")
    build = project.build()
    assert build.returncode == 1
    line = (project.briefs / "first-brief.md").read_text().split("\n").index(
        "Click [here](javascript:alert(1)) or ![x](data:text/html,hi).") + 1
    assert f"briefs/first-brief.md:{line}:7: error: a 'javascript:' link is not allowed in a brief" in build.output
    assert f"briefs/first-brief.md:{line}:38: error: a 'data:' link is not allowed in a brief" in build.output
    assert "Traceback" not in build.output


def test_author_and_series_links_resolve_and_are_checked(project):
    _add_to_body(project, "Written by [Ann](author:ann-author) for [the roundtable](series:roundtable).")
    build = project.build()
    assert build.returncode == 0, build.output
    page = build.html("briefs/first-brief/")
    assert page.find("a", string="Ann")["href"] == "../../authors/ann-author/"
    assert page.find("a", string="the roundtable")["href"] == "../../series/roundtable/"

    project.replace("briefs/first-brief.md", "(author:ann-author)", "(author:ann-autor)")
    broken = project.build()
    assert "error: unknown author 'ann-autor' (did you mean 'ann-author'?)" in broken.output


def test_reference_definitions_are_refused_outside_code_only(project):
    _add_to_body(project, "```\n[rok]: actor:rok\n```\n\nSee [Seoul][rok].\n\n[rok]: actor:rok")
    build = project.build()
    assert build.returncode == 1
    assert build.output.count("annotations must be inline links") == 1


def test_a_mermaid_block_is_a_diagram_whose_text_stays_text(project):
    _add_to_body(project, '```mermaid\nflowchart LR\n  A["<img src=x onerror=alert(1)>"] --> B[Seoul]\n'
                          '  click A href "javascript:alert(1)"\n```')
    build = project.build()
    assert build.returncode == 0, build.output
    article = build.html("briefs/first-brief/").select_one("article")
    diagram = article.select_one(".mermaid")  # drawn by diagrams.js, with Mermaid's strict security level
    assert diagram is not None and article.find("img") is None
    assert '<img src=x onerror=alert(1)>' in diagram.get_text()
    assert 'click A href "javascript:alert(1)"' in diagram.get_text()  # left to Mermaid, which blanks it
