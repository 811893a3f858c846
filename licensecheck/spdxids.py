"""SPDX licence ids as license-expression reads them, shipped as a table (spdx_ids.txt).

Building license-expression's index of every licence costs a run a fifth of a second; the
common expressions (one id, or ids joined by only AND or only OR) need nothing but the
ids, so licenses.py reads them from this table and asks the library about the rest. Each
line is a canonical id, or an alias and the id it stands for, tab-separated; a name is
matched without regard to case, as the library matches it. The table is generated from
the library (`python -m licensecheck.spdxids > licensecheck/spdx_ids.txt`) and
tests/test_licenses.py checks every entry against it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent / "spdx_ids.txt"
# Names written only with these characters; anything else (a `+`, a parenthesis) is the library's.
NAME = re.compile(r"[A-Za-z0-9.-]+")
# Ids the expression parser treats specially before the library sees them (licenses.py).
SPECIAL = frozenset({"noassertion", "none"})


@functools.cache
def ids() -> dict[str, str]:
    """Every name in the table, lower-cased, to its canonical id ({} if the table is missing)."""
    try:
        lines = TABLE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in lines:
        name, _, canonical = line.partition("\t")
        out[name.lower()] = canonical or name
    return out


def generate(licensing: Any) -> list[str]:
    """The table's lines from license-expression's SPDX licensing: licences only (exceptions
    stand only after WITH), no LicenseRef- names, and no name that two ids share in some case."""
    names: dict[str, set[str]] = {}
    spellings: dict[str, set[str]] = {}
    for symbol in set(licensing.known_symbols.values()):
        if getattr(symbol, "is_exception", False):
            continue
        for name in (symbol.key, *symbol.aliases):
            if NAME.fullmatch(name) and not name.startswith(("LicenseRef-", "DocumentRef-")):
                names.setdefault(name.lower(), set()).add(symbol.key)
                spellings.setdefault(name.lower(), set()).add(name)
    lines = []
    for lower, keys in sorted(names.items()):
        if len(keys) != 1 or lower in SPECIAL:
            continue
        (key,) = keys
        name = key if key.lower() == lower else min(spellings[lower])
        lines.append(key if name == key else f"{name}\t{key}")
    return lines


if __name__ == "__main__":  # pragma: no cover - maintenance
    from license_expression import get_spdx_licensing

    print("\n".join(generate(get_spdx_licensing())))
