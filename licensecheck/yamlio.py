"""Safe YAML loading that keeps a line number for every value and key.

PyYAML's constructors drop positions, so documents are composed into nodes and
converted here: that is where duplicate keys are rejected and where every path
(`("teachers", 0, "model")`) gets the line a user would look at.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from licensecheck.errors import InputError

Path_ = tuple[str | int, ...]

# Aliases can expand a small file into a huge tree ("billion laughs"); no real
# manifest comes near this many nodes.
MAX_NODES = 200_000

try:  # the C loader composes several times faster where libyaml is present
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class Document:
    """Plain data (dicts, lists, scalars; dates as ISO strings) plus where each path came from."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of the value at `path`, or of its nearest located ancestor."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]

    def key_line(self, path: Path_) -> int | None:
        """The line of the mapping key that introduces `path` (falls back to the value)."""
        return self.key_lines.get(tuple(path)) or self.line(path)


def load_file(path: Path | str) -> Document:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from None
    return load_text(text, str(path))


def load_text(text: str, file: str) -> Document:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise InputError(file, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(file, None, f"YAML error: {exc}") from None
    doc = Document(file=file, data=None)
    if node is None:
        return doc
    converter = _Converter(doc)
    doc.data = converter.convert(node, ())
    return doc


class _Converter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.open: set[int] = set()  # the collections being converted, innermost last

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(self.doc.file, node.start_mark.line + 1, "document too large")
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self._scalar(node)
        if id(node) in self.open:
            # `a: &a [*a]`: an alias inside the very node it names has no finite value.
            raise InputError(
                self.doc.file, node.start_mark.line + 1, "an alias refers to a node that contains it"
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
        self.constructor.flatten_mapping(node)  # resolves `<<` merge keys: merged pairs come first
        merged = len(node.value) - own
        out: dict[str, Any] = {}
        explicit: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            line = key_node.start_mark.line + 1
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                raise InputError(self.doc.file, line, "mapping keys must be plain strings")
            key = str(key)
            if key in explicit:
                first = self.doc.key_lines.get((*path, key))
                raise InputError(
                    self.doc.file, line, f"duplicate key '{key}' (first defined on line {first})"
                )
            if index >= merged:
                explicit.add(key)  # a key written here overrides one a merge brought in
            self.doc.key_lines[(*path, key)] = line
            out[key] = self.convert(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if _is_yaml11_only_bool(node):
            # YAML 1.2 booleans are only true/false: `NO` is Norway, `on` a word, as users mean.
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise InputError(
                self.doc.file, node.start_mark.line + 1, f"invalid value {node.value!r}: {problem}"
            ) from None
        # Dates stay strings so JSON Schema can check them and errors can quote them.
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return value


def _is_yaml11_only_bool(node: yaml.Node) -> bool:
    """A plain scalar PyYAML (YAML 1.1) reads as a boolean that YAML 1.2 reads as a string."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:bool"
        and not node.style  # plain (the C loader reports "" rather than None)
        and node.value.lower() not in ("true", "false")
    )
