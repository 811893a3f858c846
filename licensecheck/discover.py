"""Find every `licensecheck.yaml` under a directory (`check --all`), for monorepos.

Hidden directories (.git, .venv, .tox), virtual environments, node_modules and
caches are not searched: manifests in them belong to someone else's tree.
"""

from __future__ import annotations

import os
from pathlib import Path

MANIFEST = "licensecheck.yaml"
_SKIP = frozenset({"node_modules", "__pycache__", "site-packages"})


def manifests(root: Path) -> list[Path]:
    """Every manifest under `root`, as paths relative to it, in a stable order."""
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not _skipped(here / d))
        if MANIFEST in files:
            found.append((here / MANIFEST).relative_to(root))
    return sorted(found, key=lambda p: (len(p.parts), p.as_posix()))


def _skipped(directory: Path) -> bool:
    name = directory.name
    return name.startswith(".") or name in _SKIP or (directory / "pyvenv.cfg").is_file()
