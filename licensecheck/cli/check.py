"""`licensecheck check`: the fast gate for pre-commit and CI."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from licensecheck.cli.common import EXIT_FAILED, EXIT_OK, handles_errors, parse_date, use_color


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False),
    help="A policy file to use instead of the default.",
)
@click.option(
    "--as-of",
    "as_of",
    callback=parse_date,
    metavar="DATE",
    help="Judge as of this date (YYYY-MM-DD); default today.",
)
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(file_okay=False),
    hidden=True,
    help="Use another registry directory.",
)
@handles_errors
def check(
    manifest: str,
    output_format: str,
    policy_path: str | None,
    as_of: datetime.date,
    registry_path: str | None,
) -> None:
    """Judge MANIFEST (default ./licensecheck.yaml): may this project train on what it declares?

    Exit 0 when the verdict is permitted or conditional, 1 when it is prohibited or
    needs review, 2 when the input is bad and nothing was judged.
    """
    from licensecheck import manifest as manifest_mod
    from licensecheck import policy as policy_mod
    from licensecheck.engine import evaluate
    from licensecheck.registry import Registry
    from licensecheck.report import renderer

    parsed = manifest_mod.load(manifest)
    policy = policy_mod.load(policy_path)
    registry = Registry(Path(registry_path) if registry_path else None)
    result = evaluate(parsed, registry, policy, as_of)
    click.echo(renderer(output_format, color=use_color())(result), nl=False)
    sys.exit(EXIT_FAILED if result.failed else EXIT_OK)
