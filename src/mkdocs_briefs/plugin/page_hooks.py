"""What the plugin does to each page as MkDocs builds it, one function per step, for the events
in `plugin/__init__.py` to call: the navigation MkDocs makes by itself, the edit button of a
generated page, the links in diagrams, the listings of hand-written pages, a brief's citation and
JSON-LD, and what goes into every page's `<head>`.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import cite, feed, labels, listings, metadata
from ..corpus import Corpus
from ..diagnostics import Diagnostics
from ..heavy_markdown import refuse_heavy_markdown
from ..kinds import Folders
from ..pages import nav_pages
from .files import ASSETS, log
from .neighbours import history_script


def arrange_nav(nav: Navigation, folders: Folders) -> Navigation:
    """MkDocs' automatic navigation: one entry per section, the plugin's sections last, in a fixed order."""
    ours = {uri: i for i, uri in enumerate(nav_pages(folders))}
    items = [_flatten(item, ours) for item in nav.items]
    mine = sorted((i for i in items if isinstance(i, Page) and i.file.src_uri in ours),
                  key=lambda p: ours[p.file.src_uri])
    nav.items = [i for i in items if i not in mine] + mine
    for item in nav.items:
        item.parent = None
    return nav


def _flatten(item, ours: dict[str, int]):
    """A generated section whose only page is its index becomes that page."""
    if isinstance(item, Section) and len(item.children) == 1:
        child = item.children[0]
        if isinstance(child, Page) and child.file.src_uri in ours:
            return child
    return item


def mend_edit_url(page: Page) -> None:
    """A generated page's source lies outside docs/: its edit URL, `docs/../briefs/x.md`, made plain."""
    if page.edit_url and "/../" in page.edit_url:
        parts = urlsplit(page.edit_url)
        page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))


def diagram_url_of(page: Page, files: Files):
    """The URL, relative to `page`, of the docs file a diagram links to (None, with a warning, if there is none)."""
    def url_of(path: str) -> str | None:
        file = files.get_file_from_path(path)
        if file is None:
            log.warning(f"Doc file '{page.file.src_uri}' has a diagram that links to '{path}', which does not exist")
            return None
        return file.url_relative_to(page.file)
    return url_of


def expand_listings(markdown: str, page: Page, config: MkDocsConfig, corpus: Corpus) -> str:
    """A hand-written page with its listings filled in; what is wrong with them is logged, at the
    line of the page's source (its front matter counted)."""
    markdown, diags = listings.expand(markdown, corpus, *_source_place(markdown, page, config))
    log_diagnostics(diags)
    return markdown


def heavy_as_text(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """A hand-written page whose Markdown the reader cannot make a page of in a build's time (heavy_markdown.py,
    which ended the build in a RecursionError) is shown as text, in a code block, with an error at each place."""
    diags = Diagnostics()
    refuse_heavy_markdown(markdown, *_source_place(markdown, page, config), diags)
    if not diags.errors:
        return markdown
    log_diagnostics(diags)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", markdown)), default=0))
    return f"{fence}text\n{markdown}\n{fence}\n"


def _source_place(markdown: str, page: Page, config: MkDocsConfig) -> tuple[str, int]:
    """A hand-written page's path as messages show it, and the line of its source its Markdown starts on."""
    source = page.file.content_string
    first_line = source[: len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
    return shown_source(page, config), first_line


def shown_source(page: Page, config: MkDocsConfig) -> str:
    """A hand-written page's path as messages show it: relative to the folder of mkdocs.yml."""
    root = Path(config.config_file_path or ".").parent
    return Path(os.path.relpath(page.file.abs_src_path or "", root)).as_posix()


def brief_extras(markdown: str, page: Page, config: MkDocsConfig, files: Files, corpus: Corpus,
                 folders: Folders) -> tuple[str, str | None]:
    """A generated page's Markdown, ended with "Cite this brief" if it is a brief's, and the brief's
    JSON-LD <script> for its <head> (None for any other page)."""
    kind_id = folders.page_entity(page.file.src_uri)
    brief = corpus.briefs.get(kind_id[1]) if kind_id and kind_id[0] == "brief" else None
    if brief is None:
        return markdown, None
    site_url = config.site_url or None
    authors = {ref.id: files.get_file_from_path(folders.page_uri("author", ref.id)) for ref in brief.authors}
    author_urls = {id_: urljoin(site_url, f.url) for id_, f in authors.items() if f and site_url}
    data = metadata.article_jsonld(corpus, brief, site_name=config.site_name, site_url=site_url,
                                   url=page.canonical_url, author_urls=author_urls)
    markdown += "\n\n" + cite.cite_block(corpus, brief, config.site_name, page.canonical_url)
    return markdown, metadata.jsonld_script(data)


def head_additions(output: str, page: Page, config: MkDocsConfig, site_labels: labels.Labels,
                   jsonld: str | None, feed_link: bool) -> str:
    """What goes before a page's `</head>`: the labels of its scripts (assets/labels.js), a brief's
    JSON-LD, the feed's alternate link and, on the explorer's page, its history script."""
    feed_html = ""
    if feed_link:  # relative to the page, as Material writes its own feeds' links: its instant navigation
        # fetches the sitemap.xml beside every alternate link, which an absolute address would send
        # to the published site from a local copy
        with labels.using(site_labels):
            title = labels.t("feed.title", site=config.site_name)
        feed_html = feed.head_link(get_relative_url(feed.FEED, page.url or "."), title) + "\n"
    return (site_labels.script_element() + "\n" + (jsonld + "\n" if jsonld else "") + feed_html
            + history_script(output, page.url, ASSETS))


def log_diagnostics(diags: Diagnostics) -> None:
    for d in diags.infos:
        log.info(str(d))
    for d in diags.warnings:
        log.warning(str(d))
    for d in diags.errors:
        log.error(str(d))
