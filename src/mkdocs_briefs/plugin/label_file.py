"""A site's own catalogue of labels: `briefs/locales/<language>.yml` in its theme's `custom_dir`
(`overrides/briefs/locales/fr.yml`), looked up as the templates are. It words the generated pages
in a language the plugin ships no labels for, or rewords a shipped one, key by key, without
hundreds of lines of `labels:` in mkdocs.yml (which still has the last word). Keys it leaves out
keep the shipped or English text; a mistake in it is an error at its line and column.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, Pos, shown_path
from ..labels import Message, check_overrides
from ..located_yaml import parse_yaml


class LabelFileError(ValueError):
    """What is wrong with a site's labels file, each problem a 'file:line:col: error: ...' line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def find_label_file(custom_dir: str | None, language: str) -> Path | None:
    """The site's labels file for `language` ('pt-BR' then 'pt'), if its custom_dir has one."""
    if not custom_dir:
        return None
    for code in dict.fromkeys((language, language.replace("_", "-").split("-")[0])):
        path = Path(custom_dir) / "briefs" / "locales" / f"{code}.yml"
        if path.is_file():
            return path
    return None


def read_label_file(path: Path, root: Path) -> dict[str, Message]:
    """The labels of the file at `path`; raises LabelFileError with every problem in it at once."""
    name = shown_path(path, root)
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise LabelFileError([f"{name}:1:1: error: the labels file is not UTF-8 text: save it as UTF-8"]) from None
    diags = Diagnostics()
    located = parse_yaml(text, name, diags)
    if located is not None and located.data is not None and not isinstance(located.data, dict):
        diags.error(located.at(()), "the labels file should map each label's key to its text, like "
                                    "'section.mechanism: Instruments'")
    problems = [str(d) for d in diags.errors]
    data = located.data if located is not None and isinstance(located.data, dict) else {}
    for key, value in data.items():
        where = located.key_at((key,)) if located is not None else Pos(name)
        problems += [f"{where}: error: {problem}" for problem in check_overrides({str(key): value})]
    if problems:
        raise LabelFileError(sorted(dict.fromkeys(problems), key=_line_of))  # once, though each form has it
    return {str(key): value for key, value in data.items()}


def _line_of(problem: str) -> tuple[int, int]:
    parts = problem.split(":")
    try:
        return int(parts[1]), int(parts[2])
    except (IndexError, ValueError):
        return 0, 0
