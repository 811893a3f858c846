"""Where a policy and its overlays may read: inside the repository that holds them, never
above it. The repository root is the nearest directory, from the file's own upwards, that
holds `.git`; with none, the file's own directory. A path that leaves it (`..`, an absolute
path elsewhere, a symlink that points out) is an input error naming file and line."""

from __future__ import annotations

import os
from pathlib import Path

from licensecheck import readlog
from licensecheck.errors import InputError


def repo_root(start: Path) -> Path:
    """The nearest directory from `start` up that holds `.git`, else `start` itself."""
    here = start.resolve()
    for directory in (here, *here.parents):
        marker = directory / ".git"
        readlog.note(marker)  # a `.git` that appears moves the root: the answer may change
        if os.path.lexists(marker):
            return directory
    return here


def dirs_up(start: Path, root: Path) -> list[Path]:
    """`start` and each directory above it up to `root` (inclusive), nearest first."""
    here = start.resolve()
    out = [here]
    for directory in here.parents:
        if not directory.is_relative_to(root):
            break
        out.append(directory)
    return out


def inside(root: Path, base: Path, written: str, file: str, line: int | None, what: str) -> Path:
    """`written` (relative to `base`, or absolute) as a path inside `root`, symlinks followed;
    an InputError naming `file` and `line` when it leaves the repository."""
    target = Path(written) if os.path.isabs(written) else base / written
    resolved = target.resolve()
    if not resolved.is_relative_to(root):
        how = "a symlink that points" if _through_link(target, root) else "a path that leads"
        raise InputError(
            file,
            line,
            f"{what} '{written}' is {how} outside the repository ({root}); a policy reads only"
            " files inside it",
        )
    return resolved


def shown(path: Path) -> str:
    """A file as a reader finds it: relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _through_link(target: Path, root: Path) -> bool:
    """Whether `target` stays inside `root` as written but leaves it through a symlink."""
    plain = Path(os.path.normpath(target.absolute()))
    return plain.is_relative_to(root) and plain != target.resolve()
