"""The Hub step that `check`, `audit`, `sbom`, `lock` and `resolve` share: registry
entries for the Hub ids the catalogue does not list, from licensecheck.lock, the disk
cache or the Hub (hub.py asks, hubresolve.py follows the lineage, hubcache.py keeps).

Everything here is imported lazily by the commands, and nothing here imports
the HTTP client (hub.py imports http.client only when a repository is really to be asked).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from licensecheck.visible import visible

if TYPE_CHECKING:
    from licensecheck.hubrecord import Lookup, Wanted
    from licensecheck.hubresolve import Sources
    from licensecheck.hubsettings import Budget, Settings
    from licensecheck.lock import LockFile
    from licensecheck.manifest import Manifest
    from licensecheck.registry import Registry

PROGRESS_MIN = 3  # fewer lookups than this finish before a bar would be read


def hub_overlay(
    manifest_path: str | Path,
    manifest: Manifest,
    registry: Registry,
    *,
    offline: bool = False,
    locked: bool = False,
) -> Registry:
    """`registry` plus entries for the manifest's Hub ids it does not list (lineage included).

    A fresh licensecheck.lock next to the manifest answers first, then the disk cache, then
    the Hub. With `locked`, the lock must exist, match the manifest and cover every id.
    """
    from licensecheck import hubresolve
    from licensecheck import lock as lockmod

    path = Path(manifest_path)
    lock_file = lockmod.lock_path(path)
    if locked:
        require_fresh_lock(path, lock_file)
    roots = hubresolve.manifest_wanted(manifest)
    if not roots:
        return registry
    sources: list[Sources] = []

    def source(wanted: Sequence[Wanted]) -> dict[Wanted, Lookup]:
        # Built on first use: a manifest whose ids the catalogue all knows never reads the lock.
        if not sources:
            sources.append(_check_sources(path, lock_file, offline=offline, locked=locked))
        return sources[0](wanted)

    try:
        found = hubresolve.closure(roots, registry, source)
    finally:
        for s in sources:
            close_sources(s)
    return hubresolve.overlay(registry, found.values())


def require_fresh_lock(manifest: Path, lock_file: Path) -> LockFile:
    """The lock, valid and written for this manifest; else an error (exit 2)."""
    from licensecheck import lock as lockmod
    from licensecheck.hubresolve import LockMismatch

    if not lock_file.exists():
        raise LockMismatch(f"{lock_file}: --locked, but there is no lock file; run `licensecheck lock`")
    lock = lockmod.read(lock_file)
    if not lock.is_fresh_for(manifest):
        raise LockMismatch(
            f"{lock_file}: --locked, but {manifest.name} changed since the lock was written;"
            " run `licensecheck lock`"
        )
    return lock


def _check_sources(manifest: Path, lock_file: Path, *, offline: bool, locked: bool) -> Sources:
    from licensecheck import lock as lockmod

    lock = None
    if lock_file.exists():  # a directory or unreadable file there is an input error, not "no lock"
        lock = lockmod.read(lock_file)
        if not lock.is_fresh_for(manifest):
            print(
                visible(
                    f"licensecheck: note: {lock_file.name} was written for another version of"
                    f" {manifest.name}; it is ignored (run `licensecheck lock`)."
                ),
                file=sys.stderr,
            )
            lock = None
    return make_sources(offline=offline, lock=lock, locked=locked)


def make_sources(
    *,
    offline: bool,
    lock: LockFile | None = None,
    locked: bool = False,
    read_cache: bool = True,
) -> Sources:
    from licensecheck.hubcache import HubCache
    from licensecheck.hubresolve import Sources
    from licensecheck.hubsettings import Settings

    settings = Settings.from_env(offline=offline)
    return Sources(
        settings,
        lock=lock,
        locked=locked,
        cache=HubCache.for_endpoint(settings.endpoint),
        read_cache=read_cache,
        progress=ProgressBar.for_stderr(),
        budget=run_budget(settings),
    )


class _Run:
    """What one command run shares: its Hub budget, and what its Hub step read beyond the lock
    (cli/replay.py may answer the same run again only if that was nothing but absent entries)."""

    def __init__(self) -> None:
        self.budget: Budget | None = None
        self.absent: list[str] = []  # disk-cache entries looked for and not found (offline)
        self.replayable = True  # no request was sent and no cache entry was read


_RUN: contextvars.ContextVar[_Run | None] = contextvars.ContextVar("licensecheck_run", default=None)


@contextlib.contextmanager
def run_scope() -> Iterator[_Run]:
    """One command run: every Hub lookup inside shares one budget (`check --all`'s manifests
    too), and the next run (also the next CliRunner run in tests) starts afresh."""
    run = _Run()
    token = _RUN.set(run)
    try:
        yield run
    finally:
        _RUN.reset(token)


def current_run() -> _Run:
    """The run in progress; outside a command, a scratch one that nothing else sees."""
    return _RUN.get() or _Run()


def run_budget(settings: Settings) -> Budget:
    """The Hub budget of this command run, shared by all its manifests (`check --all`); outside
    a command every caller gets a fresh one."""
    from licensecheck.hubsettings import Budget

    run = _RUN.get()
    if run is None:
        return Budget.for_settings(settings)
    if run.budget is None:
        run.budget = Budget.for_settings(settings)
    return run.budget


def close_sources(sources: Sources) -> None:
    if isinstance(sources.progress, ProgressBar):
        sources.progress.close()


class ProgressBar:
    """A one-line bar on stderr while Hub lookups run; only on a terminal, never in CI."""

    def __init__(self, stream: TextIO, width: int = 24) -> None:
        self.stream = stream
        self.width = width
        self.total = 0
        self.done = 0
        self.shown = False

    @classmethod
    def for_stderr(cls, env: dict[str, str] | None = None) -> ProgressBar | None:
        env = dict(os.environ) if env is None else env
        stream = sys.stderr
        if env.get("CI") or env.get("TERM") == "dumb" or not _isatty(stream):
            return None
        return cls(stream)

    def add(self, count: int) -> None:
        self.total += count

    def advance(self, wanted: Wanted) -> None:
        self.done += 1
        if self.total < PROGRESS_MIN:
            return
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        label = wanted.ref if len(wanted.ref) <= 40 else wanted.ref[:39] + "\u2026"
        self.stream.write(f"\r\033[KHub [{bar}] {self.done}/{self.total} {label}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _isatty(stream: TextIO) -> bool:
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
