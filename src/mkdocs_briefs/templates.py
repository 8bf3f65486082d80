"""The Jinja templates of the generated pages and their repeated blocks, looked up in the
site's theme `custom_dir` first (`overrides/briefs/cite.html`), then in the package
(`templates/briefs/`), so a site overrides one file to change one thing.

Templates escape what they are given (autoescape), except values the code marks as
`Markup`: Markdown or HTML it has already escaped (markup.escape, mermaid_text). They
may call `t(key, n, **values)`, `date(day)` and `number(n)` for labels in the site's
language (labels.py); `t` escapes the label's text and each value not marked as `Markup`,
so `t("rec_list.from", brief=link)` puts a link the code made into an escaped label.
The filter `md` (`{{ actor.name | md }}`) makes an entity's field Markdown that shows
exactly its text (`escape_markdown`, which is `markup.escape`): autoescape alone stops HTML,
not Markdown's emphasis, links or headings.
A list's items are `Item`s (attributes: `item.link`), not dicts, whose methods' names
(`item.update`, `item.items`) would shadow the keys in a template.
Pages are written while a `Templates` is in use (`with using(...)`); outside, the
package's own. docs/reference.md lists every template and its variables.

Speed: a `Templates` compiles each template once and keeps it (a site's templates are read
again by the next build, which makes a new `Templates`). Inside one `with using(...)`,
`memo(key, make)` keeps what `make()` returns for `key`, with the templates and the labels
in use: a fragment repeated on many pages (a status badge, a label with the same values) is
written once a run, and a site's overridden template still applies, since the memo belongs to
the `Templates` in use. While `recording()` (which templates a page uses, for dirty builds),
nothing is memoised, so that every template a page needs is rendered, and recorded, again.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace as Item
from typing import TypeVar

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateSyntaxError,
)
from markupsafe import Markup, escape
from markupsafe import escape as markup_escape

from . import labels
from .template_errors import TemplateProblem, UnknownLabel, render_problem, syntax_problem, unreadable

__all__ = ["Item", "Markup", "TemplateProblem", "Templates", "escape_markdown", "md", "memo", "memo_of", "memoising",
           "recording", "render", "safe", "using"]

T = TypeVar("T")


def _escape(value: object) -> Markup:
    """Jinja's autoescape, with a fast way for what is already `Markup` (kept as it is, which is
    what `markupsafe.escape` returns for it too, after two calls and a copy)."""
    if type(value) is Markup:
        return value
    return markup_escape(value)


def safe(text: str) -> Markup:
    """`Markup(text)` for a text the code has escaped (Markdown or the plugin's HTML), without
    markupsafe's checks: for the many small pieces of a page (a grid's cells, a table's)."""
    if type(text) is Markup:
        return text
    return str.__new__(Markup, text)


_MD_SPECIAL = "\\`*_{}[]()#+-.!|"
"""Characters Markdown gives a meaning to: written with a backslash before them."""
_MD_REFERENCES = "~^:"
"""Characters Python-Markdown does not unescape (a backslash before them would show):
written as character references instead, which are just as inert."""
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in _MD_SPECIAL},
                          **{c: f"&#{ord(c)};" for c in _MD_REFERENCES}})
"""What `escape_markdown` writes for each character, in one pass: each character's replacement depends on it alone."""


@lru_cache(maxsize=65536)  # the same names are escaped for every page that lists them
def escape_markdown(text: str) -> str:
    """An editor's text as Markdown that renders exactly that text, on one line (`markup.escape`)."""
    return " ".join(text.split()).translate(_ESCAPES).replace("\\&gt;", "&gt;")


def md(value: object) -> Markup:
    """The templates' `md` filter (`{{ actor.name | md }}`): a value as Markdown text that renders
    exactly that text, on one line, whatever it holds (HTML, emphasis, links, headings, lists...);
    what is already `Markup` (the parts the code made) as it is, and None as nothing. For text
    in Markdown; in an HTML attribute, `{{ value }}` alone is right (this leaves quotes as they are)."""
    if isinstance(value, Markup):
        return value
    return safe(escape_markdown(str(value)) if value is not None else "")


class _Template(Template):
    """A template whose `{{ value }}` escapes through `_escape`: most values of the generated pages are
    Markdown the code has already escaped, so most of what a page costs was markupsafe copying them."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escape  # the compiled module's own name for it
        # a plain dict, not Jinja's ChainMap over the environment's globals (set once, in Templates()):
        # each render copies them into its context, 6 us from a dict, 26 us from the ChainMap
        template.globals = dict(template.globals)
        return template


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    template_class = _Template

    def getattr(self, obj: object, attribute: str) -> object:
        """`item.link` on a dict reads the key first, as Jinja would after failing to find an attribute
        (an exception each time); a key that is also a dict method's name (`items`) is left to Jinja."""
        if type(obj) is dict and attribute in obj and attribute not in _DICT_ATTRIBUTES:
            return obj[attribute]
        if type(obj) is Item and attribute in obj.__dict__:  # a list's item: its own attributes only
            return obj.__dict__[attribute]
        return super().getattr(obj, attribute)


class Templates:
    """The templates of one site: those in its `folders` (the theme's custom_dir) over the package's."""

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = tuple(folders)
        loaders = [FileSystemLoader([str(f) for f in self.folders]), PackageLoader(__package__, "templates")]
        self.env = _Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True, auto_reload=False)
        self.env.globals.update(t=label, date=labels.date, number=labels.number)
        self.env.filters["md"] = md
        self.compiled: dict[str, Template] = {}
        """Each template, compiled at its first use (Jinja's own lookup checks the file's date every time)."""

    def render(self, name: str, **values: object) -> str:
        """The template `name` with `values`; a mistake in one of the site's own templates raises
        a located `TemplateProblem`, never Jinja's or Python's exception."""
        try:
            template = self.compiled.get(name)
            if template is None:
                template = self.compiled[name] = self.env.get_template(name)
            return template.render(**values)
        except TemplateProblem:
            raise
        except TemplateSyntaxError as exc:
            problem = syntax_problem(exc, self.folders)
            if problem is None:
                raise
            raise problem from None
        except Exception as exc:
            problem = render_problem(exc, self.folders, name, values)
            if problem is None:
                raise
            raise problem from None

    def problems(self) -> list[TemplateProblem]:
        """Each of the site's own templates that cannot be read (its Jinja syntax, its encoding),
        all of them at once, before any page is written."""
        found = []
        for folder in self.folders:
            for path in sorted((folder / "briefs").rglob("*")):
                name = path.relative_to(folder).as_posix()
                if not path.is_file() or name in self.compiled or name.startswith("briefs/locales/"):
                    continue  # (a site's labels file is YAML, not a template: plugin/label_file.py)
                try:
                    self.compiled[name] = self.env.get_template(name)
                except TemplateSyntaxError as exc:
                    found.append(syntax_problem(exc, self.folders) or unreadable(path))
                except UnicodeDecodeError:
                    found.append(unreadable(path))
        return found

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
    memos = _MEMO.get()
    if memos is None:
        return _label(key, n, values)
    if not values:  # a heading: the most frequent, and the cheapest key
        plain = ("label", labels.current(), key, n)
        said = memos.get(plain)
        if said is None:
            said = memos[plain] = _label(key, n, values)
        return said
    try:  # the type is part of the key: the same text is escaped as a str, not as Markup
        key_ = ("label", labels.current(), key, n, tuple((k, type(v), v) for k, v in values.items()))
        said = memos.get(key_)
    except TypeError:  # a value that cannot be a key
        return _label(key, n, values)
    if said is None:
        said = memos[key_] = _label(key, n, values)
    return said


def _label(key: str, n: int | None, values: dict[str, object]) -> Markup:
    if key not in labels.current().messages:
        raise UnknownLabel(key)
    if not values:
        return escape(labels.t(key, n))
    text = str(escape(labels.t(key, n, **{name: f"\x00{name}\x00" for name in values})))
    for name, value in values.items():  # plain strings until the end: each Markup made costs a copy
        text = text.replace(f"\x00{name}\x00", _escape(value))
    return safe(text)


PACKAGE = Templates()
_CURRENT: ContextVar[Templates] = ContextVar("briefs_templates", default=PACKAGE)
_USED: ContextVar[set[str] | None] = ContextVar("briefs_templates_used", default=None)
_MEMO: ContextVar[dict | None] = ContextVar("briefs_templates_memo", default=None)


@contextlib.contextmanager
def using(templates: Templates) -> Iterator[Templates]:
    """Render with `templates` inside the `with` block (and memoise there: `memo`)."""
    token = _CURRENT.set(templates)
    memo_token = _MEMO.set({})
    try:
        yield templates
    finally:
        _MEMO.reset(memo_token)
        _CURRENT.reset(token)


@contextlib.contextmanager
def memoising() -> Iterator[None]:
    """A memo for the `with` block, unless one is open already (inside `using`): for a caller that
    writes pages without `using`, the package's templates and the labels in use."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memo(key: Hashable, make: Callable[[], T]) -> T:
    """What `make()` returns, made once for `key` inside the current `with using(...)` and the labels
    in use. `key` names everything else the value depends on (the corpus' data included); outside
    `using`, or while recording, `make()` is called every time."""
    memos = _MEMO.get()
    if memos is None or _USED.get() is not None:
        return make()
    full = (labels.current(), key)
    try:
        return memos[full]
    except KeyError:
        value = memos[full] = make()
        return value


def memo_of(thing: object, key: Hashable, make: Callable[[], T]) -> T:
    """`memo` for a value made from `thing` (an object that need not be hashable, or is slow to hash,
    like a recommendation's track or the status scale) and `key`: kept by the object's identity, and
    made again if another object took its place."""
    kept = memo((key, id(thing)), lambda: (thing, make()))
    if kept[0] is not thing:
        return make()
    return kept[1]


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
