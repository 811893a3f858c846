"""`licensecheck lock`: resolve a manifest's Hub ids and write licensecheck.lock."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from licensecheck.cli.common import EXIT_FAILED, EXIT_OK, handles_errors, registry_option


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option("--offline", is_flag=True, help="Use the disk cache only; make no request to the Hub.")
@registry_option
@handles_errors
def lock(manifest: str, offline: bool, registry_path: str | None) -> None:
    """Resolve MANIFEST's Hub repositories and their lineage, and write licensecheck.lock.

    The lock sits next to the manifest and records what each id the registry does not
    list resolved to on the Hub: licence fields, base models, revision sha and date.
    `check` uses it instead of the Hub while the manifest is unchanged; commit it.
    Exit 0 when every lookup succeeded, 1 when some failed (recorded, needs review).
    """
    from licensecheck import __version__, hubresolve
    from licensecheck import lock as lockmod
    from licensecheck import manifest as manifest_mod
    from licensecheck.hub import HubFailure, utc_now
    from licensecheck.huboverlay import close_sources, make_sources
    from licensecheck.registry import Registry

    path = Path(manifest)
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
    target = lockmod.lock_path(path)
    lockmod.write(target, written)
    failures = [x for x in written.lookups if isinstance(x, HubFailure)]
    click.echo(
        f"licensecheck: wrote {target} ({len(written.lookups)} Hub "
        f"{'id' if len(written.lookups) == 1 else 'ids'}, {len(failures)} failed)"
    )
    for x in written.lookups:
        if isinstance(x, HubFailure):
            click.echo(f"  {x.kind} {x.ref}: lookup failed: {x.reason}", err=True)
        else:
            licence = ", ".join(x.licenses) or "no licence"
            bases = f"; base {', '.join(x.base_models)}" if x.base_models else ""
            click.echo(f"  {x.kind} {x.ref}: {licence}{bases} (revision {x.sha or '?'})")
    sys.exit(EXIT_FAILED if failures else EXIT_OK)
