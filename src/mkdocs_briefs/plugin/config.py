"""The plugin's options in mkdocs.yml (`plugins: - briefs: ...`), typed and documented one by one,
and `BriefsConfig.settings()`, which turns those the pipeline needs into its own `Settings`.
docs/reference.md lists them all.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..kinds import KINDS, Folders
from ..labels import Labels, Message
from ..settings import LEVELS, Limits, Settings, Validation
from ..statuses import scale_from
from ..templates import Templates
from .label_file import find_label_file, read_label_file


class _Count(c.BaseConfigOption[int]):
    """A whole number from 1 up (a cap or a page size)."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected a whole number from 1 up, like {self.default}, not {value!r}")
        return value


class _Host(c.BaseConfigOption[str]):
    """A host name, like 'images.example.org' (an image host: it goes into the policy as https://<host>)."""

    HOST = re.compile(r"(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not self.HOST.fullmatch(value):
            raise base.ValidationError(f"expected a host name, like 'images.example.org' (no scheme, port, path, space "
                                       f"or wildcard), not {value!r}")
        return value


_LIMIT_DEFAULTS = Limits()


class LimitsConfig(base.Config):
    """`limits:` how much each generated page shows before it counts the rest (settings.Limits)."""

    listed = _Count(_LIMIT_DEFAULTS.listed)
    """Recommendations, or briefs mentioning an entity, listed on an entity's page."""
    mentions_per_brief = _Count(_LIMIT_DEFAULTS.mentions_per_brief)
    """Passages of one brief linked under "Mentioned in" on an entity's page."""
    related = _Count(_LIMIT_DEFAULTS.related)
    """Related recommendations on a recommendation's page."""
    latest_updates = _Count(_LIMIT_DEFAULTS.latest_updates)
    """Updates under "Latest updates" on an actor's or a mechanism's page."""
    feed_entries = _Count(_LIMIT_DEFAULTS.feed_entries)
    """Entries of the Atom feed (feed.xml), the newest first."""
    briefs_page_size = _Count(_LIMIT_DEFAULTS.briefs_page_size)
    """Briefs per page of the briefs index."""
    table_page_size = _Count(_LIMIT_DEFAULTS.table_page_size)
    """Rows per page of the actors, mechanisms, authors and series indexes."""
    explorer_page_size = _Count(_LIMIT_DEFAULTS.explorer_page_size)
    """Rows per page of the recommendations table (the explorer filters all of them)."""
    diagram_recommendations = _Count(_LIMIT_DEFAULTS.diagram_recommendations)
    """Recommendations (rows) of the "Connections" grid of an actor, a mechanism or a brief."""
    diagram_neighbours = _Count(_LIMIT_DEFAULTS.diagram_neighbours)
    """Actors, and mechanisms, (columns) of such a grid, the most frequent first."""
    map_actors = _Count(_LIMIT_DEFAULTS.map_actors)
    """Actors (columns) of the map's grids."""
    map_mechanisms = _Count(_LIMIT_DEFAULTS.map_mechanisms)
    """Mechanisms drawn in the map's "who acts through what"."""
    map_briefs = _Count(_LIMIT_DEFAULTS.map_briefs)
    """Briefs drawn in the map's "briefs and the actors they address"."""
    map_links = _Count(_LIMIT_DEFAULTS.map_links)
    """Groups of actors, and mechanisms with parts, listed on the map."""
    matrix_rows = _Count(_LIMIT_DEFAULTS.matrix_rows)
    """Rows of the matrix (of actors, or of mechanisms when there are more mechanisms than actors)."""
    matrix_columns = _Count(_LIMIT_DEFAULTS.matrix_columns)
    """Columns of the matrix (the shorter of its two lists)."""


_LEVELS = LEVELS


class ValidationConfig(base.Config):
    """`validation:` how the checks that might be fine are reported, as in MkDocs' own `validation:`:
    `warn` (a warning, which `--strict` turns into a failure), `info` (shown, stops nothing), `ignore`."""

    unused = c.Choice(_LEVELS, default=Validation.unused)
    """A registry entry (actor, mechanism, author, series) that no brief or entry refers to."""
    unannotated = c.Choice(_LEVELS, default=Validation.unannotated)
    """A recommendation that no passage of its brief annotates."""


class FoldersConfig(base.Config):
    """`folders:` the folder of the site, and so of the URLs, that holds each kind's pages, by
    the kind's default folder: `recommendations: proposals` puts the recommendations at
    /proposals/<id>/. Each is one name of lowercase letters, digits, '-' and '_', different
    from every other kind's, from the site's other folders and from the folders of docs/
    (kinds.folder_problems, checked when the build starts)."""

    briefs = c.Optional(c.Type(str))
    """The briefs' pages and the briefs index (default `briefs`)."""
    recommendations = c.Optional(c.Type(str))
    """The recommendations' pages and the explorer (default `recommendations`)."""
    actors = c.Optional(c.Type(str))
    """The actors' pages and their index (default `actors`)."""
    mechanisms = c.Optional(c.Type(str))
    """The mechanisms' pages and their index (default `mechanisms`)."""
    authors = c.Optional(c.Type(str))
    """The authors' pages and their index (default `authors`)."""
    series = c.Optional(c.Type(str))
    """The series' pages and their index (default `series`)."""
    updates = c.Optional(c.Type(str))
    """The updates' pages and their index (default `updates`)."""

    def chosen(self) -> dict[str, str]:
        """The folders the site set, by kind key ('rec' -> 'proposals')."""
        return {key: self[kind.folder] for key, kind in KINDS.items() if self[kind.folder] is not None}


class MaterialConfig(base.Config):
    """`material:` changes to Material's own look and markup, on every page of the site (not
    only the plugin's). Each answers an accessibility or HTML check Material fails; all are
    off unless the site turns them on."""

    underline_links = c.Type(bool, default=False)
    """Underline links in running text, and keep their colour when hovered (assets/material-links.css)."""
    contrast = c.Type(bool, default=False)
    """Raise the footer's last line and outlined buttons to 4.5:1 contrast (assets/material-contrast.css)."""
    search_dialog_name = c.Type(bool, default=False)
    """Give the search dialog the accessible name of its field (assets/material-search-name.js)."""
    valid_html = c.Type(bool, default=False)
    """Mend three attributes of Material's HTML that the Nu HTML Checker refuses (html_fixes.py)."""

    def assets(self) -> set[str]:
        """The asset files of the options turned on."""
        chosen = {"underline_links": "material-links.css", "contrast": "material-contrast.css",
                  "search_dialog_name": "material-search-name.js"}
        return {name for option, name in chosen.items() if self[option]}


MATERIAL_ASSETS = {"material-links.css", "material-contrast.css", "material-search-name.js"}
"""Assets that change Material's own look: added only with their option (MaterialConfig)."""


class BriefsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Build the briefs at all. With `false` the plugin does nothing (like Material's plugins,
    set it from the environment, `enabled: !ENV [BRIEFS, true]`, for quick builds of docs/ alone)."""
    sources = c.Dir(exists=False, default="briefs")
    """Folder of the briefs and registries, relative to mkdocs.yml."""
    sanitize_pages = c.Type(bool, default=True)
    """Pass the hand-written pages of docs/ through the same HTML allowlist as the generated
    ones (sanitize.py). On by default: they arrive by pull request too. Turn it off only
    for a site whose docs/ is written by trusted people and needs raw HTML the allowlist drops."""
    image_hosts = c.ListOfItems(_Host(), default=[])
    """Hosts (like 'images.example.org') that images in briefs may be loaded from; by
    default none: put the image in the repository."""
    csp = c.Type(bool, default=True)
    """Put a Content-Security-Policy <meta> in every page (csp.py): scripts only from the
    site itself and the theme's own inline scripts, images only from the site (and image_hosts)."""
    labels = c.Type(dict, default={})
    """Labels of the generated pages that the site words its own way, by key, in the site's
    language (`theme.language`): `{section.mechanism: Instruments}`. The reference lists the keys."""
    material = c.SubConfig(MaterialConfig)
    """Changes to Material's own look and markup on every page, each off by default."""
    limits = c.SubConfig(LimitsConfig)
    """List caps, page sizes and grid caps of the generated pages (settings.Limits)."""
    statuses = c.Type(dict, default={})
    """The status scale of tracked recommendations (statuses.py): each entry, id -> label (or a
    mapping of label, meaning, progress, setback, symbol), renames or redefines a default level
    or adds one."""
    statuses_replace = c.Type(bool, default=False)
    """With it, the `statuses` entries are the whole scale instead of changes to the default one."""
    stale_after_days = _Count(365)
    """The tracker page flags a tracked recommendation as stale when its latest update is older
    than this many days, counted back from the newest update of the site."""

    folders = c.SubConfig(FoldersConfig)
    """The folder of each kind's pages, where the site wants another than the default (kinds.Folders)."""

    validation = c.SubConfig(ValidationConfig)
    """How the checks that might be fine are reported (settings.Validation)."""
    arrange_nav = c.Type(bool, default=True)
    """Arrange MkDocs' automatic navigation: the section indexes only, after the hand-written pages.
    A `nav:` in mkdocs.yml, or one made by a plugin like awesome-nav, is never reordered."""
    drafts = c.Type(bool, default=False)
    """Publish the briefs marked `draft: true` with `mkdocs build` too; `mkdocs serve` always shows them."""

    def settings(self, *, serving: bool = False) -> Settings:
        """The options the pipeline depends on, as the pipeline's own typed value (drafts show while `serving`)."""
        return Settings(limits=Limits(**{name: self.limits[name] for name in Limits.names()}),
                        validation=Validation(unused=self.validation.unused, unannotated=self.validation.unannotated),
                        drafts=self.drafts or serving, folders=Folders(self.folders.chosen()),
                        scale=scale_from(self.statuses, self.statuses_replace),
                        stale_after_days=self.stale_after_days)


def theme_language(config: MkDocsConfig) -> str:
    """The site's language: its theme's `language` (Material's), English when it has none."""
    return str(config.theme.get("language") or "en")


def site_labels(config: MkDocsConfig, options: BriefsConfig) -> Labels:
    """The labels of the site's language with its overrides: its labels file
    (`<custom_dir>/briefs/locales/<language>.yml`, label_file.py), then the plugin's `labels`.
    Raises LabelFileError when the file has mistakes."""
    return Labels(theme_language(config), {**site_label_file(config)[1], **options.labels})


def site_label_file(config: MkDocsConfig) -> tuple[Path | None, dict[str, Message]]:
    """The site's labels file for its language, if it has one, and its labels."""
    path = find_label_file(getattr(config.theme, "custom_dir", None), theme_language(config))
    return path, read_label_file(path, Path(config.config_file_path or ".").parent) if path else {}


def site_templates(config: MkDocsConfig) -> Templates:
    """The site's templates: those of its theme's `custom_dir` over the package's."""
    custom_dir = getattr(config.theme, "custom_dir", None)
    return Templates([Path(custom_dir)] if custom_dir else [])
