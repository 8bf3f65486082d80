"""`mkdocs build` in a forked copy of a process that has imported MkDocs once.

Most of a small build's CPU went into starting Python and importing MkDocs, Material,
Markdown, pymdownx and the plugin: about half of it for the minimal fixture. `Forker`
starts one process (the "zygote") that imports them and then, for each build, forks a
child that runs `python -m mkdocs ...` exactly as a new interpreter would (`runpy`, the
same argv, working folder, environment and standard streams), so each build is still a
process of its own: no plugin state, cache or logging handler carries over. Only what
Python fixes at start-up is shared: the hash seed, so a build that asks for a
PYTHONHASHSEED gets a zygote started with that seed.

Two more things a build would redo each time are done once: jieba's dictionary (Material's
search loads it for any page with Han text: a second or more for the shipped site), and
the compiling of the theme's Jinja templates, kept in a bytecode cache for the session
(Jinja keys it on each template's file and a checksum of its source, so a site's own
`custom_dir` templates are compiled from their own text). Sites come out byte-identical
to a build in a new interpreter (`BRIEFS_TESTS_NO_FORK=1` runs every build that way).

The zygote is single-threaded (fork is safe there); the test process never forks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ZYGOTE = r'''
import json, os, runpy, sys
import importlib, importlib.util, pkgutil
import mkdocs.utils, mkdocs_briefs
for name in PRELOAD + [m.name for m in pkgutil.walk_packages(mkdocs_briefs.__path__, "mkdocs_briefs.")]:
    try:
        importlib.import_module(name)
    except Exception:
        pass
if sys.argv[3] == "mkdocs":  # Material's search segments Han text with jieba: a second or more to load its dictionary
    try:
        import jieba
        stderr = os.dup(2)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        jieba.initialize()
        os.dup2(stderr, 2)
    except ImportError:
        pass
import jinja2, mkdocs.theme
bytecode = jinja2.FileSystemBytecodeCache(sys.argv[2])
theme_env = mkdocs.theme.Theme.get_env
def get_env(self):
    env = theme_env(self)
    env.bytecode_cache = bytecode  # keyed on each template's file and source checksum
    return env
mkdocs.theme.Theme.get_env = get_env
given = set(json.loads(sys.argv[1]))
added = {k: v for k, v in os.environ.items() if k not in given}  # what Python set at start-up (LC_CTYPE)
protocol = os.fdopen(os.dup(1), "w")
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
for line in sys.stdin:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(protocol.fileno())
            os.chdir(job["cwd"])
            os.environ.clear()
            os.environ.update({**added, **job["env"]})
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(os.open(job["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
            os.dup2(os.open(job["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
            spec = importlib.util.find_spec(job["module"])
            main = importlib.util.find_spec(job["module"] + ".__main__") if spec.submodule_search_locations else spec
            sys.argv = [main.origin, *job["args"]]
            sys.modules.pop(job["module"], None)  # run as __main__, as in a new interpreter, not the copy imported above
            try:
                runpy.run_module(job["module"], run_name="__main__", alter_sys=True)
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
                if exit.code is not None and not isinstance(exit.code, int):
                    print(exit.code, file=sys.stderr)
            except BaseException:
                import traceback
                traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    protocol.write(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime]) + "\n")
    protocol.flush()
'''

PRELOAD = [
    "click", "mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.config.defaults", "mkdocs.utils.templates",
    "material.plugins.search.plugin", "material.extensions.emoji", "material.templates", "colorama",
    "markdown", *(f"markdown.extensions.{name}" for name in (
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes", "md_in_html",
        "tables", "toc")),
    *(f"pymdownx.{name}" for name in (
        "arithmatex", "details", "emoji", "highlight", "inlinehilite", "snippets", "superfences", "tabbed",
        "tasklist")),
    "pygments.lexers.special", "pygments.styles.default", "pygments.filters", "backrefs.uniprops",
    "encodings.unicode_escape", "encodings.utf_8_sig",
]
"""Modules every build imports: imported once in the zygote (an import has no effect on a build but its CPU)."""

STARTUP = ("PYTHONHASHSEED", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONUTF8", "PYTHONWARNINGS", "PYTHONPATH")
"""Environment variables Python reads when it starts: a zygote per set of values."""


class Forker:
    """Zygotes by start-up environment; `run` behaves as subprocess.run(python -m mkdocs ...)."""

    def __init__(self) -> None:
        self._zygotes: dict[tuple[str | None, ...], subprocess.Popen[str]] = {}
        self._lock = threading.Lock()
        self._seen: set[tuple[str | None, ...]] = set()
        """Start-up environments (and modules) run once so far, as a plain subprocess."""
        self.cpu = 0.0
        """CPU seconds (user + system) of the builds so far: the zygote is reaped only at the end."""
        self._bytecode = tempfile.TemporaryDirectory(prefix="theme-bytecode-")

    def _zygote(self, key: tuple[str | None, ...], env: dict[str, str], module: str) -> subprocess.Popen[str]:
        zygote = self._zygotes.get(key)
        if zygote is None or zygote.poll() is not None:
            code = f"PRELOAD = {PRELOAD!r}\n" + ZYGOTE
            argv = [sys.executable, "-c", code, json.dumps(sorted(env)), self._bytecode.name, module]
            zygote = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
            self._zygotes[key] = zygote
        return zygote

    def run(self, args: list[str], *, cwd: Path, env: dict[str, str], module: str = "mkdocs") -> tuple[int, str, str]:
        """(returncode, stdout, stderr) of `python -m <module> *args` run in `cwd` with exactly `env`."""
        with self._lock, tempfile.TemporaryDirectory() as tmp:
            out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
            out.touch()
            err.touch()
            key = (module, *(env.get(name) for name in STARTUP))
            if key not in self._zygotes and key not in self._seen:
                # the first run with a new start-up environment: a zygote pays only from the second
                self._seen.add(key)
                proc = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True,
                                      text=True)
                return proc.returncode, proc.stdout, proc.stderr
            zygote = self._zygote(key, env, module)
            assert zygote.stdin and zygote.stdout
            zygote.stdin.write(json.dumps({"cwd": str(cwd), "env": env, "args": args, "module": module,
                                           "stdout": str(out), "stderr": str(err)}) + "\n")
            zygote.stdin.flush()
            reply = zygote.stdout.readline()
            if not reply:
                raise RuntimeError(f"the build zygote stopped (exit {zygote.wait()})")
            returncode, cpu = json.loads(reply)
            self.cpu += cpu
            return returncode, out.read_text("utf-8"), err.read_text("utf-8")

    def pids(self) -> set[int]:
        """The process ids of the zygotes running."""
        return {zygote.pid for zygote in self._zygotes.values()}

    def close(self) -> None:
        for zygote in self._zygotes.values():
            if zygote.stdin:
                zygote.stdin.close()
            zygote.wait()
        self._zygotes.clear()
        self._bytecode.cleanup()

    def python_m(self, module: str, *args: str, cwd: Path, env: dict[str, str] | None = None,
                 ) -> subprocess.CompletedProcess[str]:
        """As subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True,
        text=True): the environment is the test process's own unless given."""
        env = dict(os.environ if env is None else env)
        returncode, stdout, stderr = self.run(list(args), cwd=cwd, env=env, module=module)
        return subprocess.CompletedProcess([sys.executable, "-m", module, *args], returncode, stdout, stderr)
