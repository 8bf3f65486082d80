"""`mkdocs-briefs`: check the sources without building, scaffold new ones, start a site.

    mkdocs-briefs check [SOURCES] [FILE ...] [--format text|github|json] [--strict]
    mkdocs-briefs new brief|actor|mechanism|author|series|update ID [--sources SOURCES]
    mkdocs-briefs init [DIR]
    mkdocs-briefs export DIR [--config-file mkdocs.yml]
    mkdocs-briefs --version

Exit codes: 0 clean, 1 errors found (warnings too with --strict), 2 a usage problem.
Imports nothing from MkDocs but for `export`, which reads mkdocs.yml as a build does, so it
starts fast. `check` reads the plugin's options that change what it reports (`sources`,
`image_hosts`, `validation`, `drafts`, `statuses`, `statuses_replace`) from the mkdocs.yml of
the current folder, when there is one, so that it agrees with the build; `new` reads `sources`.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from mkdocs_briefs import __version__  # the one place the version is written (not the installed metadata: slower)

from . import pipeline
from .diagnostics import Diagnostic, Diagnostics
from .kinds import REGISTRIES, UPDATES_FOLDER
from .scaffold import REGISTRY_KINDS, ScaffoldError, new_brief, new_registry_entry, new_update
from .settings import Settings, Validation
from .starter import init_site
from .statuses import scale_from

JSON_FORMAT_VERSION = 1


def check(folder: Path, root: Path, image_hosts: frozenset[str] = frozenset(),
          settings: Settings | None = None, named: list[Path] | None = None) -> Diagnostics:
    """Every error, warning and hint in the sources, as a build and `check` see them; with `named`, those of
    these files."""
    return pipeline.run(folder, root, pages=False, hints=True, image_hosts=image_hosts,
                        settings=settings or Settings(drafts=False), named=named or None).diagnostics


_LEVELS = ("warn", "info", "ignore")


def check_settings(options: dict[str, Any]) -> Settings:
    """What `check` takes from the plugin's options, as `mkdocs build` takes it: `validation`,
    `drafts` (a build leaves drafts out unless it is true) and the status scale. An option it
    cannot read is left at its default, with a warning (`mkdocs build` names the problem)."""
    unreadable: list[str] = []
    validation = options.get("validation") or {}
    if not isinstance(validation, dict) or any(validation.get(k, "warn") not in _LEVELS for k in Validation.names()):
        unreadable.append("validation")
        validation = {}
    drafts = options.get("drafts", False)
    if not isinstance(drafts, bool):
        unreadable.append("drafts")
        drafts = False
    try:
        scale = scale_from(options.get("statuses") or {}, bool(options.get("statuses_replace", False)))
    except (TypeError, ValueError, AttributeError):
        unreadable.append("statuses")
        scale = scale_from({}, False)
    for name in unreadable:
        print(f"mkdocs-briefs: warning: the briefs plugin's '{name}' option in mkdocs.yml could not be read, so "
              "check goes on with its default: fix it (`mkdocs build` shows what is wrong)", file=sys.stderr)
    return Settings(validation=Validation(**{k: v for k, v in validation.items() if k in Validation.names()}),
                    drafts=drafts, scale=scale)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (`!ENV`, `!!python/name:`) read as nothing."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The briefs plugin's options in a mkdocs.yml (`plugins: - briefs: {...}`); {} if it has none."""
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        print(f"mkdocs-briefs: warning: {config_file.name} could not be read ({type(exc).__name__}), so check "
              "goes on without its plugin options: fix it (`mkdocs build` shows where)", file=sys.stderr)
        return {}
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):  # MkDocs takes a mapping of plugins too
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        options = entry.get("briefs") if isinstance(entry, dict) else None
        if entry == "briefs" or isinstance(options, dict):
            return options or {}
    return {}


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _github(d: Diagnostic) -> str:
    command = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}[d.severity]
    where = f"file={_github_escape(d.pos.path, prop=True)},line={d.pos.line},col={d.pos.col}"
    return f"::{command} {where},title=briefs {d.severity}::{_github_escape(d.message)}"


def _counts(diags: Diagnostics) -> dict[str, int]:
    counts = {"errors": len(diags.errors), "warnings": len(diags.warnings), "hints": len(diags.hints)}
    if diags.infos:  # only a site's `validation: {...: info}` makes them: counted when there are some
        counts["infos"] = len(diags.infos)
    return counts


def _summary(counts: dict[str, int]) -> str:
    words = [f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in counts.items()]
    return "briefs: " + ", ".join(words)


def _folder_and_files(paths: list[Path], options: dict[str, Any]) -> tuple[Path, list[Path]] | None:
    """The sources folder and the files of it that `check` was given; None after saying what is wrong."""
    folders = [p for p in paths if p.is_dir()]
    named = [p for p in paths if not p.is_dir()]
    if len(folders) > 1:
        print(f"mkdocs-briefs: error: name one sources folder, not {len(folders)}", file=sys.stderr)
        return None
    folder = folders[0] if folders else Path(options.get("sources") or "briefs")
    if not folder.is_dir():
        print(f"mkdocs-briefs: error: sources folder '{folder}' does not exist", file=sys.stderr)
        return None
    if folders and not _holds_sources(folder):  # `check .` or `check ""` read nothing and passed
        print(f"mkdocs-briefs: error: '{folder}' holds no briefs, registries or updates: name the sources folder "
              f"('{options.get('sources') or 'briefs'}'), or no folder", file=sys.stderr)
        return None
    for path in named:
        if not path.is_file() or not path.resolve().is_relative_to(folder.resolve()):
            problem = "is not in the sources folder" if path.is_file() else "does not exist"  # or is no file
            print(f"mkdocs-briefs: error: '{path}' {problem}: name files of the sources folder '{folder}' "
                  "(briefs, registries, updates), or the folder itself", file=sys.stderr)
            return None
    return folder, named


def _holds_sources(folder: Path) -> bool:
    return (any(folder.glob("*.md")) or (folder / UPDATES_FOLDER).is_dir()
            or any((folder / kind.registry_file).is_file() for kind in REGISTRIES))


def _run_check(args: argparse.Namespace) -> int:
    root = Path.cwd()
    options = plugin_options(root / "mkdocs.yml") if (root / "mkdocs.yml").is_file() else {}
    chosen = _folder_and_files([Path(p) for p in args.paths], options)
    if chosen is None:
        return 2
    folder, named = chosen
    hosts = options.get("image_hosts")
    settings = check_settings(options)
    collecting = gc.isenabled()
    gc.disable()  # what a check reads lives to its end: the cyclic collector would walk it again and again for nothing
    try:
        diags = check(folder, root, frozenset(str(h) for h in hosts) if isinstance(hosts, list) else frozenset(),
                      settings, named)
    finally:
        if collecting:  # main() called from Python (a test) leaves the collector as it found it
            gc.enable()
    items = diags.sorted()
    counts = _counts(diags)
    if args.format == "json":
        data = {
            "version": JSON_FORMAT_VERSION,
            "diagnostics": [
                {"path": d.pos.path, "line": d.pos.line, "col": d.pos.col, "severity": d.severity, "message": d.message}
                for d in items
            ],
            "counts": counts,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif args.format == "github":
        for d in items:
            print(_github(d))
    else:
        for d in items:
            print(d)
        print(_summary(counts))
    failed = counts["errors"] or (args.strict and counts["warnings"])
    return 1 if failed else 0


def _today() -> datetime.date:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or datetime.datetime.now().timestamp()
    return datetime.date.fromtimestamp(epoch)


def _run_new(args: argparse.Namespace) -> int:
    root = Path.cwd()
    options = plugin_options(root / "mkdocs.yml") if args.sources is None and (root / "mkdocs.yml").is_file() else {}
    folder = Path(args.sources or options.get("sources") or "briefs")
    if not folder.exists():  # a typo, or the wrong folder: a new folder there is one no build reads
        print(f"mkdocs-briefs: error: the sources folder '{folder}' does not exist: run the command in the site's "
              "folder, or give the sources folder with --sources (mkdocs-briefs init starts a new site)",
              file=sys.stderr)
        return 2
    try:
        if args.kind == "brief":
            path = new_brief(folder, args.id, _today())
        elif args.kind == "update":
            path = new_update(folder, args.id, _today())
        else:
            path = new_registry_entry(folder, args.kind, args.id)
    except ScaffoldError as exc:
        print(f"mkdocs-briefs: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}: fill it in, then run: mkdocs-briefs check {folder}")
    return 0


def _run_init(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    try:
        written = init_site(folder, __version__, _today())
    except ScaffoldError as exc:
        print(f"mkdocs-briefs: error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    print(f"a new site with one example brief: preview it with\n  {where}python3 -m venv .venv && "
          ".venv/bin/pip install -r requirements.txt && .venv/bin/mkdocs serve --livereload\n"
          "and read docs/editing.md for what to do next")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from .plugin.export_docs import ExportError, export_docs, plain_config  # MkDocs: only for this command

    out = Path(args.dir)
    try:
        result = export_docs(Path(args.config_file), out)
    except ExportError as exc:
        print(f"mkdocs-briefs: error: {exc}", file=sys.stderr)
        return 2
    for d in result.diagnostics.sorted():
        print(d)
    for warning in result.warnings:
        print(f"warning: {warning}")
    if result.diagnostics.errors:
        print(_summary(_counts(result.diagnostics)) + ": nothing exported; fix them and export again")
        return 1
    print(f"wrote {result.written} files in {out}: build them without the briefs plugin, "
          f"with these settings in the configuration:\n\n{plain_config(args.dir)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mkdocs-briefs", description="Check and scaffold mkdocs-briefs sources.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the sources without building the site")
    check_cmd.add_argument("paths", nargs="*", default=[], metavar="PATH",
                           help="the sources folder (default: the plugin's `sources` in mkdocs.yml, or briefs), "
                                "and files in it to check alone, such as those a pull request changes")
    check_cmd.add_argument("--format", choices=("text", "github", "json"), default="text",
                           help="text (default), github (workflow commands) or json")
    check_cmd.add_argument("--strict", action="store_true", help="exit 1 on warnings too, as `mkdocs build --strict`")
    check_cmd.set_defaults(run=_run_check)
    new_cmd = commands.add_parser("new", help="write a skeleton brief or update, or an entry of a registry")
    new_cmd.add_argument("kind", choices=("brief", "update", *REGISTRY_KINDS))
    new_cmd.add_argument("id", help="the new id: lowercase letters, digits and hyphens")
    new_cmd.add_argument("--sources", help="the sources folder, which must exist (default: the plugin's `sources` "
                                           "in mkdocs.yml, or briefs)")
    new_cmd.set_defaults(run=_run_new)
    init_cmd = commands.add_parser("init", help="write a new site: configuration, an example brief, workflows")
    init_cmd.add_argument("dir", nargs="?", default=".", help="the folder of the new site (default: this one)")
    init_cmd.set_defaults(run=_run_init)
    export_cmd = commands.add_parser("export", help="write every page as plain files, for a build without the plugin")
    export_cmd.add_argument("dir", help="the new docs folder to write (it must not exist, or be empty)")
    export_cmd.add_argument("-f", "--config-file", default="mkdocs.yml",
                            help="the site's configuration (default: mkdocs.yml)")
    export_cmd.set_defaults(run=_run_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
