"""Build generated corpora with the plugin and without it, and print one table of figures.

    python benchmarks/run.py [N ...] [--repeat R] [--serve-edit N] [--workdir DIR] [--keep]

For each N (default 20) the runner

1. writes a corpus of N briefs with `generate.py` (fixed seed) into a temporary folder;
2. times the plugin's own steps in this process: load, validate, corpus, page generation
   (the functions `plugin.on_files` calls, on the same sources), in CPU seconds;
3. measures the CALIBRATION: plain Python-Markdown converting the Markdown of the same
   generated pages, in CPU seconds, in this process (`calibrate`). A second table gives
   every time as a multiple of it, so that runs on faster or slower machines compare;
4. writes the BASELINE: the exact Markdown pages the plugin generated, as ordinary docs
   pages of a project with the same theme, settings and Markdown extensions but no briefs
   plugin. Annotation links `[x](actor:rok#frag)` become the relative `.md` links the
   plugin's extension produces, with the same id, class, title and data attributes
   written with attr_list (read off the plugin's own extension), so both builds write
   the same HTML (`--plain-links`: the address
   only, as a hand-written site without hover titles would have). Its navigation lists the
   home page and the six section indexes; entity pages are built but not listed;
5. builds both with `mkdocs build -q` in a child process each, timed with
   `time.perf_counter()`; the child's CPU time (user + system) and peak memory (`ru_maxrss`)
   come from its own resource usage, read with `os.wait4`. CPU time is reported beside
   wall time because other work on a shared machine stretches the one and barely moves
   the other. The plugin's build runs under `own_clock.py`, which clocks everything the
   plugin does in it (its events, and resolving annotation links while pages convert):
   "own CPU s" and "own % of CPU" are that, and a third table shows it part by part;
6. measures the plugin's site: total size, search index, largest HTML page;
7. times `mkdocs-briefs check` on the sources when that command exists ("n/a" otherwise).

Progress goes to stderr; stdout gets a line naming the machine, then the table in Markdown.
`--serve-edit N` adds the live-preview figures of `serve_edit.py` for that N.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.metadata
import importlib.util
import json
import os
import platform
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

BUILD_TIMEOUT = 3600.0
"""Longest a single build may run before it is killed (seconds)."""

COLUMNS = (
    "N", "pages", "calibration CPU s", "plugin build s", "baseline build s", "ratio", "plugin CPU s",
    "baseline CPU s", "CPU ratio", "plugin peak MB", "baseline peak MB", "peak ratio", "site MB", "search index MB",
    "sources MB", "largest page", "load CPU s", "validate CPU s", "corpus CPU s", "pages CPU s", "own CPU s",
    "own % of CPU", "check s",
)
RELATIVE = ("plugin build s", "baseline build s", "plugin CPU s", "baseline CPU s", "load CPU s", "validate CPU s",
            "corpus CPU s", "pages CPU s", "own CPU s", "check s")
"""The time columns the second table gives as multiples of the calibration measured in the same run."""
OWN = ("on_files", "render", "on_page_markdown", "on_page_content", "on_post_page")
"""The plugin's own work in its build (own_clock.py), part by part; the rest of its events are summed as "other"."""


LOADS: list[float] = []
"""The 1-minute load average at the end of each child run: other work on the machine skews the figures."""
BUILD_LOADS: dict[int, tuple[float, float]] = {}
"""N -> the load average at the end of its last plugin build and last baseline build."""
CALIBRATED: dict[int, dict[str, str]] = {}
"""N -> the calibration and every time column as a multiple of it."""
OWN_PARTS: dict[int, dict[str, float]] = {}
"""N -> CPU seconds of each part of the plugin's own work in its (fastest) build, its total, and the build's."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- child builds ---------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float
    """User + system CPU seconds of the child: unlike wall time, barely moved by other work on the machine."""
    peak_mb: float
    returncode: int
    output: str


def run_child(cmd: list[str], cwd: Path, log_path: Path, timeout: float = BUILD_TIMEOUT) -> Run:
    """Run cmd, timing it and reading its own peak RSS from wait4 (never another child's)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    LOADS.append(os.getloadavg()[0])
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
               log_path.read_text("utf-8", "replace"))


def build(project: Path, site: Path, log_path: Path, clock: Path | None = None) -> Run:
    """`mkdocs build` of the project; with `clock`, under own_clock.py, which writes there the CPU
    seconds of everything the briefs plugin does in the build."""
    if site.exists():
        shutil.rmtree(site)
    if clock is None:
        return run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], project, log_path)
    return run_child([sys.executable, str(HERE / "own_clock.py"), str(clock), "-q", "-d", str(site)], project, log_path)


def calibrate(pages: list) -> float:
    """The calibration: CPU seconds of plain Python-Markdown (with the four extensions the plugin
    requires) converting the Markdown of the same generated pages, in this process. Every other
    time is also given as a multiple of it, which a slower or faster machine scales alike."""
    import markdown

    from mkdocs_briefs.plugin import REQUIRED_EXTENSIONS

    md = markdown.Markdown(extensions=list(REQUIRED_EXTENSIONS))
    gc.collect()
    cpu = time.process_time()
    for page in pages:
        md.reset().convert(page.markdown)
    return time.process_time() - cpu


def check_command() -> list[str] | None:
    """`mkdocs-briefs check`, if the package provides that command."""
    for ep in importlib.metadata.entry_points(group="console_scripts"):
        if ep.name == "mkdocs-briefs":
            script = Path(sys.executable).parent / "mkdocs-briefs"
            if script.exists():
                return [str(script), "check"]
            found = shutil.which("mkdocs-briefs")
            return [found, "check"] if found else None
    if importlib.util.find_spec("mkdocs_briefs.__main__") is not None:
        return [sys.executable, "-m", "mkdocs_briefs", "check"]
    return None


# --- the plugin's own steps, in process ---------------------------------------------------


@dataclass
class Pipeline:
    times: dict[str, tuple[float, float]]
    pages: list
    corpus: object


def pipeline(project: Path) -> Pipeline:
    from mkdocs_briefs.corpus import build_corpus
    from mkdocs_briefs.load import load_sources
    from mkdocs_briefs.pages import generate_pages
    from mkdocs_briefs.validate import validate

    times: dict[str, tuple[float, float]] = {}  # step -> (wall, CPU) seconds

    def step(name: str, call):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        times[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    sources, diags = step("load", lambda: load_sources(project / "briefs", project))
    diags.extend(step("validate", lambda: validate(sources)))
    if diags.errors:
        raise SystemExit("the generated corpus has errors:\n" + "\n".join(map(str, diags.errors[:20])))
    corpus = step("corpus", lambda: build_corpus(sources))
    pages = step("pages", lambda: generate_pages(corpus))
    return Pipeline(times, pages, corpus)


LOADERS: dict[int, tuple[float, float, bool]] = {}
"""N -> CPU seconds of the load step with PyYAML's C loader and with its pure-Python one, and
whether both gave the same diagnostics."""


def compare_loaders(project: Path) -> tuple[float, float, bool]:
    """The load step once with the C-accelerated YAML loader, once with the pure-Python fallback."""
    import yaml

    from mkdocs_briefs import located_yaml
    from mkdocs_briefs.load import load_sources

    def load() -> tuple[float, list[str]]:
        cpu = time.process_time()
        _, diags = load_sources(project / "briefs", project)
        return time.process_time() - cpu, [str(d) for d in diags.items]

    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("PyYAML has no C loader here: the loader comparison needs it")
    c_cpu, c_diags = load()
    saved, located_yaml._Loader = located_yaml._Loader, yaml.SafeLoader
    try:
        pure_cpu, pure_diags = load()
    finally:
        located_yaml._Loader = saved
    return c_cpu, pure_cpu, c_diags == pure_diags


# --- the baseline project -----------------------------------------------------------------

_ANNOTATION_LINK = re.compile(
    r"\]\((?P<href>(?:brief|rec|actor|mechanism|author|series):[^)\s]*)(?P<title>\s+\"[^\"]*\")?\)"
)


class _Resolved:
    """The attributes the plugin's own link extension gives each annotation link of a page.

    The page's annotation links, in document order, are converted by Python-Markdown with
    the plugin's `AnnotationLinks` extension alone; each resulting <a> tells the address
    and the attributes (id, class, title, data-…) the plugin writes, whatever render.py
    does today. The baseline writes them back with attr_list.
    """

    def __init__(self, corpus) -> None:
        import markdown

        from mkdocs_briefs.render import AnnotationLinks

        self.ext = AnnotationLinks(on_unknown=lambda page, href: None)
        self.ext.corpus = corpus
        self.md = markdown.Markdown(extensions=[self.ext])

    def links(self, src_uri: str, links: list[str]) -> list[dict[str, str]]:
        from xml.etree import ElementTree

        self.ext.page_uri = src_uri
        self.md.reset()
        html = self.md.convert("\n\n".join(f"[x]({link})" for link in links))
        anchors = list(ElementTree.fromstring(f"<div>{html}</div>").iter("a"))
        if len(anchors) != len(links):
            raise RuntimeError(f"{src_uri}: {len(links)} annotation links gave {len(anchors)} anchors")
        return [dict(a.attrib) for a in anchors]


def _attr_list(attrs: dict[str, str]) -> str:
    parts = []
    for key, value in attrs.items():
        value = value.replace('"', "'").replace("}", ")")
        if key == "id":
            parts.append(f"#{value}")
        elif key == "class":
            parts.extend(f".{c}" for c in value.split())
        else:
            parts.append(f'{key}="{value}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


def baseline_markdown(page, resolved: _Resolved, plain: bool = False) -> str:
    """The page's Markdown with each annotation link written as the link the plugin makes of it.

    With `plain`, only the address is rewritten: no id, class, title or data attribute.
    """
    matches = list(_ANNOTATION_LINK.finditer(page.markdown))
    if not matches:
        return page.markdown
    results = resolved.links(page.src_uri, [m.group("href") + (m.group("title") or "") for m in matches])
    out, last = [], 0
    for m, attrs in zip(matches, results, strict=True):
        href = attrs.pop("href", "")
        out.append(page.markdown[last:m.start()])
        if ":" in href.split("/")[0].split("?")[0]:  # left unresolved by the plugin too
            out.append(m.group(0))
        else:
            out.append(f"]({href})" + ("" if plain else _attr_list(attrs)))
        last = m.end()
    out.append(page.markdown[last:])
    return "".join(out)


def plugin_settings(project: Path) -> tuple[list[str], list[str], list[str]]:
    """What the plugin's on_config adds: Markdown extensions (by name), stylesheets, scripts."""
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    before = (list(config.markdown_extensions), [str(x) for x in config.extra_css],
              [str(x) for x in config.extra_javascript])
    config = config.plugins.on_config(config)
    extensions = [e for e in config.markdown_extensions if isinstance(e, str) and e not in before[0]]
    css = [str(x) for x in config.extra_css if str(x) not in before[1]]
    js = [str(x) for x in config.extra_javascript if str(x) not in before[2]]
    return extensions, css, js


def write_baseline(project: Path, baseline: Path, result: Pipeline, plain: bool = False) -> None:
    """The plugin's pages as a plain MkDocs project: same config less the plugin, plus what it adds."""
    from mkdocs_briefs.kinds import DEFAULT_FOLDERS, KINDS

    if baseline.exists():
        shutil.rmtree(baseline)
    docs = baseline / "docs"
    shutil.copytree(project / "docs", docs)
    resolved = _Resolved(result.corpus)
    for page in result.pages:
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(baseline_markdown(page, resolved, plain), "utf-8")
    extensions, css, js = plugin_settings(project)
    assets = resources.files("mkdocs_briefs").joinpath("assets")
    for uri in css + js:  # the plugin publishes these from its package; here they are docs files
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(assets.joinpath(posixpath.basename(uri)).read_bytes())

    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [p for p in config["plugins"] if p != "briefs" and not (isinstance(p, dict) and "briefs" in p)]
    config["markdown_extensions"] = list(config.get("markdown_extensions") or []) + extensions
    if css:
        config["extra_css"] = list(config.get("extra_css") or []) + css
    if js:
        config["extra_javascript"] = list(config.get("extra_javascript") or []) + js
    config["nav"] = ["index.md"] + [DEFAULT_FOLDERS.page_uri(kind) for kind in KINDS]  # as on_nav leaves it
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


# --- measuring a site ---------------------------------------------------------------------


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def largest_html(site: Path) -> tuple[int, str]:
    best = (0, "")
    for path in site.rglob("*.html"):
        size = path.stat().st_size
        if size > best[0] or (size == best[0] and path.relative_to(site).as_posix() < best[1]):
            best = (size, path.relative_to(site).as_posix())
    return best


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.1f}" if n_bytes >= 1e6 else f"{n_bytes / 1e6:.2f}"


def secs(s: float) -> str:
    return f"{s:.1f}" if s >= 10 else f"{s:.2f}"


def measure(n: int, workdir: Path, seed: int, repeat: int, keep: bool, plain: bool = False,
            unnamed: float = 0.0, updates: float = 0.0) -> dict[str, str]:
    root = workdir / f"n{n}"
    project, baseline = root / "plugin", root / "baseline"
    if root.exists():
        shutil.rmtree(root)
    log(f"N={n}: generating the corpus")
    generate.generate(n, project, seed, unnamed=unnamed, updates=updates)
    sources_bytes = tree_bytes(project / "briefs")

    log(f"N={n}: load, validate, corpus, pages in process")
    gc.collect()
    result = pipeline(project)
    n_pages = len(result.pages)
    log(f"N={n}: {n_pages} pages; the calibration")
    cal = calibrate(result.pages)
    log(f"N={n}: calibration {cal:.2f} s CPU; writing the baseline")
    write_baseline(project, baseline, result, plain)
    times = result.times
    del result
    gc.collect()
    log(f"N={n}: the load step with the C and the pure-Python YAML loaders")
    LOADERS[n] = compare_loaders(project)
    gc.collect()

    plugin_runs, baseline_runs = [], []
    for i in range(repeat):
        log(f"N={n}: plugin build {i + 1}/{repeat}")
        plugin_runs.append(build(project, root / "site-plugin", root / f"plugin-build-{i}.log", root / f"own-{i}.json"))
        if plugin_runs[-1].returncode != 0:
            raise SystemExit(f"the plugin build failed at N={n}:\n{plugin_runs[-1].output[-4000:]}")
        log(f"N={n}: plugin build took {plugin_runs[-1].seconds:.1f} s ({plugin_runs[-1].cpu:.1f} s CPU); "
            f"baseline build {i + 1}/{repeat}")
        baseline_runs.append(build(baseline, root / "site-baseline", root / f"baseline-build-{i}.log"))
        if baseline_runs[-1].returncode != 0:
            raise SystemExit(f"the baseline build failed at N={n}:\n{baseline_runs[-1].output[-4000:]}")
        log(f"N={n}: baseline build took {baseline_runs[-1].seconds:.1f} s ({baseline_runs[-1].cpu:.1f} s CPU)")
        BUILD_LOADS[n] = (LOADS[-2], LOADS[-1])
    plugin_s = min(r.seconds for r in plugin_runs)
    baseline_s = min(r.seconds for r in baseline_runs)
    plugin_cpu = min(r.cpu for r in plugin_runs)
    fastest = min(range(len(plugin_runs)), key=lambda i: plugin_runs[i].cpu)
    parts = json.loads((root / f"own-{fastest}.json").read_text("utf-8"))
    own_build = sum(parts.values())
    OWN_PARTS[n] = {**{k: parts.get(k, 0.0) for k in OWN}, "other": sum(v for k, v in parts.items() if k not in OWN),
                    "total": own_build, "build": plugin_cpu}
    baseline_cpu = min(r.cpu for r in baseline_runs)
    plugin_mb = max(r.peak_mb for r in plugin_runs)
    baseline_mb = max(r.peak_mb for r in baseline_runs)

    site = root / "site-plugin"
    size, page = largest_html(site)
    check, check_s = "n/a", None
    cmd = check_command()
    if cmd:
        log(f"N={n}: {' '.join(cmd)}")
        run = run_child(cmd, project, root / "check.log")
        check = secs(run.seconds) if run.returncode == 0 else f"failed ({run.returncode})"
        check_s = run.seconds if run.returncode == 0 else None
    row = {
        "N": f"{n:,}",
        "pages": f"{n_pages:,}",
        "plugin build s": secs(plugin_s),
        "baseline build s": secs(baseline_s),
        "ratio": f"{plugin_s / baseline_s:.2f}",
        "plugin CPU s": secs(plugin_cpu),
        "baseline CPU s": secs(baseline_cpu),
        "CPU ratio": f"{plugin_cpu / baseline_cpu:.2f}",
        "plugin peak MB": f"{plugin_mb:,.0f}",
        "baseline peak MB": f"{baseline_mb:,.0f}",
        "peak ratio": f"{plugin_mb / baseline_mb:.2f}",
        "site MB": mb(tree_bytes(site)),
        "search index MB": mb((site / "search" / "search_index.json").stat().st_size),
        "sources MB": mb(sources_bytes),
        "largest page": f"{size / 1000:,.0f} KB `{page}`",
        "load CPU s": secs(times["load"][1]),
        "validate CPU s": secs(times["validate"][1]),
        "corpus CPU s": secs(times["corpus"][1]),
        "pages CPU s": secs(times["pages"][1]),
        "own CPU s": secs(own_build),
        "own % of CPU": f"{100 * own_build / plugin_cpu:.1f}",
        "check s": check,
    }
    seconds = {"plugin build s": plugin_s, "baseline build s": baseline_s, "plugin CPU s": plugin_cpu,
               "baseline CPU s": baseline_cpu, "own CPU s": own_build, "check s": check_s,
               **{f"{k} CPU s": cpu for k, (_, cpu) in times.items()}}
    CALIBRATED[n] = {"N": f"{n:,}", "calibration CPU s": secs(cal),
                     **{c: "n/a" if seconds.get(c) is None else f"{seconds[c] / cal:.3f}" for c in RELATIVE}}
    row["calibration CPU s"] = secs(cal)
    if not keep:
        shutil.rmtree(root)
    return row


def table(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> str:
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in columns]
    line = lambda cells: "| " + " | ".join(cell.rjust(w) for cell, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    out = [line(columns), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"]
    out += [line([r[c] for c in columns]) for r in rows]
    return "\n".join(out)


def own_table() -> str:
    """The plugin's own work in its build, part by part, in CPU seconds and as a share of the build."""
    rows = [{"N": f"{n:,}", **{k: secs(v[k]) for k in (*OWN, "other", "total")},
             "% of build CPU": f"{100 * v['total'] / v['build']:.1f}"} for n, v in OWN_PARTS.items()]
    return table(rows, ("N", *OWN, "other", "total", "% of build CPU"))


def machine() -> str:
    """Date, cores, versions, and the commit of this checkout the figures were measured on."""

    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "absent"

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=HERE.parent,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        commit = f" (commit {commit}{', src/ modified' if dirty else ''})" if commit else ""
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return (f"{datetime.date.today().isoformat()} · {os.cpu_count()} cores ({platform.machine()}) · "
            f"Python {platform.python_version()} · MkDocs {version('mkdocs')} · "
            f"Material {version('mkdocs-material')} · Markdown {version('markdown')} · "
            f"PyYAML {version('pyyaml')} · mkdocs-briefs {version('mkdocs-briefs')}{commit}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ns", metavar="N", type=int, nargs="*", default=[20], help="corpus sizes (briefs)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=1, help="builds of each site; the fastest is reported")
    parser.add_argument("--serve-edit", type=int, metavar="N", help="also measure live preview at this N")
    parser.add_argument("--plain-links", action="store_true",
                        help="baseline links without the id, class and title attributes the plugin adds")
    parser.add_argument("--unnamed-addressees", type=float, default=0.0, metavar="SHARE",
                        help="generate.py's setting: share of addressees left unnamed in the passage (check's hints)")
    parser.add_argument("--updates", type=float, default=0.0, metavar="U",
                        help="generate.py's setting: about U updates per recommendation (default 0)")
    parser.add_argument("--workdir", type=Path, help="where to write corpora and sites (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep corpora and sites (with --workdir)")
    args = parser.parse_args(argv)
    here = machine()  # before the runs: the checkout may change while they go on
    with tempfile.TemporaryDirectory(prefix="briefs-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = [measure(n, workdir, args.seed, max(1, args.repeat), args.keep and bool(args.workdir), args.plain_links,
                        args.unnamed_addressees, args.updates) for n in args.ns]
        print(f"Machine: {here}")
        if args.plain_links:
            print("Baseline: plain links (no id, class or title attributes on annotation links)")
        print()
        print(table(rows))
        print()
        print("Times as multiples of the calibration (Python-Markdown converting the same pages, same run):")
        print()
        print(table(list(CALIBRATED.values()), ("N", "calibration CPU s", *RELATIVE)))
        print()
        print("The plugin's own work in its build, CPU s (own_clock.py):")
        print()
        print(own_table())
        print()
        print(f"Load average (1 min) at the end of each build, plugin/baseline, on {os.cpu_count()} cores: "
              + ", ".join(f"N={n:,}: {p:.1f}/{b:.1f}" for n, (p, b) in BUILD_LOADS.items()))
        print()
        print("Load step with PyYAML's C loader / its pure-Python loader, CPU s: " + ", ".join(
            f"N={n:,}: {c:.2f} / {pure:.2f} ({'same diagnostics' if same else 'DIFFERENT diagnostics'})"
            for n, (c, pure, same) in LOADERS.items()))
        if args.serve_edit:
            import serve_edit

            figures = serve_edit.measure(args.serve_edit, workdir / "serve-edit", args.seed)
            print()
            print(serve_edit.table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
