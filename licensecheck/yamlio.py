"""Safe YAML loading that keeps a line number for every value and key.

PyYAML's constructors drop positions, so documents are composed into nodes and
converted here: that is where duplicate keys are rejected and where every path
(`("teachers", 0, "model")`) gets the line a user would look at.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from licensecheck.errors import InputError
from licensecheck.safefile import MAX_FILE_BYTES, read_regular_file

Path_ = tuple[str | int, ...]

# Limits no real manifest, policy or registry file comes near; each stops a hostile
# input with a located error before it costs memory, time or the stack.
# Aliases can expand a small file into a huge tree ("billion laughs").
MAX_NODES = 200_000
# Nesting deeper than this is no configuration anyone writes; libyaml's own composer
# recurses in C and crashes the interpreter on deep flow nesting, so ours counts.
MAX_DEPTH = 64
# The longest string (scalar or key), in characters.
MAX_STRING_LENGTH = 100_000

try:  # libyaml's parser (events) is several times faster where it is present
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


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


def load_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    data = read_regular_file(path, max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), line, f"not UTF-8 text ({exc.reason})") from None
    return load_text(text, str(path))


def load_text(text: str, file: str) -> Document:
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise InputError(file, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(file, None, f"YAML error: {exc}") from None
    except _LimitError as exc:
        raise InputError(file, exc.line, exc.problem) from None
    doc = Document(file=file, data=None)
    if node is None:
        return doc
    converter = _Converter(doc)
    doc.data = converter.convert(node, ())
    return doc


def _reader_error(exc: yaml.reader.ReaderError, text: str, file: str) -> InputError:
    """A character YAML does not allow (NUL, ESC, ...), with its line: the reader knows only
    an offset (in bytes for libyaml), so the character is looked up in the text."""
    # libyaml reports the code point, PyYAML's reader the character.
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
    at = text.find(char) if char else -1
    line = text.count("\n", 0, at) + 1 if at >= 0 else None
    code = f"U+{ord(char):04X}" if char else "?"
    name = "a NUL character" if char == "\0" else "a control or non-printable character"
    return InputError(file, line, f"{name} ({code}) is not allowed in YAML")


class _LimitError(Exception):
    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


class _LimitedComposer(yaml.composer.Composer):
    """PyYAML's composer, counting nodes, depth and string length as it goes, so a hostile
    document is refused at the event that crosses a limit, not after it is built."""

    peek_event: Callable[[], yaml.Event]  # the parser's, later in the loader's bases

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _LimitError(line, f"document too large: more than {MAX_NODES} YAML nodes")
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_STRING_LENGTH:
            raise _LimitError(line, f"a string longer than {MAX_STRING_LENGTH} characters")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _LimitError(line, f"nested too deeply: more than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_LimitedComposer, _Parser, yaml.resolver.Resolver):
    """Events from libyaml where present, composed (and tags resolved) in Python: libyaml's
    composer has no depth limit and recurses in C."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        _LimitedComposer.__init__(self)
        yaml.resolver.Resolver.__init__(self)


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


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
        if len(path) > MAX_DEPTH:  # aliases nest what they name: `b: [[*a]]` is deeper than `a`
            raise InputError(
                self.doc.file, node.start_mark.line + 1, f"nested too deeply: more than {MAX_DEPTH} levels"
            )
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
            if node.tag == "tag:yaml.org,2002:timestamp":
                # 2024-13-01 looks like a date but is none: left as text, the reader that
                # wants a date names its field ("teachers[0].from: … is not a valid date").
                return node.value
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
