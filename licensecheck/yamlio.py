"""Safe YAML loading that keeps a line number for every value and key.

PyYAML's constructors drop positions, so documents are built here from libyaml's
events: that is where duplicate keys are rejected, every limit is counted as the
events arrive (nothing is built past one), and every path (`("teachers", 0, "model")`)
gets the line a user would look at. The common document (no anchors, aliases or
tags) is built straight from the events; any other is composed into nodes and
converted, which handles what YAML allows there, at a slower pace.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from licensecheck.errors import InputError
from licensecheck.safefile import MAX_FILE_BYTES, read_regular_file

Path_ = tuple[str | int, ...]

# Limits a real manifest stays well inside; each stops a hostile input with a located
# error, counted while parsing, before it costs memory, time or the stack.
# Aliases can expand a small file into a huge tree ("billion laughs"). A manifest of
# 100,000 datasets with every field set is about 1.6 million nodes.
MAX_NODES = 2_000_000
# Nesting deeper than this is no configuration anyone writes; libyaml's own composer
# recurses in C and crashes the interpreter on deep flow nesting, so ours counts.
MAX_DEPTH = 64
# The longest string (scalar or key), in characters.
MAX_STRING_LENGTH = 100_000
# How many nodes aliases may add to a document by repeating what they name: generous for
# shared defaults, and a bound on an alias bomb's time that does not grow with MAX_NODES.
MAX_ALIAS_NODES = 200_000

try:  # libyaml's parser (events) is several times faster where it is present
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


# Where each value and key of a document is: for a collection, a tuple of its first line
# and one entry per item (a mapping: key and value) in the data's order; a scalar's entry is
# its line less the collection's (small numbers Python keeps once), a collection's its own
# tuple. A few bytes a node, where a dict of paths took a few hundred.
Marks = tuple[Any, ...]


@dataclass
class Document:
    """Plain data (dicts, lists, scalars; dates as ISO strings) plus where each path came from."""

    file: str
    data: Any
    marks: Marks | None = None  # None: an empty document

    def line(self, path: Path_) -> int | None:
        """The line of the value at `path`, or of its nearest located ancestor."""
        return self._find(path)[0]

    def key_line(self, path: Path_) -> int | None:
        """The line of the mapping key that introduces `path` (falls back to the value)."""
        line, key_line = self._find(path)
        return key_line or line

    def _find(self, path: Path_) -> tuple[int | None, int | None]:
        """(line of the value or nearest ancestor, line of the key of the last part or None)."""
        marks = self.marks
        if marks is None:
            return None, None
        data, line = self.data, marks[0]
        key_line = None
        for part in path:
            if marks is None:
                return line, None
            found = child(data, marks, part)
            if found is None:
                return line, None
            data, line, key_line, marks = found
        return line, key_line

    def marks_at(self, path: Path_) -> tuple[Any, Marks] | None:
        """The collection at `path` and its marks (None: no collection there), so a reader
        of many items (a manifest's datasets) finds each line with `child`, not from the top."""
        data, marks = self.data, self.marks
        for part in path:
            found = child(data, marks, part) if marks is not None else None
            if found is None:
                return None
            data, _, _, marks = found
        return (data, marks) if marks is not None else None


def child(data: Any, marks: Marks, part: str | int) -> tuple[Any, int, int | None, Marks | None] | None:
    """A direct child of the collection `data` (with `marks`): its value, line, key line (in a
    mapping) and marks (if it is a collection); None if there is no such child."""
    start = marks[0]
    key_line = None
    if isinstance(data, dict):
        index = _position(data, part)
        if index is None:
            return None
        key_line = start + marks[1 + 2 * index]
        entry = marks[2 + 2 * index]
        value = data[part]
    elif isinstance(data, list) and type(part) is int and 0 <= part < len(data):
        entry = marks[1 + part]
        value = data[part]
    else:
        return None
    if isinstance(entry, tuple):
        return value, entry[0], key_line, entry
    return value, start + entry, key_line, None


def _position(mapping: dict[str, Any], key: object) -> int | None:
    if key not in mapping:
        return None
    for i, k in enumerate(mapping):
        if k == key:
            return i
    return None  # pragma: no cover - `key in mapping` said it is there


def load_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    return load_bytes(read_regular_file(path, max_bytes), str(path))


def load_bytes(data: bytes, file: str) -> Document:
    """A document from a file's bytes (UTF-8, with or without a byte order mark)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(file, line, f"not UTF-8 text ({exc.reason})") from None
    return load_text(text, file)


@contextmanager
def no_collector() -> Iterator[None]:
    """Python's cyclic collector off: building a large document allocates many containers and
    none of them is garbage, so each collection it would start is wasted time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_text(text: str, file: str) -> Document:
    with no_collector():
        try:
            built = _Builder(file).build(text)
            if built is None:  # anchors, aliases, tags, or an error to locate as YAML does
                node, composed = _compose(text)
                doc = Document(file=file, data=None)
                if node is not None:
                    doc.data, doc.marks = _Converter(file, composed + MAX_ALIAS_NODES).convert_document(node)
                return doc
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
    data, marks = built
    return Document(file=file, data=data, marks=marks)


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


def _too_many(line: int | None) -> _LimitError:
    return _LimitError(line, f"document too large: more than {MAX_NODES} YAML nodes")


def _too_long(line: int | None) -> _LimitError:
    return _LimitError(line, f"a string longer than {MAX_STRING_LENGTH} characters")


def _too_deep(line: int | None) -> _LimitError:
    return _LimitError(line, f"nested too deeply: more than {MAX_DEPTH} levels")


# --- the common document, straight from the events --------------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_RESOLVER = yaml.resolver.Resolver()
# First characters some implicit type (number, bool, null, date, merge key) may start
# with: any other plain scalar is a string without asking the resolver.
_TYPED_STARTS = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k)
assert None not in _RESOLVER.yaml_implicit_resolvers  # no resolver for every first character
_PLAIN_KEY_TAGS = frozenset(
    {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
)


class _NeedsComposer(Exception):
    """This document uses what only the composing loader handles (or has an error it locates)."""


class _Builder:
    """Data and marks from the event stream, one pass, no nodes.

    Counts nodes, depth and string length as the composing loader does, in the same order,
    so a limit stops both at the same event with the same message. Anything else unusual
    (an anchor, alias or tag; a duplicate, complex or non-string key; a value its type
    rejects; a second document) hands the document to the composing loader, which builds
    it or names the error exactly as before."""

    def __init__(self, file: str) -> None:
        self.file = file

    def build(self, text: str) -> tuple[Any, Marks] | None:
        try:
            return self._build(text)
        except _NeedsComposer:
            return None

    def _build(self, text: str) -> tuple[Any, Marks] | None:
        parser = _Parser(text)
        # Events are told apart by their exact class (faster than isinstance), hence Any.
        get: Callable[[], Any] = parser.get_event
        event = get()  # the stream's start
        event = get()
        if type(event) is yaml.StreamEndEvent:
            raise _NeedsComposer  # an empty stream: the composer's answer (no document) stands
        max_nodes, max_length, max_depth = MAX_NODES, MAX_STRING_LENGTH, MAX_DEPTH
        scalar_t, map_t, seq_t = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        end_t = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        typed, resolve, plain_value = _TYPED_STARTS, _RESOLVER.resolve, self._typed_value
        no_key = _NO_KEY
        nodes = depth = 0
        # The open collections, innermost last: (container, entries, start, key, key line).
        stack: list[tuple[Any, list[Any], int, Any, int]] = []
        container: Any = None
        entries: list[Any] = []
        start = 0
        key: Any = no_key
        key_line = 0
        root: Any = no_key
        root_marks: Marks = ()
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_t:
                line = event.start_mark.line + 1
                nodes += 1
                if nodes > max_nodes:
                    raise _too_many(line)
                value = event.value
                if len(value) > max_length:
                    raise _too_long(line)
                if depth >= max_depth:
                    raise _too_deep(line)
                if event.anchor is not None or event.tag is not None:
                    raise _NeedsComposer
                tag = _STR
                if event.implicit[0] and (not value or value[0] in typed):
                    tag = resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
                if type(container) is dict:
                    if key is no_key:
                        if tag != _STR:
                            if tag not in _PLAIN_KEY_TAGS:
                                raise _NeedsComposer  # null, float, merge or value keys
                            value = plain_value(event, tag)
                            if type(value) is not str and type(value) is not int:
                                raise _NeedsComposer
                            value = str(value)
                        if value in container:
                            raise _NeedsComposer  # a duplicate: the composer names both lines
                        key, key_line = value, line
                        continue
                    container[key] = value if tag == _STR else plain_value(event, tag)
                    entries.append(key_line - start)
                    entries.append(line - start)
                    key = no_key
                elif container is not None:
                    container.append(value if tag == _STR else plain_value(event, tag))
                    entries.append(line - start)
                else:
                    root = value if tag == _STR else plain_value(event, tag)
                    root_marks = (line,)
            elif kind is map_t or kind is seq_t:
                line = event.start_mark.line + 1
                nodes += 1
                if nodes > max_nodes:
                    raise _too_many(line)
                if depth >= max_depth:
                    raise _too_deep(line)
                if event.anchor is not None or event.tag is not None:
                    raise _NeedsComposer
                if type(container) is dict and key is no_key:
                    raise _NeedsComposer  # a collection as a key
                if container is not None:
                    stack.append((container, entries, start, key, key_line))
                container, entries, start, key = ({} if kind is map_t else []), [line], line, no_key
                depth += 1
            elif kind in end_t:
                marks = tuple(entries)
                done = container
                depth -= 1
                if not stack:
                    root, root_marks = done, marks
                    container = None
                    continue
                container, entries, start, key, key_line = stack.pop()
                if type(container) is dict:
                    container[key] = done
                    entries.append(key_line - start)
                    entries.append(marks)
                    key = no_key
                else:
                    container.append(done)
                    entries.append(marks)
            elif kind is yaml.DocumentEndEvent:
                break
            elif kind is yaml.DocumentStartEvent:
                continue
            else:
                raise _NeedsComposer  # an alias
        if type(get()) is not yaml.StreamEndEvent:
            raise _NeedsComposer  # a second document: the composer says so
        return root, root_marks

    def _typed_value(self, event: Any, tag: str) -> Any:
        value = event.value
        if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # what the constructor makes of a plain decimal, without a node
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            return _scalar(node, self.file)
        except InputError:
            raise _NeedsComposer from None


class _NoKey:
    """No mapping key is waiting for its value."""


_NO_KEY = _NoKey()


def _scalar(node: yaml.Node, file: str) -> Any:
    if _is_yaml11_only_bool(node):
        # YAML 1.2 booleans are only true/false: `NO` is Norway, `on` a word, as users mean.
        return node.value
    try:
        value = _constructor().construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError) as exc:
        if node.tag == "tag:yaml.org,2002:timestamp":
            # 2024-13-01 looks like a date but is none: left as text, the reader that
            # wants a date names its field ("teachers[0].from: … is not a valid date").
            return node.value
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(file, node.start_mark.line + 1, f"invalid value {node.value!r}: {problem}") from None
    # Dates stay strings so JSON Schema can check them and errors can quote them.
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


_CONSTRUCTORS: list[yaml.constructor.SafeConstructor] = []


def _constructor() -> yaml.constructor.SafeConstructor:
    if not _CONSTRUCTORS:
        _CONSTRUCTORS.append(yaml.constructor.SafeConstructor())
    return _CONSTRUCTORS[0]


def _is_yaml11_only_bool(node: yaml.Node) -> bool:
    """A plain scalar PyYAML (YAML 1.1) reads as a boolean that YAML 1.2 reads as a string."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:bool"
        and not node.style  # plain (the C loader reports "" rather than None)
        and node.value.lower() not in ("true", "false")
    )


# --- any document: composed into nodes, then converted -------------------------------------


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
            raise _too_many(line)
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_STRING_LENGTH:
            raise _too_long(line)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(line)
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


def _compose(text: str) -> tuple[yaml.Node | None, int]:
    """The document's node graph (aliases shared, not yet expanded) and its node count."""
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader.nodes
    finally:
        loader.dispose()


class _Converter:
    """Nodes to data, expanding aliases (each use its own copy, every node counted) and
    merge keys; the lines go to dicts by path, made into marks at the end."""

    def __init__(self, file: str, max_nodes: int) -> None:
        self.file = file
        self.count = 0
        # What the document holds, and what its aliases may add, within the overall cap.
        self.max_nodes = min(MAX_NODES, max_nodes)
        self.open: set[int] = set()  # the collections being converted, innermost last
        self.lines: dict[Path_, int] = {}
        self.key_lines: dict[Path_, int] = {}

    def convert_document(self, node: yaml.Node) -> tuple[Any, Marks]:
        data = self.convert(node, ())
        return data, self._marks(data, ())

    def _marks(self, data: Any, path: Path_) -> Marks:
        start = self.lines[path]
        entries: list[Any] = [start]
        if isinstance(data, dict):
            for key, value in data.items():
                entries.append(self.key_lines[(*path, key)] - start)
                entries.append(self._entry(value, (*path, key), start))
        elif isinstance(data, list):
            entries += [self._entry(value, (*path, i), start) for i, value in enumerate(data)]
        return tuple(entries)

    def _entry(self, value: Any, path: Path_, start: int) -> Any:
        if isinstance(value, (dict, list)):
            return self._marks(value, path)
        return self.lines[path] - start

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise InputError(self.file, node.start_mark.line + 1, "document too large")
        if len(path) > MAX_DEPTH:  # aliases nest what they name: `b: [[*a]]` is deeper than `a`
            raise InputError(
                self.file, node.start_mark.line + 1, f"nested too deeply: more than {MAX_DEPTH} levels"
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return _scalar(node, self.file)
        if id(node) in self.open:
            # `a: &a [*a]`: an alias inside the very node it names has no finite value.
            raise InputError(
                self.file, node.start_mark.line + 1, "an alias refers to a node that contains it"
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
        _constructor().flatten_mapping(node)  # resolves `<<` merge keys: merged pairs come first
        merged = len(node.value) - own
        out: dict[str, Any] = {}
        explicit: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            line = key_node.start_mark.line + 1
            key = _scalar(key_node, self.file) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                raise InputError(self.file, line, "mapping keys must be plain strings")
            key = str(key)
            if key in explicit:
                first = self.key_lines.get((*path, key))
                raise InputError(self.file, line, f"duplicate key '{key}' (first defined on line {first})")
            if index >= merged:
                explicit.add(key)  # a key written here overrides one a merge brought in
            self.key_lines[(*path, key)] = line
            out[key] = self.convert(value_node, (*path, key))
        return out
