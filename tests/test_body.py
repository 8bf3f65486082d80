"""What an editor writes in a brief's text reaches the page as text: links resolve, markup
does not run, and code is shown as written."""

from __future__ import annotations

import pytest
from conftest import Project, built, make_project
from payloads import IMG, JS_URL, SCRIPT

BODY_START = "## The argument\n"
RAW_HTML = (f"Beware {SCRIPT} and {IMG} here, but keep <https://example.org/kept> and `<code>`.\n\n"
            "<div>a block</div>")
LINKS = "Written by [Ann](author:ann-author) for [the roundtable](series:roundtable)."
DIAGRAM = f'flowchart LR\n  A["{IMG}"] --> B[Seoul]\n'
MERMAID = "~~~~\n```mermaid\n~~~~\n\n```mermaid\n" + DIAGRAM + "```"
"""A mermaid block shown as code (inside '~~~~'), then a real one."""


def _add_to_body(project: Project, text: str) -> None:
    project.replace("briefs/first-brief.md", BODY_START, BODY_START + "\n" + text + "\n")


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """The first brief's article, its text given RAW_HTML, LINKS and MERMAID with the real
    diagram marked ```text, as its error message says to."""
    project = make_project(tmp_path_factory.mktemp("body"))
    as_text = MERMAID.replace("\n```mermaid\nflowchart", "\n```text\nflowchart")
    _add_to_body(project, f"{RAW_HTML}\n\n{LINKS}\n\n{as_text}")
    return built(project.build()).html("briefs/first-brief/").select_one("article")


def test_raw_html_in_the_text_is_shown_not_run(article):
    assert article.find("script") is None and article.find("img") is None
    assert article.find("div", string="a block") is None
    text = article.get_text()
    assert SCRIPT in text and IMG in text and "<div>a block</div>" in text
    assert article.find("a", href="https://example.org/kept") is not None
    assert article.find("code", string="<code>") is not None


def test_script_links_are_refused_where_written(project):
    _add_to_body(project, f"Click [here]({JS_URL}) or ![x](data:text/html,hi).")
    printed = "\n".join(project.check())
    line = (project.briefs / "first-brief.md").read_text().split("\n").index(
        f"Click [here]({JS_URL}) or ![x](data:text/html,hi).") + 1
    assert f"briefs/first-brief.md:{line}:7: error: a 'javascript:' link is not allowed in a brief" in printed
    assert f"briefs/first-brief.md:{line}:38: error: a 'data:' link is not allowed in a brief" in printed


def test_author_and_series_links_resolve_and_are_checked(article, project):
    assert article.find("a", string="Ann")["href"] == "../../authors/ann-author/"
    assert article.find("a", string="the roundtable")["href"] == "../../series/roundtable/"

    _add_to_body(project, LINKS.replace("(author:ann-author)", "(author:ann-autor)"))
    assert "error: unknown author 'ann-autor' (did you mean 'ann-author'?)" in "\n".join(project.check())


def test_reference_definitions_are_refused_outside_code_only(project):
    _add_to_body(project, "```\n[rok]: actor:rok\n```\n\nSee [Seoul][rok].\n\n[rok]: actor:rok")
    printed = "\n".join(project.check())
    assert printed.count("annotations must be inline links") == 1 and ": error: " in printed


def test_a_mermaid_block_is_refused_where_written_but_shown_as_code_it_is_text(project, article):
    _add_to_body(project, MERMAID)
    lines = (project.briefs / "first-brief.md").read_text().split("\n")
    line = lines.index("```mermaid", lines.index("~~~~") + 3) + 1  # the second one: the first is inside code
    errors = [p for p in project.check() if ": error: " in p]
    assert errors == [
        f"briefs/first-brief.md:{line}:1: error: a mermaid diagram is not allowed in a brief: its labels could put "
        "HTML on the page; describe it in the text, or mark the block ```text to show it as code"]

    # marked ```text (the `article` fixture): shown as code, not drawn
    assert article.find("img") is None
    assert not any("onerror" in d.get_text() for d in article.select(".mermaid"))  # only the site's own diagram
    assert any(code.get_text() == DIAGRAM for code in article.select("pre:not(.mermaid) code"))
