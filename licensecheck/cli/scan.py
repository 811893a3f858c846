"""`licensecheck scan [PATH]`: the models, datasets and APIs the code and configs use, and the
marks in the declared local data, against what the manifest declares."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from licensecheck.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    emit,
    emit_json,
    handles_errors,
    output_option,
    registry_option,
)
from licensecheck.errors import InputError


@click.command()
@click.argument("path", required=False, default=".", type=click.Path())
@click.option(
    "--manifest",
    "manifest_path",
    type=click.Path(dir_okay=False),
    help="The manifest to compare with (default: PATH/licensecheck.yaml when there is one).",
)
@click.option(
    "--data",
    "with_data",
    is_flag=True,
    help="Also sample each local dataset (declared by path, or used by the code) for the marks of"
    " model-written text.",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="PATTERN",
    help="Leave out files and directories whose path (relative to PATH) matches PATTERN (repeatable).",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@output_option("the report")
@registry_option
@handles_errors
def scan(
    path: str,
    manifest_path: str | None,
    with_data: bool,
    exclude: tuple[str, ...],
    output_format: str,
    output: str | None,
    registry_path: str | None,
) -> None:
    """Find the models, datasets and model APIs that PATH's code uses (default: .) and say which
    the manifest does not declare.

    Python files are read with `ast` (never run), notebooks by their code cells, trainer
    configs (TRL, Axolotl, LLaMA-Factory, torchtune, OpenRLHF, LiteLLM) by their keys. A
    call through a router is a use of the provider's model. Exit 0 when everything found
    is declared, 1 when something is undeclared, unresolved or unreadable, or (--data) a
    dataset carries marks of a provider its declared generators do not include; 2 on bad
    input.
    """
    from licensecheck import manifest as manifest_mod
    from licensecheck.discover import MANIFEST
    from licensecheck.registry import Registry
    from licensecheck.scan import render
    from licensecheck.scan.run import lineage_of
    from licensecheck.scan.run import scan as run_scan

    root = Path(path)
    if not root.exists():
        raise InputError(path, None, "no such file or directory")
    if manifest_path is None and root.is_dir() and (root / MANIFEST).is_file():
        manifest_path = str(root / MANIFEST)
    manifest = manifest_mod.load(manifest_path) if manifest_path else None
    registry_root = Path(registry_path) if registry_path else None
    lineage = lineage_of(Registry(registry_root)) if with_data else {}
    result = run_scan(
        root,
        manifest,
        shown_root=path,
        with_data=with_data,
        exclude=exclude,
        registry_root=registry_root,
        lineage=lineage,
    )
    if output_format == "json":
        emit_json(render.to_json(result), output)
    else:
        emit(render.to_text(result), output)
    sys.exit(EXIT_FAILED if result.needs_review else EXIT_OK)
