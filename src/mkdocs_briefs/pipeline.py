"""The whole pipeline in one call, shared by the plugin and `mkdocs-briefs check`:

    load -> validate -> corpus -> pages and exports

`run` takes the sources folder and returns everything a build or a check needs; nothing
here knows about MkDocs, and nothing is printed or written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Corpus, build_corpus
from .diagnostics import Diagnostics
from .export import export_files
from .feed import FEED, feed_xml
from .hints import find_hints
from .labels import ENGLISH, Labels, using
from .load import load_sources
from .markup import GeneratedPage
from .model import Sources
from .pages import generate_pages
from .settings import Settings
from .templates import PACKAGE, Templates
from .templates import using as using_templates
from .tracker import CHART, chart_svg
from .validate import validate, without_drafts


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


def run(folder: Path, root: Path, *, pages: bool = True, hints: bool = False, directory_urls: bool = True,
        site_url: str | None = None, image_hosts: frozenset[str] = frozenset(),
        settings: Settings | None = None, labels: Labels = ENGLISH, reuse: bool = False,
        today: datetime.date | None = None, templates: Templates = PACKAGE, site_name: str = "") -> Outcome:
    """Read, check and link the sources in `folder` (paths in messages relative to `root`);
    then, unless there are errors, write the pages and exports (with `pages`) and look for
    hints (with `hints`: what `check` shows but a build ignores). `settings` tune the pages
    (list caps, page sizes, diagram caps: settings.py), `labels` are their words in the site's
    language (labels.py), `templates` the site's own templates over the package's
    (templates.py). Images in briefs may come from the site itself or from `image_hosts`.
    With `reuse` (the plugin, run again after each save by `mkdocs serve`), a brief whose text
    did not change since the last such run is not parsed again. Updates are checked against the
    status scale of `settings` and `today` (by default the machine's date: an update may not be
    dated later). The Atom feed (feed.py) is titled with `site_name` and addressed from `site_url`."""
    sources, diags = load_sources(folder, root, image_hosts, reuse=reuse)
    settings = settings or Settings()
    diags.extend(validate(sources, settings.validation, settings.scale, today))
    if not settings.drafts and not diags.errors:
        sources, links_into_drafts = without_drafts(sources)
        diags.extend(links_into_drafts)
    outcome = Outcome(sources, diags)
    if diags.errors:
        return outcome
    if hints:
        diags.extend(find_hints(sources))
    if pages:
        outcome.corpus = build_corpus(sources, settings)
        with using(labels), using_templates(templates):
            outcome.pages = generate_pages(outcome.corpus)
            chart = chart_svg(outcome.corpus)
            outcome.exports = export_files(outcome.corpus, directory_urls=directory_urls, site_url=site_url)
            feed = feed_xml(outcome.corpus, site_name=site_name, site_url=site_url, directory_urls=directory_urls)
        outcome.exports[CHART] = chart
        outcome.exports[FEED] = feed
    return outcome
