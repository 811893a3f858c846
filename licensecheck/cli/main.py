"""The `licensecheck` command group."""

from __future__ import annotations

import click

from licensecheck import __version__
from licensecheck.cli.audit import audit
from licensecheck.cli.check import check
from licensecheck.cli.explain import explain
from licensecheck.cli.init import init
from licensecheck.cli.lock import lock
from licensecheck.cli.registry import registry
from licensecheck.cli.resolve import resolve
from licensecheck.cli.sbom import sbom
from licensecheck.cli.scan import scan
from licensecheck.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="licensecheck")
def cli() -> None:
    """licensecheck: may we train on this?

    Judges a training project's teacher models, base model and datasets
    (licensecheck.yaml) against a registry of model licences and terms of service.
    """


cli.add_command(check)
cli.add_command(audit)
cli.add_command(sbom)
cli.add_command(explain)
cli.add_command(lock)
cli.add_command(resolve)
cli.add_command(init)
cli.add_command(schema)
cli.add_command(scan)
cli.add_command(registry)


def main() -> None:
    cli()
