"""`licensecheck waivers`: every waiver of the manifests, with the days it has left.

A waiver that quietly expires turns a passing gate red on the day it lapses; one that
nobody renews on time is a decision nobody took. This lists them all and fails (exit 1)
when one has expired or expires within `--warn-days`, so a scheduled CI job can warn the
approvers in time.
"""

from __future__ import annotations

import datetime
import sys
from typing import Any

import click

from licensecheck.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    as_of_option,
    emit,
    emit_json,
    handles_errors,
    load_all,
    output_option,
    policy_option,
)


@click.command()
@click.argument("manifests", nargs=-1, metavar="[MANIFEST]...")
@click.option(
    "--warn-days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Fail (exit 1) when a waiver has expired or expires within this many days.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@as_of_option("Count the days left from DATE (YYYY-MM-DD); default today.")
@policy_option
@output_option("the list")
@handles_errors
def waivers(
    manifests: tuple[str, ...],
    warn_days: int,
    output_format: str,
    as_of: datetime.date,
    policy_path: str | None,
    output: str | None,
) -> None:
    """List the waivers of each MANIFEST (default ./licensecheck.yaml) with the days each
    has left; exit 1 when one has expired or expires within --warn-days, 0 otherwise, 2 on
    bad input (including a waiver longer than the policy allows)."""
    from licensecheck import manifest as manifest_mod
    from licensecheck.cli.checkrun import policies_for

    parsed_all = load_all(list(manifests) or ["licensecheck.yaml"], manifest_mod.load)
    terms_known = None
    if any(w.terms for parsed in parsed_all for w in parsed.waivers):
        # A waiver scoped to terms the registry does not hold is bad input here as in `check`.
        from licensecheck.registry import Registry

        registry = Registry()
        terms_known = lambda terms: registry.terms(terms) is not None  # noqa: E731
    rows: list[dict[str, Any]] = []
    for parsed, policy in zip(parsed_all, policies_for(parsed_all, policy_path, None), strict=True):
        policy.check_waivers(parsed, as_of, terms_known)
        for w in parsed.waivers:
            left = (w.expires - as_of).days
            status = "expired" if left < 0 else ("expiring" if left <= warn_days else "valid")
            rows.append(
                {
                    "manifest": parsed.file,
                    "line": w.line,
                    "subject": w.subject,
                    "approved_by": w.approved_by,
                    "approved_on": w.approved_on.isoformat() if w.approved_on else None,
                    "expires": w.expires.isoformat(),
                    "days_left": left,
                    "status": status,
                    "reason": w.reason,
                }
            )
    rows.sort(key=lambda r: (r["days_left"], r["manifest"], r["line"] or 0))
    failing = [r for r in rows if r["status"] != "valid"]
    if output_format == "json":
        emit_json(
            {"as_of": as_of.isoformat(), "warn_days": warn_days, "failed": bool(failing), "waivers": rows},
            output,
        )
    else:
        emit(_text(rows, as_of, warn_days), output)
    sys.exit(EXIT_FAILED if failing else EXIT_OK)


def _text(rows: list[dict[str, Any]], as_of: datetime.date, warn_days: int) -> str:
    if not rows:
        return "No waivers.\n"
    lines = []
    for r in rows:
        left = r["days_left"]
        when = f"expired {-left} days ago" if left < 0 else f"{left} days left"
        approved = f" on {r['approved_on']}" if r["approved_on"] else ""
        lines.append(
            f"{r['status']:<8}  {r['subject']}  ({r['manifest']}:{r['line']})  expires {r['expires']},"
            f" {when}; approved by {r['approved_by']}{approved}: {r['reason']}"
        )
    failing = sum(1 for r in rows if r["status"] != "valid")
    lines.append("")
    lines.append(
        f"{len(rows)} waiver{'s' * (len(rows) != 1)} as of {as_of.isoformat()}; {failing} expired or"
        f" expiring within {warn_days} days"
    )
    return "\n".join(lines) + "\n"
