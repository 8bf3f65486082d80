"""Property-based tests: generated corpora, valid and then mutated, never crash the pipeline.

For every input, loading either succeeds or returns diagnostics, each with a file, line
and column; no other exception escapes, and a valid corpus goes all the way to pages.
The example count is small for CI; run longer with `pytest --hypothesis-profile=long`.
"""

from __future__ import annotations

import copy
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_briefs import located_yaml
from mkdocs_briefs.corpus import build_corpus
from mkdocs_briefs.load import load_sources
from mkdocs_briefs.pages import generate_pages
from mkdocs_briefs.validate import validate

ids = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)
words = st.text(alphabet=string.ascii_letters + " .,'-éü한국日本", min_size=1, max_size=30).filter(str.strip)
ODD = ["\u0000", "\u0007", "\ufeff", "\u202e", "\u0301", "\U0001f600", "\u2028", "\r", "\t", "\x85", "한국어", "ー"]


@st.composite
def corpora(draw) -> dict[str, Any]:
    """A valid corpus as plain data: registries and briefs (front matter + body)."""
    actors = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    mechs = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    authors = draw(st.lists(ids, min_size=1, max_size=2, unique=True))
    data: dict[str, Any] = {
        "actors": {a: {"name": draw(words), "kind": "state", "description": draw(words)} for a in actors},
        "mechanisms": {m: {"name": draw(words), "kind": "process"} for m in mechs},
        "authors": {a: {"name": draw(words)} for a in authors},
        "series": {"s": {"name": draw(words)}},
        "briefs": {},
    }
    rec_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    for n, chunk in enumerate([rec_ids[::2], rec_ids[1::2]]):
        if not chunk:
            continue
        recs = [{"id": r, "title": draw(words), "statement": draw(words), "addressed_to": [draw(st.sampled_from(actors))],
                 "mechanisms": [draw(st.sampled_from(mechs))], "horizon": "near-term"} for r in chunk]
        front = {"title": draw(words), "date": "2022-08-01", "authors": authors, "series": "s",
                 "source": {"publisher": "P", "title": "T", "date": "2022-08-01", "url": "https://example.org/x"},
                 "summary": draw(words), "recommendations": recs}
        body = "\n\n".join(f"{draw(words)} [{draw(words)}](rec:{r}) [x](actor:{actors[0]}) [y](mechanism:{mechs[0]})."
                           for r in chunk)
        data["briefs"][f"brief-{n}"] = (front, body)
    return data


def _write(folder: Path, data: dict[str, Any]) -> dict[str, str]:
    texts = {f"{name}.yml": yaml.safe_dump(data[name], allow_unicode=True, sort_keys=False)
             for name in ("actors", "mechanisms", "authors", "series")}
    for id_, (front, body) in data["briefs"].items():
        texts[f"{id_}.md"] = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
    return texts


def _mutate(draw, data: dict[str, Any]) -> None:
    """Change the data the way an editor's mistake would: drop, retype, break a reference."""
    registry = draw(st.sampled_from(["actors", "mechanisms", "authors", "briefs"]))
    entries = data[registry]
    key = draw(st.sampled_from(sorted(entries)))
    target = entries[key][0] if registry == "briefs" else entries[key]
    if registry == "briefs" and draw(st.booleans()):
        target = target["recommendations"][0]
    field = draw(st.sampled_from(sorted(target)))
    action = draw(st.sampled_from(["drop", "retype", "break", "long"]))
    if action == "drop":
        del target[field]
    elif action == "retype":
        target[field] = draw(st.sampled_from([None, 7, 2.5, True, [], {}, ["a", {"b": 1}], {"x": [1]}]))
    elif action == "break":
        target[field] = ["zz-unknown"] if isinstance(target[field], list) else "Zz Unknown!"
    else:
        target[field] = "x" * draw(st.sampled_from([301, 5001, 90_000]))


def _corrupt_text(draw, text: str) -> str:
    """Change the text the way a bad paste would: syntax breakers, odd characters, truncation."""
    at = draw(st.integers(0, len(text)))
    action = draw(st.sampled_from(["insert", "odd", "truncate", "indent"]))
    if action == "insert":
        return text[:at] + draw(st.sampled_from([": [", "{", "- ", "&a ", "*a", "'", '"', "\t", "---\n", "? "])) + text[at:]
    if action == "odd":
        return text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    if action == "truncate":
        return text[:at]
    return text.replace("\n  ", "\n   ", 1)


def _run_pipeline(folder: Path, root: Path, files: set[str]) -> list[tuple]:
    sources, diags = load_sources(folder, root)
    diags.extend(validate(sources))
    for d in diags.items:
        assert d.pos.path.removeprefix("briefs/") in files, d
        assert d.pos.line >= 1 and d.pos.col >= 1, d
        assert d.message
    if not diags.errors:
        pages = generate_pages(build_corpus(sources))
        assert pages
    return [(d.pos, d.severity) for d in diags.sorted()]


def _check(data: dict[str, Any], corrupt=None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "briefs"
        folder.mkdir()
        texts = _write(folder, data)
        if corrupt:
            name, change = corrupt
            texts[name] = change(texts[name])
        for name, text in texts.items():
            (folder / name).write_text(text, "utf-8", errors="surrogatepass")
        found = _run_pipeline(folder, root, set(texts))
        # the pure-Python YAML parser, used where the C one is missing, gives the same places
        c_loader, located_yaml._Loader = located_yaml._Loader, yaml.SafeLoader
        try:
            assert _run_pipeline(folder, root, set(texts)) == found
        finally:
            located_yaml._Loader = c_loader


@pytest.mark.slow  # 40 generated corpora
@given(corpora())
def test_valid_corpora_load_without_problems_and_make_pages(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "briefs"
        folder.mkdir()
        texts = _write(folder, data)
        for name, text in texts.items():
            (folder / name).write_text(text, "utf-8")
        sources, diags = load_sources(folder, Path(tmp))
        diags.extend(validate(sources))
        assert not diags.errors, diags.errors
        assert generate_pages(build_corpus(sources))


@pytest.mark.slow  # 40 generated corpora
@given(corpora(), st.data())
def test_mutated_data_gives_located_diagnostics_never_a_crash(data, draw):
    _mutate(draw.draw, data)
    _check(data)


@pytest.mark.slow  # 40 generated corpora
@given(corpora(), st.data())
def test_corrupted_text_gives_located_diagnostics_never_a_crash(data, draw):
    texts_names = ["actors.yml", "mechanisms.yml", "authors.yml", "series.yml", *(f"{b}.md" for b in data["briefs"])]
    name = draw.draw(st.sampled_from(texts_names))
    _check(data, (name, lambda text: _corrupt_text(draw.draw, text)))



ODD_VALUES = [None, 7, 2.5, True, 0, "", " ", "2022-02-30", "2022-08-01\n", "٢٠٢٢-٠٨-٠١", "Zz", "rok", "near-term",
              "x" * 301, "x" * 5001, ["rok", "rok"], ["rok", 1], [True, 1], [], {}, {"x": [1]}, "https://example.org/a b"]


def _variants(value: Any) -> Iterator[Any]:
    """`value` with one part replaced by each odd value, or given an unknown or odd key, in turn."""
    yield value
    if isinstance(value, dict):
        for key in [*value, "Bad Key", "unknown"]:
            for odd in ODD_VALUES:
                yield {**value, key: copy.deepcopy(odd)}
            if key in value:
                yield {k: v for k, v in value.items() if k != key}
                for inner in _variants(value[key]):
                    yield {**value, key: inner}
    elif isinstance(value, list):
        for i, item in enumerate(value):
            for odd in ODD_VALUES:
                yield [*value[:i], copy.deepcopy(odd), *value[i + 1:]]
            for inner in list(_variants(item))[1:]:
                yield [*value[:i], inner, *value[i + 1:]]


def test_the_fast_schema_check_agrees_with_jsonschema():
    """`schema.check` skips jsonschema for a value its compiled predicate finds valid: the
    predicate must accept exactly what jsonschema accepts, or errors would go unreported.
    Every field of the minimal fixture's files, in turn, replaced by odd values."""
    from conftest import FIXTURES

    from mkdocs_briefs import schema

    folder = FIXTURES / "minimal"
    documents = [(name, yaml.safe_load((folder / f"{name}.yml").read_text("utf-8")))
                 for name in ("actors", "mechanisms", "authors", "series")]
    front = (folder / "first-brief.md").read_text("utf-8").split("---\n")[1]
    documents.append(("brief", yaml.load(front, Loader=yaml.BaseLoader)))  # dates as text, as located_yaml keeps them
    checked = 0
    for name, document in documents:
        for value in _variants(document):
            errors = list(schema._validator(name).iter_errors(value))
            assert schema._valid(name)(value) == (not errors), (name, value, errors)
            checked += 1
    assert checked > 1000
