"""`licensecheck sbom`: a bill of materials of the training inputs (SPDX 2.3, CycloneDX 1.6 or
SPDX 3.0.1), built from the same result as `check` and validated before it is written."""

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
from licensecheck.errors import LicensecheckError


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write the document; '-' for standard output (JSON). For SPDX 2.3 the file name"
    " chooses the serialization: .json (SPDX JSON), .yaml/.yml, .xml, .spdx (tag-value), .rdf.xml;"
    " CycloneDX and SPDX 3 are JSON (.json, .jsonld).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["spdx", "cyclonedx", "spdx3"]),
    default="spdx",
    show_default=True,
    help="spdx: SPDX 2.3; cyclonedx: CycloneDX 1.6 ML-BOM; spdx3: SPDX 3.0.1 JSON-LD"
    " (AI and Dataset classes).",
)
@as_of_option(
    "Declare the terms in force on DATE (YYYY-MM-DD) for inputs without dates of use; default today."
    " The document is dated DATE too (SOURCE_DATE_EPOCH overrides that)."
)
@policy_option
@offline_option
@locked_option
@registry_option
@handles_errors
def sbom(
    manifest: str,
    output: str,
    output_format: str,
    as_of: datetime.date,
    policy_path: str | None,
    offline: bool,
    locked: bool,
    registry_path: str | None,
) -> None:
    """Write a bill of materials of MANIFEST's training inputs.

    The student, its base model, teachers, datasets, the models that generated the
    datasets and the models they derive from, each with its licence and the terms
    `check` applied, and their relationships; CycloneDX and SPDX 3 add each input's
    verdict and obligations (docs/sbom.md). The document is validated before it is
    written (spdx-tools, cyclonedx-python-lib, the SPDX 3.0.1 SHACL model). Exit 0 on
    success, 2 on bad input (nothing is written).
    """
    import licensecheck.sbom as sbom_mod
    from licensecheck import manifest as manifest_mod
    from licensecheck.cli.checkrun import policies_for
    from licensecheck.engine import evaluate
    from licensecheck.huboverlay import hub_overlay
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry

    refuse_overwriting_inputs([output], [manifest, policy_path, lock_path(Path(manifest))])
    if output_format != "spdx" and output != "-" and not output.endswith((".json", ".jsonld")):
        raise LicensecheckError(
            f"{output}: {output_format} documents are JSON; name the file .json or .jsonld"
        )
    parsed = manifest_mod.load(manifest)
    (policy,) = policies_for([parsed], policy_path, None)
    registry = Registry(Path(registry_path) if registry_path else None)
    # As `check` does: Hub ids the catalogue does not list are looked up, then the engine
    # judges; the document states the terms it applied.
    registry = hub_overlay(parsed.file, parsed, registry, offline=offline, locked=locked)
    result = evaluate(parsed, registry, policy, as_of)
    if output_format == "spdx":
        document = sbom_mod.build(result, registry)
        if output == "-":
            click.echo(sbom_mod.to_json_text(document), nl=False)
            return
        sbom_mod.write(document, output)
        _wrote(output, len(document.packages), "package", sbom_mod.SPDX_VERSION)
        return
    if output_format == "cyclonedx":
        from licensecheck.sbom_cyclonedx import document as json_document
    else:
        from licensecheck.sbom_spdx3 import document as json_document
    written = json_document(result, registry)
    if output == "-":
        click.echo(written.text, nl=False)
        return
    written.write(output)
    _wrote(output, written.count, written.noun, written.spec)


def _wrote(output: str, count: int, noun: str, version: str) -> None:
    say(f"licensecheck: wrote {output} ({count} {noun}{'s' * (count != 1)}, {version})")
