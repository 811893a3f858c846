"""The compiled form of each regular expression a check uses, kept between runs.

An edited check compiles about 35 regular expressions, most at import time (PyYAML's
resolver and reader, ours): `re` parses each pattern and builds its matcher code in
Python, a sixth of the run. That code depends only on the pattern, the flags and the
interpreter, so it is kept (marshalled, in memo.py's binary entries under this machine's
HMAC key, keyed by the exact interpreter and `re`'s magic number) and handed straight to
`_sre.compile` next time. A pattern is kept only when the matcher built from the kept
code compares equal (same pattern, flags and code) to the one `re` compiled itself; an
entry that fails its HMAC or does not read back as what we write is ignored, and
everything compiles as before.

`install` replaces `re._compiler.compile`, the one function `re.compile` (and every
`re.match`, `re.search` ...) calls when a pattern is not in its own cache.
"""

from __future__ import annotations

import marshal
import re
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs a check more than it saves
if TYPE_CHECKING:
    from typing import Any

    # (pattern, flags) -> what _sre.compile takes after the pattern: final flags, code,
    # group count, group index, index group.
    Known = dict[tuple[Any, int], tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]]

FORMAT = 1
MAX_BYTES = 4 * 1024 * 1024  # a check's patterns take a few tens of kilobytes
MAX_ENTRIES = 256  # a check uses about 35; beyond this an entry holds only one run's
KIND = "regex-code"


class _Cache:
    def __init__(self, known: Known, compile_: Any, sre: Any) -> None:
        self.known = known
        self.used: Known = {}
        self.new = 0
        self._compile = compile_  # re._compiler.compile as it was
        self._sre = sre

    def compile(self, p: Any, flags: int = 0) -> Any:
        if type(p) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
            return self._compile(p, flags)  # a parsed pattern, or a debug listing: as it was
        key = (p, flags)
        args = self.known.get(key)
        if args is not None:
            self.used[key] = args
            return self._sre.compile(p, *args)
        compiled = self._compile(p, flags)
        args = self._args(p, flags, compiled)
        if args is not None:
            self.used[key] = args
            self.new += 1
        return compiled

    def _args(self, p: Any, flags: int, compiled: Any) -> Any:
        """What `re` handed `_sre.compile` for this pattern, worked out as `re._compiler.compile`
        does; None unless the matcher built from it is the one `re` built."""
        try:
            parsed = re._parser.parse(p, flags)  # type: ignore[attr-defined]
            code = [int(op) for op in re._compiler._code(parsed, flags)]  # type: ignore[attr-defined]
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            args = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
            if self._sre.compile(p, *args) == compiled:  # pattern, flags and code alike
                return args
        except Exception:  # another `re` than the one this was written against: keep nothing
            pass
        return None


_installed: _Cache | None = None
_registered = False


def _digest() -> str:
    from licensecheck import memo

    magic = str(getattr(re._constants, "MAGIC", ""))  # type: ignore[attr-defined]
    return memo.key(KIND, str(FORMAT), sys.version, sys.implementation.cache_tag, str(marshal.version), magic)


def install() -> None:
    """Compile regular expressions from the cache from now on; store what was new at exit."""
    global _installed, _registered
    compiler = getattr(re, "_compiler", None)
    if _installed is not None or compiler is None or not callable(getattr(compiler, "compile", None)):
        return
    _installed = _Cache(_read(), compiler.compile, compiler._sre)
    compiler.compile = _installed.compile
    if not _registered:
        import atexit

        atexit.register(save)
        _registered = True


def uninstall() -> None:
    global _installed
    if _installed is not None and re._compiler.compile == _installed.compile:  # type: ignore[attr-defined]
        re._compiler.compile = _installed._compile  # type: ignore[attr-defined]
    _installed = None


def _read() -> Known:
    """The kept compilations, or none: missing, not vouched for, or not what we write."""
    from licensecheck import memo

    entries = memo.load_marshalled_list(KIND, _digest(), MAX_BYTES)
    known: Known = {}
    for entry in entries:
        if not _well_formed(entry):
            return {}
        p, flags, final, code, groups, groupindex, indexgroup = entry
        known[(p, flags)] = (final, code, groups, groupindex, indexgroup)
    return known


def _well_formed(entry: Any) -> bool:
    if not (type(entry) is tuple and len(entry) == 7):
        return False
    p, flags, final, code, groups, groupindex, indexgroup = entry
    return (
        type(p) in (str, bytes)
        and type(flags) is int
        and type(final) is int
        and type(code) is list
        and all(type(c) is int for c in code)
        and type(groups) is int
        and type(groupindex) is dict
        and all(type(k) is str and type(v) is int for k, v in groupindex.items())
        and type(indexgroup) is tuple
        and all(g is None or type(g) is str for g in indexgroup)
    )


def save() -> None:
    """Store this run's compilations with the ones kept before (up to MAX_ENTRIES), if any
    was new: a run that compiled nothing new writes nothing."""
    cache = _installed
    if cache is None or not cache.new:
        return
    from licensecheck import memo

    merged = dict(cache.used)
    if len(cache.known) + len(merged) <= MAX_ENTRIES:
        merged = {**cache.known, **merged}
    entries = [(p, flags, *args) for (p, flags), args in merged.items()]
    try:
        blob = marshal.dumps(entries)
    except ValueError:  # only plain data is kept (see _args); anything else: keep nothing
        return
    memo.store_bytes(KIND, _digest(), blob)
    cache.known, cache.new = merged, 0
