"""`licensecheck schema`: print the manifest's JSON Schema, for editors and CI."""

from __future__ import annotations

import json

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema of licensecheck.yaml."""
    from licensecheck.manifest import schema as manifest_schema

    click.echo(json.dumps(manifest_schema(), indent=2))
