"""`licensecheck.lock`: what each Hub repository of a manifest resolved to, and when.

`licensecheck lock` writes it next to the manifest; `check` reads it instead of asking
the Hub while it is fresh (the manifest's sha256 is the one recorded), which makes
pre-commit and CI fast, offline and reproducible. The lock holds the Hub's answers
(licence fields, base models, revision sha, dates), not verdicts: the registry and
policy in force still decide. Only answers are locked, never a lookup that failed: a
failure is asked again on the next run (needs review until the Hub answers), so a
network error on the day the lock was written cannot stick. Locks written before 0.2
may hold failures; they are ignored as if absent.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError
from licensecheck.hubrecord import KINDS, HubRecord, Lookup, Wanted, lookup_from_json
from licensecheck.safefile import parse_json, read_regular_file

LOCK_NAME = "licensecheck.lock"
FORMAT = 1


def lock_path(manifest: Path) -> Path:
    return manifest.parent / LOCK_NAME


def digest(manifest: Path) -> str:
    """The manifest's content as parsed, hashed: a comment, a blank line or key order does not
    make a lock stale; a changed value does."""
    try:
        st = manifest.stat()
    except OSError:
        return _content_digest(str(manifest), 0, -1)  # the reader names the problem
    return _content_digest(str(manifest.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=16)
def _content_digest(path: str, mtime_ns: int, size: int) -> str:
    """Once per run and file version: `check` asks for a lock's freshness more than once."""
    from licensecheck.yamlio import load_file

    content = json.dumps(load_file(path).data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()


def _file_digest(manifest: Path) -> str:
    """The manifest's bytes hashed: what locks written before 0.2 recorded."""
    try:
        return hashlib.sha256(read_regular_file(manifest)).hexdigest()
    except InputError:
        return ""


@dataclass(frozen=True)
class LockFile:
    """A lock file's contents: the manifest it was written for and each Hub answer."""

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

    def get(self, wanted: Wanted) -> HubRecord | None:
        """The locked answer for `wanted`; None when the lock has none (or, in an older lock,
        only a failure: that is asked again)."""
        found = self._index.get(wanted.key)
        return found if isinstance(found, HubRecord) else None

    def is_fresh_for(self, manifest: Path) -> bool:
        # An older lock hashed the file's bytes: while those are unchanged it still holds.
        return self.manifest_sha256 == digest(manifest) or self.manifest_sha256 == _file_digest(manifest)

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
    """The lock of `lookups`' answers; their failures are left out (see the module's doc)."""
    return LockFile(
        manifest_file=manifest.name,
        manifest_sha256=digest(manifest),
        generated=generated,
        tool_version=tool_version,
        registry_version=registry_version,
        endpoint=endpoint,
        lookups=tuple(x for x in lookups if isinstance(x, HubRecord)),
    )


MAX_LOCK_BYTES = 16_000_000  # a lock of a few hundred ids is kilobytes; more is not a lock


def write(path: Path, lock: LockFile) -> None:
    """Write atomically: a reader (or a crash) sees the old lock or the new one, never half.

    Failing to write is an input error naming the file (exit 2), never a traceback.
    """
    import tempfile  # only writing a lock needs it

    text = json.dumps(lock.to_json(), indent=2, ensure_ascii=False) + "\n"
    tmp: str | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a directory")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InputError(str(path), None, f"cannot write the lock file ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def read(path: Path) -> LockFile:
    """Read a lock file, validated against its schema: a malformed or wrong-shaped one is an
    input error naming the file and the problem (exit 2), never trusted, never ignored."""
    data = _load(path)
    problem = schema_problem("lock", data)
    if problem is not None:
        raise InputError(str(path), None, f"not a valid lock file: {problem}; run `licensecheck lock`")
    try:
        lookups = [lookup_from_json(kind, item) for kind in KINDS for item in data[f"{kind}s"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(str(path), None, f"malformed lock file ({exc}); run `licensecheck lock`") from None
    duplicate = _duplicate(lookups)
    if duplicate is not None:
        raise InputError(
            str(path), None, f"not a valid lock file: {duplicate} is recorded twice; run `licensecheck lock`"
        )
    return LockFile(
        manifest_file=data["manifest"]["file"],
        manifest_sha256=data["manifest"]["sha256"],
        generated=data["generated"],
        tool_version=str(data.get("tool_version", "")),
        registry_version=str(data.get("registry_version", "")),
        endpoint=data["endpoint"],
        lookups=tuple(x for x in lookups if isinstance(x, HubRecord)),
    )


def _load(path: Path) -> Any:
    try:
        text = read_regular_file(path, MAX_LOCK_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not a valid lock file (not UTF-8 text)") from None
    try:
        data = parse_json(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(str(path), line, f"not a valid lock file ({exc}); run `licensecheck lock`") from None
    if not isinstance(data, dict) or data.get("licensecheck_lock") != FORMAT:
        raise InputError(
            str(path), None, f"not a licensecheck.lock of format {FORMAT}; run `licensecheck lock`"
        )
    return data


def _duplicate(lookups: Iterable[Lookup]) -> str | None:
    """Two records for one id would let the second quietly win: name the id instead."""
    seen: set[tuple[str, str]] = set()
    for x in lookups:
        key = Wanted(x.kind, x.ref).key
        if key in seen:
            return f"the {x.kind} {x.ref}"
        seen.add(key)
    return None


# --- validation against licensecheck/schemas/hub-records.schema.json ----------------

SCHEMA = "hub-records.schema.json"


def schema_problem(definition: str, data: Any) -> str | None:
    """The first way `data` breaks `$defs/<definition>` of the Hub records schema, or None.

    jsonschema is imported only here, when a lock or cache file is read, and a document
    already found valid is not validated again (memo.py), as in jsonschemas.py.
    """
    from licensecheck import jsonschemas, memo

    digest = memo.key("valid-hub", definition, jsonschemas.text(SCHEMA), json.dumps(data, sort_keys=True))
    if memo.load("valid-hub", digest) is True:
        return None
    from jsonschema import Draft202012Validator

    schema = {**jsonschemas.schema(SCHEMA), "$ref": f"#/$defs/{definition}"}
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        memo.store("valid-hub", digest, True)
        return None
    first = errors[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.absolute_path).lstrip(".")
    return f"{where or 'the document'}: {_message(first)}"


def _message(error: Any) -> str:
    """jsonschema's message, shortened: an if/then failure names the branch's own error."""
    context = getattr(error, "context", None) or []
    best = min(context, key=lambda e: len(e.message)) if context else error
    text = str(best.message)
    return text if len(text) <= 160 else text[:159] + "\u2026"
