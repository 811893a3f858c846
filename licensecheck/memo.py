"""Remember pure, costly answers between runs, keyed by a hash of their whole input.

`check` validates the same manifest and policy and parses the same licence
expressions run after run; each answer depends only on its input, so a hit skips
importing jsonschema or building the SPDX licence index. Keys cover every input of
the answer, so a stale hit is impossible; a file that cannot be read or written is
simply a miss. Only successes are remembered: errors are always computed afresh.

An entry could switch a check off (a forged "valid") or change a verdict (an SPDX parse
edited from CC-BY-NC-4.0 to MIT), so each carries an HMAC under a key that this user's
machine made and keeps apart from the cache (the state directory, mode 0600). An entry
that was edited, or that came from elsewhere (a CI cache restored from another branch or
machine), does not verify and is a miss: the answer is computed again, never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from licensecheck import __version__
from licensecheck.errors import InputError
from licensecheck.safefile import parse_json, read_regular_file

MAX_ENTRY_BYTES = 1024 * 1024  # an answer is a few hundred bytes; more is not one of ours


def cache_root() -> Path:
    """The user cache directory (platformdirs), or $LICENSECHECK_CACHE_DIR."""
    override = os.environ.get("LICENSECHECK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("licensecheck"))


def state_root() -> Path:
    """Where the memo key lives: the user state directory (platformdirs), or
    $LICENSECHECK_STATE_DIR; never inside the cache it vouches for."""
    override = os.environ.get("LICENSECHECK_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("licensecheck"))


@functools.lru_cache(maxsize=4)
def _secret(root: Path) -> bytes | None:
    """This machine's memo key, made on first use; None (no memo at all) if it cannot be kept."""
    path = root / "memo.key"
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except OSError:
        pass
    try:
        root.mkdir(parents=True, exist_ok=True)
        import secrets  # only the first run on a machine makes a key

        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
        return path.read_bytes()
    except OSError:
        return None


def _mac(kind: str, digest: str, value: Any) -> str | None:
    secret = _secret(state_root())
    if secret is None:
        return None
    message = f"{kind}\0{digest}\0{json.dumps(value, sort_keys=True)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def key(*parts: str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.encode())
    return digest.hexdigest()


def _path(kind: str, digest: str) -> Path:
    return cache_root() / "memo" / kind / f"{digest}.json"


def load(kind: str, digest: str) -> Any | None:
    """The remembered answer, or None: missing, unreadable, or not vouched for by this machine."""
    path = _path(kind, digest)
    if not path.exists():
        return None
    try:
        entry = parse_json(read_regular_file(path, MAX_ENTRY_BYTES).decode("utf-8"))
    except (InputError, ValueError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("mac"), str):
        return None
    expected = _mac(kind, digest, entry.get("value"))
    if expected is None or not hmac.compare_digest(expected, entry["mac"]):
        return None
    return entry.get("value")


def load_bytes(kind: str, digest: str, max_bytes: int) -> bytes | None:
    """A remembered blob (e.g. the compiled registry), or None: missing, unreadable, larger
    than `max_bytes`, or not vouched for by this machine. The MAC covers kind, key and bytes."""
    secret = _secret(state_root())
    if secret is None:
        return None
    try:
        data = read_regular_file(_blob_path(kind, digest), max_bytes + _MAC_BYTES)
    except InputError:
        return None
    mac, payload = data[:_MAC_BYTES], data[_MAC_BYTES:]
    if not hmac.compare_digest(mac, _blob_mac(secret, kind, digest, payload)):
        return None
    return payload


def load_marshalled_list(kind: str, digest: str, max_bytes: int) -> list[Any]:
    """A remembered `marshal`led list (compiled code the caller checks item by item), or an
    empty list: missing, not vouched for, or not a marshalled list."""
    import marshal

    blob = load_bytes(kind, digest, max_bytes)
    if blob is None:
        return []
    try:
        entries = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return []
    return entries if type(entries) is list else []


def store_bytes(kind: str, digest: str, payload: bytes) -> None:
    secret = _secret(state_root())
    if secret is None:
        return
    _write(_blob_path(kind, digest), _blob_mac(secret, kind, digest, payload) + payload)


_MAC_BYTES = 32  # a sha256 HMAC, in front of the blob it vouches for


def _blob_mac(secret: bytes, kind: str, digest: str, payload: bytes) -> bytes:
    mac = hmac.new(secret, f"{kind}\0{digest}\0".encode(), hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def _blob_path(kind: str, digest: str) -> Path:
    return cache_root() / "memo" / kind / f"{digest}.bin"


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(6).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent run never reads half a file. (A name of our
        # own, made as tempfile.mkstemp makes one, without importing tempfile on every miss.)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def store(kind: str, digest: str, value: Any) -> None:
    mac = _mac(kind, digest, value)
    if mac is None:
        return
    _write(_path(kind, digest), json.dumps({"mac": mac, "value": value}).encode())
