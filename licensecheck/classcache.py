"""The methods `dataclasses` writes for each record class, compiled once per machine.

A `check` loads about sixty dataclasses, and for each `dataclasses` writes the source of
`__init__`, `__repr__`, `__eq__`, `__hash__` and the frozen `__setattr__`, then compiles
it: a third of a small run. The source depends only on the class's fields, so the code
compiled from it is kept (marshalled, in memo.py's binary entries under this machine's
HMAC key) and keyed by the source text itself, within an entry keyed by the interpreter's
exact version: a changed field is another source, compiled afresh, and an entry that
fails its HMAC, or does not read back as code for its text, is ignored.

`install` shadows the built-in `exec` inside the `dataclasses` module only. Whatever that
module passes, the same source compiles to the same code with the same future flags as
the built-in would use, so a class built from the cache is the class built without it.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import sys
import types
from typing import Any

FORMAT = 1
MAX_BYTES = 8 * 1024 * 1024  # every class of every command is well under a megabyte
MAX_ENTRIES = 4000  # beyond this, an entry holds only one run's classes (old ones age out)
KIND = "dataclass-code"

# The flags `from __future__ import ...` sets in a code object: `exec` of a text compiles
# it with the calling module's flags, so a cached compilation must use the same.
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag


class _Cache:
    def __init__(self, known: dict[tuple[str, int], types.CodeType]) -> None:
        self.known = known
        self.used: dict[tuple[str, int], types.CodeType] = {}
        self.new = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /, **more: Any) -> None:
        if type(source) is not str or more:  # not what dataclasses passes today: as it was
            builtins.exec(source, globals, locals, **more)
            return
        flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        key = (source, flags)
        code = self.known.get(key)
        if code is None:
            code = compile(source, "<string>", "exec", flags=flags, dont_inherit=True)
            self.new += 1
        self.used[key] = code
        builtins.exec(code, globals, locals)


_installed: _Cache | None = None
_registered = False


def _digest() -> str:
    from licensecheck import memo

    return memo.key(KIND, str(FORMAT), sys.version, sys.implementation.cache_tag, str(marshal.version))


def install() -> None:
    """Compile dataclasses' methods from the cache from now on; store what was new at exit."""
    global _installed
    from licensecheck.deferred import defer

    defer("inspect", "copy")  # before dataclasses imports them: see deferred.py
    import dataclasses

    if _installed is not None or "exec" in vars(dataclasses):
        return  # already ours, or someone else's: leave it
    _installed = _Cache(_read())
    dataclasses.exec = _installed.exec  # type: ignore[attr-defined]
    global _registered
    if not _registered:
        import atexit

        atexit.register(save)
        _registered = True


def uninstall() -> None:
    global _installed
    import dataclasses

    if _installed is not None and vars(dataclasses).get("exec") == _installed.exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    _installed = None


def _read() -> dict[tuple[str, int], types.CodeType]:
    """The cached compilations, or none: missing, not vouched for, or not what we write."""
    from licensecheck import memo

    entries = memo.load_marshalled_list(KIND, _digest(), MAX_BYTES)
    known: dict[tuple[str, int], types.CodeType] = {}
    for entry in entries:
        if not (type(entry) is tuple and len(entry) == 3):
            return {}
        source, flags, code = entry
        if type(source) is not str or type(flags) is not int or type(code) is not types.CodeType:
            return {}
        known[(source, flags)] = code
    return known


def save() -> None:
    """Store this run's compilations with the ones kept before (up to MAX_ENTRIES), if any
    was new: a run that compiled nothing writes nothing."""
    cache = _installed
    if cache is None or not cache.new:
        return
    from licensecheck import memo

    merged = dict(cache.used)
    if len(cache.known) + len(merged) <= MAX_ENTRIES:
        merged = {**cache.known, **merged}
    entries = [(source, flags, code) for (source, flags), code in merged.items()]
    memo.store_bytes(KIND, _digest(), marshal.dumps(entries))
    cache.known, cache.new = merged, 0
