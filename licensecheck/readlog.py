"""The files and directories a check read besides its arguments (a policy found beside the
manifest, the overlays a policy names), each with the state it was read in, so a remembered
answer (cli/replay.py) is replayed only while every one of them is as it was.

Kept Click- and YAML-free: the replay path checks these states before anything else loads.
"""

from __future__ import annotations

import hashlib
import os

_reads: dict[str, str] = {}  # path -> its state when read


def state(path: str) -> str:
    """What a path is now: absent, a directory and its names, or a file and its digest."""
    try:
        link = os.readlink(path) if os.path.islink(path) else ""
        if os.path.isdir(path):
            return f"dir:{link}:" + "\0".join(sorted(os.listdir(path)))
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return f"file:{link}:" + hashlib.sha256(f.read()).hexdigest()
        return "other" if os.path.lexists(path) else "absent"
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def note(path: os.PathLike[str] | str) -> None:
    """Remember `path` as it is now (call it when reading, or looking for, the file)."""
    key = os.path.abspath(path)
    _reads.setdefault(key, state(key))


def taken() -> dict[str, str]:
    return dict(_reads)


def reset() -> None:
    _reads.clear()


def unchanged(reads: dict[str, str]) -> bool:
    return all(state(path) == was for path, was in reads.items())
