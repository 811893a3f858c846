"""`licensecheck schema`: print the manifest's JSON Schema, for editors and CI."""

from __future__ import annotations

import click

from licensecheck.cli.common import emit_json, handles_errors, output_option


@click.command()
@output_option("the schema")
@handles_errors
def schema(output: str | None) -> None:
    """Print the JSON Schema of licensecheck.yaml."""
    from licensecheck.manifest import schema as manifest_schema

    emit_json(manifest_schema(), output)
