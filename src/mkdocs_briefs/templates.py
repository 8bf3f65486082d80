"""The Jinja templates of the generated pages and their repeated blocks, looked up in the
site's theme `custom_dir` first (`overrides/briefs/cite.html`), then in the package
(`templates/briefs/`), so a site overrides one file to change one thing.

Templates escape what they are given (autoescape), except values the code marks as
`Markup`: Markdown or HTML it has already escaped (markup.escape, mermaid_text). They
may call `t(key, n, **values)`, `date(day)` and `number(n)` for labels in the site's
language (labels.py); `t` escapes the label's text and each value not marked as `Markup`,
so `t("rec_list.from", brief=link)` puts a link the code made into an escaped label.
A list's items are `Item`s (attributes: `item.link`), not dicts, whose methods' names
(`item.update`, `item.items`) would shadow the keys in a template.
Pages are written while a `Templates` is in use (`with using(...)`); outside, the
package's own. docs/reference.md lists every template and its variables.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from types import SimpleNamespace as Item

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import labels

__all__ = ["Item", "Markup", "Templates", "recording", "render", "using"]


class Templates:
    """The templates of one site: those in its `folders` (the theme's custom_dir) over the package's."""

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = tuple(folders)
        loaders = [FileSystemLoader([str(f) for f in self.folders]), PackageLoader(__package__, "templates")]
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True)
        self.env.globals.update(t=label, date=labels.date, number=labels.number)

    def render(self, name: str, **values: object) -> str:
        return self.env.get_template(name).render(**values)

    def overrides(self) -> dict[str, str]:
        """The site's own templates (files under `briefs/` of its folders), by name, with a digest
        of each: `mkdocs serve --dirty` compares them from one build to the next."""
        found: dict[str, str] = {}
        for folder in self.folders:
            for path in sorted((folder / "briefs").rglob("*")):
                name = path.relative_to(folder).as_posix()
                if path.is_file() and name not in found:
                    found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found


def label(key: str, n: int | None = None, /, **values: object) -> Markup:
    """The label `key` for a template: its text escaped, and each value escaped unless it is `Markup`."""
    marks = {name: f"\x00{name}\x00" for name in values}
    text = escape(labels.t(key, n, **marks))
    for name, value in values.items():
        text = Markup(text.replace(marks[name], escape(value)))
    return text


PACKAGE = Templates()
_CURRENT: ContextVar[Templates] = ContextVar("briefs_templates", default=PACKAGE)
_USED: ContextVar[set[str] | None] = ContextVar("briefs_templates_used", default=None)


@contextlib.contextmanager
def using(templates: Templates) -> Iterator[Templates]:
    """Render with `templates` inside the `with` block."""
    token = _CURRENT.set(templates)
    try:
        yield templates
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """The names of the templates rendered inside the `with` block."""
    used: set[str] = set()
    token = _USED.set(used)
    try:
        yield used
    finally:
        _USED.reset(token)


def render(name: str, **values: object) -> str:
    """The template `name` ('briefs/cite.html') of the templates in use, with `values`."""
    used = _USED.get()
    if used is not None:
        used.add(name)
    return _CURRENT.get().render(name, **values)
