"""A disk cache of Hub answers, so repeated checks do not ask the Hub again.

One small JSON file per repository under the user cache directory (platformdirs), or
$LICENSECHECK_CACHE_DIR; a separate folder per Hub endpoint, so a mirror's answers
never stand in for the Hub's. Only answers are cached, never failures: a failure is
asked again next time. The cache is a convenience: a file that cannot be read or
written is simply a miss, and so is one that breaks the schema
(licensecheck/schemas/hub-records.schema.json), names another repository or claims
to be stored in the future: it is deleted and the Hub is asked again. A record whose
content was edited consistently cannot be told from a real one; `licensecheck lock
--verify` (and the TTL) are the answer to that.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from licensecheck.errors import InputError
from licensecheck.hubrecord import HubRecord, Wanted, lookup_from_json
from licensecheck.memo import cache_root
from licensecheck.safefile import parse_json, read_regular_file

DEFAULT_TTL = 24 * 3600.0  # seconds an answer is fresh enough for an online check
CLOCK_SKEW = 300.0  # seconds a record may seem stored in the future (another machine's clock)
MAX_ENTRY_BYTES = 4_000_000  # twice the largest answer the client reads


def default_root() -> Path:
    return cache_root()


@dataclass(frozen=True)
class HubCache:
    """The disk cache of one Hub endpoint's answers."""

    root: Path
    endpoint: str
    ttl: float = DEFAULT_TTL

    @classmethod
    def for_endpoint(cls, endpoint: str) -> HubCache:
        raw = os.environ.get("LICENSECHECK_HUB_CACHE_TTL", "").strip()
        try:
            ttl = float(raw) if raw else DEFAULT_TTL
        except ValueError:
            ttl = DEFAULT_TTL
        return cls(default_root(), endpoint, ttl)

    def path(self, wanted: Wanted) -> Path:
        """Where the answer about `wanted` is kept."""
        return self._path(wanted)

    def _path(self, wanted: Wanted) -> Path:
        site = hashlib.sha256(self.endpoint.encode()).hexdigest()[:16]
        kind, ref = wanted.key
        return self.root / "hub" / site / f"{kind}s" / f"{quote(ref, safe='')}.json"

    def get(self, wanted: Wanted, *, any_age: bool = False) -> HubRecord | None:
        """The cached answer, if there is one and it is fresh (or any_age, when offline)."""
        path = self._path(wanted)
        if not path.exists() and not path.is_symlink():
            return None
        try:
            # A regular file of a sane size only: a link to /dev/zero or a FIFO is discarded.
            data = parse_json(read_regular_file(path, MAX_ENTRY_BYTES).decode("utf-8"))
        except (InputError, ValueError):
            return self._discard(path)
        record = self._valid(wanted, data)
        if record is None:
            return self._discard(path)
        if not any_age and time.time() - float(data["stored"]) > self.ttl:
            return None
        return record

    @staticmethod
    def _valid(wanted: Wanted, data: object) -> HubRecord | None:
        """The entry's record if it has the schema's shape, is about `wanted` and is not from
        the future (which would keep it fresh for ever); else None."""
        from licensecheck.lock import schema_problem

        if schema_problem("cache_entry", data) is not None or not isinstance(data, dict):
            return None
        if float(data["stored"]) > time.time() + CLOCK_SKEW:
            return None
        try:
            record = lookup_from_json(wanted.kind, data["record"])
        except (KeyError, TypeError, ValueError):
            return None
        if not isinstance(record, HubRecord) or Wanted(record.kind, record.ref).key != wanted.key:
            return None
        return record

    @staticmethod
    def _discard(path: Path) -> None:
        """A bad entry is removed, so the next run does not read it again; the Hub is asked."""
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)

    def put(self, record: HubRecord) -> None:
        import tempfile  # only an answer from the Hub is written

        path = self._path(Wanted(record.kind, record.ref))
        payload = json.dumps({"stored": time.time(), "record": record.to_json()}, indent=1)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename: a concurrent reader sees the old file or the new one, never half.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
