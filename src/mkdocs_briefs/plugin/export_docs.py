"""`mkdocs-briefs export DIR`: a docs folder that builds the same pages without the plugin.

Reads mkdocs.yml as MkDocs does, so that the export sees the plugin's options, the
sources folder, `docs_dir`, `site_url`, `use_directory_urls`, the theme's `language` (the
labels) and `custom_dir` (the site's templates) as a build would; then
writes into DIR the hand-written docs, every generated page (docs_export.py), the data
exports and the plugin's assets, as plain files, with the labels of the page's scripts as a
script of their own (`labels-data.js`: a build puts them in each page's <head>).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from .. import labels, pipeline, sanitize, templates
from ..diagnostics import Diagnostics
from ..docs_export import EXTENSIONS, plain_pages, unsafe_attributes
from ..kinds import folder_problems
from .config import BriefsConfig, site_labels, site_templates, theme_language
from .files import ASSETS, HEAD_SCRIPTS, PACKAGE, VENDOR, assets, redirects
from .label_file import LabelFileError


class ExportError(Exception):
    """The export cannot start; the message says why and what to do."""


@dataclass
class Exported:
    diagnostics: Diagnostics
    warnings: list[str] = field(default_factory=list)
    written: int = 0


def export_docs(config_file: Path, out: Path) -> Exported:
    """Write the plain docs folder `out`, which must be new or empty."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out} is not an empty folder: export writes a whole docs folder and overwrites "
                          "nothing; remove it first, or choose another")
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as exc:
        raise ExportError(f"cannot read {config_file}: {exc}") from None
    plugin = config.plugins.get("briefs")
    if plugin is None:
        raise ExportError(f"{config_file} does not use the briefs plugin: add it under plugins:, as for a build")
    root = Path(config.config_file_path or ".").parent
    options = plugin.config
    docs = Path(config.docs_dir)
    _check_options(options, docs)
    words, own = _words(config, options), site_templates(config)
    outcome = pipeline.run(Path(options.sources), root, directory_urls=config.use_directory_urls,
                           site_url=config.site_url, image_hosts=frozenset(options.image_hosts),
                           settings=options.settings(), labels=words, templates=own, site_name=config.site_name)
    result = Exported(outcome.diagnostics)
    if outcome.corpus is not None and not outcome.diagnostics.errors:  # what only a build's sanitiser removes
        result.diagnostics.extend(unsafe_attributes(outcome.corpus, frozenset(sanitize.ATTRIBUTES["*"])))
    if result.diagnostics.errors or outcome.corpus is None:
        return result
    hand_written = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in sorted(docs.rglob("*.md"))}
    try:
        with labels.using(words), templates.using(own):  # the citations, the listings and the redirects' words
            pages, diags, result.warnings = plain_pages(outcome.corpus, outcome.pages, hand_written,
                                                        site_name=config.site_name, site_url=config.site_url,
                                                        directory_urls=config.use_directory_urls)
            moved = redirects(config.use_directory_urls, outcome.corpus.folders, theme_language(config))
    except templates.TemplateProblem as problem:  # a site's citation template that fails: located, nothing written
        result.diagnostics.items.append(problem.diagnostic(root))
        return result
    result.diagnostics.extend(diags)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(docs, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    extra = {**outcome.exports, **moved}
    texts = {**{p: t for p, t in extra.items() if not (docs / p).exists()}, **pages}
    for path, text in texts.items():
        _write(out / path, text.encode("utf-8"))
    package = resources.files(PACKAGE)
    for name in assets(""):
        _write(out / ASSETS / name, package.joinpath("assets", name).read_bytes())
    for name, path in VENDOR.items():
        _write(out / path, package.joinpath(name).read_bytes())
    _write(out / ASSETS / LABELS_SCRIPT, labels_script(words.for_scripts()).encode("utf-8"))
    result.written = sum(1 for p in out.rglob("*") if p.is_file())
    return result


def _words(config: MkDocsConfig, options: BriefsConfig) -> labels.Labels:
    """The site's labels, as a build has them; a mistake in its labels file stops the export."""
    try:
        return site_labels(config, options)
    except LabelFileError as exc:  # the site's labels file (plugin/label_file.py)
        raise ExportError("; ".join(exc.problems)) from None


def _check_options(options: BriefsConfig, docs: Path) -> None:
    """The plugin's options a build checks before it reads the sources: `folders` and `labels`."""
    problems = folder_problems(options.folders.chosen(), [p.name for p in docs.iterdir() if p.is_dir()]
                               if docs.is_dir() else [])
    if problems:
        raise ExportError("the briefs plugin's 'folders' option in mkdocs.yml: " + "; ".join(problems))
    problems = labels.check_overrides(options.labels)
    if problems:
        raise ExportError("the briefs plugin's labels in mkdocs.yml: " + "; ".join(problems))


LABELS_SCRIPT = "labels-data.js"
"""The exported labels of the page's scripts: a build puts them in every page's <head>, which a
build without the plugin cannot do, so this script does it, first of the scripts."""


def labels_script(messages: dict) -> str:
    """A script that puts the labels of the page's scripts (explorer, previews) in the page's <head> as
    the plugin's build does (<script type="application/json" id="briefs-labels">, read by labels.js)."""
    data = json.dumps(messages, ensure_ascii=False, sort_keys=True)
    return ("/* mkdocs-briefs export: the labels of the page's scripts, in the site's language (labels.js). */\n"
            "(function () {\n  if (document.getElementById(\"briefs-labels\")) return;\n"
            "  var node = document.createElement(\"script\");\n  node.type = \"application/json\";\n"
            f"  node.id = \"briefs-labels\";\n  node.textContent = JSON.stringify({data});\n"
            "  document.head.appendChild(node);\n})();\n")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def plain_config(docs_dir: str) -> str:
    """What mkdocs.yml needs, without the plugin, to build the exported folder as the plugin would."""
    css = "".join(f"\n  - {ASSETS}/{n}" for n in assets(".css"))
    # history.js only helps from a page's <head>, which a plain site's extra_javascript cannot reach
    js = "".join(f"\n  - {ASSETS}/{n}" for n in [LABELS_SCRIPT, *assets(".js")] if n not in HEAD_SCRIPTS)
    extensions = "".join(f"\n  - {e}" for e in EXTENSIONS if e != "tables")
    return (f"docs_dir: {docs_dir}\nextra_css:{css}\nextra_javascript:{js}\nmarkdown_extensions:{extensions}\n"
            "  - tables:\n      use_align_attribute: true  # the align attribute, as the plugin's sanitiser writes\n"
            "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n          class: mermaid\n"
            "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
