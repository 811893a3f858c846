"""`licensecheck check`: the fast gate for pre-commit and CI."""

from __future__ import annotations

import datetime
import sys

import click
from click import UsageError

from licensecheck.cli.common import (
    as_of_option,
    handles_errors,
    locked_option,
    offline_option,
    policy_option,
    registry_option,
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
    from licensecheck.cli import checkrun

    try:
        code = checkrun.run(
            manifests,
            all_manifests,
            exclude,
            output_format,
            output_path,
            fail_on,
            detail,
            policy_path,
            as_of,
            offline,
            locked,
            registry_path,
            with_scan,
        )
    except checkrun.UsageProblem as exc:
        raise UsageError(str(exc)) from None
    sys.exit(code)
