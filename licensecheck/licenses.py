"""SPDX licence expressions, parsed with license-expression (the library spdx-tools uses).

An expression becomes its alternatives: `A AND (B OR C)` is [[A, B], [A, C]], so a
user may pick any one alternative and must meet every licence inside it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck import memo, spdxids

# LicenseRef-… ids are user-defined; SPDX allows them anywhere a licence id may stand.
_LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")
MAX_ALTERNATIVES = 64


@dataclass(frozen=True)
class LicenseExpression:
    """An SPDX expression as written, as normalised, and as its alternatives."""

    text: str
    normalized: str
    alternatives: tuple[tuple[str, ...], ...]


class ExpressionError(ValueError):
    pass


@functools.lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing  # heavy: loads the SPDX index

    return get_spdx_licensing()


@functools.lru_cache(maxsize=1)
def _library_identity() -> str:
    """What the SPDX answers depend on: license-expression's licence index, without importing it."""
    import importlib.util  # only an expression beyond the id table asks

    spec = importlib.util.find_spec("license_expression")
    if spec is None or spec.origin is None:
        return "missing"
    index = Path(spec.origin).parent / "data" / "scancode-licensedb-index.json"
    try:
        st = index.stat()
    except OSError:
        return spec.origin
    return f"{index}:{st.st_size}:{st.st_mtime_ns}"


def _suggestion(key: str, licensing: Any) -> str:
    """ " (did you mean Apache-2.0?)" for a near SPDX id (`Apache2`, `cc-by-nc`), else ""."""
    import difflib

    def fold(s: str) -> str:
        return "".join(c for c in s.lower() if c.isalnum())

    ids = {fold(k): k for k in licensing.known_symbols if not k.startswith("LicenseRef-")}
    close = difflib.get_close_matches(fold(key), list(ids), n=1, cutoff=0.8)
    return f" (did you mean {ids[close[0]]}?)" if close else ""


@functools.lru_cache(maxsize=1024)  # a manifest repeats a few expressions many times
def parse(text: str) -> LicenseExpression:
    common = _from_table(text)
    if common is not None:
        return common
    digest = memo.key("spdx", _library_identity(), text)
    known = memo.load("spdx", digest)
    if isinstance(known, dict):
        alternatives = tuple(tuple(str(k) for k in alt) for alt in known["alternatives"])
        return LicenseExpression(text=text, normalized=str(known["normalized"]), alternatives=alternatives)
    parsed = _parse(text)
    memo.store("spdx", digest, {"normalized": parsed.normalized, "alternatives": parsed.alternatives})
    return parsed


def _from_table(text: str) -> LicenseExpression | None:
    """One id, or ids joined by only AND or only OR, from the shipped id table (spdxids.py),
    as the library would read them; None for anything else (parentheses, WITH, `+`, a
    LicenseRef-, an id not in the table), which the library reads."""
    words = text.split(" ")
    if not all(spdxids.NAME.fullmatch(w) for w in words if w):
        return None
    words = [w for w in words if w]
    if len(words) % 2 == 0:
        return None
    table = spdxids.ids()
    ids = [table.get(w.lower()) for w in words[::2]]
    operators = {w.upper() for w in words[1::2]}
    if None in ids or not operators <= {"AND", "OR"} or len(operators) > 1:
        return None
    keys = [key for key in ids if key is not None]
    if "OR" in operators:
        if len(keys) > MAX_ALTERNATIVES:
            return None  # the library says why
        return LicenseExpression(text, " OR ".join(keys), tuple(dict.fromkeys((k,) for k in keys)))
    return LicenseExpression(text, " AND ".join(keys), (tuple(sorted(set(keys))),))


# SPDX's "or any later version" suffix: the named version is always one of the choices.
_OR_LATER = re.compile(r"(?<=[A-Za-z0-9.])\+(?=\s|\)|$)")
# SPDX's values for "no licence was determined" / "none applies": nothing to judge under.
_NO_LICENCE = {"NOASSERTION": "LicenseRef-spdx-NOASSERTION", "NONE": "LicenseRef-spdx-NONE"}


def _parse(text: str) -> LicenseExpression:
    licensing = _licensing()
    spdx = _NO_LICENCE.get(text.strip(), _OR_LATER.sub("", text))
    try:
        expr = licensing.parse(spdx, validate=False, strict=True)
    except Exception as exc:  # the library raises several unrelated types
        raise ExpressionError(f"invalid SPDX license expression {text!r}: {exc}") from None
    if expr is None:
        raise ExpressionError("empty SPDX license expression")
    unknown = [
        key for key in licensing.unknown_license_keys(expr, unique=True) if not _LICENSE_REF.match(key)
    ]
    if unknown:
        named = ", ".join(key + _suggestion(key, licensing) for key in unknown)
        raise ExpressionError(
            f"unknown SPDX license id(s) in {text!r}: {named}"
            " (use an id from spdx.org/licenses or a LicenseRef-…)"
        )
    alternatives = _alternatives(expr)
    return LicenseExpression(text=text, normalized=str(expr), alternatives=alternatives)


def _alternatives(expr: Any) -> tuple[tuple[str, ...], ...]:
    from license_expression import AND, OR, LicenseWithExceptionSymbol

    def walk(node: Any) -> list[tuple[str, ...]]:
        if isinstance(node, OR):
            out: list[tuple[str, ...]] = []
            for arg in node.args:
                out.extend(walk(arg))
            return _capped(out)
        if isinstance(node, AND):
            combos: list[tuple[str, ...]] = [()]
            for arg in node.args:
                combos = _capped([c + alt for c in combos for alt in walk(arg)])
            return combos
        if isinstance(node, LicenseWithExceptionSymbol):
            # An exception only adds permissions; the base licence is what binds.
            return [(str(node.license_symbol.key),)]
        return [(str(node.key),)]

    seen: dict[tuple[str, ...], None] = {}
    for alt in walk(expr):
        seen.setdefault(tuple(sorted(set(alt))), None)
    return tuple(seen)


def _capped(alts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    if len(alts) > MAX_ALTERNATIVES:
        raise ExpressionError("license expression has too many alternatives to judge")
    return alts
