"""(manifest, registry, policy, as_of) -> findings. Pure: no network, no clock.

For each subject in each role the engine finds the governing terms (lineage.py),
picks the versions in force, turns terms and project into facts (facts.py) and
lets the policy's rules decide. Two invariants hold whatever the policy says: a
subject or period the registry cannot account for is never better than
needs-review, and a finding no rule decides is needs-review.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from licensecheck import facts as factlib
from licensecheck.lineage import Governing, Resolution, resolve_dataset, resolve_model
from licensecheck.manifest import Dataset, Manifest, Waiver, period_of_use
from licensecheck.policy import Policy
from licensecheck.registry import Registry, Window, clip
from licensecheck.terms import Terms
from licensecheck.verdict import Citation, Finding, Role, Verdict
from licensecheck.verdict import Waiver as WaiverRecord


@dataclass(frozen=True)
class Result:
    manifest: str
    project: str
    as_of: datetime.date
    verdict: Verdict
    findings: tuple[Finding, ...]
    policy: str
    registry_version: str
    # The run fails at this verdict or worse (the policy's fail_on, or check --fail-on).
    fail_on: Verdict
    unused_waivers: tuple[Waiver, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.fail_on <= self.verdict


@dataclass(frozen=True)
class _Subject:
    ref: str
    role: Role
    line: int | None
    purpose: str = "none"
    via: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    context: str | None = None  # e.g. the dataset a generator wrote


def evaluate(manifest: Manifest, registry: Registry, policy: Policy, as_of: datetime.date) -> Result:
    project = manifest.project
    base_resolution = None
    if project.student and project.student.base_model:
        base_resolution = resolve_model(registry, project.student.base_model.text)
    ctx = factlib.ProjectContext(
        project=project, regions=registry.regions, student=base_resolution or Resolution("")
    )

    findings: list[Finding] = []
    for t in manifest.teachers:
        note = None
        if t.via and registry.is_cloud(t.via):
            note = (
                f"{t.via} is a cloud platform whose own service terms also apply; they are not in the"
                " registry, so check them too."
            )
        subject = _Subject(t.model.text, Role.TEACHER, t.line, t.purpose.value, t.via, t.start, t.end, note)
        findings += _judge_model(registry, policy, ctx, subject, as_of)
    if base_resolution is not None and project.student and project.student.base_model:
        subject = _Subject(project.student.base_model.text, Role.BASE_MODEL, project.student.base_model_line)
        findings += _judge(registry, policy, ctx, subject, base_resolution, as_of)
    for d in manifest.datasets:
        findings += _judge_dataset(registry, policy, ctx, d, as_of)

    findings, unused = _apply_waivers(findings, manifest.waivers, as_of)
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    return Result(
        manifest=manifest.file,
        project=project.name,
        as_of=as_of,
        verdict=Verdict.worst([f.verdict for f in ordered]),
        findings=ordered,
        policy=policy.name,
        registry_version=registry.version,
        fail_on=policy.fail_on,
        unused_waivers=unused,
    )


def _judge_model(
    registry: Registry,
    policy: Policy,
    ctx: factlib.ProjectContext,
    subject: _Subject,
    as_of: datetime.date,
) -> list[Finding]:
    return _judge(registry, policy, ctx, subject, resolve_model(registry, subject.ref), as_of)


def _judge(
    registry: Registry,
    policy: Policy,
    ctx: factlib.ProjectContext,
    subject: _Subject,
    resolution: Resolution,
    as_of: datetime.date,
) -> list[Finding]:
    out = [_unknown(policy, ctx, subject, gap) for gap in resolution.gaps]
    judged = []
    for governing in resolution.governing:
        judged += _judge_terms(registry, policy, ctx, subject, resolution, governing, as_of)
    if resolution.governing and not judged:
        # Every governing terms had a window outside the period of use: nothing on record applies.
        gap = f"No terms on record govern {subject.ref} for the period it was used."
        judged.append(_unknown(policy, ctx, subject, gap))
    elif resolution.governing:
        period = period_of_use(subject.start, subject.end, as_of)
        windows = [g.window for g in resolution.governing if _governs_domicile(g, ctx)]
        for low, high in _uncovered(period, windows):
            gap = (
                f"No terms on record govern {subject.ref} from {low.isoformat()} until {high.isoformat()},"
                " part of the period it was used."
            )
            judged.append(_unknown(policy, ctx, subject, gap))
    return out + judged


def _uncovered(
    period: tuple[datetime.date, datetime.date], windows: Sequence[Window]
) -> list[tuple[datetime.date, datetime.date]]:
    """The parts of the period of use that no terms window covers (a provider's terms on
    record may begin or end inside it)."""
    start, end = period
    gaps = []
    day = start
    for low, high in sorted(windows, key=lambda w: w[0] or datetime.date.min):
        low = low or datetime.date.min
        if low > day:
            gaps.append((day, min(end, low - datetime.timedelta(days=1))))
        if high is None:
            return [g for g in gaps if g[0] <= g[1]]
        day = max(day, high + datetime.timedelta(days=1))
        if day > end:
            break
    if day <= end:
        gaps.append((day, end))
    return [g for g in gaps if g[0] <= g[1] and g[0] <= end]


def _judge_terms(
    registry: Registry,
    policy: Policy,
    ctx: factlib.ProjectContext,
    subject: _Subject,
    resolution: Resolution,
    governing: Governing,
    as_of: datetime.date,
) -> list[Finding]:
    # Terms that governed this subject only for a while (a provider's older terms) count
    # only for the part of the period of use that falls inside their window.
    period = clip(governing.window, *period_of_use(subject.start, subject.end, as_of))
    if period is None or not _governs_domicile(governing, ctx):
        return []
    start, end = period
    versions, covered = registry.in_force(governing.terms_id, start, end)
    if not versions:
        gap = f"{subject.ref} is governed by '{governing.terms_id}', which the registry does not hold."
        return [_unknown(policy, ctx, subject, gap)]

    def judge(terms: Terms, covers_period: bool) -> Finding:
        facts = factlib.for_terms(
            ctx,
            subject=subject.ref,
            role=subject.role,
            purpose=subject.purpose,
            terms=terms,
            multimodal=resolution.multimodal,
            covers_period=covers_period,
            used_from=subject.start if covers_period else start,
            via=subject.via,
        )
        return _decide(policy, subject, facts, terms, governing.path)

    if covered:
        return [judge(terms, True) for terms in versions]
    # Use began before the earliest version on record. That part of the period is judged
    # against the earliest version only to say what is unknown (never worse than needs-review:
    # a later clause may not have existed yet); versions that took effect during the period
    # govern the rest of it as usual.
    earliest = registry.series(governing.terms_id)[0]
    later = [t for t in versions if start < t.effective <= end]
    return [judge(earliest, False), *(judge(t, True) for t in later)]


def _governs_domicile(governing: Governing, ctx: factlib.ProjectContext) -> bool:
    """Terms limited to some domiciles govern a licensee there; with no declared domicile, both
    sides may apply, so both are judged (the worse wins)."""
    only, but = governing.domiciles
    domicile = ctx.project.domicile
    if domicile is None:
        return True
    if only and domicile not in factlib.countries(list(only), ctx.regions):
        return False
    return not (but and domicile in factlib.countries(list(but), ctx.regions))


def _unknown(policy: Policy, ctx: factlib.ProjectContext, subject: _Subject, reason: str) -> Finding:
    facts = factlib.for_unknown(ctx, subject.ref, subject.role, subject.purpose, reason)
    return _decide(policy, subject, facts, None, (subject.ref,))


def _decide(
    policy: Policy,
    subject: _Subject,
    facts: factlib.Facts,
    terms: Terms | None,
    path: tuple[str, ...],
) -> Finding:
    fired = [rule for rule in policy.rules if rule.matches(facts.values)]
    verdicts = [rule.verdict for rule in fired]
    if any(v is not Verdict.PERMITTED for v in verdicts):
        # A permission that another rule restricts is not the story: report the restrictions.
        fired = [rule for rule in fired if rule.verdict is not Verdict.PERMITTED]
    reasons = [rule.render(rule.reason, facts.values) for rule in fired]
    if not fired:
        verdicts.append(Verdict.NEEDS_REVIEW)
        reasons.append(
            f"No rule of the '{policy.name}' policy decides {subject.ref} in the role"
            f" {subject.role.value}; a reviewer must."
        )
    if facts.values.get("terms.covers_period") is False:
        # The terms in force then are unknown: say so, and let no later clause decide more.
        fired = [rule for rule in fired if rule.verdict is Verdict.NEEDS_REVIEW]
        verdicts = [Verdict.NEEDS_REVIEW]
        reasons = [rule.render(rule.reason, facts.values) for rule in fired] or [
            f"{subject.ref} was used before the earliest version of its terms on record; a reviewer must"
            " establish the terms in force then."
        ]
    if facts.values.get("subject.known") is False:
        verdicts.append(Verdict.NEEDS_REVIEW)  # fail closed, whatever a policy says
    obligations: list[str] = []
    citations: list[Citation] = []
    for rule in fired:
        if rule.obligation:
            obligations.append(rule.render(rule.obligation, facts.values))
        if rule.obligation_from:
            obligations += facts.obligations.get(rule.obligation_from, [])
        if terms is not None:
            for name in rule.cite:
                citations += [terms.cite(c) for c in facts.clauses.get(name, [])]
            if rule.obligation_from:
                citations += [terms.cite(c) for c in facts.clauses.get(rule.obligation_from, [])]
    if subject.via:
        reasons.append(
            f"The outputs came through {subject.via}; the provider's own terms govern them all the same."
        )
    if subject.context:
        reasons.append(subject.context)
    if len(path) > 1:
        reasons.append(f"Governed through its lineage: {' <- '.join(path)}.")
    return Finding(
        subject=subject.ref,
        role=subject.role,
        verdict=Verdict.worst(verdicts),
        terms=terms.full_id if terms else None,
        reasons=tuple(dict.fromkeys(reasons)),
        obligations=tuple(dict.fromkeys(obligations)),
        citations=tuple(dict.fromkeys(citations)),
        rules=tuple(rule.id for rule in fired),
        line=subject.line,
        via=subject.via,
        lineage=path,
    )


def _judge_dataset(
    registry: Registry,
    policy: Policy,
    ctx: factlib.ProjectContext,
    dataset: Dataset,
    as_of: datetime.date,
) -> list[Finding]:
    resolved = resolve_dataset(registry, dataset)
    subject = _Subject(dataset.name, Role.DATASET, dataset.line)
    options: list[list[Finding]] = []
    for governing, gaps in zip(resolved.alternatives, resolved.gaps_by_alternative, strict=True):
        resolution = Resolution(dataset.name, governing=governing, gaps=gaps)
        options.append(_judge(registry, policy, ctx, subject, resolution, as_of))
    chosen = min(options, key=_option_key)
    if len(options) > 1:
        chosen = [
            replace(
                f, reasons=(*f.reasons, "The licence expression offers a choice; this is the best option.")
            )
            for f in chosen
        ]
    out = list(chosen)
    lines = {g.model.text: g.line for g in dataset.generated_by}
    start, end = resolved.generated
    for ref in resolved.generators:
        gen = _Subject(
            ref,
            Role.GENERATOR,
            lines.get(ref, dataset.line),
            purpose="synthetic-data",
            # The generator's terms in force when it wrote the data govern; undated: today's.
            start=start,
            end=end,
            context=f"{ref} wrote the dataset {dataset.name}.",
        )
        out += _judge_model(registry, policy, ctx, gen, as_of)
    return out


def _option_key(findings: Sequence[Finding]) -> tuple[int, int, str]:
    worst = Verdict.worst([f.verdict for f in findings])
    obligations = sum(len(f.obligations) for f in findings)
    return (worst.rank, obligations, ",".join(sorted(f.terms or "" for f in findings)))


def _apply_waivers(
    findings: Iterable[Finding], waivers: Sequence[Waiver], as_of: datetime.date
) -> tuple[list[Finding], tuple[Waiver, ...]]:
    by_subject = {w.subject.strip().lower(): w for w in waivers}
    used: set[str] = set()
    out = []
    for f in findings:
        w = by_subject.get(f.subject.strip().lower())
        if w is None:
            out.append(f)
            continue
        used.add(w.subject.strip().lower())
        record = _waiver_record(w)
        if w.expires >= as_of:
            out.append(
                replace(
                    f,
                    verdict=Verdict.PERMITTED,
                    original_verdict=f.verdict,
                    waiver=record,
                    waiver_status="waived",
                )
            )
        else:
            out.append(replace(f, waiver=record, waiver_status="expired"))
    unused = tuple(w for w in waivers if w.subject.strip().lower() not in used)
    return out, unused


def _waiver_record(w: Waiver) -> WaiverRecord:
    return WaiverRecord(
        subject=w.subject,
        approved_by=w.approved_by,
        reason=w.reason,
        expires=w.expires.isoformat(),
        line=w.line,
    )
