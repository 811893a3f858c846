"""Remember pure, costly answers between runs, keyed by a hash of their whole input.

`check` validates the same manifest and policy and parses the same licence
expressions run after run; each answer depends only on its input, so a hit skips
importing jsonschema or building the SPDX licence index. Keys cover every input of
the answer, so a stale hit is impossible; a file that cannot be read or written is
simply a miss. Only successes are remembered: errors are always computed afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from licensecheck import __version__


def cache_root() -> Path:
    """The user cache directory (platformdirs), or $LICENSECHECK_CACHE_DIR."""
    override = os.environ.get("LICENSECHECK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("licensecheck"))


def key(*parts: str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.encode())
    return digest.hexdigest()


def _path(kind: str, digest: str) -> Path:
    return cache_root() / "memo" / kind / f"{digest}.json"


def load(kind: str, digest: str) -> Any | None:
    try:
        return json.loads(_path(kind, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(kind: str, digest: str, value: Any) -> None:
    path = _path(kind, digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent run never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f)
        os.replace(tmp, path)
    except OSError:
        pass
