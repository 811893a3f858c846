"""The scan's report: text (per file and line) and JSON (the shape docs/scan.md documents).

Every value quoted from the scanned files goes through `visible()`: a model id with a line
break or a terminal escape is shown escaped, never acted on."""

from __future__ import annotations

from collections import Counter
from typing import Any

from licensecheck.scan.compare import DataOutcome, Outcome, Status
from licensecheck.scan.run import ScanResult
from licensecheck.visible import visible

JSON_VERSION = 1
_LABEL = {
    Status.UNDECLARED: "UNDECLARED",
    Status.UNRESOLVED: "UNRESOLVED",
    Status.CLOUD: "UNDECLARED CLOUD",
    Status.DECLARED: "declared",
    Status.LOCAL: "local",
    Status.IGNORED: "ignored",
}


def to_json(result: ScanResult) -> dict[str, Any]:
    counts = Counter(o.status.value for o in result.outcomes)
    return {
        "licensecheck": 1,
        "scan": JSON_VERSION,
        "root": result.root,
        "manifest": result.manifest,
        "needs_review": result.needs_review,
        "files": {"listed": result.files, "read": result.read, "truncated": result.truncated},
        "summary": {
            **{s.value: counts.get(s.value, 0) for s in Status},
            "datasets_need_review": sum(1 for d in result.data if d.needs_review),
            "problems_need_review": sum(1 for p in result.problems if p.candidate),
        },
        "uses": [o.to_json() for o in result.outcomes],
        "data_scanned": result.data_scanned,
        "threshold_per_1000": result.threshold,
        "data": [_data_json(d, result.threshold) for d in result.data],
        "problems": [p.to_json() for p in result.problems],
    }


def _data_json(d: DataOutcome, threshold: float) -> dict[str, Any]:
    return {
        "dataset": d.dataset,
        "declared": not d.found_in,
        "found_in": list(d.found_in),
        "line": d.line,
        "generated_by": list(d.generators),
        "needs_review": d.needs_review,
        "unexplained_providers": list(d.unexplained),
        "unnamed_model": d.unnamed,
        "reasons": list(d.reasons),
        "problem": d.problem,
        "files": [f.to_json(threshold) for f in d.files],
    }


def to_text(result: ScanResult) -> str:
    head = f"licensecheck scan: {result.root}"
    head += f" (manifest {result.manifest}" if result.manifest else " (no manifest: nothing is declared"
    head += f"; {_count(result.files, 'file')} listed, {result.read} read)"
    lines = [visible(head)]
    if result.outcomes:
        lines.append("")
    width = max((len(str(o.use.where)) for o in result.outcomes), default=0)
    for o in result.outcomes:
        lines.append(visible(_use_line(o, width)))
    if result.data_scanned:
        lines += [
            "",
            "Data (a sample of each local dataset, for marks of model-written text):",
        ]
        if not result.data:
            lines.append("  no local dataset is declared by path or used by the code")
        for d in result.data:
            lines += [visible(line) for line in _data_lines(d, result.threshold)]
    if result.problems:
        lines += ["", "Files not read:"]
        for p in result.problems:
            tail = "  (needs review: it may use a model or dataset)" if p.candidate else ""
            lines.append(visible(f"  {p.file}: {p.problem}{tail}"))
    if result.truncated:
        lines.append("  the scan stopped at its file limit: files beyond it were not read (needs review)")
    lines += ["", _summary(result)]
    return "\n".join(lines) + "\n"


def _use_line(o: Outcome, width: int) -> str:
    use = o.use
    where = str(use.where)
    label = _LABEL[o.status]
    if use.value is None:
        via = f" via {use.via}" if use.via else ""
        return f"  {where:<{width}}  {label:<16} {use.kind.value:<7} ?{via}  ({use.how}: {use.unresolved})"
    shown = use.ref or use.value
    via = f" via {use.via}" if use.via else ""
    detail = [use.how]
    if use.ref and use.value != use.ref:
        detail.insert(0, f"as written: {use.value}")
    if use.note:
        detail.append(use.note)
    if o.declared is not None:
        at = f", line {o.declared.line}" if o.declared.line else ""
        detail.append(f"declared as {o.declared.role} {o.declared.shown}{at}")
    if o.status is Status.CLOUD:
        detail.append(o.reason)
    return f"  {where:<{width}}  {label:<16} {use.kind.value:<7} {shown}{via}  ({'; '.join(detail)})"


def _data_lines(d: DataOutcome, threshold: float) -> list[str]:
    generators = ", ".join(d.generators) or "none"
    state = "NEEDS REVIEW" if d.needs_review else "no unexplained marks"
    at = f", line {d.line}" if d.line else ""
    said = (
        f"declared{at}; generated_by: {generators}"
        if not d.found_in
        else f"not declared; used in {d.found_in[0]}"
    )
    out = [f"  {d.dataset} ({said}): {state}"]
    if d.problem:
        out.append(f"    {d.problem}")
    for f in d.files:
        how = f.sampled or "read whole"
        out.append(f"    {f.file}: {f.records} records, {how}" + (f"; {f.problem}" if f.problem else ""))
        for m in f.ordered_marks():
            who = m.provider or "stock phrases (no provider)"
            rate = m.per_1000(f.records)
            below = "" if rate >= threshold else f" (below the {threshold:g} per 1,000 threshold)"
            out.append(f"      {who}: {_count(m.records, 'record')}, {rate:.1f} per 1,000{below}")
            for e in m.examples:
                number = "?" if e.record is None else f"{'~' if e.approximate else ''}{e.record}"
                out.append(f"        record {number}: \u201c{e.text}\u201d")
    out += [f"    - {r}" for r in d.reasons]
    return out


def _summary(result: ScanResult) -> str:
    counts = Counter(o.status for o in result.outcomes)
    review = sum(n for s, n in counts.items() if s.needs_review)
    parts = []
    if review:
        detail = ", ".join(f"{counts[s]} {s.value}" for s in Status if s.needs_review and counts[s])
        parts.append(f"{review} use{'s' * (review != 1)} need{'s' * (review == 1)} review ({detail})")
    for s in (Status.DECLARED, Status.LOCAL, Status.IGNORED):
        if counts[s]:
            parts.append(f"{counts[s]} {s.value}")
    data_review = sum(1 for d in result.data if d.needs_review)
    if data_review:
        parts.append(f"{data_review} dataset{'s' * (data_review != 1)} with unexplained marks")
    problems = sum(1 for p in result.problems if p.candidate)
    if problems:
        parts.append(f"{problems} file{'s' * (problems != 1)} not read")
    if not parts:
        parts.append("no model, dataset or API use found")
    verdict = "needs review" if result.needs_review else "everything found is declared"
    return "; ".join(parts) + f"\nResult: {verdict}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
