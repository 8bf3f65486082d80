"""Issue 11: what Markdown renders from an editor's text is cleaned after rendering.

Each construct below put live script (or a request to a third party) on the published
site while `check` and `mkdocs build --strict` passed. A site is built with all of them in
a brief's body: the HTML must have no event handler, no `style`, no script link and no
remote image, and Chromium, after the page's scripts ran and the links were hovered and
clicked, must have shown no dialog. The payload strings are kept here (this branch does
not share a tests/payloads.py).
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, Build, Project
from payloads import IN_META
from sitecheck import unsafe_markup

from mkdocs_briefs.sanitize import clean

# Constructs that build (they are not errors) but used to put markup on the page.
BUILDS = {
    "attr_list on a paragraph": 'Para one.\n{: onclick="alert(101)" }',
    "attr_list on a heading": '## Heading two {: onmouseover="alert(102)" }',
    "attr_list replacing a link's href": '[x](https://ok.example/){: href="javascript:alert(103)" }',
    "attr_list on an image": '![i](../pic.png){: onerror="alert(104)" }',
    "attr_list style overlay": ('Styled.\n{: style="position:fixed;top:0;left:0;width:100%;height:100%;'
                                'background:url(https://evil.example/bg.png)" }'),
    "attr_list on an annotation": '[w](rec:widen-aperture){: onmouseover="alert(106)" href="javascript:alert(106)" }',
    "attr_list srcset": '![j](../pic.png){: srcset="https://evil.example/s.png 1x" }',
    "escaped angle bracket": r"\<img src=x onerror=alert(107)>",
    "indented under an admonition": "!!! note\n    <img src=x onerror=alert(108)>",
    "indented under a definition": "Term\n:   First.\n\n    <img src=x onerror=alert(109)>",
    "autolink without @": "<mailto:x/onmouseover=alert(110)>",
    "one-line fence": "```x```\n\n<img src=x onerror=alert(111)>",
    "tilde fence with backticks": "~~~ `x`\n<img src=x onerror=alert(112)>",
    "mermaid class by attr_list": 'flowchart LR\n  A --> B\n{: .mermaid }',
    "mermaid admonition": '!!! mermaid "Diagram"\n    flowchart LR',
}

def _body(text: str) -> str:
    return "## The argument\n\n" + text + "\n"


def build_with(project: Project, pieces: list[str], extra_yml: str = "") -> Build:
    project.write("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text("utf-8")
                  + "markdown_extensions:\n  - admonition\n" + extra_yml)
    project.write("docs/pic.png", "not really a png")
    project.replace("briefs/first-brief.md", "## The argument\n", _body("\n\n".join(pieces)))
    return project.build()


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Build:
    import shutil

    from conftest import FIXTURES, MKDOCS_YML

    root = tmp_path_factory.mktemp("sanitize")
    shutil.copytree(FIXTURES / "minimal", root / "briefs")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("name: material\n", "name: material\n  font: false\n"), "utf-8")
    build = build_with(Project(root), list(BUILDS.values()))
    assert build.returncode == 0, build.output
    return build


PAGES = ["briefs/first-brief/", "recommendations/widen-aperture/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_construct_leaves_markup_that_runs_or_calls_out(payload_site, path):
    soup = payload_site.html(path)
    assert unsafe_markup(soup) == []


def test_the_text_of_every_construct_is_still_there(payload_site):
    article = payload_site.html("briefs/first-brief/").select_one("article")
    text = article.get_text()
    assert "Para one." in text and "Heading two" in text and "Styled." in text
    assert article.find("a", string="x").get("href") is None  # the javascript: that replaced it is dropped
    assert article.find("img", alt="i")["src"] == "../../pic.png"  # a local image is kept, without its handler
    link = article.find("a", string="w")
    assert link is not None and "onmouseover" not in link.attrs and "javascript" not in link.get("href", "")


def test_aligned_table_cells_keep_their_alignment_without_style(project):
    build = build_with(project, ["| a | b |\n|:--|--:|\n| 1 | 2 |"])
    assert build.returncode == 0, build.output
    cells = build.html("briefs/first-brief/").select("article table:not(.briefs-grid-table) :is(th, td)")
    assert [c.get("align") for c in cells] == ["left", "right", "left", "right"]
    assert not any(c.has_attr("style") for c in cells)


def test_the_plugins_own_markup_comes_through(shipped_site):
    brief = shipped_site.html("briefs/trilateral-prism/")
    assert [b["data-clipboard-target"] for b in brief.select("button.briefs-copy")] == [
        "#briefs-cite-text", "#briefs-cite-original", "#briefs-cite-bibtex"]
    assert brief.select_one("details#briefs-cite") is not None
    assert brief.select("a.briefs-link[data-briefs-kind][data-briefs-name]")
    grid = brief.select_one(".briefs-grid table.briefs-grid-table[aria-label]")  # the Connections grid
    assert grid.select('th[scope="colgroup"][colspan]') and grid.select('th[scope="row"] a.briefs-link')
    assert grid.select("td span.briefs-mark[aria-hidden]") and grid.select("td span.briefs-sr-only")
    assert brief.find("noscript") is None
    explorer = shipped_site.html("recommendations/").select_one("div.briefs-explorer[data-briefs-explorer]")
    assert explorer is not None and explorer["data-page-size"] == "100"


@pytest.mark.parametrize("sanitize, live", [("true", False), ("false", True)])
def test_hand_written_pages_are_sanitised_unless_switched_off(project, sanitize, live):
    # the theme writes the front matter's title, description and author into <head> as they are, and the policy
    # allowed a <script> there by its hash, as one of the theme's own
    head = "</title><script>alert(3)</script>"
    project.write("docs/index.md", f'---\ntitle: "{head}"\ndescription: \'{IN_META}\'\n'
                  f'author: \'"><script>alert(5)</script>\'\n---\n# Home\n\n<p onclick="alert(1)" style="color:red">hi</p>'
                  '\n\n<script>alert(2)</script>\n')
    project.replace("mkdocs.yml", "  - briefs\n", f"  - briefs:\n      sanitize_pages: {sanitize}\n")
    build = project.build()
    assert build.returncode == 0, build.output
    page = build.html("")
    article = page.select_one("article")
    assert (article.find("p", onclick=True) is not None) == live
    assert (article.find("script") is not None) == live
    assert article.find("p", string="hi") is not None
    injected = [s.string for s in page.find_all("script") if s.string in ("alert(3)", "alert(4)", "alert(5)")]
    assert set(injected) == ({"alert(3)", "alert(4)", "alert(5)"} if live else set())
    if not live:
        assert page.title.string == f"{head} - Test briefs"
        assert page.find("meta", attrs={"name": "description"})["content"] == IN_META


def test_chromium_runs_nothing_from_the_payloads(payload_site, chromium):
    from browser import serve_folder

    dialogs: list[str] = []
    with serve_folder(payload_site.site) as url:
        page = chromium.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            for path in PAGES:
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                for event in ("mouseover", "click", "focus"):  # what the handlers were waiting for
                    page.eval_on_selector_all(
                        "article p, article h2, article img, article a:not([href^='http']):not([href^='.'])",
                        f"els => els.forEach(e => e.dispatchEvent(new Event('{event}', {{bubbles: true}})))")
                assert unsafe_markup(_soup(page.content())) == []
        finally:
            page.close()
    assert dialogs == []
    assert [r for r in requests if "evil.example" in r] == []


def _soup(text: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser")


# Constructs the checker refuses, each with the message and column it names (line is where the piece starts).
REFUSED = {
    "[a](java&#115;cript:alert(201))": (1, "a 'javascript:' link is not allowed in a brief"),
    "[a](javascript&colon;alert(202))": (1, "a 'javascript:' link is not allowed in a brief"),
    "[a](&#106;avascript:alert(203))": (1, "a 'javascript:' link is not allowed in a brief"),
    "[a](java\nscript:alert(204))": (1, "a 'javascript:' link is not allowed in a brief"),
    "[a](\x01javascript:alert(205))": (1, "a 'javascript:' link is not allowed in a brief"),
    "See [x][r].\n\n[r]: javascript:alert(206)": (1, "a 'javascript:' link is not allowed in a brief"),
    "![x](https://evil.example/a.png)": (1, "an image from another site (evil.example) is not allowed in a brief"),
    "![x][e]\n\n[e]: https://evil.example/b.png": (1, "an image from another site (evil.example) is not allowed"),
    "![x][d]\n\n[d]: data:image/png;base64,AAAA": (1, "a 'data:' link is not allowed in a brief"),
    "```x```\n\n```mermaid\nflowchart LR\n  A --> B\n```": (1, "a mermaid diagram is not allowed in a brief"),
    "````\ncode\n```\n\n[y](javascript:alert(207))\n````": None,  # all code: three backticks do not close four
    "Bad\x0bcontrol": (4, "control character U+000B is not allowed in a brief's text"),
    "- " * 40 + "deep": (1, "lists or quotes are nested more than 30 deep here"),
}


def test_each_refused_construct_is_an_error_where_it_is_written(project):
    pieces = list(REFUSED)
    build = build_with(project, pieces)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    lines = (project.briefs / "first-brief.md").read_text("utf-8").split("\n")
    for piece, expected in REFUSED.items():
        first = piece.split("\n")[0]
        line = lines.index(first) + 1
        if expected is None:
            assert f"first-brief.md:{line + 4}:" not in build.output
            continue
        col, message = expected
        if "[r]:" in piece or "[e]:" in piece or "[d]:" in piece:
            line += 2  # reported at the definition
        if "mermaid" in piece:
            line += 2
        assert re.search(rf"briefs/first-brief.md:{line}:{col}: error: {re.escape(message)}", build.output), (piece, line)


def test_an_unclosed_fence_is_an_error_and_does_not_swallow_the_page(project):
    path = project.briefs / "first-brief.md"
    path.write_text(path.read_text("utf-8") + "\nBefore.\n\n```\n<img src=x onerror=alert(301)>\n", "utf-8")
    build = project.build()
    line = path.read_text("utf-8").split("\n").index("Before.") + 3
    assert build.returncode == 1
    assert f"briefs/first-brief.md:{line}:1: error: this code block is never closed" in build.output


@pytest.mark.slow  # a 70,000-annotation paragraph
def test_a_70000_annotation_paragraph_gives_every_annotation_at_its_column():
    # How long this takes is measured by benchmarks/annotation_scale.py (it was 56 s when the
    # paragraph was sliced for every match); the test checks only what a reader gets.
    from mkdocs_briefs.annotations import find_annotations
    from mkdocs_briefs.diagnostics import Diagnostics

    body = " ".join(["[Seoul](actor:rok)"] * 70_000)
    found = find_annotations(body, "b.md", 1, Diagnostics())
    assert len(found) == 70_000 and found[-1].pos.col == 69_999 * 19 + 1


def test_the_filter_applies_to_what_only_the_parser_reveals():
    """Pages are cleaned without the attribute filter first and again with it when the cleaned HTML has an
    image or a `mermaid` class: a class or a tag written with character references or in capitals is
    seen there, in full, and filtered."""
    hosts = frozenset({"img.example.org"})
    assert clean('<p class="&#109;ermaid x">a</p>', hosts) == '<p class="x">a</p>'
    assert clean('<P CLASS="&#x6D;ermaid">a</P>', hosts) == "<p>a</p>"
    assert clean('<IMG SRC="https://evil.example/x.png" alt="a">', hosts) == '<img alt="a">'
    assert clean('<image src="https://evil.example/x.png">', hosts) == "<img>"
    assert clean('<img src="https://img.example.org/x.png">', hosts) == '<img src="https://img.example.org/x.png">'
    assert clean('<pre class="mermaid">a</pre><div class="mermaid">b</div>', hosts) == (
        '<pre class="mermaid">a</pre><div class="mermaid">b</div>')
    assert clean('<table><tr><td style="text-align: right">1</td></tr></table>') == (
        '<table><tbody><tr><td align="right">1</td></tr></tbody></table>')


def test_the_theme_and_the_plugin_keep_their_names_for_their_own_parts():
    """A class or id of Material's own page parts (md-dialog, md-banner...) or a class of the plugin's it does
    not write into pages itself (briefs-preview, made by its script) is dropped wherever the page's text
    put it (raw HTML, an attribute list, an admonition's or a fence's classes): `md-dialog md-dialog--active`
    made a notice fixed over the page. Material's buttons, given to authors by its documentation, stay."""
    html = ('<div class="md-dialog md-dialog--active" id="md-x">Session expired</div>'
            '<div class="admonition note md-banner">b</div>'
            '<p><a class="md-button md-button--primary" href="#">Subscribe</a></p>'
            '<span class="briefs-preview briefs-draft mine">p</span>'
            '<a class="briefs-link briefs-actor" href="../x/">Seoul</a>')
    dropped: list[str] = []
    assert clean(html, frozenset(), dropped) == (
        '<div>Session expired</div><div class="admonition note">b</div>'
        '<p><a class="md-button md-button--primary" href="#">Subscribe</a></p>'
        '<span class="briefs-draft mine">p</span><a class="briefs-link briefs-actor" href="../x/">Seoul</a>')
    assert dropped == ["md-dialog", "md-dialog--active", "md-x", "md-banner", "briefs-preview"]
    assert clean('<P CLASS="md&#45;dialog">a</P>') == "<p>a</p>"  # however it is written
    text = '<p>write class="md-dialog" in <code>class="md-banner"</code></p>'
    assert clean(text, frozenset(), dropped := []) == text and dropped == []  # text about the names stays


def test_every_class_the_plugin_writes_into_pages_is_kept():
    from mkdocs_briefs.kinds import KINDS

    written = set()
    theirs = {"html_fixes.py", "annotations.py"}  # the theme's own HTML, outside the content; the names refused
    for path in [*(REPO / "src/mkdocs_briefs/templates").rglob("*.*"),
                 *(p for p in (REPO / "src/mkdocs_briefs").glob("*.py") if p.name not in theirs)]:
        text = path.read_text("utf-8")
        for value in re.findall(r'class="([^"]*)"', text) + re.findall(r"\{:([^}]*)\}", text):
            written |= {c.lstrip(".") for c in re.findall(r"\.?(?:md|briefs)-[\w-]*\w", value)}
        written |= set(re.findall(r'unsearched\("([\w-]+)"', text))
    written |= {f"briefs-{kind}" for kind in KINDS} | {"briefs-status--done", "briefs-status--setback"}
    assert len(written) > 40, written
    html = "".join(f'<p class="{name}">{name}</p>' for name in sorted(written))
    assert clean(html, frozenset(), dropped := []) == html and dropped == []
    assert clean('<p class="briefs-preview">x</p>', frozenset(), dropped) == "<p>x</p>" and dropped == ["briefs-preview"]


def test_a_hand_written_page_loses_the_themes_names_with_a_warning_at_each(project):
    project.replace("mkdocs.yml", "validation:", "markdown_extensions:\n  - admonition\nvalidation:")
    project.write("docs/hand.md", '# Hand\n\n<div class="md-dialog md-dialog--active">Your session has expired: call '
                  'us</div>\n\nA notice.\n{: .md-banner }\n\n!!! note briefs-preview\n    Text.\n\n'
                  '[Subscribe](https://example.org/){: .md-button .md-button--primary }\n')
    build = project.build()
    assert build.returncode == 1 and "Aborted with 4 warnings in strict mode!" in build.output  # they fail --strict
    warnings = [line.split("WARNING -  briefs: ", 1)[1] for line in build.output.splitlines() if "WARNING" in line]
    tail = ("a name of the theme's or of the plugin's own page parts, which a page's text may not give (it could pass "
            "for the site's own: a notice, a header): it is left out of the page; use a class of your own")
    assert warnings == [f"docs/hand.md:3:13: warning: 'md-dialog' is {tail}",
                        f"docs/hand.md:3:23: warning: 'md-dialog--active' is {tail}",
                        f"docs/hand.md:6:5: warning: 'md-banner' is {tail}",
                        f"docs/hand.md:8:10: warning: 'briefs-preview' is {tail}"]
    article = build.html("hand/").select_one("article")
    assert not article.select("[class*=md-dialog], .md-banner, .briefs-preview")
    assert article.find("div", string="Your session has expired: call us") is not None  # the text stays
    assert article.select_one("a.md-button.md-button--primary").get_text() == "Subscribe"


def test_a_hand_written_page_too_heavy_for_markdown_is_an_error_and_shown_as_text(project):
    # 2,000 '*' around a word in a page of docs/ ended the build in a RecursionError traceback
    project.write("docs/hand.md", "---\ntitle: Hand\n---\n# Hand\n\nLoud " + "*" * 2000 + "a" + "*" * 2000 + ".\n")
    build = project.build()
    assert "Traceback" not in build.output and build.returncode == 1
    assert ("ERROR   -  briefs: docs/hand.md:6:6: error: a run of 2,000 '*' here: Markdown reads it as emphasis "
            "nested too deep to make the page; write at most 100 in a row, or escape each one (\\*)") in build.output
    assert build.html("hand/").select_one("article pre").get_text().startswith("# Hand\n\nLoud ****")
