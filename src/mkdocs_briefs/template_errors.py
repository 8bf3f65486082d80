"""A site's own template (under its theme's `custom_dir`) that cannot be read or rendered, as a
located problem: its file, line and column, what is wrong and how to fix it, reported like a
mistake in the sources instead of a Python traceback (templates.py raises it, the pipeline and the
plugin report it). A problem in the package's own templates is a bug and is left to raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from jinja2 import TemplateSyntaxError, UndefinedError

from .diagnostics import Diagnostic, Pos, shown_path

REFERENCE = "https://mkdocs-briefs.github.io/mkdocs-briefs/reference/#templates"
"""The published list of every template and its variables."""
_OWN = "or remove the file to use the plugin's own"


class TemplateProblem(Exception):
    """A site's template that cannot be read or rendered: where, and why."""

    def __init__(self, path: Path, line: int, col: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path, self.line, self.col, self.message = path, line, col, message

    def diagnostic(self, root: Path) -> Diagnostic:
        """The problem as an error, its path relative to `root` (the folder of mkdocs.yml)."""
        return Diagnostic(Pos(shown_path(self.path, root), self.line, self.col), "error", self.message)


class UnknownLabel(LookupError):
    """`t(key)` in a template with a key that is not a label."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _site_file(filename: str | None, folders: Sequence[Path]) -> Path | None:
    """`filename` when it is a file of one of the site's folders."""
    if not filename or filename.startswith("<"):
        return None
    path = Path(filename).resolve()
    return path if any(path.is_relative_to(folder.resolve()) for folder in folders) else None


def _column(path: Path, line: int, word: str | None) -> int:
    """Where `word` is on the line (its first column), else where the line's first tag starts."""
    try:
        text = path.read_text("utf-8").splitlines()[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return 1
    at = text.find(word) if word else -1
    if at < 0:
        tags = [i for i in (text.find("{{"), text.find("{%")) if i >= 0]
        at = min(tags) if tags else 0
    return at + 1


def syntax_problem(exc: TemplateSyntaxError, folders: Sequence[Path]) -> TemplateProblem | None:
    path = _site_file(exc.filename, folders)
    if path is None:
        return None
    line = exc.lineno or 1
    return TemplateProblem(path, line, _column(path, line, None),
                           f"{exc.message}: fix the template (Jinja syntax), {_OWN}")


def unreadable(path: Path) -> TemplateProblem:
    return TemplateProblem(path, 1, 1, f"the template is not UTF-8 text: save it as UTF-8, {_OWN}")


def render_problem(exc: Exception, folders: Sequence[Path], name: str,
                   given: Iterable[str]) -> TemplateProblem | None:
    """Where in a site's template `exc` was raised (the last frame of one of its files: Jinja
    gives each template's code its file and line), and why; None when no site file is involved."""
    found: tuple[Path, int] | None = None
    tb = exc.__traceback__
    while tb is not None:
        path = _site_file(tb.tb_frame.f_code.co_filename, folders)
        if path is not None:
            found = (path, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return None
    path, line = found
    word: str | None
    if isinstance(exc, UnknownLabel):
        word, message = exc.key, (f"no label {exc.key!r}: use a key of the package's locales/en.yml "
                                  f"({REFERENCE.replace('#templates', '#labels')})")
    elif isinstance(exc, UndefinedError):
        quoted = re.findall(r"'([^']+)'", exc.message or "")
        word = quoted[-1] if quoted else None
        message = (f"{exc.message}: {name} is given {', '.join(sorted(given)) or 'no variable'} "
                   f"and t(), date(), number() (the reference lists what each holds: {REFERENCE}), {_OWN}")
    else:
        word, message = None, f"{type(exc).__name__}: {exc}: fix the template, {_OWN}"
    return TemplateProblem(path, line, _column(path, line, word), message)
