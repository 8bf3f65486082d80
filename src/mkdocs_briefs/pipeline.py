"""The whole pipeline in one call, shared by the plugin and `mkdocs-briefs check`:

    load -> validate -> corpus -> pages and exports

`run` takes the sources folder and returns everything a build or a check needs; nothing
here knows about MkDocs, and nothing is printed or written.
"""

from __future__ import annotations

import datetime
import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from .diagnostics import Diagnostics, shown_path
from .hints import find_hints
from .load import load_sources
from .model import Sources
from .named_files import load_named
from .settings import Settings
from .validate import validate, without_drafts

if TYPE_CHECKING:  # the pages' machinery (Jinja, Babel, the labels) is imported only by a run that writes pages,
    from .corpus import Corpus  # so that `mkdocs-briefs check` starts fast
    from .incremental import Written
    from .labels import Labels
    from .markup import GeneratedPage
    from .templates import Templates


@dataclass
class Outcome:
    sources: Sources
    diagnostics: Diagnostics
    """Every problem found, in all the sources at once."""
    corpus: Corpus | None = None
    """The linked sources; None when there are errors."""
    pages: list[GeneratedPage] = field(default_factory=list)
    exports: dict[str, str] = field(default_factory=dict)
    """The data files (export.py), by their path in the site."""
    written: Written | None = None
    """The pages and what they were made from, for the next run (`previous`)."""


P = ParamSpec("P")
R = TypeVar("R")


def _without_cycle_collection(call: Callable[P, R]) -> Callable[P, R]:
    """Python's collector of reference cycles is left off while `call` runs. A run makes millions of
    objects (entities, back-links, Markdown) and almost no cycle, and under `mkdocs serve` the last
    run's corpus and pages stay in memory: each full collection walked all of them again (a quarter of
    a run's CPU after a save at 1,000 briefs). The few cycles are collected after the run as usual."""
    @functools.wraps(call)
    def without(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return call(*args, **kwargs)
        gc.disable()
        try:
            return call(*args, **kwargs)
        finally:
            gc.enable()
    return without


@_without_cycle_collection
def run(folder: Path, root: Path, *, pages: bool = True, hints: bool = False, directory_urls: bool = True,
        site_url: str | None = None, image_hosts: frozenset[str] = frozenset(),
        settings: Settings | None = None, labels: Labels | None = None, reuse: bool = False,
        today: datetime.date | None = None, templates: Templates | None = None, site_name: str = "",
        named: list[Path] | None = None, previous: Written | None = None) -> Outcome:
    """Read, check and link the sources in `folder` (paths in messages relative to `root`);
    then, unless there are errors, write the pages and exports (with `pages`) and look for
    hints (with `hints`: what `check` shows but a build ignores). `settings` tune the pages
    (list caps, page sizes, diagram caps: settings.py), `labels` are their words in the site's
    language (labels.py; English by default), `templates` the site's own templates over the package's
    (templates.py). Images in briefs may come from the site itself or from `image_hosts`.
    With `reuse` (the plugin, run again after each save by `mkdocs serve`), a brief whose text
    did not change since the last such run is not parsed again, nor an entry of corpus.json
    indented again, and the outcome keeps what the next run needs (`written`: the pages and
    what each names); without it (a one-off build) the pages are only written. Updates are
    checked against the status scale of `settings` and `today` (by default the machine's date:
    an update may not be dated later). With `previous` (the `written` of the last run's outcome)
    and `reuse`, the pages of entities whose inputs did not change are not written again
    (incremental.py). The Atom feed (feed.py) is titled with
    `site_name` and addressed from `site_url`.
    With `named` (files of `folder`), only the problems in those files are reported, and
    when they are all briefs, the other briefs are read only as far as their references need
    (named_files.py); no page is written."""
    if named and all(path.parent.resolve() == folder.resolve() and path.suffix == ".md" for path in named):
        sources, diags = load_named(folder, root, named, image_hosts)  # the other briefs only as far as needed
    else:
        sources, diags = load_sources(folder, root, image_hosts, reuse=reuse)
    settings = settings or Settings()
    diags.extend(validate(sources, settings.validation, settings.scale, today))
    if not settings.drafts and not diags.errors:
        sources, links_into_drafts = without_drafts(sources)
        diags.extend(links_into_drafts)
    outcome = Outcome(sources, diags)
    if hints and not diags.errors:
        diags.extend(find_hints(sources))
    if named:  # only what is wrong in the named files (pages are not written from a partial read)
        shown = {shown_path(path, root) for path in named}
        outcome.diagnostics = Diagnostics([d for d in diags.items if d.pos.path in shown])
        return outcome
    if pages and templates is not None:  # a site's own templates that cannot be read, with the sources' problems
        diags.items.extend(problem.diagnostic(root) for problem in templates.problems())
    if diags.errors:
        return outcome
    if pages:
        from .corpus import build_corpus
        from .export import export_files
        from .feed import FEED, feed_xml
        from .incremental import write_pages
        from .labels import ENGLISH, using
        from .pages import generate_pages
        from .templates import PACKAGE, TemplateProblem
        from .templates import using as using_templates
        from .tracker import CHART, chart_svg

        outcome.corpus = build_corpus(sources, settings, previous.corpus if previous else None)
        labels, templates = labels or ENGLISH, templates or PACKAGE
        # what every page depends on besides the corpus; a site's own templates may read anything they are given
        context = (settings, labels.language, labels.messages, today or datetime.date.today(),
                   object() if templates.overrides() else None)
        try:
            with using(labels), using_templates(templates):
                if reuse:  # kept for the next run (mkdocs serve), with the index of what each page names
                    outcome.written = write_pages(outcome.corpus, context, previous)
                    outcome.pages = outcome.written.pages
                else:  # a one-off build or export: no next run to find the changed pages for
                    outcome.pages = generate_pages(outcome.corpus)
                chart = chart_svg(outcome.corpus)
                outcome.exports = export_files(outcome.corpus, directory_urls=directory_urls, site_url=site_url,
                                               reuse=reuse)
                feed = feed_xml(outcome.corpus, site_name=site_name, site_url=site_url,
                                directory_urls=directory_urls)
        except TemplateProblem as problem:  # a site's template that fails on what it is given: nothing is published
            diags.items.append(problem.diagnostic(root))
            outcome.corpus, outcome.pages, outcome.exports, outcome.written = None, [], {}, None
            return outcome
        outcome.exports[CHART] = chart
        outcome.exports[FEED] = feed
    return outcome
