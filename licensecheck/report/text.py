"""The human report: findings grouped by verdict, worst first, each with reasons,
obligations and the clauses behind them. Several manifests give one report each,
then the overall verdict.

Every line that quotes a value goes through `visible()`: a name with a line break or a
terminal escape in it is shown escaped, so it can neither start a line of its own (a
forged CI workflow command) nor act on the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.finding import Finding
from licensecheck.result import Result
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

_COLORS = {
    Verdict.PROHIBITED: "\033[1;31m",
    Verdict.NEEDS_REVIEW: "\033[1;33m",
    Verdict.CONDITIONAL: "\033[1;36m",
    Verdict.PERMITTED: "\033[1;32m",
}
_RESET = "\033[0m"
_ORDER = (Verdict.PROHIBITED, Verdict.NEEDS_REVIEW, Verdict.CONDITIONAL, Verdict.PERMITTED)


def render(results: Sequence[Result], *, color: bool = False) -> str:
    reports = [render_one(r, color=color) for r in results]
    if len(results) == 1:
        return reports[0]
    worst = Verdict.worst(r.verdict for r in results)
    failing = [r.manifest for r in results if r.failed]
    summary = f"Overall verdict ({len(results)} manifests): {worst.value}"
    if failing:
        summary += f"; failing: {', '.join(failing)}"
    return "\n".join(reports) + "\n" + visible(summary) + "\n"


def render_one(result: Result, *, color: bool = False) -> str:
    def paint(verdict: Verdict, text: str) -> str:
        return f"{_COLORS[verdict]}{text}{_RESET}" if color else text

    lines = [
        visible(
            f"licensecheck: {result.manifest} (project {result.project}, judged as of"
            f" {result.as_of.isoformat()}, registry {result.registry_version}, policy {result.policy})"
        ),
    ]
    if not result.findings:
        lines.append("No teachers, base model or datasets are declared: nothing to judge.")
    for gap in result.gaps:
        lines += ["", paint(Verdict.NEEDS_REVIEW, "NEEDS-REVIEW (the run)"), visible(f"  - {gap}")]
    for verdict in _ORDER:
        group = [f for f in result.findings if f.verdict is verdict]
        if not group:
            continue
        lines.append("")
        lines.append(paint(verdict, f"{verdict.value.upper()} ({len(group)})"))
        for f in group:
            lines.extend(visible(line) for line in _finding(f, result.manifest))
    for w in result.unused_waivers:
        lines.append("")
        lines.append(visible(f"note: the waiver for {w.subject} (line {w.line}) matches no subject."))
    lines.append("")
    lines.append(f"Verdict: {paint(result.verdict, result.verdict.value)}")
    return "\n".join(lines) + "\n"


def _finding(f: Finding, manifest: str) -> list[str]:
    where = f"{manifest}:{f.line}" if f.line else manifest
    terms = f.terms or "no known terms"
    head = f"  {f.subject} [{f.role.value}] under {terms}  ({where})"
    out = [head]
    if f.waiver is not None:
        w = f.waiver.waiver
        if f.waiver.waived:
            out.append(
                f"    waived: was {f.waiver.original.value}; approved by {w.approved_by}"
                f" until {w.expires.isoformat()}: {w.reason}"
            )
        else:
            out.append(f"    waiver expired on {w.expires.isoformat()} (approved by {w.approved_by})")
    out += [f"    - {r}" for r in f.reasons]
    out += [f"    obligation: {o}" for o in f.obligation_texts]
    for c in f.citations:
        out.append(f"    cites {c.terms} {c.where}: \u201c{_short(c.quote)}\u201d <{c.url}>")
    return out


def _short(quote: str, limit: int = 160) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "\u2026"
