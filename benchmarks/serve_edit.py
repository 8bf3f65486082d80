"""Live preview: how long after saving a brief does `mkdocs serve` show the change?

    python benchmarks/serve_edit.py [N] [--workdir DIR] [--timeout S] [--only full|dirty] [--saves K]
                                    [--no-full-build]

Writes the corpus of N briefs (default 20) with `generate.py`, times one full
`mkdocs build` of it for comparison, then, for each way of serving (`mkdocs serve
--livereload`, which builds the whole site again after each save, and `mkdocs serve
--dirty`, which builds again only the pages that changed), starts the server on 127.0.0.1
at a free port and waits until it serves the first brief's page. It appends a paragraph
with a word found nowhere else to that brief's source, and polls the brief's page until
the word appears. The figure is the time from the save (the file closed) to the first
response that contains the word. With `--saves K`, K such saves follow one another on the
same server (each waits for the last one's page), and the figure is their median. Every wait
is bounded in time and count, and the server is always stopped. `--no-full-build` leaves out
the full build timed for comparison.

Prints one table, a row per command: N, the command, full build, time until the server
first answered, save to updated page, that figure as a share of the full build, and the CPU
seconds the server used from the save to the updated page (read from Linux's /proc: on a
machine shared with other work, the wait grows with the load, the CPU much less); then every
save's figure and the load average.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import build, log  # noqa: E402

COLUMNS = ("N", "command", "full build s", "serve ready s", "save to updated page s", "share of full build",
           "server CPU per save s")
COMMANDS = {"full": ["serve", "--livereload"], "dirty": ["serve", "--livereload", "--dirty"]}
"""The ways of serving measured, by the name --only takes."""
POLL_INTERVAL = 0.05
"""Seconds between two requests for the edited page (each request waits while a rebuild runs)."""


@dataclass
class Figure:
    n: int
    command: str
    full_build: float
    ready: float
    update: float
    """The median of `updates`."""
    load: float = 0.0
    """1-minute load average when the (last) edit showed."""
    updates: tuple[float, ...] = ()
    """Each save's figure, in order."""
    cpu: float = math.nan
    """The median CPU seconds the server used from a save to the updated page (its build, the watcher,
    the requests): unlike the wait, it hardly depends on what else runs on the machine."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def poll(url: str, until, deadline: float, server: subprocess.Popen) -> str | None:
    """Request url until `until(body)` holds; None when the deadline passes or the server dies."""
    max_polls = int((deadline - time.monotonic()) / POLL_INTERVAL) + 10
    for _ in range(max_polls):
        if server.poll() is not None or time.monotonic() > deadline:
            return None
        body = fetch(url, timeout=max(1.0, min(60.0, deadline - time.monotonic())))
        if body is not None and until(body):
            return body
        time.sleep(POLL_INTERVAL)
    return None


def cpu_seconds(pid: int) -> float:
    """CPU seconds the process has used so far (Linux's /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return math.nan


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def measure(n: int, workdir: Path, seed: int = generate.DEFAULT_SEED, timeout: float = 1800.0,
            modes: tuple[str, ...] = tuple(COMMANDS), saves: int = 1, full_build: bool = True) -> list[Figure]:
    project = workdir / f"n{n}"
    if project.exists():
        shutil.rmtree(project)
    log(f"serve-edit N={n}: generating the corpus")
    generate.generate(n, project, seed)
    seconds = math.nan
    if full_build:
        log(f"serve-edit N={n}: full build for comparison")
        full = build(project, workdir / f"site-{n}", workdir / f"build-{n}.log")
        if full.returncode != 0:
            raise SystemExit(f"the build failed:\n{full.output[-4000:]}")
        shutil.rmtree(workdir / f"site-{n}")
        seconds = full.seconds
    return [_serve_and_edit(n, project, workdir, mode, seconds, timeout, saves) for mode in modes]


def _serve_and_edit(n: int, project: Path, workdir: Path, mode: str, full_build: float, timeout: float,
                    saves: int = 1) -> Figure:
    brief = sorted((project / "briefs").glob("*.md"))[0]
    port = free_port()
    # mkdocs serve mounts the site at the path of site_url
    site_url = (yaml.safe_load((project / "mkdocs.yml").read_text("utf-8")) or {}).get("site_url") or "/"
    mount = "/" + urlsplit(site_url).path.strip("/")
    url = f"http://127.0.0.1:{port}{mount.rstrip('/')}/briefs/{brief.stem}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", *COMMANDS[mode], "-a", f"127.0.0.1:{port}"]
    shown = "mkdocs " + " ".join(COMMANDS[mode])
    log(f"serve-edit N={n}: {shown}")
    log_path = workdir / f"serve-{n}-{mode}.log"
    with open(log_path, "w") as out:
        start = time.perf_counter()
        server = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            if poll(url, lambda body: "</html>" in body, time.monotonic() + timeout, server) is None:
                raise SystemExit(f"the server did not serve {url} in {timeout:.0f} s:\n" + _tail(log_path))
            ready = time.perf_counter() - start
            log(f"serve-edit N={n}: ready after {ready:.1f} s; editing {brief.name}")
            updates, cpu = [], []
            for _ in range(saves):
                time.sleep(1.0)  # let the file watcher settle; not counted
                word = "benchedit" + uuid.uuid4().hex[:12]
                used = cpu_seconds(server.pid)
                with open(brief, "a", encoding="utf-8") as f:
                    f.write(f"\nEdited for the live-preview benchmark: {word}.\n")
                saved = time.perf_counter()
                body = poll(url, lambda body, word=word: word in body, time.monotonic() + timeout, server)
                updates.append(time.perf_counter() - saved)
                cpu.append(cpu_seconds(server.pid) - used)
                if body is None:
                    raise SystemExit(f"the edit did not show in {timeout:.0f} s:\n" + _tail(log_path))
                log(f"serve-edit N={n}: {shown}: the edit showed after {updates[-1]:.2f} s")
        finally:
            stop(server)
    update = statistics.median(updates)
    log(f"serve-edit N={n}: {shown}: median {update:.2f} s of {len(updates)} (full build {full_build:.1f} s)")
    return Figure(n, shown, full_build, ready, update, os.getloadavg()[0], tuple(updates), statistics.median(cpu))


def _tail(path: Path) -> str:
    return path.read_text("utf-8", "replace")[-4000:]


def table(figures: list[Figure]) -> str:
    timed = lambda f: not math.isnan(f.full_build)  # noqa: E731
    rows = [[f"{f.n:,}", f"`{f.command}`", f"{f.full_build:.2f}" if timed(f) else "–", f"{f.ready:.2f}",
             f"{f.update:.2f}", f"{100 * f.update / f.full_build:.0f}%" if timed(f) else "–", f"{f.cpu:.2f}"]
            for f in figures]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    loads = ", ".join(f"{f.load:.2f}" for f in figures)
    each = "; ".join(f"{f.command}: " + ", ".join(f"{u:.2f}" for u in f.updates) for f in figures)
    return "\n".join([line(COLUMNS), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|", *map(line, rows),
                      "", f"Each save, s: {each}",
                      f"Load average (1 min) when the edit showed: {loads} on {os.cpu_count()} cores"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=20, help="corpus size (briefs)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=1800.0, help="longest wait for the server, and for the edit")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--only", choices=tuple(COMMANDS), help="measure one way of serving only")
    parser.add_argument("--saves", type=int, default=1, help="saves in a row on one server (the figure: their median)")
    parser.add_argument("--no-full-build", action="store_true", help="do not time a full build for comparison")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefs-serve-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        figures = measure(args.n, workdir, args.seed, args.timeout, (args.only,) if args.only else tuple(COMMANDS),
                          saves=max(1, args.saves), full_build=not args.no_full_build)
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
