"""Which files a scan reads, and reading them within bounds.

The walk skips what `check --all` skips (hidden directories, virtual environments,
node_modules, caches; licensecheck/discover.py) and what git ignores, stops at a
directory that holds its own licensecheck.yaml (that project's manifest declares what its
code uses), never follows a link out of the tree, and reads at most `MAX_FILES` files.
A file is read only if it is a regular file within its size bound: a FIFO, a device or a
link to one is never opened for reading.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from licensecheck.discover import MANIFEST, git_ignored, skipped_directory

MAX_FILES = 20_000  # files of interest (sources, notebooks, configs) in one scan
MAX_SOURCE_BYTES = 2 * 1024 * 1024  # a Python file or a config
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024  # notebooks carry their outputs

SOURCE = ".py"
NOTEBOOK = ".ipynb"
CONFIGS = (".yaml", ".yml", ".json")
# Files that are no training config (pre-commit, packaging, editors) and never worth parsing.
_NOT_CONFIGS = frozenset(
    {
        MANIFEST,
        "licensecheck.lock",
        "licensecheck-policy.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "environment.yml",
        "environment.yaml",
        "mkdocs.yml",
        "codecov.yml",
        "dataset_info.json",  # LLaMA-Factory's catalogue of names, read when a config names one
    }
)


@dataclass(frozen=True)
class Listing:
    files: tuple[str, ...]  # relative, `/`-separated, in a stable order
    outside: tuple[str, ...]  # links that lead out of the tree (not read)
    truncated: bool  # more than MAX_FILES: the rest were not read
    catalogues: tuple[str, ...] = ()  # LLaMA-Factory dataset_info.json files


def wanted(name: str) -> bool:
    low = name.lower()
    if low in _NOT_CONFIGS:
        return False
    return low.endswith((SOURCE, NOTEBOOK, *CONFIGS))


def walk(root: Path, exclude: Sequence[str] = (), *, stop_at_manifests: bool = True) -> Listing:
    """The files a scan of `root` reads."""
    real_root = os.path.realpath(root)
    found: list[str] = []
    outside: list[str] = []
    catalogues: list[str] = []
    truncated = False
    for current, dirs, files in os.walk(root):
        here = Path(current)
        rel_dir = here.relative_to(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not skipped_directory(here / d)
            and not (stop_at_manifests and (here / d / MANIFEST).is_file())
            and not _excluded((rel_dir / d).as_posix(), exclude)
        )
        for name in sorted(files):
            rel = (rel_dir / name).as_posix()
            if name == "dataset_info.json" and not (here / name).is_symlink():
                catalogues.append(rel)
            if not wanted(name):
                continue
            if _excluded(rel, exclude):
                continue
            path = here / name
            if path.is_symlink() and not _inside(os.path.realpath(path), real_root):
                outside.append(rel)
                continue
            if len(found) >= MAX_FILES:
                truncated = True
                break
            found.append(rel)
        if truncated:
            break
    ignored = git_ignored(root, [Path(f) for f in found])
    kept = tuple(f for f in found if Path(f) not in ignored)
    return Listing(kept, tuple(outside), truncated, tuple(catalogues))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _excluded(rel: str, exclude: Sequence[str]) -> bool:
    for pattern in exclude:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, f"{pattern}/*"):
            return True
    return False


class Unreadable(Exception):
    """Why a file was not read: its message says so in words."""


def read_bounded(path: Path, max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_bytes` of a regular file, and whether there was more."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return data[:max_bytes], len(data) > max_bytes
