"""`licensecheck audit`: the full report for legal reviewers (Markdown, HTML or JSON)."""

from __future__ import annotations

import dataclasses
import datetime
import sys
from pathlib import Path

import click

from licensecheck.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    as_of_option,
    handles_errors,
    locked_option,
    offline_option,
    policy_option,
    refuse_overwriting_inputs,
    registry_option,
    say,
    write_report,
)
from licensecheck.report import AUDIT_FORMATS, describe


@click.command()
@click.argument("manifest", default="licensecheck.yaml", metavar="[MANIFEST]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(AUDIT_FORMATS)),
    default="markdown",
    show_default=True,
    help=f"Report format: {describe(AUDIT_FORMATS)}.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE instead of standard output. With Markdown, the lineage"
    " diagram is written beside it as FILE's name + .lineage.svg.",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["prohibited", "needs-review", "conditional"]),
    help="Fail (exit 1) at this verdict or worse; default: the policy's fail_on (needs-review).",
)
@as_of_option(
    "Judge under the terms in force on DATE (YYYY-MM-DD) and check waivers against it; default today."
)
@policy_option
@offline_option
@locked_option
@registry_option
@handles_errors
def audit(
    manifest: str,
    output_format: str,
    output: str | None,
    fail_on: str | None,
    as_of: datetime.date,
    policy_path: str | None,
    offline: bool,
    locked: bool,
    registry_path: str | None,
) -> None:
    """Write the audit report of MANIFEST (default ./licensecheck.yaml) for legal review.

    Per subject: verdict, governing terms (version, effective date), the rules that
    fired, reasons and quoted clauses; an obligations checklist; waivers; a lineage
    diagram; and the tool, registry and policy versions that reproduce it.

    Exit 0 when the verdict is permitted or conditional, 1 when it is prohibited or
    needs review, 2 when the input is bad and nothing was judged.
    """
    from licensecheck import audit as audit_mod
    from licensecheck import manifest as manifest_mod
    from licensecheck import policy as policy_mod
    from licensecheck.engine import evaluate
    from licensecheck.huboverlay import hub_overlay
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry
    from licensecheck.report import render_audit
    from licensecheck.verdict import Verdict

    svg_path = Path(f"{output}.lineage.svg") if output and output_format == "markdown" else None
    refuse_overwriting_inputs([output, svg_path], [manifest, policy_path, lock_path(Path(manifest))])
    parsed = manifest_mod.load(manifest)
    policy = policy_mod.load(policy_path)
    if fail_on:
        policy = dataclasses.replace(policy, fail_on=Verdict(fail_on))
    registry = Registry(Path(registry_path) if registry_path else None)
    # As `check` does: Hub ids the catalogue does not list are looked up before judging.
    registry = hub_overlay(parsed.file, parsed, registry, offline=offline, locked=locked)
    result = evaluate(parsed, registry, policy, as_of)
    report = audit_mod.build(result, registry, policy)
    text = render_audit(output_format, report, svg_href=svg_path.name if svg_path else None)
    if output is None:
        click.echo(text, nl=False)
    else:
        if svg_path is not None:
            from licensecheck.report import lineage_svg

            write_report(svg_path, lineage_svg.for_audit(report) + "\n")
        write_report(Path(output), text)
        say(f"licensecheck: wrote {output} (verdict: {result.verdict.value})")
    sys.exit(EXIT_FAILED if result.failed else EXIT_OK)
