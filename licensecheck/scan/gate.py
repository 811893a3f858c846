"""`check --scan`: what the scan says needs review, added to a judged Result.

The engine judges what the manifest declares; this runs the scan beside the manifest and
adds, after the engine, a `needs-review` finding for each model, dataset or API the code
uses but the manifest does not declare (one per reference, every location given), each
value the code computes, each declared dataset whose marks point to a provider its
generators do not include, and a gap for each file that could not be read. Declared uses
add nothing. A scan never makes anything `permitted`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from licensecheck.finding import Finding, Role
from licensecheck.lineage import Resolution
from licensecheck.manifest import Manifest
from licensecheck.registry import Registry
from licensecheck.result import Result, SubjectResult
from licensecheck.scan.compare import Outcome, Status
from licensecheck.scan.model import Kind
from licensecheck.scan.run import ScanResult, lineage_of, scan
from licensecheck.verdict import Verdict

MAX_LOCATIONS = 10  # locations named in one finding's reasons; found_in lists them all
_RULES = {
    Status.UNDECLARED: "scan-undeclared",
    Status.UNRESOLVED: "scan-unresolved",
    Status.CLOUD: "scan-undeclared-cloud",
}


def scan_beside(manifest: Manifest, registry: Registry) -> ScanResult:
    """The scan of the manifest's directory (code and declared local data)."""
    root = Path(manifest.file).resolve().parent
    return scan(
        root,
        manifest,
        shown_root=str(Path(manifest.file).parent),
        with_data=True,
        registry_root=registry.root,
        lineage=lineage_of(registry),
    )


def add_scan(result: Result, found: ScanResult) -> Result:
    extra = [*_use_subjects(found.outcomes, result), *_data_subjects(found, result)]
    gaps = list(result.gaps)
    for p in found.problems:
        if p.candidate:
            gaps.append(f"{p.file}: {p.problem}; what it uses is unknown (licensecheck scan)")
    if found.truncated:
        gaps.append("the scan stopped at its file limit: files beyond it were not read")
    findings = tuple(
        sorted((*result.findings, *(f for s in extra for f in s.findings)), key=Finding.sort_key)
    )
    verdicts = [*(f.verdict for f in findings), *(Verdict.NEEDS_REVIEW for _ in gaps)]
    return dataclasses.replace(
        result,
        findings=findings,
        subjects=(*result.subjects, *extra),
        verdict=Verdict.worst(verdicts),
        gaps=tuple(gaps),
    )


def _use_subjects(outcomes: Sequence[Outcome], result: Result) -> list[SubjectResult]:
    groups: dict[tuple[Role, str, Status], list[Outcome]] = {}
    for o in outcomes:
        if not o.status.needs_review:
            continue
        role = Role.DATASET if o.use.kind is Kind.DATASET else Role.TEACHER
        if o.status is Status.UNRESOLVED:
            what = {"api": "API model", "model": "model", "dataset": "dataset"}[o.use.kind.value]
            subject = f"unresolved {what} at {o.use.where}"
        else:
            subject = o.use.ref or o.use.value or "?"
            if o.use.via:
                subject = f"{subject}" if o.status is not Status.CLOUD else f"{subject} via {o.use.via}"
        groups.setdefault((role, subject, o.status), []).append(o)
    out = []
    for (role, subject, status), found in groups.items():
        reasons = [o.reason for o in found[:MAX_LOCATIONS]]
        if len(found) > MAX_LOCATIONS:
            reasons.append(f"and {len(found) - MAX_LOCATIONS} more places (found_in lists them all)")
        reasons.append(_advice(status, role))
        vias = {o.use.via for o in found if o.use.via}
        finding = Finding(
            subject=subject,
            role=role,
            verdict=Verdict.NEEDS_REVIEW,
            governed=None,
            reasons=tuple(reasons),
            rules=(_RULES[status],),
            via=", ".join(sorted(vias)) or None,
            found_in=tuple(str(o.use.where) for o in found),
        )
        out.append(_subject(finding, result))
    return out


def _advice(status: Status, role: Role) -> str:
    if status is Status.UNRESOLVED:
        return (
            "Declare what it is in licensecheck.yaml, or mark the line `# licensecheck: ignore` once a"
            " person has checked it."
        )
    if status is Status.CLOUD:
        return "Name the cloud in the teacher's `via`, and check its service terms."
    where = "datasets" if role is Role.DATASET else "teachers (or as the base model)"
    return f"Declare it under {where} in licensecheck.yaml, so its terms are judged."


def _data_subjects(found: ScanResult, result: Result) -> list[SubjectResult]:
    out = []
    for d in found.data:
        if not d.needs_review:
            continue
        finding = Finding(
            subject=d.dataset,
            role=Role.DATASET,
            verdict=Verdict.NEEDS_REVIEW,
            governed=None,
            reasons=(
                *d.reasons,
                "Marks in the data are evidence for review, not proof: declare the models that wrote it"
                " in generated_by, or have a person confirm it was not model-written.",
            ),
            rules=("scan-fingerprint",),
            line=d.line,
            found_in=(*d.found_in, *(f.file for f in d.files if f.marks)),
        )
        out.append(_subject(finding, result, line=d.line))
    return out


def _subject(finding: Finding, result: Result, line: int | None = None) -> SubjectResult:
    return SubjectResult(
        ref=finding.subject,
        role=finding.role,
        line=line,
        findings=(finding,),
        resolution=Resolution(finding.subject),
        period=(result.as_of, result.as_of),
        via=finding.via,
    )
