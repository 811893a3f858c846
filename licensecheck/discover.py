"""Find every `licensecheck.yaml` under a directory (`check --all`), for monorepos.

Hidden directories (.git, .venv, .tox), virtual environments, node_modules and
caches are not searched: manifests in them belong to someone else's tree. Inside a git
work tree, what `.gitignore` ignores is skipped too (git itself answers, so every rule
and nested ignore file counts), and `--exclude` patterns leave out more.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

MANIFEST = "licensecheck.yaml"
_SKIP = frozenset({"node_modules", "__pycache__", "site-packages"})


def manifests(root: Path, exclude: Sequence[str] = ()) -> list[Path]:
    """Every manifest under `root`, as paths relative to it, in a stable order; none that git
    ignores or an `exclude` pattern (shell-style, on the relative path) matches."""
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not _skipped(here / d))
        if MANIFEST in files:
            found.append((here / MANIFEST).relative_to(root))
    found = [p for p in found if not any(_matches(p, pattern) for pattern in exclude)]
    ignored = _git_ignored(root, found)
    return sorted((p for p in found if p not in ignored), key=lambda p: (len(p.parts), p.as_posix()))


def _matches(path: Path, pattern: str) -> bool:
    posix = path.as_posix()
    pattern = pattern.rstrip("/")
    return fnmatch.fnmatchcase(posix, pattern) or fnmatch.fnmatchcase(posix, f"{pattern}/*")


def _git_ignored(root: Path, paths: list[Path]) -> set[Path]:
    """The paths git ignores under `root`; none outside a work tree or without git."""
    git = shutil.which("git")
    if git is None or not paths:
        return set()
    try:
        proc = subprocess.run(
            [git, "-C", str(root), "check-ignore", "--stdin"],
            input="\n".join(p.as_posix() for p in paths),
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    return {Path(line) for line in proc.stdout.splitlines() if line}


def _skipped(directory: Path) -> bool:
    name = directory.name
    return name.startswith(".") or name in _SKIP or (directory / "pyvenv.cfg").is_file()


# What `licensecheck scan` shares with --all: the same directories skipped, git's ignores.
skipped_directory = _skipped
git_ignored = _git_ignored
