"""Values within one Python file, without running it: the file's imports and bindings
(collected once, flow-insensitively, per function, class and module scope), and what an
expression evaluates to from them, or why it cannot be known (code.py reads the calls).

Followed: constants, names assigned them, `os.environ.get`/`os.getenv` defaults and
variables the file sets, argparse and dataclass-field defaults, parameters' defaults, loops
over literal lists, dict and list literals indexed by a constant, f-strings and `+` of
constants, `x or "default"`, `a if c else b`. Anything else is unknown, with the expression.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from licensecheck.scan.prefilter import Hot

MAX_EVAL_DEPTH = 24  # nested names, concatenations and defaults followed for one value
MAX_VALUES = 16  # candidate strings of one expression (loops, branches)
_SEGMENT = 70  # characters of an expression quoted in a reason


@dataclass(frozen=True)
class Known:
    text: str
    note: str | None = None


@dataclass(frozen=True)
class Unknown:
    reason: str
    env_unset: bool = False  # an environment variable without a default: empty in an `or`


@dataclass(frozen=True)
class Values:
    known: tuple[Known, ...] = ()
    unknown: Unknown | None = None

    @staticmethod
    def of(text: str, note: str | None = None) -> Values:
        return Values((Known(text, note),))

    @staticmethod
    def none(reason: str, env_unset: bool = False) -> Values:
        return Values((), Unknown(reason, env_unset))

    def noted(self, note: str) -> Values:
        return Values(tuple(Known(k.text, k.note or note) for k in self.known), self.unknown)


def _union(parts: Sequence[Values]) -> Values:
    known = tuple(dict.fromkeys(k for p in parts for k in p.known))[:MAX_VALUES]
    unknowns = [p.unknown for p in parts if p.unknown is not None]
    if known:
        unknowns = [u for u in unknowns if not u.env_unset]
    return Values(known, unknowns[0] if unknowns else None)


def _concat(parts: Sequence[Values]) -> Values:
    unknown = next((p.unknown for p in parts if p.unknown is not None), None)
    if unknown is not None or any(not p.known for p in parts):
        return Values((), unknown or Unknown("an empty value"))
    combos = itertools.islice(itertools.product(*(p.known for p in parts)), MAX_VALUES)
    out = []
    for combo in combos:
        notes = [k.note for k in combo if k.note]
        out.append(Known("".join(k.text for k in combo), notes[0] if notes else None))
    return Values(tuple(out))


@dataclass
class Binding:
    value: ast.expr | None
    line: int
    kind: str  # assign | for | param | unpack
    owner: str = ""  # param: the function


@dataclass
class Scopes:
    kind: dict[int, str] = field(default_factory=dict)  # scope id -> module | function | class
    cls: dict[int, int] = field(default_factory=dict)  # function scope -> its class scope
    name: dict[int, str] = field(default_factory=dict)  # function scope -> its name


class Bindings:
    """One parsed file's imports, bindings and calls, and the values of its expressions."""

    def __init__(self, source: str, tree: ast.Module, hot: Hot) -> None:
        self.source = source
        self.hot = hot
        self.imports: dict[str, str] = {}
        self.bindings: dict[tuple[int, str], list[Binding]] = defaultdict(list)
        self.functions: dict[str, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, tuple[int, ...]]]] = (
            defaultdict(list)
        )
        self.argparse: dict[str, tuple[ast.expr, str]] = {}  # dest -> (default, option)
        self.fields: dict[str, ast.expr] = {}  # dataclass (or class) field -> its default
        self.env_sets: dict[str, ast.expr] = {}  # os.environ["X"] = value
        self.calls: list[tuple[ast.Call, tuple[int, ...]]] = []
        self.scopes = Scopes()
        self._lines: list[bytes] | None = None
        self._collect(tree)

    # --- pass 1: imports, bindings and calls ---------------------------------------------

    def _collect(self, tree: ast.Module) -> None:
        self.scopes.kind[0] = "module"
        stack: list[tuple[ast.AST, tuple[int, ...]]] = [(tree, (0,))]
        while stack:
            node, chain = stack.pop()
            children_chain = chain
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                sid = id(node)
                self.scopes.kind[sid] = "function"
                parent = chain[-1]
                if self.scopes.kind.get(parent) == "class":
                    self.scopes.cls[sid] = parent
                elif parent in self.scopes.cls:
                    self.scopes.cls[sid] = self.scopes.cls[parent]
                name = node.name if not isinstance(node, ast.Lambda) else "lambda"
                self.scopes.name[sid] = name
                if not isinstance(node, ast.Lambda):
                    self.functions[node.name].append((node, chain))
                self._params(node.args, sid, name)
                children_chain = (*chain, sid)
                # Defaults and decorators belong to the enclosing scope; the body to the new one.
                for child in (*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)):
                    stack.append((child, chain))
                if isinstance(node, ast.Lambda):
                    stack.append((node.body, children_chain))
                else:
                    stack.extend((d, chain) for d in node.decorator_list)
                    if self._relevant(node):
                        stack.extend((s, children_chain) for s in reversed(node.body))
                continue
            if isinstance(node, ast.ClassDef):
                sid = id(node)
                self.scopes.kind[sid] = "class"
                for stmt in node.body:
                    self._field(stmt)
                stack.extend((d, chain) for d in node.decorator_list)
                stack.extend((b, chain) for b in node.bases)
                stack.extend((s, (*chain, sid)) for s in reversed(node.body))
                continue
            self._visit(node, chain)
            stack.extend((c, children_chain) for c in reversed(list(ast.iter_child_nodes(node))))

    def _relevant(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether a function's body can hold a use or a binding another scope reads; most of
        a large file's functions cannot, and are not walked (prefilter.py)."""
        return self.hot.within(fn.lineno, fn.end_lineno or fn.lineno)

    def _visit(self, node: ast.AST, chain: tuple[int, ...]) -> None:
        scope = chain[-1]
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imports[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    self.imports[top] = top
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            for alias in node.names:
                self.imports[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind(target, node.value, scope, node.lineno)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            if isinstance(node, ast.AugAssign):
                self._bind(node.target, None, scope, node.lineno, kind="unpack")
            else:
                self._bind(node.target, node.value, scope, node.lineno)
        elif isinstance(node, ast.NamedExpr):
            self._bind(node.target, node.value, scope, node.lineno)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            line = getattr(node, "lineno", getattr(node.iter, "lineno", 0))
            self._bind(node.target, node.iter, scope, line, kind="for")
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, item.context_expr, scope, node.lineno)
        elif isinstance(node, ast.Call):
            self.calls.append((node, chain))
            self._side_effects(node)

    def _params(self, args: ast.arguments, sid: int, owner: str) -> None:
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(
            args.defaults
        )
        pairs = [
            *zip(positional, defaults, strict=True),
            *zip(args.kwonlyargs, args.kw_defaults, strict=True),
        ]
        for arg, default in pairs:
            self.bindings[(sid, arg.arg)].append(Binding(default, arg.lineno, "param", owner))
        for extra in (args.vararg, args.kwarg):
            if extra is not None:
                self.bindings[(sid, extra.arg)].append(Binding(None, extra.lineno, "param", owner))

    def _field(self, stmt: ast.stmt) -> None:
        """A class-level default (`model_name: str = "gpt2"`, `= field(default="gpt2")`)."""
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        if not isinstance(target, ast.Name) or value is None:
            return
        if isinstance(value, ast.Call) and last_name(value.func) == "field":
            value = keyword(value, "default")
        if value is not None:
            self.fields.setdefault(target.id, value)

    def _bind(
        self, target: ast.expr, value: ast.expr | None, scope: int, line: int, kind: str = "assign"
    ) -> None:
        if isinstance(target, ast.Name):
            self.bindings[(scope, target.id)].append(Binding(value, line, kind))
        elif isinstance(target, ast.Starred):
            self._bind(target.value, None, scope, line, "unpack")
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) and kind == "assign" else None
            if values is not None and len(values) == len(target.elts):
                for t, v in zip(target.elts, values, strict=True):
                    self._bind(t, v, scope, line, kind)
            else:
                for t in target.elts:
                    self._bind(t, None, scope, line, "unpack")
        elif isinstance(target, ast.Attribute):
            dotted = dotted_name(target)
            if dotted is None:
                return
            if dotted.startswith("self."):
                owner = self.scopes.cls.get(scope)
                if owner is not None:
                    self.bindings[(owner, dotted)].append(Binding(value, line, kind))
            else:
                self.bindings[(0, dotted)].append(Binding(value, line, kind))
        elif (
            isinstance(target, ast.Subscript)
            and value is not None
            and self._qualified(target.value) == "os.environ"
        ):
            key = target.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.env_sets[key.value] = value

    def _side_effects(self, call: ast.Call) -> None:
        """argparse options' defaults and os.environ.setdefault, wherever they are written."""
        last = last_name(call.func)
        if last == "add_argument":
            default = keyword(call, "default")
            options = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            dest_node = keyword(call, "dest")
            dest = dest_node.value if isinstance(dest_node, ast.Constant) else None
            dest = dest if isinstance(dest, str) else None
            if dest is None and options:
                longs = [o for o in options if o.startswith("--")]
                dest = (longs[0] if longs else options[0]).lstrip("-").replace("-", "_")
            if dest and default is not None:
                self.argparse.setdefault(dest, (default, _option_name(options)))
        elif self._qualified(call.func) == "os.environ.setdefault" and len(call.args) == 2:
            key = call.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.env_sets.setdefault(key.value, call.args[1])

    # --- names ---------------------------------------------------------------------------

    def _qualified(self, node: ast.expr) -> str | None:
        """`openai.OpenAI` for `OpenAI` imported from openai, `os.environ.get`, …; a chain
        rooted at a local name keeps that name."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        root, dot, rest = dotted.partition(".")
        return self.imports.get(root, root) + dot + rest

    def _segment(self, node: ast.AST) -> str:
        """The expression as written (first lines only), quoted, for a reason."""
        text = " ".join(self._source_of(node).split())
        if not text:
            return "an expression"
        return f"`{text}`" if len(text) <= _SEGMENT else f"`{text[: _SEGMENT - 1]}\u2026`"

    def _source_of(self, node: ast.AST) -> str:
        # ast.get_source_segment splits the whole source on every call: too slow for every call
        # of a large file, so the lines are split once (as UTF-8: the offsets count bytes).
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return ""
        if self._lines is None:
            self._lines = [line.encode("utf-8") for line in self.source.split("\n")]
        lines = self._lines[first - 1 : min(last, first + 3)]
        if not lines:
            return ""
        if last == first:
            return lines[0][start:end].decode("utf-8", "replace")
        parts = [lines[0][start:], *lines[1:-1], lines[-1][:end] if last <= first + 3 else lines[-1]]
        return " ".join(p.decode("utf-8", "replace") for p in parts)

    # --- values --------------------------------------------------------------------------

    def value(self, node: ast.expr, chain: tuple[int, ...], depth: int = 0) -> Values:
        if depth > MAX_EVAL_DEPTH:
            return Values.none(f"{self._segment(node)} is nested too deeply to follow")
        d = depth + 1
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return Values.of(node.value)
            return Values.none(f"{self._segment(node)} is not a string")
        if isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    parts.append(Values.of(part.value))
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None:
                    parts.append(self.value(part.value, chain, d))
                else:
                    return Values.none(f"{self._segment(node)} is computed")
            joined = _concat(parts)
            return (
                joined
                if joined.known or joined.unknown
                else Values.none(f"{self._segment(node)} is computed")
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            joined = _concat([self.value(node.left, chain, d), self.value(node.right, chain, d)])
            return (
                joined
                if joined.known or joined.unknown
                else Values.none(f"{self._segment(node)} is computed")
            )
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            return _union([self.value(v, chain, d) for v in node.values])
        if isinstance(node, ast.IfExp):
            return _union([self.value(node.body, chain, d), self.value(node.orelse, chain, d)])
        if isinstance(node, ast.Name):
            return self._name(node.id, chain, d, node)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, chain, d)
        if isinstance(node, ast.Subscript):
            return self._subscript(node, chain, d)
        if isinstance(node, ast.Call):
            return self._call_value(node, chain, d)
        return Values.none(f"{self._segment(node)} is computed")

    def _name(self, name: str, chain: tuple[int, ...], depth: int, node: ast.expr) -> Values:
        for scope in reversed(chain):
            if self.scopes.kind.get(scope) == "class":
                continue
            found = self.bindings.get((scope, name))
            if found:
                return self._bound(found, chain, depth, name)
        if name in self.imports:
            return Values.none(f"`{name}` is imported from {self.imports[name]}")
        return Values.none(f"`{name}` is not assigned in this file")

    def _bound(self, bindings: list[Binding], chain: tuple[int, ...], depth: int, name: str) -> Values:
        parts = []
        for b in bindings[:MAX_VALUES]:
            if b.kind == "param":
                if b.value is None:
                    parts.append(Values.none(f"`{name}` is a parameter of {b.owner}()"))
                else:
                    v = self.value(b.value, chain, depth)
                    parts.append(v.noted(f"the default of {b.owner}()'s parameter {name}"))
            elif b.kind == "for":
                parts.append(self._loop(b, chain, depth, name))
            elif b.kind == "unpack" or b.value is None:
                parts.append(Values.none(f"`{name}` is computed (line {b.line})"))
            else:
                v = self.value(b.value, chain, depth)
                if v.known and isinstance(b.value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                    v = v.noted(f"{name}, line {b.line}")
                parts.append(v)
        return _union(parts)

    def _loop(self, b: Binding, chain: tuple[int, ...], depth: int, name: str) -> Values:
        items = self._elements(b.value, chain, depth) if b.value is not None else None
        if items is None:
            over = self._segment(b.value) if b.value else "values"
            return Values.none(f"`{name}` runs over {over} (line {b.line})")
        note = f"{name}, looping over line {b.line}"
        return _union([self.value(i, chain, depth).noted(note) for i in items])

    def _elements(self, node: ast.expr, chain: tuple[int, ...], depth: int) -> list[ast.expr] | None:
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return list(node.elts)
        if isinstance(node, ast.Name) and depth <= MAX_EVAL_DEPTH:
            for scope in reversed(chain):
                found = self.bindings.get((scope, node.id))
                if found:
                    if len(found) == 1 and found[0].kind == "assign" and found[0].value is not None:
                        return self._elements(found[0].value, chain, depth + 1)
                    return None
        return None

    def _attribute(self, node: ast.Attribute, chain: tuple[int, ...], depth: int) -> Values:
        dotted = dotted_name(node)
        if dotted is not None and dotted.startswith("self."):
            owner = next((self.scopes.cls[s] for s in reversed(chain) if s in self.scopes.cls), None)
            if owner is not None and (owner, dotted) in self.bindings:
                return self._bound(self.bindings[(owner, dotted)], chain, depth, dotted)
        if dotted is not None and (0, dotted) in self.bindings:
            return self._bound(self.bindings[(0, dotted)], chain, depth, dotted)
        if node.attr in self.argparse:
            default, option = self.argparse[node.attr]
            return self.value(default, (0,), depth).noted(f"the default of {option}")
        if node.attr in self.fields:
            return self.value(self.fields[node.attr], (0,), depth).noted(f"the default of field {node.attr}")
        return Values.none(f"{self._segment(node)} is computed")

    def _subscript(self, node: ast.Subscript, chain: tuple[int, ...], depth: int) -> Values:
        key = node.slice
        qualified = self._qualified(node.value)
        if qualified == "os.environ" and isinstance(key, ast.Constant) and isinstance(key.value, str):
            return self._env(key.value, None, chain, depth)
        if qualified == "sys.argv":
            return Values.none(f"{self._segment(node)} is a command-line argument")
        container = self._container(node.value, chain, depth)
        if isinstance(container, ast.Dict) and isinstance(key, ast.Constant):
            for k, v in zip(container.keys, container.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == key.value:
                    return self.value(v, chain, depth)
        if (
            isinstance(container, (ast.List, ast.Tuple))
            and isinstance(key, ast.Constant)
            and isinstance(key.value, int)
            and -len(container.elts) <= key.value < len(container.elts)
        ):
            return self.value(container.elts[key.value], chain, depth)
        return Values.none(f"{self._segment(node)} is computed")

    def _container(self, node: ast.expr, chain: tuple[int, ...], depth: int) -> ast.expr | None:
        if isinstance(node, (ast.Dict, ast.List, ast.Tuple)):
            return node
        if isinstance(node, ast.Name) and depth <= MAX_EVAL_DEPTH:
            for scope in reversed(chain):
                found = self.bindings.get((scope, node.id))
                if found:
                    if len(found) == 1 and found[0].value is not None and found[0].kind == "assign":
                        return self._container(found[0].value, chain, depth + 1)
                    return None
        return None

    def _call_value(self, node: ast.Call, chain: tuple[int, ...], depth: int) -> Values:
        qualified = self._qualified(node.func)
        if qualified in ("os.environ.get", "os.getenv", "os.environ.setdefault"):
            key = node.args[0] if node.args else keyword(node, "key")
            default = node.args[1] if len(node.args) > 1 else keyword(node, "default")
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                return self._env(key.value, default, chain, depth)
        if qualified == "str" and len(node.args) == 1:
            return self.value(node.args[0], chain, depth)
        return Values.none(f"{self._segment(node)} is computed when the code runs")

    def _env(self, var: str, default: ast.expr | None, chain: tuple[int, ...], depth: int) -> Values:
        if var in self.env_sets:
            return self.value(self.env_sets[var], (0,), depth).noted(f"${var}, set in this file")
        if default is None:
            return Values.none(f"environment variable ${var} has no default in this file", env_unset=True)
        return self.value(default, chain, depth).noted(f"the default of ${var}")


def _option_name(options: list[str]) -> str:
    longs = [o for o in options if o.startswith("--")]
    return (longs or options or ["an option"])[0]


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def dotted_name(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])
