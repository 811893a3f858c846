"""An audit's run, once its arguments are read (by Click in cli/audit.py, or without it in
cli/fastaudit.py): judged as `check` judges, written as it is made. Imports no Click."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from licensecheck.cli.console import (
    EXIT_FAILED,
    EXIT_OK,
    echo,
    echo_encoded,
    load_all,
    refuse_overwriting_inputs,
    say,
    utf8_stdout,
    write_report,
)


def run(
    manifests: tuple[str, ...],
    *,
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
    """Write the audit of each manifest and exit: 0, or 1 when a report failed."""
    from licensecheck import audit as audit_mod
    from licensecheck import manifest as manifest_mod
    from licensecheck.cli.checkrun import judge, policies_for
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry
    from licensecheck.report import audit_encoded, audit_parts
    from licensecheck.verdict import Verdict

    paths = list(manifests) or ["licensecheck.yaml"]
    svg_paths = _svg_paths(output, len(paths)) if output and output_format == "markdown" else []
    refuse_overwriting_inputs(
        [output, *svg_paths], [*paths, policy_path, sign_off_path, *(lock_path(Path(p)) for p in paths)]
    )
    sign_off = None
    if sign_off_path:
        from licensecheck import signoff

        sign_off = signoff.load(sign_off_path)
    parsed_all = load_all(paths, manifest_mod.load)
    policies = policies_for(parsed_all, policy_path, fail_on)
    registry = Registry(Path(registry_path) if registry_path else None)
    reports = []
    for parsed, policy in zip(parsed_all, policies, strict=True):  # judged as `check` judges them
        result, judged_with = judge(parsed, registry, policy, as_of, offline=offline, locked=locked)
        reports.append(audit_mod.build(result, judged_with, policy, sign_off=sign_off))
    # Written as it is made (as `check` writes its report): a large page is never held whole.
    svg_hrefs = [p.name for p in svg_paths]
    worst = Verdict.worst(r.verdict for r in reports)
    stdout = utf8_stdout() if output is None else None
    encoded = (
        None
        if stdout is None
        else audit_encoded(output_format, reports, svg_hrefs=svg_hrefs, errors=stdout[1])
    )
    if stdout is not None and encoded is not None:  # (a page encoded faster than its text)
        echo_encoded(encoded, *stdout)
    elif output is None:
        for piece in audit_parts(output_format, reports, svg_hrefs=svg_hrefs):
            echo(piece, nl=False)
    else:
        pieces = audit_parts(output_format, reports, svg_hrefs=svg_hrefs)
        from licensecheck.report import groups, lineage_svg

        if svg_paths:  # Markdown links its diagrams (drawn as it groups); HTML and JSON hold them inline
            for report, svg_path in zip(reports, svg_paths, strict=True):
                write_report(svg_path, lineage_svg.for_audit(report, groups.drawn(report)) + "\n")
        write_report(Path(output), pieces)
        say(f"licensecheck: wrote {output} (verdict: {worst.value})")
    sys.exit(EXIT_FAILED if any(r.failed for r in reports) else EXIT_OK)


def _svg_paths(output: str, count: int) -> list[Path]:
    """Where a Markdown report's lineage diagrams go: beside it, one per manifest."""
    if count == 1:
        return [Path(f"{output}.lineage.svg")]
    return [Path(f"{output}.lineage-{n}.svg") for n in range(1, count + 1)]
