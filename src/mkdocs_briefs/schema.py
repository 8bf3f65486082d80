"""The JSON Schemas shipped in `schemas/`, applied to located YAML.

The schemas are the one statement of the source format: editors' YAML language servers
read the same files (see the authoring guide). Here each schema error becomes a
diagnostic that points at the offending line and says how to fix it.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

from .diagnostics import Diagnostics, did_you_mean
from .located_yaml import LocatedYaml

SCHEMA_NAMES = ("brief", "actors", "mechanisms", "authors", "series", "update")

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def schema_text(name: str) -> str:
    return resources.files(__package__).joinpath(f"schemas/{name}.schema.json").read_text("utf-8")


def _inline(node: Any, common: dict[str, Any]) -> Any:
    """`node` with every reference to common.schema.json's $defs replaced by the definition itself.

    {"$ref": D, ...} becomes {"allOf": [D], ...}, or D itself when the rest only describes
    it: the same rules, reported the same way, without resolving a reference for every
    field of every source, which took most of the loading time.
    """
    if isinstance(node, list):
        return [_inline(item, common) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline(value, common) for key, value in node.items()}
    ref = node.pop("$ref", None)
    if ref is None:
        return node
    name = ref.removeprefix("common.schema.json").removeprefix("#/$defs/")
    if name not in common["$defs"] or "/" in name:
        raise ValueError(f"schema reference {ref!r} is not to one of common.schema.json's $defs")
    definition = _inline(common["$defs"][name], common)
    if set(node) <= _ANNOTATIONS:  # {"$ref": D, "description": ...}: D itself, described here
        return {**definition, **node}
    node["allOf"] = [*node.get("allOf", []), definition]
    return node


_ANNOTATIONS = {"description", "title", "markdownDescription", "default", "examples", "$comment"}
"""Keywords that describe a value without checking it."""


@cache
def _validator(name: str) -> jsonschema.Validator:
    import jsonschema  # only for a document with an error: importing it takes a tenth of a second

    schema = _inline(json.loads(schema_text(name)), json.loads(schema_text("common")))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# A valid document is the usual case: a schema compiled into plain Python tells it in a
# fraction of jsonschema's time. It may only err on the side of "not valid" (jsonschema then
# decides, and words the errors), so any keyword it does not know makes it say "not valid".
# The schema becomes the source of one function (one expression, loops as generator
# expressions), compiled once: a call a keyword and a value would cost more than the check.

Predicate = Callable[[Any], bool]

_TYPES = {
    "string": "isinstance({v}, str)",
    "array": "isinstance({v}, list)",
    "object": "isinstance({v}, dict)",
    "integer": "(isinstance({v}, int) and not isinstance({v}, bool))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MISSING = object()


def _is_date(value: str) -> bool:
    try:
        return bool(_DATE.fullmatch(value)) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


@cache
def _valid(name: str) -> Predicate:
    schema = _inline(json.loads(schema_text(name)), json.loads(schema_text("common")))
    source = _Source()
    test = source.test(schema, "_v0")
    if test is None:
        return lambda value: False
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_is_date": _is_date, **source.constants}
    exec(compile(f"def _valid(_v0):\n    return {test}\n", f"<schema {name}>", "exec"), namespace)  # noqa: S102
    return namespace["_valid"]


class _Source:
    """The Python source of a predicate: an expression of the value's variable, and the constants it names."""

    def __init__(self) -> None:
        self.constants: dict[str, Any] = {}
        self.names = 0

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def variable(self) -> str:
        self.names += 1
        return f"_v{self.names}"

    def test(self, schema: Any, v: str) -> str | None:
        """An expression true only of values `schema` accepts; None for a keyword it does not know."""
        if isinstance(schema, bool):
            return repr(schema)
        tests = []
        for key, arg in schema.items():
            test = self.keyword(key, arg, schema, v)
            if test is None:
                if key in _ANNOTATIONS or key in ("$schema", "$defs", "x-expected"):
                    continue
                return None
            tests.append(test)
        return "(" + " and ".join(tests) + ")" if tests else "True"

    def keyword(self, key: str, arg: Any, schema: dict[str, Any], v: str) -> str | None:  # noqa: C901, PLR0911
        if key == "type":
            return "(" + " or ".join(_TYPES[t].format(v=v) for t in (arg if isinstance(arg, list) else [arg])) + ")"
        if key in ("properties", "propertyNames", "items", "allOf", "additionalProperties"):
            return self.nested(key, arg, schema, v)
        if key == "required":
            return f"(not isinstance({v}, dict) or ({' and '.join(f'{k!r} in {v}' for k in arg) or 'True'}))"
        if key == "enum" and all(isinstance(e, str) for e in arg):
            return f"(isinstance({v}, str) and {v} in {self.constant(frozenset(arg))})"
        if key == "pattern":
            return f"(not isinstance({v}, str) or {self.constant(re.compile(arg))}.search({v}) is not None)"
        if key == "format" and arg == "date":
            return f"(not isinstance({v}, str) or _is_date({v}))"
        if key in ("minLength", "maxLength") and isinstance(arg, int):
            return f"(not isinstance({v}, str) or len({v}) {'>=' if key == 'minLength' else '<='} {arg})"
        if key == "minItems" and isinstance(arg, int):
            return f"(not isinstance({v}, list) or len({v}) >= {arg})"
        if key == "uniqueItems" and arg is True:
            x = self.variable()
            return (f"(not isinstance({v}, list) or (all(isinstance({x}, str) for {x} in {v}) "
                    f"and len(set({v})) == len({v})))")
        return None

    def nested(self, key: str, arg: Any, schema: dict[str, Any], v: str) -> str | None:
        """The keywords that apply schemas to parts of a value."""
        if key == "allOf":
            parts = [self.test(sub, v) for sub in arg]
            return None if None in parts else "(" + " and ".join(parts) + ")"  # type: ignore[arg-type]
        if key == "properties":
            tests = []
            for name, sub in arg.items():
                x = self.variable()
                test = self.test(sub, x)
                if test is None:
                    return None
                tests.append(f"(({x} := {v}.get({name!r}, _MISSING)) is _MISSING or {test})")
            return f"(not isinstance({v}, dict) or ({' and '.join(tests) or 'True'}))"
        if key == "additionalProperties" and arg is False:
            return f"(not isinstance({v}, dict) or {v}.keys() <= {self.constant(set(schema.get('properties', {})))})"
        if not isinstance(arg, (dict, bool)):
            return None
        x = self.variable()
        test = self.test(arg, x)
        if test is None:
            return None
        if key == "additionalProperties":
            named = self.constant(set(schema.get("properties", {})))
            k = self.variable()
            return f"(not isinstance({v}, dict) or all({test} for {k}, {x} in {v}.items() if {k} not in {named}))"
        if key == "items":
            return f"(not isinstance({v}, list) or all({test} for {x} in {v}))"
        return f"(not isinstance({v}, dict) or all({test} for {x} in {v}))"  # propertyNames


def _type_word(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    return _TYPE_WORDS["array" if isinstance(value, list) else "object"]


def _field_name(path: tuple) -> str:
    named = [str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path]
    return "".join(("." if i and not n.startswith("[") else "") + n for i, n in enumerate(named)) or "the file"


def _expected(schema: dict[str, Any]) -> str:
    if "x-expected" in schema:
        return schema["x-expected"]
    if "enum" in schema:
        return "one of " + ", ".join(schema["enum"])
    types = schema.get("type", "a value")
    types = types if isinstance(types, list) else [types]
    return " or ".join(_TYPE_WORDS.get(t, str(t)) for t in types)


def check(doc: LocatedYaml, name: str, diags: Diagnostics) -> bool:
    """Report every way `doc.data` breaks schema `name`; True when it has no error."""
    if _valid(name)(doc.data):  # the usual case, decided fast; otherwise jsonschema words each error
        return True
    validator = _validator(name)
    before = len(diags.items)
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        if not any(tuple(error.absolute_path)[: len(r)] == r for r in doc.refused):
            _report(doc, error, diags)
    diags.items[before:] = dict.fromkeys(diags.items[before:])  # 'required' fails once per missing field
    return len(diags.items) == before


def _report(doc: LocatedYaml, error: jsonschema.ValidationError, diags: Diagnostics) -> None:
    path = tuple(error.absolute_path)
    field = _field_name(path)
    kind, schema, value = error.validator, error.schema, error.instance
    if kind == "required":
        missing = [f for f in schema["required"] if f not in value]
        for name in missing:
            sub = schema.get("properties", {}).get(name, {})
            hint = sub.get("description", "")
            where = "" if not path else f" in {field}"
            diags.error(doc.at(path), f"missing field '{name}'{where}: add '{name}:' ({hint.rstrip('.')})")
        return
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in value:
            if key not in allowed:
                diags.error(
                    doc.key_at(path + (key,)),
                    f"unknown field '{key}'{did_you_mean(key, allowed)}; allowed fields: {', '.join(allowed)}",
                )
        return
    if "propertyNames" in error.schema_path:  # a key of the mapping at `path`, not a value
        key = error.instance
        diags.error(doc.key_at(path + (key,)),
                    f"{shown(key)} is not a valid id{invisible(key)}: write {_expected(schema)}")
        return
    diags.error(doc.at(path), _message(error, field))


def _message(error: jsonschema.ValidationError, field: str) -> str:
    """What is wrong with the value `error` is about, named `field`, and how to write it."""
    kind, schema, value = error.validator, error.schema, error.instance
    if kind == "enum":
        allowed = schema["enum"]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            what = f"'{value}' is not allowed{did_you_mean(str(value), allowed)}"
        else:  # empty, a list...: not a value to quote
            what = f"is {_type_word(value)}"
        return f"{field} {what}; use one of: {', '.join(allowed)}"
    if kind == "uniqueItems":
        twice = next((v for i, v in enumerate(value) if v in value[:i]), "?")
        return f"{field} lists '{twice}' twice: remove one"
    wording = {
        "type": lambda: f"{field} must be {_expected(schema)}, not {_type_word(value)}",
        "pattern": lambda: f"{field} {shown(value)} is not valid{invisible(value)}: write {_expected(schema)}",
        "format": lambda: f"{field} '{value}' is not a valid date: write {_expected(schema)}",
        "minLength": lambda: f"{field} is empty: write {_expected(schema)}",
        "maxLength": lambda: f"{field} is {len(value):,} characters long: shorten it to {schema['maxLength']:,}",
        "minItems": lambda: f"{field} is empty: list at least {schema['minItems']}",
    }
    if kind in wording:
        return wording[kind]()
    return f"{field}: {error.message}"  # a rule this module has no wording for: still say where and what


def shown(text: str) -> str:
    """Text quoted for a message, with invisible characters written as escapes (U+200B as \\u200b)."""
    return "'" + "".join(c if c.isprintable() and c not in "\u200b\u200c\u200d\u2060\ufeff" else f"\\u{ord(c):04x}"
                         for c in text) + "'"


def invisible(text: str) -> str:
    """'; it contains the invisible character U+200B (ZERO WIDTH SPACE): delete it' when it does, else ''."""
    bad = next((c for c in text if not c.isprintable() or unicodedata.category(c) == "Cf"), None)
    if bad is None:
        return ""
    name = unicodedata.name(bad, "a control character")
    return f" (it contains the invisible character U+{ord(bad):04X}, {name}: delete it)"
