"""Standard-library modules that a dependency imports but an ordinary run never uses,
loaded only when something first reads one of their names.

`dataclasses` imports `inspect` for one call (a signature for a class without a docstring,
and every record here has one) and `copy` for `deepcopy` in `asdict`; `inspect` alone
brings `ast`, `dis` and `tokenize`, a tenth of an edited check's imports; `urllib.parse`
(which `pathlib` imports) imports `ipaddress` for a URL with a bracketed host. A deferred
module is a stand-in in `sys.modules`: reading any name it lacks imports the real module,
which then replaces it there, and answers from it, so its users see the same objects.
(importlib's LazyLoader would not do: `import` itself reads `__spec__`, which loads it.)
"""

from __future__ import annotations

import sys
import types


class _Deferred(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        real = _load(self)
        return getattr(real, name)


def _load(stand_in: _Deferred) -> types.ModuleType:
    name = stand_in.__name__
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
    import importlib

    real = importlib.import_module(name)
    vars(stand_in).update(vars(real))  # later reads through the stand-in find the names
    return real


def defer(*names: str) -> None:
    """Stand in for each module not imported yet (one already imported is left as it is)."""
    for name in names:
        if name not in sys.modules:
            module = _Deferred(name)
            module.__spec__ = None  # `import` asks whether it is still initialising
            sys.modules[name] = module
