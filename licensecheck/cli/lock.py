"""`licensecheck lock`: resolve a manifest's Hub ids and write licensecheck.lock;
`licensecheck lock --verify`: ask the Hub again and fail where the lock disagrees."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licensecheck.cli.common import EXIT_FAILED, EXIT_OK, handles_errors, registry_option, say, show

if TYPE_CHECKING:
    from licensecheck.hubrecord import Lookup


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option("--offline", is_flag=True, help="Use the disk cache only; make no request to the Hub.")
@click.option(
    "--verify",
    is_flag=True,
    help="Write nothing: ask the Hub about every locked id and fail (exit 1) where the lock disagrees.",
)
@registry_option
@handles_errors
def lock(manifest: str, offline: bool, verify: bool, registry_path: str | None) -> None:
    """Resolve MANIFEST's Hub repositories and their lineage, and write licensecheck.lock.

    The lock sits next to the manifest and records what each id the registry does not
    list resolved to on the Hub: licence fields, base models, revision sha and date.
    `check` uses it instead of the Hub while the manifest is unchanged; commit it.
    Exit 0 when every lookup succeeded, 1 when some failed: a failure is never locked,
    and `check` asks the Hub again for it (needs review until it answers).

    With --verify nothing is written: every locked id is asked again (never from the
    cache) and each difference from the lock (licence, base models, gated, revision) is
    named; exit 0 when the lock agrees with the Hub, 1 when it does not.
    """
    from licensecheck import lock as lockmod
    from licensecheck.errors import InputError

    path = Path(manifest)
    target = lockmod.lock_path(path)
    if verify:
        if offline:
            raise click.UsageError("--verify asks the Hub: it cannot run with --offline")
        sys.exit(_verify(path, target))
    if target.is_dir():  # say so before asking the Hub anything
        raise InputError(str(target), None, "cannot write the lock file (it is a directory)")
    sys.exit(_write(path, target, offline, registry_path))


def _write(path: Path, target: Path, offline: bool, registry_path: str | None) -> int:
    from licensecheck import __version__, hubresolve
    from licensecheck import lock as lockmod
    from licensecheck import manifest as manifest_mod
    from licensecheck.huboverlay import close_sources, make_sources
    from licensecheck.hubrecord import HubFailure, HubRecord, utc_now
    from licensecheck.registry import Registry

    parsed = manifest_mod.load(path)
    registry = Registry(Path(registry_path) if registry_path else None)
    # A lock records what the Hub says now: answers are asked afresh, not read from the cache.
    sources = make_sources(offline=offline, read_cache=offline)
    try:
        found = hubresolve.closure(hubresolve.manifest_wanted(parsed), registry, sources)
    finally:
        close_sources(sources)
    written = lockmod.build(
        path,
        found.values(),
        generated=utc_now(),
        tool_version=__version__,
        registry_version=registry.version,
        endpoint=sources.settings.endpoint,
    )
    lockmod.write(target, written)
    failures = [x for x in found.values() if isinstance(x, HubFailure)]
    records = [x for x in written.lookups if isinstance(x, HubRecord)]
    show(f"licensecheck: wrote {target} ({len(records)} Hub {'id' if len(records) == 1 else 'ids'})")
    for x in records:
        licence = ", ".join(x.licenses) or "no licence"
        bases = f"; base {', '.join(x.base_models)}" if x.base_models else ""
        show(f"  {x.kind} {x.ref}: {licence}{bases} (revision {x.sha or '?'})")
    if failures:
        n = len(failures)
        say(f"licensecheck: {n} {'lookup' if n == 1 else 'lookups'} failed, not locked; `check` asks again:")
    for failure in failures:
        say(f"  {failure.kind} {failure.ref}: lookup failed: {failure.reason}")
    return EXIT_FAILED if failures else EXIT_OK


def _verify(path: Path, target: Path) -> int:
    """Ask the Hub about every locked id; print each difference; 1 if there is any."""
    from licensecheck.huboverlay import close_sources, make_sources, require_fresh_lock
    from licensecheck.hubrecord import Wanted

    locked = require_fresh_lock(path, target)
    sources = make_sources(offline=False, read_cache=False)
    if sources.settings.offline:
        raise click.UsageError("--verify asks the Hub: it cannot run with HF_HUB_OFFLINE set")
    try:
        fresh = sources([Wanted(x.kind, x.ref) for x in locked.lookups])
    finally:
        close_sources(sources)
    differences = [line for x in locked.lookups for line in differences_of(x, fresh[Wanted(x.kind, x.ref)])]
    count = len(locked.lookups)
    if not differences:
        show(f"licensecheck: {target} agrees with the Hub ({count} {'id' if count == 1 else 'ids'})")
        return EXIT_OK
    say(f"licensecheck: {target} disagrees with the Hub at {sources.settings.endpoint}:")
    for line in differences:
        say(f"  {line}")
    say("Run `licensecheck lock` to record what the Hub says now, and review the change.")
    return EXIT_FAILED


def differences_of(locked: Lookup, fresh: Lookup) -> list[str]:
    """What the lock says that the Hub no longer does, one line per field."""
    from licensecheck.hubrecord import HubFailure

    subject = f"{locked.kind} {locked.ref}"
    if isinstance(fresh, HubFailure):
        if isinstance(locked, HubFailure):
            return []  # it failed then and fails now: still needs review, nothing to correct
        return [f"{subject}: cannot be verified: {fresh.reason}"]
    if isinstance(locked, HubFailure):
        return [f"{subject}: the lock records a failed lookup ({locked.reason}); the Hub now answers"]
    mine, theirs = locked.to_json(), fresh.to_json()
    return [
        f"{subject}: {name}: the lock says {_shown(mine.get(name))}, the Hub says {_shown(theirs.get(name))}"
        for name in VERIFIED
        if _same(mine.get(name)) != _same(theirs.get(name))
    ]


# The fields that decide terms or identify the revision (not when it was asked or modified).
VERIFIED = (
    "id",
    "license",
    "license_name",
    "license_link",
    "base_models",
    "relation",
    "datasets",
    "gated",
    "sha",
    "problems",
)


def _same(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _shown(value: object) -> str:
    if value is None or value == []:
        return "nothing"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
