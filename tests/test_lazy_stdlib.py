"""deferred.py: a module that stands deferred loads when a name is first read from it, and
its users then see the real module's objects; until then it costs nothing."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from licensecheck.deferred import defer

defer("inspect", "copy")
stand_in = sys.modules["inspect"]
import dataclasses

@dataclasses.dataclass(frozen=True)
class Point:
    "A point."

    x: int
    y: list[int]

assert "ast" not in sys.modules and "dis" not in sys.modules, "inspect was loaded"
assert dataclasses.asdict(Point(1, [2])) == {"x": 1, "y": [2]}  # copy.deepcopy, loaded now
import inspect

assert inspect is stand_in  # `import` finds the stand-in in sys.modules ...
params = inspect.signature(Point).parameters  # ... and reading a name loads the real module
real = sys.modules["inspect"]
assert real is not stand_in and "ast" in sys.modules
assert list(params) == ["x", "y"] and inspect.Parameter is real.Parameter
from inspect import getmodule

assert getmodule is real.getmodule
print("ok")
"""


def test_a_deferred_module_loads_on_first_use_and_is_the_real_one() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "ok\n"


def test_a_module_already_imported_is_left_as_it_is() -> None:
    import json

    from licensecheck.deferred import defer

    defer("json")
    assert sys.modules["json"] is json
