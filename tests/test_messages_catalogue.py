"""docs/messages.md, the catalogue of messages, against the code that prints them.

(a) Every message the code can print is in the catalogue: the code is read with `ast` for
    the calls that report a problem, and each literal run of a message's wording must appear
    in one of the catalogue's ```text blocks. So is every wording the JSON Schemas give
    (their "x-expected").
(b) Every example in the catalogue is what the code prints: an example is a ```text block
    of message lines followed by the sources that cause them, which this test lays out
    on a copy of tests/fixtures/minimal and runs through the same functions as a build
    (no `mkdocs build`: MkDocs' config and plugin events are called directly).

An example's source blocks, in the order written (see "Reading the examples" on the page):

    ```diff title="briefs/first-brief.md"     a change to that file of the fixture: its
                                              ' ' and '-' lines become its ' ' and '+' lines
    ```yaml title="briefs/notes.md"           a whole file, written as it is
    ```sh                                     `mv OLD NEW` renames a file; `mkdocs-briefs ...`,
                                              `mkdocs build`, `mkdocs serve`: the command
                                              whose output the example shows

A few examples cannot be written in Markdown (a file of a million bytes, a character
that is not UTF-8): RECIPES makes them, keyed by the section's heading.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import logging
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

SRC = REPO / "src" / "mkdocs_briefs"
CATALOGUE = REPO / "docs" / "messages.md"

# --- reading the catalogue ---------------------------------------------------------------

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)\s*(?P<attrs>.*)$")
_HEADING = re.compile(r"^(#{2,6}) (.*)$")


@dataclass
class Block:
    lang: str
    title: str | None
    text: str
    line: int


@dataclass
class Example:
    heading: str
    line: int
    expected: list[str]
    sources: list[Block] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.heading}@{self.line}"


WITHOUT_EXAMPLE = {
    "YAML error: ": "any other error of the YAML reader, one without a place: none is known to reach it",
    "flatten it\n": "nesting that overflows Python's own stack before the depth is counted: none is known to reach it",
    "<field>: <description of the rule>": "no rule of the current formats gets it "
                                          "(test_every_schema_rule_has_its_own_wording)",
    "does not contain an anchor": "MkDocs' own check of anchors, once every page is built: not the plugin's message",
    "cannot write briefs/": "a file the system refuses to write: tests run as root, whom permissions do not stop",
    "the labels file should map each label's key": "a labels file that is a list, or not UTF-8: "
                                                   "tests/test_label_file.py reads both",
    "labels are not in it and stay in English": "its counts change with every label the plugin adds: "
                                                "tests/test_label_file.py builds a site that prints it",
    "in the site's templates (listed above)": "a block rendered only while MkDocs converts a generated page (the "
                                              "citation), which this test does not do: tests/test_template_errors.py "
                                              "builds it",
    "cannot be asked for a rebuild": "a MkDocs release whose live-reload server has no rebuild request: none is known "
                                     "(tests/test_serve.py runs the installed one)",
}
"""Text blocks of the catalogue that are not examples, by words they contain, and why."""


def _without_example(example: Example) -> bool:
    return any(words in "\n".join(example.expected) + "\n" for words in WITHOUT_EXAMPLE)


def _blocks(markdown: str) -> list[tuple[str, Block | None]]:
    """(heading, block) in page order; a heading alone is given with block None."""
    found: list[tuple[str, Block | None]] = []
    heading = ""
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening:
            fence = opening.group("fence")
            title = re.search(r'title="([^"]*)"', opening.group("attrs"))
            body, start = [], i + 1
            i += 1
            while i < len(lines) and not (lines[i].startswith(fence) and not lines[i].strip(fence[0]).strip()):
                body.append(lines[i])
                i += 1
            found.append((heading, Block(opening.group("lang"), title and title.group(1), "\n".join(body), start)))
        else:
            match = _HEADING.match(lines[i])
            if match:
                heading = match.group(2)
                found.append((heading, None))
        i += 1
    return found


def _is_source(block: Block) -> bool:
    return block.title is not None or block.lang == "sh"


def catalogue_text_examples() -> list[Example]:
    """Each ```text block, with the source blocks that follow it in its section."""
    examples: list[Example] = []
    current: Example | None = None
    for heading, block in _blocks(CATALOGUE.read_text("utf-8")):
        if block is None:
            current = None
        elif block.lang == "text":
            current = Example(heading, block.line, [line for line in block.text.split("\n") if line.strip()])
            examples.append(current)
        elif current is not None and _is_source(block):
            current.sources.append(block)
    return examples


def _only_commands(example: Example) -> bool:
    return all(b.lang == "sh" and not b.text.startswith("mv ") for b in example.sources)


def catalogue_examples() -> list[Example]:
    """The text blocks that are examples: with sources, or in a section RECIPES makes.

    An example whose sources are only a command (`mkdocs build`) runs it on the sources of
    the example before it in the same section: the same mistake, printed another way.
    """
    runnable: list[Example] = []
    for example in catalogue_text_examples():
        if not example.sources and (example.heading not in RECIPES or _without_example(example)):
            continue
        previous = runnable[-1] if runnable else None
        if example.sources and _only_commands(example) and previous and previous.heading == example.heading:
            example.sources = [b for b in previous.sources if b.lang != "sh" or b.text.startswith("mv ")] + example.sources
        runnable.append(example)
    return runnable


def catalogue_text_blocks() -> str:
    return "\n".join(b.text for _, b in _blocks(CATALOGUE.read_text("utf-8")) if b is not None and b.lang == "text")


# --- laying out an example -----------------------------------------------------------------


def _apply_change(root: Path, block: Block) -> None:
    """Apply a diff: its '-' side, found once in the file, becomes its '+' side."""
    before, after = [], []
    for line in block.text.split("\n"):
        sign, rest = (line[:1], line[1:]) if line[:1] in "+- " and line else (" ", line)
        if sign in " -":
            before.append(rest)
        if sign in " +":
            after.append(rest)
    path = root / block.title
    text = path.read_text("utf-8")
    old, new = "\n".join(before) + "\n", "\n".join(after) + "\n"
    lines = "\n" + text  # whole lines only
    assert lines.count("\n" + old) == 1, f"the '-' side of the diff at line {block.line} is not once in {block.title}:\n{old}"
    path.write_text(lines.replace("\n" + old, "\n" + new)[1:], "utf-8")


def _pad(relative: str, size: int):
    def make(root: Path) -> None:
        path = root / relative
        text = path.read_text("utf-8")
        path.write_text(text + "#" * (size - len(text.encode("utf-8")) - 1) + "\n", "utf-8")
    return make


def _replace_bytes(relative: str, old: bytes, new: bytes):
    def make(root: Path) -> None:
        path = root / relative
        data = path.read_bytes()
        assert data.count(old) == 1
        path.write_bytes(data.replace(old, new))
    return make


def _link_outside(*relatives: str):
    def make(root: Path) -> None:
        (root / "elsewhere").mkdir(exist_ok=True)
        for relative in relatives:
            (root / relative).rename(root / "elsewhere" / Path(relative).name)
            (root / relative).symlink_to(root / "elsewhere" / Path(relative).name)
    return make


def _latin1_template(root: Path) -> None:
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                     "utf-8")
    (root / "overrides" / "briefs").mkdir(parents=True)
    (root / "overrides" / "briefs" / "byline.md").write_bytes("<p>{{ parts|join(' · ') }}</p>\n".encode("latin-1"))


RECIPES = {
    "Template that is not UTF-8": _latin1_template,
    "The sources folder does not exist": lambda root: shutil.rmtree(root / "briefs"),
    "File too large": _pad("briefs/series.yml", 1_000_241),
    "Not UTF-8": _replace_bytes("briefs/authors.yml", b"Example Institute", b"Example Institut\xe9"),
    "Other YAML error": _replace_bytes("briefs/authors.yml", b"Fellow, ", b"Fellow,\x01 "),
    "Too long": _replace_bytes("briefs/first-brief.md", b"summary: A small brief for tests.",
                               b"summary: " + b"x" * 5_001),
    "Link outside the sources folder": _link_outside("briefs/first-brief.md", "briefs/actors.yml"),
    "Folder of updates linked outside the sources folder": lambda root: (
        (root / "elsewhere" / "updates").mkdir(parents=True),
        (root / "briefs" / "updates").symlink_to(root / "elsewhere" / "updates")),
    "Link that leads nowhere": lambda root: (root / "briefs" / ".#first-brief.md").symlink_to("ann@laptop.4242"),
    "Folder named like a brief": lambda root: (root / "briefs" / "drafts.md").mkdir(),
    "Control character": _replace_bytes("briefs/first-brief.md", b"works with the sending states.",
                                        b"works with\x0b the sending states."),
    "Bidirectional control in a brief's text": _replace_bytes("briefs/first-brief.md", b"works with the sending states.",
                                                              "works with \u2067the sending\u2069 states.".encode()),
    "Number too long": _replace_bytes("briefs/authors.yml", b"affiliation: Fellow, Example Institute",
                                      b"affiliation: " + b"1" * 4_400),
}
"""Sources that cannot be shown in Markdown, made by code; keyed by the catalogue's heading."""


MKDOCS_YML = "site_name: Test briefs\ntheme:\n  name: material\nplugins:\n  - briefs\n"


@dataclass
class Layout:
    root: Path
    commands: list[list[str]] = field(default_factory=list)
    docs: bool = False


def lay_out(example: Example, root: Path) -> Layout:
    shutil.copytree(FIXTURES / "minimal", root / "briefs")
    layout = Layout(root)
    if example.heading in RECIPES:  # every example of the section
        RECIPES[example.heading](root)
    for block in example.sources:
        if block.lang == "diff":
            _apply_change(root, block)
        elif block.lang == "sh":
            for line in block.text.split("\n"):
                words = shlex.split(line)
                if words[:1] == ["mv"]:
                    old, new = words[1:]
                    (root / old).rename(root / new)
                elif words:
                    layout.commands.append(words)
        else:
            path = root / block.title
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.text + "\n", "utf-8")
            layout.docs = layout.docs or block.title.startswith("docs/")
    return layout


# --- running it ------------------------------------------------------------------------------


def run_pure(root: Path) -> list[str]:
    """load -> validate, and hints when there is no error: what `mkdocs-briefs check` lists."""
    from mkdocs_briefs.hints import find_hints
    from mkdocs_briefs.load import load_sources
    from mkdocs_briefs.validate import validate

    sources, diags = load_sources(root / "briefs", root)
    diags.extend(validate(sources))
    if not diags.errors:
        diags.extend(find_hints(sources))
    return [str(d) for d in diags.sorted()]


def run_cli(root: Path, words: list[str], monkeypatch) -> list[str]:
    from mkdocs_briefs import cli

    assert words[0] == "mkdocs-briefs", words
    monkeypatch.chdir(root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        cli.main(words[1:])
    return (out.getvalue() + err.getvalue()).splitlines()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "mkdocs.plugins.briefs":
            self.messages.append(record.getMessage().removeprefix("briefs: "))


def run_mkdocs(root: Path, command: str) -> list[str]:
    """A build's plugin events, without writing a site: the plugin's messages, as logged."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    if not (root / "docs" / "index.md").exists():
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    records = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(records)
    level = logger.level
    logger.setLevel(logging.INFO)  # the plugin's INFO lines are messages too
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command=command, dirty=False)
        try:  # the plugin stops a build in on_config (its options) or in on_files (the sources)
            config = config.plugins.on_config(config)
            files = config.plugins.on_files(get_files(config), config=config)
        except PluginError as error:
            return records.messages + [str(error)]
        for file in files.documentation_pages():
            if file.generated_by is None:  # written by hand
                page = Page(None, file, config)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                page.render(config, files)
                config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
    return records.messages


_MKDOCS_PREFIX = re.compile(r"^(?:ERROR|WARNING|INFO) +-  (?:briefs: )?")
"""How MkDocs starts each line it prints; the rest is the plugin's message."""


@pytest.mark.parametrize("example", catalogue_examples(), ids=lambda e: e.id)
def test_catalogue_example_is_what_the_code_prints(example: Example, tmp_path: Path, monkeypatch) -> None:
    layout = lay_out(example, tmp_path)
    builds = [c for c in layout.commands if c[0] == "mkdocs"]
    if builds:
        produced = run_mkdocs(tmp_path, builds[0][1])
        expected = [_MKDOCS_PREFIX.sub("", line) for line in example.expected]
    elif layout.docs:
        produced = run_mkdocs(tmp_path, "build")
        expected = example.expected
    elif layout.commands:
        produced = run_cli(tmp_path, layout.commands[0], monkeypatch)
        expected = example.expected
    else:
        produced = run_pure(tmp_path)
        expected = example.expected
    missing = [line for line in expected if line not in produced]
    assert not missing, (
        f"docs/messages.md:{example.line} ({example.heading}) documents lines the code does not print:\n"
        + "\n".join(missing) + "\n--- it prints:\n" + "\n".join(produced)
    )


# --- (a) every message the code can print --------------------------------------------------

_EMITTER_METHODS = {"error", "warning", "info", "hint", "report"}
"""Diagnostics.error/warning/hint/report, and the plugin's log.error/log.warning/log.info."""
_EMITTER_CLASSES = {"ScaffoldError", "_Invalid", "PluginError", "ExportError"}
"""Exceptions whose message is shown to the user as it is."""


@dataclass
class Emitter:
    where: str
    runs: list[str]


def _literal_runs(node: ast.AST, functions: dict[str, ast.FunctionDef]) -> list[str]:
    """The fixed wording of a message expression: its string literals and f-string parts,
    and those of a function of the same module that it calls (`_summary(diags) + "..."`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        runs: list[str] = []
        for part in node.values:
            runs += _literal_runs(part, functions) if isinstance(part, ast.Constant) else [""]
        return runs
    if isinstance(node, ast.BinOp):
        return _literal_runs(node.left, functions) + _literal_runs(node.right, functions)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions:
        returns = [n.value for n in ast.walk(functions[node.func.id]) if isinstance(n, ast.Return) and n.value]
        return [run for r in returns for run in _literal_runs(r, {})]
    return []


def _message_arg(call: ast.Call) -> ast.AST | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if isinstance(func, ast.Attribute) and name in _EMITTER_METHODS and call.args:
        return call.args[-1]  # diags.error(pos, message); log.warning(message)
    if name in _EMITTER_CLASSES and call.args:
        return call.args[0]
    if name == "TemplateProblem" and call.args:
        return call.args[-1]  # TemplateProblem(path, line, col, message)
    if name == "print" and any(k.arg == "file" and ast.unparse(k.value) == "sys.stderr" for k in call.keywords):
        return call.args[0]  # the command line's own errors
    return None


def emitters() -> list[Emitter]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                arg = _message_arg(node)
                if arg is not None:
                    runs = [r.strip() for r in _literal_runs(arg, functions)]
                    found.append(Emitter(f"{path.relative_to(REPO)}:{node.lineno}",
                                         [r for r in runs if re.search(r"[A-Za-z]{2}", r)]))
    return found


def test_the_scan_finds_the_emitters() -> None:
    found = emitters()
    assert len([e for e in found if e.runs]) >= 50, [e.where for e in found]
    files = {e.where.split(":")[0] for e in found}
    names = {f.rsplit("/", 1)[-1] for f in files}
    assert {"load.py", "validate.py", "schema.py", "listings.py", "scaffold.py"} <= names, files
    assert any("plugin" in f for f in files), files


def test_every_message_the_code_can_print_is_in_the_catalogue() -> None:
    shown = catalogue_text_blocks()
    missing = [f"{e.where}: {run!r}" for e in emitters() for run in e.runs if run not in shown]
    assert not missing, "not in any ```text block of docs/messages.md:\n" + "\n".join(missing)


def test_every_wording_of_the_schemas_is_in_the_catalogue() -> None:
    """What a schema expects ("x-expected") ends messages about a value of the wrong sort."""
    shown = catalogue_text_blocks()
    wordings = set()
    for path in (SRC / "schemas").glob("*.schema.json"):
        if path.name != "export.schema.json":  # describes the data exports, not sources
            wordings |= set(re.findall(r'"x-expected":\s*"((?:[^"\\]|\\.)*)"', path.read_text("utf-8")))
    wordings = {json.loads(f'"{w}"') for w in wordings}
    assert wordings
    assert sorted(w for w in wordings if w not in shown) == []


def test_every_schema_rule_has_its_own_wording() -> None:
    """A rule without one gets the catalogue's "Other rule" message, which has no example."""
    tree = ast.parse((SRC / "schema.py").read_text("utf-8"))
    worded = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    rules = {"required", "additionalProperties", "propertyNames", "enum", "type", "pattern", "format",
             "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "const",
             "oneOf", "anyOf", "not", "if", "dependentRequired", "minProperties", "maxProperties",
             "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "contains"}
    used = set()
    for path in (SRC / "schemas").glob("*.schema.json"):
        if path.name != "export.schema.json":
            used |= rules & set(re.findall(r'"(\w+)":', path.read_text("utf-8")))
    assert used - worded == set()


# --- what has no example, and why --------------------------------------------------------------

def test_every_text_block_is_an_example_or_says_why_not() -> None:
    examples = {e.line for e in catalogue_examples()}
    others = [e for e in catalogue_text_examples() if e.line not in examples]
    for example in others:
        text = "\n".join(example.expected) + "\n"
        assert any(words in text for words in WITHOUT_EXAMPLE), (
            f"docs/messages.md:{example.line} ({example.heading}) has no example: give it its sources")
    for words in WITHOUT_EXAMPLE:
        assert any(words in "\n".join(e.expected) + "\n" for e in others), f"no text block without example has {words!r}"
