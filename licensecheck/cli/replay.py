"""A check whose every input is as it was answers as it did, without judging again.

A pre-commit hook runs `check` on a manifest that mostly has not changed. The answer (what
was written to stdout and stderr, and the exit code) is a function of what the run reads:
its arguments and date, the environment that steers it, the manifests, their lock files,
the policy, the registry, this tool's own files and the libraries that parse for it, and,
when a Hub id is not in the lock, the disk-cache entries found absent. All of that is
hashed into the key. What the run found by itself (a policy named in the manifest or found
in `.licensecheck/`, the overlay directories and files a policy names, where it looked and
found nothing: readlog.py) is remembered with the answer, each in the state it was read in,
and the answer is replayed only while every one is unchanged. An answer is remembered only
when the run judged (exit 0 or 1), sent no request to the Hub and read no cache entry, and
only for the entries it found absent, which must still be absent to replay it. Entries carry
memo.py's HMAC under this machine's key: one edited or brought from elsewhere is computed
again, never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing costs a hook's start-up more than it is worth at run time
    from typing import Any, TextIO

from licensecheck import __version__, memo, readlog
from licensecheck.regindex import all_files, content_digest, data_root

FORMAT = 2
MAX_OUTPUT = 1 << 20  # characters: a large report is cheaper to make again than to keep
ENVIRONMENT = ("HF_", "HUGGING_FACE_", "LICENSECHECK_", "XDG_", "NO_COLOR", "CI", "TERM", "HOME")
PACKAGE = Path(__file__).resolve().parent.parent


def key(options: dict[str, Any]) -> str | None:
    """The digest of everything a check with these options reads; None if it cannot be
    replayed (`--all` depends on the whole tree, `--output` writes a file)."""
    if options["all_manifests"] or options["output_path"]:
        return None
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape"))
            digest.update(b"\0")

    add(FORMAT, __version__, sys.version, sys.executable, os.getcwd(), sorted(options.items()))
    add(_isatty(sys.stdout), _isatty(sys.stderr))
    add(*(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith(ENVIRONMENT)))
    add(*_tree(PACKAGE))  # this tool's own code and data, as installed
    for module in ("yaml", "license_expression"):
        add(module, *_library(module))
    manifests = list(options["manifests"]) or ["licensecheck.yaml"]
    for manifest in manifests:
        add(manifest, _bytes(Path(manifest)), _bytes(Path(manifest).parent / "licensecheck.lock"))
    add(_bytes(Path(options["policy_path"] or data_root() / "policies" / "default.yaml")))
    registry = Path(options["registry_path"]) if options["registry_path"] else data_root() / "registry"
    add(registry, content_digest(all_files(registry)))
    return digest.hexdigest()


def answer(digest: str) -> int | None:
    """Write the remembered answer and return its exit code; None if there is none to trust."""
    value = memo.load("run", digest)
    if not isinstance(value, dict):
        return None
    try:
        out, err, code, absent = value["out"], value["err"], value["code"], value["absent"]
        reads = value["reads"]
    except KeyError:
        return None
    if not (isinstance(out, str) and isinstance(err, str) and code in (0, 1) and isinstance(absent, list)):
        return None
    if any(not isinstance(p, str) or os.path.lexists(p) for p in absent):
        return None  # a cache entry has appeared since: the Hub step would read it
    if not isinstance(reads, dict) or not readlog.unchanged(reads):
        return None  # a policy or overlay it found by itself has changed (or appeared)
    for stream, text in ((sys.stdout, out), (sys.stderr, err)):
        if text and stream is not None:
            stream.write(text)
            stream.flush()
    return int(code)


def remember(digest: str, recorded: Recorder, code: int, absent: list[str]) -> None:
    if code not in (0, 1) or recorded.overflow:
        return
    value = {"out": recorded.out(), "err": recorded.err(), "code": code, "absent": absent}
    memo.store("run", digest, {**value, "reads": readlog.taken()})


class _Tee:
    """A text stream that also keeps what is written to it (up to MAX_OUTPUT characters)."""

    def __init__(self, stream: TextIO, recorder: Recorder) -> None:
        self._stream = stream
        self._recorder = recorder
        self.kept: list[str] = []

    def write(self, text: str) -> int:
        self._recorder.keep(self.kept, text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, flush, fileno, ...
        return getattr(self._stream, name)


class Recorder:
    def __init__(self) -> None:
        self.size = 0
        self.overflow = False
        self._out: _Tee | None = None
        self._err: _Tee | None = None

    def keep(self, kept: list[str], text: str) -> None:
        self.size += len(text)
        if self.size > MAX_OUTPUT:
            self.overflow = True
        elif not self.overflow:
            kept.append(text)

    def out(self) -> str:
        return "".join(self._out.kept) if self._out else ""

    def err(self) -> str:
        return "".join(self._err.kept) if self._err else ""


@contextmanager
def recording() -> Iterator[Recorder]:
    """Keep what the run writes to stdout and stderr, while it is written as ever."""
    recorder = Recorder()
    out, err = sys.stdout, sys.stderr
    recorder._out, recorder._err = _Tee(out, recorder), _Tee(err, recorder)
    sys.stdout, sys.stderr = recorder._out, recorder._err
    try:
        yield recorder
    finally:
        sys.stdout, sys.stderr = out, err


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def _bytes(path: Path) -> bytes | str:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        return f"unreadable: {exc.errno}"


def _tree(root: Path) -> Iterator[str]:
    """Each file under `root` (bytecode caches aside) with its size and modification time."""
    stack = [str(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                    continue
                st = entry.stat()
                yield f"{entry.path}:{st.st_size}:{st.st_mtime_ns}"


def _library(module: str) -> list[str]:
    """Where a library that parses for us is installed, and which version of its files."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return ["missing"]
    return list(_tree(Path(spec.origin).parent))
