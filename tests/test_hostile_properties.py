"""Issue 11: a property test of the sanitiser, over a small grammar of Markdown constructs.

Hostile text (tests/payloads.py and the URLs below) is wrapped in the constructs where a
checker and Python-Markdown have disagreed: fences of every shape, indentation, list items,
admonitions, definitions, quotes, attr_list `{: ...}`, character references, reference
definitions, autolinks, raw HTML, md_in_html, tables, annotations. Each generated body is
put in a brief and goes through the plugin's own events (on_files, on_page_markdown,
MkDocs' rendering, on_page_content) without writing a site, for every page that shows a
brief's text. Whether or not the checker refuses the body, the same body is also rendered
with the site's Markdown extensions alone and cleaned by `sanitize.clean`, so that the
sanitiser is tested without the checker in front of it.

In every case no page content may hold an event handler, a `style`, a `srcset`, a scheme
other than http(s) and mailto, a remote resource other than an image from an allowed host,
or a script-capable element (`sitecheck.unsafe_markup`). The run is derandomised and
bounded by the hypothesis profile (40 examples in CI); `test_found_cases_build_safely`
builds a handful of the constructs for real with `mkdocs build --strict`.
"""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, MKDOCS_YML, Project, built
from hypothesis import given, settings
from hypothesis import strategies as st
from payloads import IMG, JS_URL, PROBE, SCRIPT
from sitecheck import unsafe_markup

from mkdocs_briefs import sanitize

ALLOWED_HOST = "images.example.org"
HOSTS = frozenset({ALLOWED_HOST})

URLS = [
    JS_URL, "JaVaScRiPt:alert(2)", "java&#115;cript:alert(3)", "javascript&colon;alert(4)",
    "&#106;avascript:alert(5)", "&#x6A;avascript:alert(6)", "vbscript:msgbox(7)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==", "data:image/png;base64,iVBORw0KGgo=",
    "https://evil.example/x.png", "//evil.example/y.png", "HTTPS://evil.example/z.png", "file:///etc/passwd",
    f"https://{ALLOWED_HOST}/ok.png", "../pic.png", "https://example.org/page",
]
"""Addresses for links, images, autolinks, definitions and attributes: script schemes (plain,
mixed case, entity-encoded), data:, remote images, an allowed image host, local and plain links."""

HTML = [
    SCRIPT, IMG, PROBE, '<iframe src="https://evil.example/"></iframe>', '<a href="javascript:alert(9)">a</a>',
    '<div style="background:url(https://evil.example/b.png)">s</div>', "<svg onload=alert(10)>",
    '<object data="https://evil.example/o.swf"></object>',
    '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
    '<form action="https://evil.example/"><button formaction="javascript:alert(11)">b</button></form>',
    '<base href="https://evil.example/">', '<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(13)>">', '<img srcset="https://evil.example/s.png 1x">',
    '<p class="mermaid">flowchart LR\nA-->B</p>', '<details open ontoggle=alert(14)>',
]
"""Raw HTML that runs a script, calls another site, or survives a naive parser (mutation XSS)."""

ATTRS = [
    'onclick="alert(20)"', 'onmouseover="alert(21)"', 'style="position:fixed;background:url(https://evil.example/c.png)"',
    'href="javascript:alert(22)"', 'src="https://evil.example/d.png"', 'srcset="https://evil.example/e.png 1x"',
    ".mermaid", 'data-briefs-kind="actor" title="t"', 'formaction="javascript:alert(23)"', "#briefs-cite",
]
"""The inside of an attr_list `{: ... }`."""

urls = st.sampled_from(URLS)
attrs = st.sampled_from(ATTRS)
raw_html = st.sampled_from(HTML)


def _entities(text: str) -> str:
    """The first letters of `text` written as character references, as an attacker hides a scheme."""
    return "".join(f"&#{ord(c)};" for c in text[:4]) + text[4:]


@st.composite
def inlines(draw) -> str:
    """One inline construct with a payload in it."""
    form = draw(st.integers(0, 16))
    url, attr, raw = draw(urls), draw(attrs), draw(raw_html)
    return [
        raw,
        f"[t]({url})", f"[t](<{url}>)", f'[t]({url} "title")', f"![i]({url})",
        f"<{url}>", f"[t](https://ok.example/){{: {attr} }}", f"![i](../pic.png){{: {attr} }}",
        f"[w](rec:widen-aperture){{: {attr} }}", f"[Seoul](actor:rok){{: {attr} }}",
        f"![see [x](actor:rok)]({url})", "\\" + raw, f"`{raw}`", f"[t]({_entities(url)})", html.escape(raw),
        f"*{raw}*", f"[{raw}](actor:rok)",
    ][form]


@st.composite
def blocks(draw, depth: int = 0) -> str:
    """A block around one or two inline constructs, possibly inside a container block."""
    x, y = draw(inlines()), draw(inlines())
    url, attr = draw(urls), draw(attrs)
    leaves = [
        f"Text {x} and {y}.", f"Para {x}\n{{: {attr} }}", f"## Heading {x} {{: {attr} }}",
        f"```\n{x}\n```", f"~~~\n{x}\n~~~", f"````\n{x}\n```\n{y}", f"```x```\n\n{x}", f"~~~ `x`\n{x}",
        f"```\n{x}", f"```mermaid\n{x}\n```", f"  ```\n  {x}\n  ```", f"    {x}",
        f"[t][r]\n\n[r]: {url}", f"![i][r]\n\n[r]: {url}", f"![i][r]\n\n[r]:\n  {_entities(url)}",
        f"| a | b |\n|:--|--:|\n| {x} | {y} |", f'<div markdown="1">\n\n{x}\n\n</div>', f"{x}",
    ]
    containers = [
        "- {}", "1. {}", "> {}", "!!! note\n    {}", "??? note\n    {}", "Term\n:   {}",
        "- item\n\n    {}", "!!! note\n\n    {}",
    ]
    if depth < 2 and draw(st.booleans()):
        inner = draw(blocks(depth + 1))
        template = draw(st.sampled_from(containers))
        indent = "    " if "\n    {}" in template else "  " if template.startswith("- ") else "   "
        return template.format(inner.replace("\n", "\n" + indent))
    return draw(st.sampled_from(leaves))


bodies = st.lists(blocks(), min_size=1, max_size=4).map("\n\n".join)

MKDOCS_EXTRA = f"""\
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - pymdownx.details
plugins:
  - search
  - briefs:
      image_hosts: [{ALLOWED_HOST}]
"""


def _project(root: Path) -> Project:
    shutil.copytree(FIXTURES / "minimal", root / "briefs")
    project = Project(root)
    project.write("docs/index.md", "# Home\n")
    project.write("docs/pic.png", "not really a png")
    yml = MKDOCS_YML.replace("name: material\n", "name: material\n  font: false\n")
    project.write("mkdocs.yml", yml.replace("plugins:\n  - search\n  - briefs\n", "") + MKDOCS_EXTRA)
    return project


def _with_body(project: Project, body: str) -> None:
    text = (FIXTURES / "minimal" / "first-brief.md").read_text("utf-8")
    project.write("briefs/first-brief.md", text.rstrip("\n") + "\n\n" + body + "\n")


SHOWN_IN = ("briefs/", "recommendations/", "actors/", "mechanisms/")
"""The sections whose pages show a brief's text or passages quoted from it."""


@dataclass
class Renderer:
    """The plugin's events on a project, without writing a site."""

    project: Project

    def __post_init__(self) -> None:
        from mkdocs.config import load_config

        self.config = load_config(str(self.project.root / "mkdocs.yml"))
        self.config.plugins.on_startup(command="build", dirty=False)
        self.config = self.config.plugins.on_config(self.config)

    def pages(self) -> dict[str, str] | None:
        """The content HTML of every page that shows the brief's text; None when the build stops."""
        from mkdocs.exceptions import PluginError
        from mkdocs.structure.files import get_files
        from mkdocs.structure.pages import Page

        config = self.config
        try:
            files = config.plugins.on_files(get_files(config), config=config)
        except PluginError:
            return None
        found = {}
        for file in files.documentation_pages():
            if file.generated_by is None or not file.src_uri.startswith(SHOWN_IN):
                continue
            page = Page(None, file, config)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            found[file.src_uri] = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        return found

    def body_alone(self, body: str) -> str:
        """The body converted with the site's Markdown extensions and cleaned, no checker in front."""
        md = markdown.Markdown(extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs)
        return sanitize.clean(md.convert(body), HOSTS)


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> Iterator[Renderer]:
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # the checker's errors for refused bodies are expected here
    try:
        yield Renderer(_project(tmp_path_factory.mktemp("properties")))
    finally:
        logger.setLevel(level)


def _unsafe(content: str) -> list[str]:
    return unsafe_markup(BeautifulSoup(f"<article>{content}</article>", "html.parser"), HOSTS)


@pytest.mark.slow  # 40 generated bodies through the plugin's events
@settings(derandomize=True)
@given(bodies)
def test_no_generated_body_puts_markup_that_runs_or_calls_out_on_a_page(renderer, body):
    _with_body(renderer.project, body)
    assert _unsafe(renderer.body_alone(body)) == []
    pages = renderer.pages()
    for uri, content in (pages or {}).items():
        assert _unsafe(content) == [], uri


FOUND = [
    "- item\n\n    ```\n    x\n    ```\n\n    ![i](https://images.example.org/ok.png){: onerror=\"alert(1)\" }",
    "!!! note\n    [w](rec:widen-aperture){: href=\"javascript:alert(2)\" style=\"color:red\" }",
    "Term\n:   <details open ontoggle=alert(3)>\n\n> ![i][r]\n\n[r]: ../pic.png",
    "| a | b |\n|:--|--:|\n| [t](https://ok.example/){: onclick=\"alert(4)\" } | `<script>` |",
    "## Heading [Seoul](actor:rok){: onmouseover=\"alert(5)\" } {: style=\"position:fixed\" }",
]
"""Bodies that pass the checker and reach a page: built for real, all at once."""


def test_found_cases_build_safely(tmp_path):
    project = _project(tmp_path)
    _with_body(project, "\n\n".join(FOUND))
    build = built(project.build())
    for path in ("briefs/first-brief/", "recommendations/widen-aperture/", "actors/rok/"):
        soup = build.html(path)
        assert unsafe_markup(soup, HOSTS) == [], path
    article = build.html("briefs/first-brief/").select_one("article")
    assert article.find("img", src=f"https://{ALLOWED_HOST}/ok.png") is not None  # an allowed host's image stays
