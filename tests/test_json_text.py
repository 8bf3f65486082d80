"""json_text.dumps writes the text json.dumps writes with an indent, whatever the data."""

from __future__ import annotations

import json

import pytest

from mkdocs_briefs.json_text import dumps

CASES = [
    {},
    [],
    {"a": [], "b": {}, "c": [1, -2, 10**20, True, False, None, "x"], "d": {"e": {"f": ["g", ["h"]]}}},
    {"quote\"back\\slash": "line\nbreak\u2028 é <script>", "": ""},
    [{"id": "x", "n": 0}, {"id": "y", "list": [[], [{}]]}],
    {"float": 1.5, "nan": float("nan")},  # not what corpus.json holds: json.dumps writes it
    {"tuple": ("a", 1)},
    {1: "int key", None: "none key"},
]


@pytest.mark.parametrize("data", CASES)
@pytest.mark.parametrize("indent", [1, 2])
def test_the_same_text_as_json(data, indent):
    assert dumps(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": "))
