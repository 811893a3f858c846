"""`licensecheck.lock`: what each Hub repository of a manifest resolved to, and when.

`licensecheck lock` writes it next to the manifest; `check` reads it instead of asking
the Hub while it is fresh (the manifest's sha256 is the one recorded), which makes
pre-commit and CI fast, offline and reproducible. The lock holds the Hub's answers
(licence fields, base models, revision sha, dates), not verdicts: the registry and
policy in force still decide. A lookup that failed when the lock was written is
recorded with its reason and stays needs-review until the lock is written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError
from licensecheck.hub import KINDS, Lookup, Wanted, lookup_from_json

LOCK_NAME = "licensecheck.lock"
FORMAT = 1


def lock_path(manifest: Path) -> Path:
    return manifest.parent / LOCK_NAME


def digest(manifest: Path) -> str:
    return hashlib.sha256(manifest.read_bytes()).hexdigest()


@dataclass(frozen=True)
class LockFile:
    manifest_file: str
    manifest_sha256: str
    generated: str
    tool_version: str
    registry_version: str
    endpoint: str
    lookups: tuple[Lookup, ...]
    _index: dict[tuple[str, str], Lookup] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {Wanted(x.kind, x.ref).key: x for x in self.lookups}
        object.__setattr__(self, "_index", index)

    def get(self, wanted: Wanted) -> Lookup | None:
        return self._index.get(wanted.key)

    def is_fresh_for(self, manifest: Path) -> bool:
        return self.manifest_sha256 == digest(manifest)

    def to_json(self) -> dict[str, Any]:
        ordered = sorted(self.lookups, key=lambda x: Wanted(x.kind, x.ref).key)
        return {
            "licensecheck_lock": FORMAT,
            "generated": self.generated,
            "tool_version": self.tool_version,
            "registry_version": self.registry_version,
            "manifest": {"file": self.manifest_file, "sha256": self.manifest_sha256},
            "endpoint": self.endpoint,
            **{f"{kind}s": [x.to_json() for x in ordered if x.kind == kind] for kind in KINDS},
        }


def build(
    manifest: Path,
    lookups: Iterable[Lookup],
    *,
    generated: str,
    tool_version: str,
    registry_version: str,
    endpoint: str,
) -> LockFile:
    return LockFile(
        manifest_file=manifest.name,
        manifest_sha256=digest(manifest),
        generated=generated,
        tool_version=tool_version,
        registry_version=registry_version,
        endpoint=endpoint,
        lookups=tuple(lookups),
    )


def write(path: Path, lock: LockFile) -> None:
    path.write_text(json.dumps(lock.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read(path: Path) -> LockFile:
    """Read a lock file; a malformed one is an input error (exit 2), never silently ignored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read the lock file ({exc.strerror})") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(str(path), line, f"not a valid lock file ({exc}); run `licensecheck lock`") from None
    if not isinstance(data, dict) or data.get("licensecheck_lock") != FORMAT:
        raise InputError(
            str(path), None, f"not a licensecheck.lock of format {FORMAT}; run `licensecheck lock`"
        )
    try:
        lookups = [lookup_from_json(kind, item) for kind in KINDS for item in data.get(f"{kind}s") or []]
        return LockFile(
            manifest_file=str(data["manifest"]["file"]),
            manifest_sha256=str(data["manifest"]["sha256"]),
            generated=str(data["generated"]),
            tool_version=str(data.get("tool_version", "")),
            registry_version=str(data.get("registry_version", "")),
            endpoint=str(data.get("endpoint", "")),
            lookups=tuple(lookups),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(str(path), None, f"malformed lock file ({exc!r}); run `licensecheck lock`") from None
