"""The code's shape, as the developers' guide draws it (docs/developers.md, "The modules in order").

Each line of that block is a layer, top first; a module may import only from layers below
its own. Every module of the package is in the block, none is over 350 lines, and only
the `plugin` package imports MkDocs or Material.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mkdocs_briefs"
GUIDE = Path(__file__).resolve().parent.parent / "docs" / "developers.md"
MAX_LINES = 350


def layers() -> list[list[str]]:
    """The layers the guide draws, bottom first."""
    section = GUIDE.read_text("utf-8").split("## The modules in order", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block, "docs/developers.md has no ```text block under 'The modules in order'"
    return [line.split() for line in reversed(block.group(1).strip().splitlines())]


def modules() -> dict[str, Path]:
    """Every module by its name in the guide ('plugin' for the plugin package and what it holds)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] != "__init__" or len(parts) > 1:
            found[".".join(parts)] = path
    return found


def node(name: str) -> str:
    return name.split(".")[0]


def imports(path: Path) -> set[str]:
    """The package's modules that `path` imports (relative imports), as nodes of the guide."""
    own = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(own[:-1]) if own[-1] != "__init__" else list(own[:-1])
    found = set()
    for item in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(item, ast.ImportFrom) and item.level:
            base = package[: len(package) - (item.level - 1)]
            names = [item.module] if item.module else [a.name for a in item.names]
            found |= {node(".".join([*base, n])) for n in names if base or n}
    return found - {node(".".join(own))}


def test_every_module_is_in_the_guide_once():
    drawn = [m for layer in layers() for m in layer]
    assert len(drawn) == len(set(drawn)), "a module is drawn twice"
    assert set(drawn) == {node(m) for m in modules()}, "the guide's modules and the package's differ"


def test_imports_go_down_the_layers_only():
    level = {m: i for i, layer in enumerate(layers()) for m in layer}
    wrong = [f"{name} (layer {level[node(name)]}) imports {dep} (layer {level[dep]})"
             for name, path in modules().items() for dep in imports(path) if level[dep] >= level[node(name)]]
    assert wrong == []


def test_no_module_is_long():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_only_the_plugin_talks_to_mkdocs():
    talking = []
    for name, path in modules().items():
        for item in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in item.names] if isinstance(item, ast.Import) else (
                [item.module or ""] if isinstance(item, ast.ImportFrom) and not item.level else [])
            if node(name) != "plugin" and any(n.split(".")[0] in ("mkdocs", "material") for n in names):
                talking.append(name)
    assert talking == []
