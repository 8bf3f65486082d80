"""The MkDocs plugin: wires MkDocs' events to the pipeline and does nothing else (what each page
gets on its way, from the navigation to its <head>, is in page_hooks.py).

    on_startup  note whether this is `mkdocs serve`, and whether builds are dirty
    on_config   register the annotation-link extension and the stylesheet; choose the labels
                of the site's language (labels.py: theme.language, the `labels` option)
    on_files    run the pipeline (pipeline.py: load -> validate -> corpus -> pages and
                exports) and add its pages and data exports as generated files (files.py);
                while serving, sources with errors give error pages instead; in a dirty
                build, `mkdocs serve --dirty`, pages that did not change are not built again
    on_nav      keep MkDocs' automatic navigation small: section indexes only, in a fixed
                order, before any other plugin (and in a dirty build, after every other
                plugin, read the titles of the pages in it that are not built again)
    on_page_markdown   tell the extension which page it is converting (and let go of the
                generated Markdown MkDocs has just read); turn the links in a page's
                diagrams into URLs before rendering (mermaid.py); fill in the
                listings of hand-written pages (listings.py); end a brief with its
                citation (cite.py) and note its JSON-LD (metadata.py); escape front matter
    on_page_content    pass the HTML through the allowlist (sanitize.py)
    on_post_page       after every other plugin: mend Material's HTML (html_fixes.py, option
                       material.valid_html); mark a generated page's <article> as the plugin's; put
                       the Content-Security-Policy (csp.py), which allows the inline scripts the theme
                       and the other plugins wrote, the scripts' labels and a brief's JSON-LD in its <head>
    on_env      while serving, keep the theme's compiled templates between builds (compiled.py)
    on_serve    watch the sources folder, even when it is moved away and back, and the site's
                own templates; leave the first build's heap out of cycle collections (serve.py)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import csp, labels, pipeline, sanitize, templates
from ..corpus import Corpus
from ..diagnostics import Diagnostics, shown_path
from ..html_fixes import fix_page, insert, own_page_mark
from ..incremental import Written
from ..kinds import DEFAULT_FOLDERS, KINDS, Folders, folder_problems
from ..markup import GeneratedPage
from ..mermaid import add_mermaid_fence, resolve_diagram_links
from ..pages import error_page
from ..render import AnnotationLinks
from .compiled import Compiled
from .config import MATERIAL_ASSETS, BriefsConfig, site_label_file, site_templates, theme_language
from .dirty import DirtyBuild, GeneratedFile, settings_of
from .files import add_assets, add_generated, listed_assets, log
from .label_file import LabelFileError
from .neighbours import (
    declare_bundled_mermaid,
    escape_front_matter,
    missing_templates,
    no_build_time_as_revision_date,
    offline_note,
    refused_polyfills,
    theme_previews,
    unusable_meta,
)
from .page_hooks import (
    arrange_nav,
    brief_extras,
    diagram_url_of,
    expand_listings,
    head_additions,
    heavy_as_text,
    log_diagnostics,
    mend_edit_url,
    shown_source,
)
from .serve import serving

REQUIRED_EXTENSIONS = ("attr_list", "def_list", "md_in_html", "tables")


class BriefsPlugin(BasePlugin[BriefsConfig]):
    def __init__(self) -> None:
        self.links = AnnotationLinks(on_unknown=self._unknown_link)
        self.corpus: Corpus | None = None
        self.serving = False
        self.page_uris: list[str] = []
        """Pages of the last good build: while serving, each shows the errors until they are fixed."""
        self.failed = False
        """The last reading of the sources had errors (while serving): the pages show them."""
        self.jsonld: dict[str, str] = {}
        """The JSON-LD <script> of each brief page, by src_uri, put in its <head> by on_post_page."""
        self.dirty = DirtyBuild()
        self.written: Written | None = None
        """While serving, the last run's pages and corpus: after a save, the pages whose inputs did not
        change are kept. None in a one-off build, which has no next run to keep them for."""
        self.compiled = Compiled()
        """The compiled templates of the plugin and of the theme, kept between the builds of `mkdocs serve`."""
        self.labels = labels.ENGLISH
        """The labels of the site's language (theme.language), with its overrides."""
        self.folders = DEFAULT_FOLDERS
        """The folder of each kind's pages (the `folders` option), checked in on_config."""
        self.templates = templates.PACKAGE
        """The site's templates (its theme's custom_dir) over the package's."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty.enabled = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:  # `enabled: false`: every event leaves the build alone
            return config
        self.folders = _checked_folders(self.config.folders.chosen(), Path(config.docs_dir))
        self.labels = _labels(config, self.config)
        self.templates = site_templates(config)
        if self.serving:  # templates compiled once, not once a build (compiled.py)
            self.templates.env.bytecode_cache = self.compiled.since(settings_of(config)).plugin
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(self.links)
        add_mermaid_fence(config.markdown_extensions, config.mdx_configs)  # ```mermaid: diagrams
        declare_bundled_mermaid(config)
        no_build_time_as_revision_date(config, self.folders)
        ours = listed_assets((MATERIAL_ASSETS - self.config.material.assets())
                             | ({"preview.js"} if theme_previews(config) else set()))
        # before the site's own stylesheets and scripts, so that a site rule of the same weight wins
        config.extra_css[:0] = [p for p in ours if p.endswith(".css") and p not in config.extra_css]
        config.extra_javascript[:0] = [p for p in ours if p.endswith(".js") and p not in config.extra_javascript]
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled.theme
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        problems = labels.check_overrides(self.config.labels)
        if problems:
            raise PluginError("the briefs plugin's labels in mkdocs.yml: " + "; ".join(problems))
        root = Path(config.config_file_path or ".").parent
        _outside_docs(Path(self.config.sources), Path(config.docs_dir), root)
        try:
            settings = self.config.settings()
        except (TypeError, ValueError) as exc:  # scale_from: the 'statuses' option
            raise PluginError(f"the briefs plugin's 'statuses' option: {exc}: fix it in mkdocs.yml") from None
        outcome = pipeline.run(Path(self.config.sources), root, directory_urls=config.use_directory_urls,
                               site_url=config.site_url, image_hosts=frozenset(self.config.image_hosts),
                               settings=settings, labels=self.labels, reuse=self.serving, templates=self.templates,
                               site_name=config.site_name, previous=self.written)
        # kept for the next save only while serving: a build would hold every page's Markdown to its end
        self.written = (outcome.written or self.written) if self.serving else None
        outcome.diagnostics.extend(missing_templates(outcome.sources, config.theme.dirs))  # what only a build knows
        log_diagnostics(outcome.diagnostics)
        self.failed = bool(outcome.diagnostics.errors)
        pages = self._pages(outcome, root)
        self.dirty.begin(settings_of(config), None if self.failed else self.links.targets, self.templates.overrides())
        with labels.using(self.labels), templates.using(self.templates), _located(root):  # the redirect's words
            clashes = add_generated(files, config, pages, outcome.exports, self.dirty, Path(self.config.sources),
                                    self.folders)
        for clash in clashes:
            log.error(clash)
        if clashes:
            raise PluginError(f"{len(clashes)} file{'s' if len(clashes) > 1 else ''} in the docs folder would replace "
                              "a generated page or export (listed above): remove or move them")
        self.dirty.end(files, self.failed)
        add_assets(files, config)
        for url in refused_polyfills(config) if self.config.csp else []:
            log.warning(f"Material loads {url} (extra.polyfills{offline_note(config, url)}) on every page, but the "
                        "Content-Security-Policy allows scripts from the site only: add Material's privacy plugin, "
                        "which serves a copy from the site, or put a copy in docs/ and name it in extra.polyfills, "
                        "or set the briefs plugin's 'csp: false'")
        return files

    def _pages(self, outcome: pipeline.Outcome, root: Path) -> list[GeneratedPage]:
        """The generated pages; while serving sources with errors, each page of the last good
        build shows the errors instead (a build stops)."""
        errors = outcome.diagnostics.errors
        own = tuple(shown_path(Path(folder), root).rstrip("/") + "/" for folder in self.templates.folders)
        if errors and self.serving:
            log.error(_summary(outcome.diagnostics, own) + "; the pages show them until they are fixed")
            uris = self.page_uris or [self.folders.page_uri(k) for k in KINDS]
            with labels.using(self.labels), templates.using(self.templates):
                return [GeneratedPage(uri, error_page(errors)) for uri in uris]
        if errors:
            raise PluginError(_summary(outcome.diagnostics, own) + ": fix them and build again")
        self.corpus = self.links.corpus = outcome.corpus
        self.page_uris = [p.src_uri for p in outcome.pages]
        return outcome.pages

    @event_priority(110)  # before any other plugin: one that makes its own nav (awesome-nav, at 100) has the last word
    def _arrange_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """MkDocs' automatic navigation (never one that mkdocs.yml sets): one entry per section, ours last."""
        if self.config.enabled and self.config.arrange_nav and config.nav is None:
            arrange_nav(nav, self.folders)
        return nav

    @event_priority(-100)  # after every other plugin, on the pages of the nav that will be built
    def _read_skipped_titles(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A dirty build does not read the pages it skips, but every page shows their titles."""
        if self.config.enabled:  # (and each generated page's File and Page are kept for the next build: dirty.py)
            for page in self.dirty.skipped_nav_pages(nav, files):
                page.read_source(config)
                escape_front_matter(page, self.config.sanitize_pages)
        return nav

    on_nav = CombinedEvent(_arrange_nav, _read_skipped_titles)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.config.enabled:
            mend_edit_url(page)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        self.links.page_uri = page.file.src_uri
        if isinstance(page.file, GeneratedFile):
            page.file.release()
        escape_front_matter(page, self.config.sanitize_pages)
        if page.file.generated_by is None:  # written by hand: Markdown too heavy for a build is shown as text
            markdown = heavy_as_text(markdown, page, config)
            log_diagnostics(unusable_meta(page, config.theme.dirs, shown_source(page, config)))
        markdown = resolve_diagram_links(markdown, diagram_url_of(page, files))
        with labels.using(self.labels), templates.using(self.templates), templates.recording() as used, \
                _located(Path(config.config_file_path or ".").parent):
            markdown = self._reader_extras(markdown, page, config, files)
        self.dirty.record(page.file.src_uri, used)  # a dirty build converts it again when one of them changes
        return markdown

    def _reader_extras(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Listings in hand-written pages; a brief's "Cite this brief" block and JSON-LD."""
        if self.corpus is None or self.failed:
            return markdown
        if page.file.generated_by is None:  # written by hand
            return expand_listings(markdown, page, config, self.corpus)
        markdown, jsonld = brief_extras(markdown, page, config, files, self.corpus, self.folders)
        if jsonld is not None:
            self.jsonld[page.file.src_uri] = jsonld
        return markdown

    @event_priority(-100)  # after every other plugin: the policy allows the inline scripts they add (mermaid2's)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        if self.config.material.valid_html:
            output = fix_page(output)
        edits = []  # what goes into the page, put in with one copy of it
        if isinstance(page.file, GeneratedFile):  # the plugin's own page: its print rules and scripts apply
            edits.append(own_page_mark(output))
        if self.config.csp:  # security: the Content-Security-Policy <meta>
            edits.append(csp.policy_meta(output, self.config.image_hosts, web_fonts=bool(config.theme.get("font")),
                                         content=page.content or ""))
        script = self.jsonld.get(page.file.src_uri) if not self.failed else None
        end = output.find("</head>")
        if end >= 0:  # the labels of the page's scripts, a brief's JSON-LD, the feed's link
            edits.append((end, head_additions(output, page, config, self.labels, script, not self.failed)))
        return insert(output, edits)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        if page.file.generated_by is not None or self.config.sanitize_pages:  # security: the HTML allowlist
            dropped: list[str] = []
            html = sanitize.clean(html, frozenset(self.config.image_hosts), dropped)
            if dropped:  # names of the theme's or the plugin's page parts, given by the page's text
                log_diagnostics(sanitize.dropped_names(dropped, page.file.abs_src_path,
                                                       os.path.dirname(config.config_file_path)))
        return html

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled:
            serving(server, os.path.abspath(self.config.sources), self.templates.folders)  # and settles the heap
        return server

    def _unknown_link(self, page: str, href: str) -> None:
        log.warning(f"Doc file '{page}' contains a link '{href}' that names no known entity: check the id")


def _checked_folders(chosen: dict[str, str], docs_dir: Path) -> Folders:
    """The folders of the `folders` option, or a stop naming everything wrong with them."""
    docs_folders = [p.name for p in docs_dir.iterdir() if p.is_dir()] if docs_dir.is_dir() else []
    problems = folder_problems(chosen, docs_folders)
    if problems:
        raise PluginError("the briefs plugin's 'folders' option in mkdocs.yml: " + "; ".join(problems))
    return Folders(chosen)


def _outside_docs(sources: Path, docs_dir: Path, root: Path) -> None:
    """Stop when the sources folder is docs_dir or inside it: MkDocs would publish each brief a
    second time, as written, and copy the registries into the site."""
    sources, docs_dir = sources.resolve(), docs_dir.resolve()
    if sources == docs_dir or docs_dir in sources.parents:
        shown = Path(os.path.relpath(sources, root.resolve())).as_posix()
        raise PluginError(f"the briefs sources folder '{shown}' is inside docs_dir, so MkDocs would publish every "
                          "brief twice and copy the registries into the site: move it next to mkdocs.yml (like "
                          "briefs/) and set the plugin's 'sources' option to it")


def _labels(config: MkDocsConfig, options: BriefsConfig) -> labels.Labels:
    """The site's labels (its labels file, then `labels:`), saying what is English in a language without them."""
    language, root = theme_language(config), Path(config.config_file_path or ".").parent
    try:
        path, from_file = site_label_file(config)
    except LabelFileError as exc:
        for problem in exc.problems:
            log.error(problem)
        count = len(exc.problems)
        raise PluginError(f"{count} error{'s' if count > 1 else ''} in the site's labels file (listed above): "
                          "fix them and build again") from None
    words = labels.Labels(language, {**from_file, **options.labels})
    english = len(set(labels.catalogue("en")) - set(from_file) - set(options.labels))
    if words.shipped is None and path is None:
        log.info(f"no labels in '{language}' (theme.language) yet: the generated pages use English ones; "
                 f"translate them in briefs/locales/{language}.yml of the theme's custom_dir (see the reference's "
                 "Labels and languages), or give some under the plugin's 'labels' in mkdocs.yml")
    elif words.shipped is None and path is not None and english:
        log.info(f"labels in '{language}' from {shown_path(path, root)}: {english} of {len(labels.catalogue('en'))} "
                 "labels are not in it and stay in English")
    return words


@contextlib.contextmanager
def _located(root: Path) -> Iterator[None]:
    """A site's template that fails while a page is converted (a brief's citation, a listing) stops the
    build with its place, as a mistake in the sources does, not with a traceback."""
    try:
        yield
    except templates.TemplateProblem as problem:
        log.error(str(problem.diagnostic(root)))
        raise PluginError("1 error in the site's templates (listed above): fix it and build again") from None


def _summary(diags: Diagnostics, templates_at: tuple[str, ...] = ()) -> str:
    """How many errors, and where: the sources, the site's templates (files under `templates_at`), or both."""
    count = len(diags.errors)
    own = sum(1 for d in diags.errors if templates_at and d.pos.path.startswith(templates_at))
    where = "the briefs sources" if not own else "the site's templates" if own == count else \
        "the briefs sources and the site's templates"
    return f"{count} error{'s' if count > 1 else ''} in {where} (listed above)"
