"""The `licensecheck` command group."""

from __future__ import annotations

import importlib

import click

from licensecheck import __version__

# Each command's module, imported only when that command runs (or --help lists them all):
# `check` in a pre-commit hook pays for its own imports, not for every command's.
COMMANDS = {
    "check": "licensecheck.cli.check",
    "audit": "licensecheck.cli.audit",
    "sbom": "licensecheck.cli.sbom",
    "explain": "licensecheck.cli.explain",
    "lock": "licensecheck.cli.lock",
    "resolve": "licensecheck.cli.resolve",
    "init": "licensecheck.cli.init",
    "schema": "licensecheck.cli.schema",
    "registry": "licensecheck.cli.registry",
    "waivers": "licensecheck.cli.waivers",
    "scan": "licensecheck.cli.scan",
}


class LazyGroup(click.Group):
    """A group whose commands are looked up in COMMANDS when first named."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            command = getattr(importlib.import_module(COMMANDS[cmd_name]), cmd_name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="licensecheck")
def cli() -> None:
    """licensecheck: may we train on this?

    Judges a training project's teacher models, base model and datasets
    (licensecheck.yaml) against a registry of model licences and terms of service.
    """


def main() -> None:
    cli()
