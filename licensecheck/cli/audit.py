"""`licensecheck audit`: the full report for legal reviewers (Markdown, HTML or JSON). Its
arguments are read here; the run itself is cli/auditrun.py, which plain arguments reach
without Click (cli/fastaudit.py)."""

from __future__ import annotations

import datetime

import click

from licensecheck.cli.common import (
    as_of_option,
    handles_errors,
    locked_option,
    offline_option,
    policy_option,
    registry_option,
)
from licensecheck.report import AUDIT_FORMATS, describe


@click.command()
@click.argument("manifests", nargs=-1, metavar="[MANIFEST]...")
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
    " diagram is written beside it as FILE's name + .lineage.svg (.lineage-N.svg for the"
    " N-th of several manifests).",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["prohibited", "needs-review", "conditional"]),
    help="Fail (exit 1) at this verdict or worse; default: the policy's fail_on (needs-review).",
)
@click.option(
    "--sign-off",
    "sign_off_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A reviewer's sign-off (YAML: reviewer, date, decision, notes, reference) to print in the"
    " report's review block; its SHA-256 goes in the provenance.",
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
    manifests: tuple[str, ...],
    output_format: str,
    output: str | None,
    fail_on: str | None,
    sign_off_path: str | None,
    as_of: datetime.date,
    policy_path: str | None,
    offline: bool,
    locked: bool,
    registry_path: str | None,
) -> None:
    """Write the audit report of each MANIFEST (default ./licensecheck.yaml) for legal review.

    Per subject: verdict, governing terms (version, effective date), the rules that
    fired, reasons and quoted clauses; an obligations checklist; waivers; a lineage
    diagram; and the tool, registry and policy versions that reproduce it.

    Exit 0 when the verdict is permitted or conditional, 1 when it is prohibited or
    needs review, 2 when the input is bad and nothing was judged. Several manifests give
    one document (the overall verdict, then each report); the worst of them decides.
    """
    from licensecheck.cli.auditrun import run

    run(
        manifests,
        output_format=output_format,
        output=output,
        fail_on=fail_on,
        sign_off_path=sign_off_path,
        as_of=as_of,
        policy_path=policy_path,
        offline=offline,
        locked=locked,
        registry_path=registry_path,
    )
