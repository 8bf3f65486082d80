"""Good neighbours: what the plugin tells, or asks of, the theme and the other plugins of a site
(Material's privacy, offline and revision-date plugins, Material's own link previews, the theme's
unescaped front matter).
"""

from __future__ import annotations

import html
import os
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..diagnostics import Diagnostics, Pos
from ..kinds import Folders
from ..markup import html_escaped
from ..model import Sources
from ..pages import nav_pages

MATERIAL_MERMAID = "unpkg.com/mermaid@*"
"""The Mermaid that Material's script would load from a CDN; diagrams.js stands in for it with the bundled one."""


def declare_bundled_mermaid(config: MkDocsConfig) -> None:
    """Tell Material's privacy plugin that the site brings its own Mermaid, so that it never
    downloads the one Material's script names (an offline build would fail on it)."""
    for plugin in config.plugins.values():
        if type(plugin).__name__ == "PrivacyPlugin" and type(plugin).__module__.startswith("material."):
            exclude = plugin.config.assets_exclude
            if MATERIAL_MERMAID not in exclude:
                exclude.append(MATERIAL_MERMAID)


THEME_PREVIEWS = ("content.tooltips", "navigation.instant.preview")
"""Material's features that show a link's title or target on hover: the plugin's previews step aside for them."""


def theme_previews(config: MkDocsConfig) -> bool:
    """Whether the theme draws its own previews of links, so that the plugin's would show twice."""
    features = config.theme.get("features") or []
    return config.theme.name == "material" and any(f in features for f in THEME_PREVIEWS)


def generated_folders(folders: Folders) -> tuple[str, ...]:
    """The folders of the docs that the generated pages fill: briefs, recommendations, ... matrix, map."""
    return tuple(dict.fromkeys(uri.split("/")[0] for uri in nav_pages(folders)))


def no_build_time_as_revision_date(config: MkDocsConfig, folders: Folders) -> None:
    """mkdocs-git-revision-date(-localized) gives a generated page the time of the build as its
    date: leave the generated folders out of it, so that they show no date rather than a wrong one."""
    for plugin in config.plugins.values():
        if type(plugin).__name__.startswith("GitRevisionDate") and isinstance(plugin.config.get("exclude"), list):
            exclude = plugin.config["exclude"]
            exclude += [f"{folder}/*" for folder in generated_folders(folders) if f"{folder}/*" not in exclude]


def _material_plugin(config: MkDocsConfig, name: str) -> bool:
    """Whether one of Material's plugins (`PrivacyPlugin`, `OfflinePlugin`) is on."""
    return any(type(p).__name__ == name and type(p).__module__.startswith("material.")
               and p.config.get("enabled", True) for p in config.plugins.values())


def refused_polyfills(config: MkDocsConfig) -> list[str]:
    """The scripts Material's pages load from another site (`extra.polyfills`; the offline plugin adds
    unpkg.com's iframe-worker shim), which the Content-Security-Policy refuses; none when Material's
    privacy plugin serves copies of them from the site."""
    if config.theme.name != "material" or _material_plugin(config, "PrivacyPlugin"):
        return []
    polyfills: list = config.extra.get("polyfills") or []
    urls = [str(url) for url in polyfills]
    return [url for url in urls if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]


def offline_note(config: MkDocsConfig, url: str) -> str:
    """', added by its offline plugin' for the shim that plugin adds."""
    offline = "iframe-worker" in url and _material_plugin(config, "OfflinePlugin")
    return ", added by its offline plugin" if offline else ""


def escape_front_matter(page: Page, sanitize_pages: bool) -> None:
    """Security: a hand-written page's front matter as text (with `sanitize_pages`). Material writes its
    title, description and author into <head> unescaped, where csp.py would allow an injected `<script>`
    by its hash, as one of the theme's; the generated pages' front matter is escaped when it is written."""
    if sanitize_pages and page.file.generated_by is None:
        page.meta = html_escaped(page.meta)


def history_script(output: str, page_url: str, assets: str) -> str:
    """On a page with the recommendations explorer, the <script> of assets/history.js for its <head>:
    it hears a step back or forward before Material's instant navigation does, which would fetch the
    page again for a step between two of the explorer's own entries. Nothing on other pages."""
    if "data-briefs-explorer" not in output:
        return ""
    return f'<script src="{html.escape(get_relative_url(f"{assets}/history.js", page_url or "."))}"></script>\n'


def unusable_meta(page: Page, theme_dirs: list[str], shown: str) -> Diagnostics:
    """A hand-written page's `hide` that is not a list of names, or `template` that neither the theme nor its
    custom_dir has: Material and MkDocs ended the build in a traceback. Each is left out of the page, with an
    error at its line (`shown`: the page's path as messages show it)."""
    diags = Diagnostics()
    hide, name = page.meta.get("hide"), page.meta.get("template")
    if "hide" in page.meta and not (isinstance(hide, list) and all(isinstance(h, str) for h in hide)):
        diags.error(_key_at(page, "hide", shown), "hide must be a list of what to hide, like [navigation, toc]: "
                                                  "it is left out")
        del page.meta["hide"]
    if "template" in page.meta and not (isinstance(name, str) and ".." not in name.split("/") and any(
            os.path.isfile(os.path.join(folder, name)) for folder in theme_dirs)):
        diags.error(_key_at(page, "template", shown), f"template '{name}' is not a template of the theme or of its "
                                                      "custom_dir: name one of theirs, like main.html, or leave "
                                                      "template out")
        del page.meta["template"]
    return diags


def _key_at(page: Page, key: str, shown: str) -> Pos:
    """Where a key of a page's front matter is written (its first line if it cannot be found)."""
    for i, line in enumerate(page.file.content_string.split("\n")[1:], 2):
        if line.rstrip() == "---":
            break
        if line.startswith(f"{key}:"):
            return Pos(shown, i, 1)
    return Pos(shown, 1, 1)


def missing_templates(sources: Sources, theme_dirs: list[str]) -> Diagnostics:
    """An error at each brief whose `template` neither the theme nor its `custom_dir` has: the check cannot
    know the theme's templates, and MkDocs ended the build in Jinja's TemplateNotFound traceback."""
    diags = Diagnostics()
    for brief in sources.briefs.values():
        name = brief.page_meta.get("template")
        if isinstance(name, str) and not any(os.path.isfile(os.path.join(folder, name)) for folder in theme_dirs):
            diags.error(brief.where.get("template", brief.pos),
                        f"template '{name}' is not a template of the theme or of its custom_dir: name one of theirs, "
                        "like main.html, or leave template out")
    return diags
