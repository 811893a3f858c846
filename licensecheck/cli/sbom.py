"""`licensecheck sbom`: an SPDX 2.3 document of the training inputs, validated before it is written."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from licensecheck.cli.common import (
    as_of_option,
    handles_errors,
    locked_option,
    offline_option,
    policy_option,
    refuse_overwriting_inputs,
    registry_option,
    say,
)


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write the SPDX document; '-' for standard output (JSON). The file name"
    " chooses the serialization: .json (SPDX JSON), .yaml/.yml, .xml, .spdx (tag-value), .rdf.xml.",
)
@as_of_option(
    "Declare the terms in force on DATE (YYYY-MM-DD) for inputs without dates of use; default today."
)
@policy_option
@offline_option
@locked_option
@registry_option
@handles_errors
def sbom(
    manifest: str,
    output: str,
    as_of: datetime.date,
    policy_path: str | None,
    offline: bool,
    locked: bool,
    registry_path: str | None,
) -> None:
    """Write an SPDX 2.3 document of MANIFEST's training inputs.

    The student, its base model, teachers, datasets, the models that generated the
    datasets and the models they derive from, each with its declared licence, and
    their relationships. The document is validated with spdx-tools before it is
    written. Exit 0 on success, 2 on bad input (nothing is written).
    """
    import licensecheck.sbom as sbom_mod
    from licensecheck import manifest as manifest_mod
    from licensecheck import policy as policy_mod
    from licensecheck.engine import evaluate
    from licensecheck.huboverlay import hub_overlay
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry

    refuse_overwriting_inputs([output], [manifest, policy_path, lock_path(Path(manifest))])
    parsed = manifest_mod.load(manifest)
    policy = policy_mod.load(policy_path)
    registry = Registry(Path(registry_path) if registry_path else None)
    # As `check` does: Hub ids the catalogue does not list are looked up, then the engine
    # judges; the document states the terms it applied.
    registry = hub_overlay(parsed.file, parsed, registry, offline=offline, locked=locked)
    document = sbom_mod.build(evaluate(parsed, registry, policy, as_of), registry)
    if output == "-":
        click.echo(sbom_mod.to_json_text(document), nl=False)
        return
    sbom_mod.write(document, output)
    count = len(document.packages)
    say(f"licensecheck: wrote {output} ({count} package{'s' * (count != 1)}, SPDX-2.3)")
