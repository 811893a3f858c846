"""`licensecheck check`: the fast gate for pre-commit and CI."""

from __future__ import annotations

import dataclasses
import datetime
import sys
from pathlib import Path

import click
from click import UsageError

from licensecheck.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    as_of_option,
    handles_errors,
    load_all,
    locked_option,
    offline_option,
    policy_option,
    refuse_overwriting_inputs,
    registry_option,
    use_color,
    write_report,
)
from licensecheck.report import CHECK_FORMATS, describe


@click.command()
@click.argument("manifests", nargs=-1, metavar="[MANIFEST]...")
@click.option(
    "--all",
    "all_manifests",
    is_flag=True,
    help="Also judge every licensecheck.yaml under the current directory (not what .gitignore ignores).",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="PATTERN",
    help="With --all: leave out manifests whose path matches PATTERN (shell-style; repeatable).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(CHECK_FORMATS)),
    default="text",
    show_default=True,
    help=f"Report format: {describe(CHECK_FORMATS)}.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report in --format to FILE; the text report still goes to stdout.",
)
@click.option(
    "--summary",
    "detail",
    flag_value="summary",
    help="Text: one line per subject (what the pre-commit hook shows).",
)
@click.option(
    "--verbose",
    "detail",
    flag_value="verbose",
    help="Text: quote every clause in full.",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["prohibited", "needs-review", "conditional"]),
    help="Fail (exit 1) at this verdict or worse; default: the policy's fail_on (needs-review).",
)
@click.option(
    "--scan",
    "with_scan",
    is_flag=True,
    help="Also scan the code, notebooks, configs and declared local data beside each manifest:"
    " what they use but the manifest does not declare needs review (docs/scan.md).",
)
@policy_option
@as_of_option()
@offline_option
@locked_option
@registry_option
@handles_errors
def check(
    manifests: tuple[str, ...],
    all_manifests: bool,
    exclude: tuple[str, ...],
    output_format: str,
    output_path: str | None,
    fail_on: str | None,
    detail: str | None,
    with_scan: bool,
    policy_path: str | None,
    as_of: datetime.date,
    offline: bool,
    locked: bool,
    registry_path: str | None,
) -> None:
    """Judge each MANIFEST (default ./licensecheck.yaml): may this project train on what it declares?

    Exit 0 when the verdict is permitted or conditional, 1 when it is prohibited or
    needs review (see --fail-on), 2 when the input is bad and nothing was judged.
    With several manifests the worst of them decides.
    """
    from licensecheck import manifest as manifest_mod
    from licensecheck import policy as policy_mod
    from licensecheck.engine import evaluate
    from licensecheck.huboverlay import hub_overlay
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry
    from licensecheck.report import render_check
    from licensecheck.verdict import Verdict

    paths = _manifest_paths(manifests, all_manifests, exclude)
    refuse_overwriting_inputs([output_path], [*paths, policy_path, *(lock_path(Path(p)) for p in paths)])
    # Every manifest is read before any is judged: one bad one means nothing is reported.
    parsed_all = load_all(paths, manifest_mod.load)
    policy = policy_mod.load(policy_path)
    if fail_on:
        policy = dataclasses.replace(policy, fail_on=Verdict(fail_on))
    registry = Registry(Path(registry_path) if registry_path else None)
    results = []
    for parsed in parsed_all:
        # Hub ids the catalogue does not list become entries before the (pure) engine runs.
        hub_registry = hub_overlay(parsed.file, parsed, registry, offline=offline, locked=locked)
        result = evaluate(parsed, hub_registry, policy, as_of)
        if with_scan:
            from licensecheck.scan.gate import add_scan, scan_beside

            result = add_scan(result, scan_beside(parsed, registry))
        results.append(result)
    if output_path:
        write_report(output_path, render_check(output_format, results))
        output_format = "text"
    click.echo(render_check(output_format, results, color=use_color(), detail=detail or "normal"), nl=False)
    sys.exit(EXIT_FAILED if any(r.failed for r in results) else EXIT_OK)


def _manifest_paths(
    manifests: tuple[str, ...], all_manifests: bool, exclude: tuple[str, ...] = ()
) -> list[str]:
    paths = list(manifests)
    if all_manifests:
        from licensecheck.discover import manifests as discover

        found = discover(Path.cwd(), exclude)
        if not found and not paths:
            raise UsageError(f"--all: no licensecheck.yaml under {Path.cwd()}")
        paths += [str(p) for p in found]
    if not paths:
        paths = ["licensecheck.yaml"]
    # The same file named twice (or also found by --all) is judged once.
    seen: set[Path] = set()
    unique = []
    for p in paths:
        if Path(p).resolve() not in seen:
            seen.add(Path(p).resolve())
            unique.append(p)
    return unique
