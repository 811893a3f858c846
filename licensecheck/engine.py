"""(manifest, registry, policy, as_of) -> Result. Pure: no network, no clock.

For each subject in each role the engine finds the governing terms (lineage.py),
picks the versions in force for each part of the period of use, turns terms and
project into facts (facts.py, provisions.py) and lets the policy's rules decide. Two
invariants hold whatever the policy says: a subject or period the registry cannot
account for is never better than needs-review, and a finding no rule decides is
needs-review. The Result records what was resolved, so no report resolves again.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from licensecheck import facts as factlib
from licensecheck.finding import Citation, Finding, Governed, Obligation, Role, WaiverOutcome, WaiverState
from licensecheck.licenses import LicenseExpression
from licensecheck.lineage import (
    DatasetTerms,
    Governing,
    Resolution,
    license_alternatives,
    resolve_dataset,
    resolve_model,
    router_of,
)
from licensecheck.manifest import Dataset, Manifest, Waiver, period_of_use
from licensecheck.policy import Policy
from licensecheck.provisions import countries
from licensecheck.refs import normalise
from licensecheck.registry import ModelEntry, Registry, Window, clip
from licensecheck.result import (
    NAME_SLOT,
    Deferred,
    Fanout,
    Period,
    Result,
    Stamp,
    SubjectResult,
    defer,
    training_data,
)
from licensecheck.terms import Terms
from licensecheck.verdict import Verdict

__all__ = ["Result", "evaluate"]

_DAY = datetime.timedelta(days=1)
NO_INPUTS = (
    "The manifest declares no training inputs (no teacher, base model or dataset): nothing shows"
    " what the project may train on; declare them."
)


@dataclass(frozen=True)
class _Subject:
    """One subject in one role, as the manifest declares it."""

    ref: str
    role: Role
    line: int | None
    purpose: str = factlib.NO_PURPOSE
    via: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    context: str | None = None  # e.g. the dataset a generator wrote


def evaluate(manifest: Manifest, registry: Registry, policy: Policy, as_of: datetime.date) -> Result:
    policy.check_waivers(manifest, as_of, lambda terms: registry.terms(terms) is not None)
    project = manifest.project
    base = project.student.base_model if project.student else None
    student = resolve_model(registry, base.text) if base else Resolution("")
    judge = _Judge(registry, policy, factlib.ProjectContext(project, registry.regions, student), as_of)

    subjects: list[SubjectResult] = []
    entries: list[SubjectResult | Stamp] = []  # what `subjects` will be, datasets not yet named
    # With no waiver and no organisation policy, nothing below changes a dataset's records:
    # each is named only when a report reads it (result.Deferred).
    deferring = not manifest.waivers and policy.org is None
    for t in manifest.teachers:
        note = None
        # A reseller's prefix (`bedrock:`, `together:`) is a `via` the reference itself names.
        via = t.via or (t.model.provider if registry.is_cloud(t.model.provider or "") else None)
        if via is None and t.model.is_api:  # a router's prefix (`openrouter:openai/gpt-4o`)
            via = router_of(registry, t.model.text)
        if via and registry.is_cloud(via):
            note = (
                f"{via} is a cloud platform whose own service terms also apply; they are not in the"
                " registry, so check them too."
            )
        subject = _Subject(t.model.text, Role.TEACHER, t.line, t.purpose.value, via, t.start, t.end, note)
        subjects += judge.trained_on(judge.declared(subject, judge.resolve(subject.ref), t.license))
    if base is not None and project.student:
        base_subject = _Subject(base.text, Role.BASE_MODEL, project.student.base_model_line)
        declared = project.student.base_model_license
        subjects += judge.trained_on(judge.declared(base_subject, student, declared))
    if deferring:
        entries += subjects
        for d in manifest.datasets:
            entries.append(judge.stamp(d))
        return _deferred(manifest, policy, registry, as_of, judge, tuple(entries))
    for d in manifest.datasets:
        subjects += judge.dataset(d)

    if policy.org is not None:  # the organisation's overlays, required fields and lists
        from licensecheck import orgapply

        subjects = orgapply.apply(subjects, manifest, policy.org)
    subjects, unused = _apply_waivers(subjects, manifest.waivers, as_of)
    ordered = tuple(sorted((f for s in subjects for f in s.findings), key=Finding.sort_key))
    # Fail closed: an empty manifest is not a pass, whatever the policy says.
    gaps = () if subjects else (NO_INPUTS,)
    return Result(
        manifest=manifest.file,
        project=project.name,
        as_of=as_of,
        verdict=Verdict.worst([*(f.verdict for f in ordered), *(Verdict.NEEDS_REVIEW for _ in gaps)]),
        findings=ordered,
        policy=policy.name,
        registry_version=registry.version,
        fail_on=policy.fail_on,
        inputs=manifest,
        subjects=tuple(subjects),
        unused_waivers=unused,
        gaps=gaps,
        contact=policy.org.contact if policy.org is not None else None,
        fanouts=judge.fanouts,
    )


def _deferred(
    manifest: Manifest,
    policy: Policy,
    registry: Registry,
    as_of: datetime.date,
    judge: _Judge,
    entries: tuple[SubjectResult | Stamp, ...],
) -> Result:
    """The Result of `evaluate`, its datasets named when read: the verdict is the worst of
    every record's and every shape's (a copy's verdicts are its shape's)."""
    plan = Deferred(entries, judge.named, judge.fanouts)
    verdicts = [f.verdict for s in plan.judgements() for f in s.findings]
    gaps = () if entries else (NO_INPUTS,)
    return defer(
        plan,
        manifest=manifest.file,
        project=manifest.project.name,
        as_of=as_of,
        verdict=Verdict.worst([*verdicts, *(Verdict.NEEDS_REVIEW for _ in gaps)]),
        policy=policy.name,
        registry_version=registry.version,
        fail_on=policy.fail_on,
        inputs=manifest,
        unused_waivers=(),
        gaps=gaps,
        contact=None,
        fanouts=judge.fanouts,
    )


class _Judge:
    """Judges subjects of one manifest: the registry, policy, project and date they share."""

    def __init__(
        self, registry: Registry, policy: Policy, ctx: factlib.ProjectContext, as_of: datetime.date
    ) -> None:
        self.registry = registry
        self.policy = policy
        self.ctx = ctx
        self.as_of = as_of
        self.shapes: dict[tuple[object, ...], tuple[SubjectResult, ...]] = {}
        self.fanouts: dict[int, Fanout] = {}
        self.resolutions: dict[str, Resolution] = {}

    def model(self, subject: _Subject, resolution: Resolution) -> SubjectResult:
        return SubjectResult(
            ref=subject.ref,
            role=subject.role,
            line=subject.line,
            findings=tuple(self._findings(subject, resolution)),
            resolution=resolution,
            period=period_of_use(subject.start, subject.end, self.as_of),
            declared=(subject.start, subject.end),
            purpose=subject.purpose,
            via=subject.via,
        )

    def declared(
        self, subject: _Subject, resolution: Resolution, expression: LicenseExpression | None
    ) -> SubjectResult:
        """A model judged with the licence the project declares for it, as a dataset's is.

        For a model the registry does not know, the declared licence stands in for the unknown
        terms. For one it knows, the declaration never loosens: if it names terms the registry
        does not record for the model, both are judged and the stricter governs."""
        if expression is None:
            return self.model(subject, resolution)
        entry = resolution.entry
        # Unknown: not catalogued, or a record whose own terms could not be established.
        unknown = entry is None or (entry.gap is not None and not entry.terms)
        own = {g.terms_id for g in resolution.governing}
        kept = resolution.gaps[1:] if unknown and entry is not None else () if unknown else resolution.gaps
        options: list[tuple[Resolution, list[Finding]]] = []
        for governing, gaps in license_alternatives(self.registry, expression, subject.ref):
            extra = [g for g in governing if g.terms_id not in own]
            option = replace(
                resolution,
                governing=(*resolution.governing, *extra),
                gaps=tuple(dict.fromkeys((*kept, *gaps))),
            )
            findings = self._findings(subject, option)
            added = {g.terms_id for g in extra}
            said = f"The licence of {subject.ref}, {expression.text}, is declared by the project"
            if unknown:
                note = f"{said}; the registry does not know the model, so that licence is judged."
            elif added or gaps:
                note = (
                    f"{said}, which the registry does not record for it; both are judged and the"
                    " stricter governs."
                )
            else:
                note = f"{said}, as the registry records."
            options.append((option, [replace(f, reasons=(*f.reasons, note)) for f in findings]))
        chosen, findings = min(options, key=lambda option: _option_key(option[1]))
        if len(options) > 1:
            choice = "The declared licence expression offers a choice; this is the best option."
            findings = [replace(f, reasons=(*f.reasons, choice)) for f in findings]
        judged = self.model(subject, chosen)
        return replace(judged, findings=tuple(findings))

    def stamp(self, dataset: Dataset) -> Stamp:
        """The dataset with its shape's judgement, to be named when read (`named`)."""
        return Stamp(dataset, self._shape(dataset))

    def named(self, stamp: Stamp) -> tuple[SubjectResult, ...]:
        return tuple(_named(stamp.judged, stamp.dataset))

    def _shape(self, dataset: Dataset) -> tuple[SubjectResult, ...]:
        key = (
            normalise(dataset.id) if dataset.id is not None else None,
            dataset.license,
            tuple(g.model.text for g in dataset.generated_by),
            dataset.generated_from,
            dataset.generated_until,
        )
        judged = self.shapes.get(key)
        if judged is None:
            judged = self.shapes[key] = tuple(self._dataset(dataset, _NAME))
        return judged

    def dataset(self, dataset: Dataset) -> list[SubjectResult]:
        """The dataset under its best licence option, then each model that wrote it.

        Datasets of one shape (catalogue entry, licence, generators, when they wrote it) are
        judged alike but for their names and lines: the shape is judged once, under a name
        no manifest can hold, and each dataset of it gets that judgement with its own."""
        judged = self._shape(dataset)
        copy = _named(judged, dataset)
        self.fanouts[id(copy[0])] = Fanout(judged, tuple(copy), dataset.name)
        return copy

    def _dataset(self, dataset: Dataset, name: str) -> list[SubjectResult]:
        resolved = resolve_dataset(self.registry, dataset, name)
        subject = _Subject(name, Role.DATASET, dataset.line)
        options: list[tuple[Resolution, list[Finding]]] = []
        for governing, gaps in zip(resolved.alternatives, resolved.gaps_by_alternative, strict=True):
            resolution = Resolution(name, governing=governing, gaps=gaps)
            options.append((resolution, self._findings(subject, resolution)))
        resolution, chosen = min(options, key=lambda option: _option_key(option[1]))
        if len(options) > 1:
            note = "The licence expression offers a choice; this is the best option."
            chosen = [replace(f, reasons=(*f.reasons, note)) for f in chosen]
        if resolved.entry is not None and resolved.entry.provenance:
            # Facts from another catalogue (the DPI's): every finding says whose they are.
            chosen = [replace(f, reasons=(*f.reasons, resolved.entry.provenance)) for f in chosen]
        out = [
            SubjectResult(
                ref=name,
                role=Role.DATASET,
                line=dataset.line,
                findings=tuple(chosen),
                resolution=resolution,
                period=period_of_use(None, None, self.as_of),
                dataset=resolved,
                generators=resolved.generators,
            )
        ]
        lines = {g.model.text: g.line for g in dataset.generated_by}
        return out + self._generators(name, resolved, lambda ref: lines.get(ref, dataset.line))

    def _generators(
        self,
        name: str,
        resolved: DatasetTerms,
        line: Callable[[str], int | None],
        trained: str | None = None,
    ) -> list[SubjectResult]:
        """Each model that wrote the dataset, judged under its terms for when it wrote it."""
        evidence = dict(resolved.evidence)
        windows = dict(resolved.generator_windows)
        out = []
        for ref in resolved.generators:
            # A generator inferred from a card is shown as inferred, with the card's words.
            said = f", as inferred from {evidence[ref]}" if ref in evidence else ""
            on = f", on which {trained} was trained (its card lists it)" if trained else ""
            what = f"the dataset {name}{on}"
            if trained is not None and name == training_data(trained):
                what = f"data {trained} was trained on"  # the model's own card says so
            resolution = self.resolve(ref)
            # The generator's terms in force when it wrote the data (its part of it) govern.
            start, end = windows.get(ref, resolved.generated)
            undated = ""
            if start is None and end is None:
                start, undated = self._since(ref, resolution)
            else:
                start = _not_before_release(start, end, resolution)
            generator = _Subject(
                ref,
                Role.GENERATOR,
                line(ref),
                purpose="synthetic-data",
                start=start,
                end=end,
                context=f"{ref} wrote {what}{said}.{undated}",
            )
            judged = self.model(generator, resolution)
            out.append(replace(judged, wrote=name, trained=trained))
        return out

    def _since(self, ref: str, resolution: Resolution) -> tuple[datetime.date | None, str]:
        """When undated data could first have been written by `ref`, and a sentence saying so.

        Data that does not say when it was written may be as old as its generator, so every
        terms version in force since then governs (the worst decides), not only today's:
        fail closed. The start is the model's release as the catalogue records it, else the
        earliest terms on record for it (use before that is the version gap it always is)."""
        entry = resolution.entry
        start = entry.available if entry is not None else None
        if start is None:
            firsts = []
            for g in resolution.governing:
                series = self.registry.series(g.terms_id)
                earliest = series[0].effective if series else None
                low = g.window[0]
                if low is not None or earliest is not None:
                    firsts.append(max(d for d in (low, earliest) if d is not None))
            start = min(firsts, default=None)
            since = "the earliest terms on record for it"
        else:
            since = "its release"
        if start is None:
            return None, ""
        start = min(start, self.as_of)
        return start, (
            f" The data does not say when {ref} wrote it, so every version of its terms in force"
            f" since {since} ({start.isoformat()}) governs; declare `generated: {{from, until}}`"
            " to narrow it."
        )

    def trained_on(self, model: SubjectResult) -> list[SubjectResult]:
        """`model`, then lineage through data: the models that wrote what it (or a model it
        derives from) was trained on, as its Hub card lists it, judged as that data's
        generators. Data the card calls model-written without naming a model needs review."""
        out: list[SubjectResult] = []
        gaps: list[Finding] = []
        seen: set[str] = set()
        for step in model.resolution.walk():
            entry = step.entry
            if not isinstance(entry, ModelEntry):
                continue
            out += self._card_generators(model, entry)
            if entry.unnamed and not entry.inferred:
                subject = _Subject(model.ref, model.role, model.line)
                gap = (
                    f"The card of {entry.key} says it was trained on model-written data but names no"
                    f" generator ({entry.unnamed}); that model's terms may reach this use."
                )
                gaps.append(self._unknown(subject, gap))
            for name in entry.datasets:
                if normalise(name) in seen:
                    continue
                seen.add(normalise(name))
                data = Dataset(id=name, path=None, url=None, license=None, generated_by=(), line=None)
                resolved = resolve_dataset(self.registry, data, name)
                out += self._generators(name, resolved, lambda _ref: model.line, trained=model.ref)
                subject = _Subject(model.ref, model.role, model.line)
                if resolved.entry is None or resolved.entry.lookup_failed:
                    # Who wrote unknown training data cannot be ruled out (fail closed).
                    failed = resolved.entry.lookup_failed if resolved.entry else None
                    online = f" and its Hub lookup failed ({failed})" if failed else ""
                    gap = (
                        f"{model.ref} was trained on {name}, which the registry does not know{online};"
                        " the terms of any model that wrote it may reach this use."
                    )
                    gaps.append(self._unknown(subject, gap))
                elif not resolved.entry.generators_complete:
                    gap = (
                        f"{model.ref} was trained on {name}, and not every model that wrote it is on"
                        " record; their terms may reach this use."
                    )
                    gaps.append(self._unknown(subject, gap))
                elif resolved.entry.writers_unknown_upstream:
                    # A copy's writer list is its sources': one of them incomplete leaves it open.
                    sources = ", ".join(resolved.entry.writers_unknown_upstream)
                    gap = (
                        f"{model.ref} was trained on {name}, which derives from {sources}, and not"
                        " every model that wrote that is on record; their terms may reach this use."
                    )
                    gaps.append(self._unknown(subject, gap))
                unnamed = resolved.entry.unnamed if resolved.entry is not None else None
                if unnamed and not resolved.generators:
                    gap = (
                        f"{model.ref} was trained on {name}, whose card says it is model-written but"
                        f" names no generator ({unnamed}); that model's terms may reach this use."
                    )
                    gaps.append(self._unknown(subject, gap))
        return [replace(model, findings=(*model.findings, *gaps)) if gaps else model, *out]

    def _card_generators(self, model: SubjectResult, entry: ModelEntry) -> list[SubjectResult]:
        """The models a Hub model's own card says wrote its training data ("distilled from
        GPT-4o"), judged as that data's generators and shown as inferred from the card."""
        if not entry.inferred:
            return []
        data = DatasetTerms(
            alternatives=(),
            gaps_by_alternative=(),
            generators=tuple(r for r, _ in entry.inferred),
            evidence=entry.inferred,
        )
        return self._generators(training_data(model.ref), data, lambda _ref: model.line, trained=model.ref)

    def resolve(self, ref: str) -> Resolution:
        """A model's lineage, walked once per run (a resolution is a pure function of the ref)."""
        resolution = self.resolutions.get(ref)
        if resolution is None:
            resolution = self.resolutions[ref] = resolve_model(self.registry, ref)
        return resolution

    def _findings(self, subject: _Subject, resolution: Resolution) -> list[Finding]:
        out = [self._unknown(subject, gap) for gap in resolution.gaps]
        judged: list[Finding] = []
        for governing in resolution.governing:
            judged += self._under(subject, resolution, governing)
        if resolution.governing and not judged:
            # Every governing terms had a window outside the period of use: nothing on record applies.
            gap = f"No terms on record govern {subject.ref} for the period it was used."
            judged.append(self._unknown(subject, gap))
        elif resolution.governing:
            period = period_of_use(subject.start, subject.end, self.as_of)
            windows = [g.window for g in resolution.governing if self._governs_domicile(g)]
            for low, high in _uncovered(period, windows):
                gap = (
                    f"No terms on record govern {subject.ref} from {low.isoformat()} until"
                    f" {high.isoformat()}, part of the period it was used."
                )
                judged.append(self._unknown(subject, gap))
        return out + judged

    def _under(self, subject: _Subject, resolution: Resolution, governing: Governing) -> list[Finding]:
        """The findings under one governing terms series: one per version in force."""
        # Terms that governed this subject only for a while (a provider's older terms) count
        # only for the part of the period of use that falls inside their window.
        period = clip(governing.window, *period_of_use(subject.start, subject.end, self.as_of))
        if period is None or not self._governs_domicile(governing):
            return []
        versions, covered = self.registry.in_force(governing.terms_id, *period)
        if not versions:
            gap = f"{subject.ref} is governed by '{governing.terms_id}', which the registry does not hold."
            return [self._unknown(subject, gap)]
        return [
            self._judge_terms(subject, resolution, part)
            for part in _parts(period, versions, covered, self.registry.series(governing.terms_id), governing)
        ]

    def _judge_terms(self, subject: _Subject, resolution: Resolution, part: Governed) -> Finding:
        facts = factlib.for_terms(
            self.ctx,
            subject=subject.ref,
            role=subject.role,
            purpose=subject.purpose,
            terms=part.terms,
            multimodal=resolution.multimodal,
            covers_period=part.on_record,
            # Before the record begins, the finding speaks of when that use began.
            used_from=subject.start if part.on_record else part.start,
            via=subject.via,
        )
        return self._decide(subject, facts, part)

    def _governs_domicile(self, governing: Governing) -> bool:
        """Terms limited to some domiciles govern a licensee there; with no declared domicile,
        both sides may apply, so both are judged (the worse wins)."""
        only, but = governing.domiciles
        domicile = self.ctx.project.domicile
        if domicile is None:
            return True
        if only and domicile not in countries(only, self.ctx.regions):
            return False
        return not (but and domicile in countries(but, self.ctx.regions))

    def _unknown(self, subject: _Subject, reason: str) -> Finding:
        facts = factlib.for_unknown(self.ctx, subject.ref, subject.role, subject.purpose, reason)
        return self._decide(subject, facts, None)

    def _decide(self, subject: _Subject, facts: factlib.Facts, part: Governed | None) -> Finding:
        policy = self.policy
        fired = [rule for rule in policy.rules if rule.matches(facts.values)]
        verdicts = [rule.verdict for rule in fired]
        if any(v is not Verdict.PERMITTED for v in verdicts):
            # A permission that another rule restricts is not the story: report the restrictions.
            fired = [rule for rule in fired if rule.verdict is not Verdict.PERMITTED]
        # The rules that set the verdict speak first (a one-line summary shows the first reason).
        fired.sort(key=lambda rule: rule.verdict.rank, reverse=True)
        reasons = [rule.render(rule.reason, facts.values) for rule in fired]
        if not fired:
            verdicts.append(Verdict.NEEDS_REVIEW)
            reasons.append(
                f"No rule of the '{policy.name}' policy decides {subject.ref} in the role"
                f" {subject.role.value}; a reviewer must."
            )
        if part is not None and not part.on_record:
            # The terms in force then are unknown: say so, and let no later clause decide more.
            fired = [rule for rule in fired if rule.verdict is Verdict.NEEDS_REVIEW]
            verdicts = [Verdict.NEEDS_REVIEW]
            reasons = [rule.render(rule.reason, facts.values) for rule in fired] or [
                f"{subject.ref} was used before the earliest version of its terms on record; a reviewer"
                " must establish the terms in force then."
            ]
        if facts.values.get("subject.known") is False:
            verdicts.append(Verdict.NEEDS_REVIEW)  # fail closed, whatever a policy says
        obligations: list[Obligation] = []
        citations: list[Citation] = []
        for rule in fired:
            cited = _cite(part, facts, rule.cite)
            if rule.obligation:
                text = rule.render(rule.obligation, facts.values)
                obligations.append(Obligation(rule.obligation_kind, text, cited, subject.ref))
            citations += cited
            if rule.obligation_from:
                obligations += facts.obligations.get(rule.obligation_from, [])
                citations += _cite(part, facts, (rule.obligation_from,))
        if subject.via:
            reasons.append(
                f"The outputs came through {subject.via}; the provider's own terms govern them all the same."
            )
        if subject.context:
            reasons.append(subject.context)
        path = part.path if part is not None else (subject.ref,)
        if len(path) > 1:
            reasons.append(f"Governed through its lineage: {' <- '.join(path)}.")
        return Finding(
            subject=subject.ref,
            role=subject.role,
            verdict=Verdict.worst(verdicts),
            governed=part,
            reasons=tuple(dict.fromkeys(reasons)),
            obligations=tuple(dict.fromkeys(obligations)),
            citations=tuple(dict.fromkeys(citations)),
            rules=tuple(rule.id for rule in fired),
            line=subject.line,
            via=subject.via,
            lineage=path,
        )


def _cite(part: Governed | None, facts: factlib.Facts, keys: Sequence[str]) -> tuple[Citation, ...]:
    """The clauses behind the citation keys a rule names, as the facts recorded them."""
    if part is None:
        return ()
    return tuple(dict.fromkeys(part.terms.cite(c) for key in keys for c in facts.clauses.get(key, [])))


def _parts(
    period: Period,
    versions: Sequence[Terms],
    covered: bool,
    series: Sequence[Terms],
    governing: Governing,
) -> list[Governed]:
    """Each version in force and the part of `period` it governed.

    When use began before the earliest version on record, that part is judged against the
    earliest version only to say what is unknown (never worse than needs-review: a later
    clause may not have existed yet); versions that took effect during the period govern the
    rest of it as usual.
    """
    start, end = period
    if covered:
        in_force = list(versions)
        before: list[Governed] = []
    else:
        earliest = series[0]
        in_force = [t for t in versions if start < t.effective <= end]
        until = min(end, earliest.effective - _DAY) if earliest.effective > start else end
        before = [Governed(earliest, governing.path, start, max(start, until), on_record=False)]
    parts = []
    for i, terms in enumerate(in_force):
        low = max(start, terms.effective)
        high = in_force[i + 1].effective - _DAY if i + 1 < len(in_force) else end
        parts.append(Governed(terms, governing.path, low, max(low, high)))
    return before + parts


def _uncovered(period: Period, windows: Sequence[Window]) -> list[Period]:
    """The parts of the period of use that no terms window covers (a provider's terms on
    record may begin or end inside it)."""
    start, end = period
    gaps = []
    day = start
    for low, high in sorted(windows, key=lambda w: w[0] or datetime.date.min):
        low = low or datetime.date.min
        if low > day:
            gaps.append((day, min(end, low - _DAY)))
        if high is None:
            return [g for g in gaps if g[0] <= g[1]]
        day = max(day, high + _DAY)
        if day > end:
            break
    if day <= end:
        gaps.append((day, end))
    return [g for g in gaps if g[0] <= g[1] and g[0] <= end]


def _option_key(findings: Sequence[Finding]) -> tuple[int, int, str]:
    worst = Verdict.worst(f.verdict for f in findings)
    obligations = sum(len(f.obligation_texts) for f in findings)
    return (worst.rank, obligations, ",".join(sorted(f.terms or "" for f in findings)))


def _apply_waivers(
    subjects: Sequence[SubjectResult], waivers: Sequence[Waiver], as_of: datetime.date
) -> tuple[list[SubjectResult], tuple[Waiver, ...]]:
    """Each finding of a waived subject, accepted (valid waiver) or marked (expired one).

    A subject matches as written, but for Hub ids and `provider:model` refs, which compare
    case-insensitively as the Hub does: a local path `data/Clean.jsonl` is another file
    than `data/clean.jsonl`, so a waiver for one must not pass the other."""
    if not waivers:
        return list(subjects), ()
    exact: dict[str, list[Waiver]] = {}
    folded: dict[str, list[Waiver]] = {}  # refs.normalise without the strip
    for w in waivers:
        exact.setdefault(w.subject, []).append(w)
        folded.setdefault(w.subject.lower(), []).append(w)
    used: set[int] = set()
    out = []
    for s in subjects:
        declared = s.dataset.declared if s.dataset is not None else None
        by_name = declared is not None and declared.id is None  # a local path or a plain URL
        candidates = exact.get(s.ref) if by_name else folded.get(s.ref.lower())
        if not candidates:
            out.append(s)
            continue
        findings = []
        for f in s.findings:
            # A waiver scoped to a rule or a terms version accepts only the findings it names.
            waiver = next((w for w in candidates if _in_scope(w, f)), None)
            if waiver is None:
                findings.append(f)
                continue
            used.add(id(waiver))
            state = WaiverState.WAIVED if waiver.expires >= as_of else WaiverState.EXPIRED
            verdict = Verdict.PERMITTED if state is WaiverState.WAIVED else f.verdict
            findings.append(replace(f, verdict=verdict, waiver=WaiverOutcome(waiver, state, f.verdict)))
        out.append(replace(s, findings=tuple(findings)))
    unused = tuple(w for w in waivers if id(w) not in used)
    return out, unused


def _in_scope(waiver: Waiver, f: Finding) -> bool:
    if waiver.rule is not None and waiver.rule not in f.rules:
        return False
    if waiver.terms is None:
        return True
    return f.terms is not None and (f.terms == waiver.terms or f.terms.split("@", 1)[0] == waiver.terms)


# --- one judgement, many datasets --------------------------------------------------------

# The name a dataset shape is judged under: YAML cannot hold a NUL, so no manifest's name
# contains it, and replacing it gives exactly the texts the dataset's own name would.
_NAME = NAME_SLOT

T = TypeVar("T")


def _changed(obj: T, **changes: Any) -> T:
    """`dataclasses.replace` for the frozen, slotted records fanned out here, without running
    `__init__` again (the values were checked when the shape was judged): a large manifest
    makes one or more per subject."""
    cls: type = type(obj)
    new: T = object.__new__(cls)
    for name in _fields(cls):
        object.__setattr__(new, name, changes[name] if name in changes else getattr(obj, name))
    return new


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _named(judged: Sequence[SubjectResult], dataset: Dataset) -> list[SubjectResult]:
    """The judgement of a dataset shape, for `dataset`: its name and its lines. What holds no
    name (clauses, a generator's own lineage) is shared with the judgement, not copied.
    The records most made are rebuilt field by field here (positionally: the fastest way);
    tests/test_engine.py checks every field against a dataset judged on its own."""
    name = dataset.name
    lines = {g.model.text: g.line for g in dataset.generated_by}
    done: dict[int, Any] = {}  # id of a record or tuple of the judgement -> its copy here

    def text(value: str) -> str:
        return value.replace(_NAME, name) if _NAME in value else value

    def texts(values: tuple[str, ...]) -> tuple[str, ...]:
        if not values:
            return values
        if len(values) == 1:
            return (text(values[0]),)
        # Deduplicated again, as the engine does: a name could make two texts one.
        return tuple(dict.fromkeys(map(text, values)))

    def path(value: tuple[str, ...]) -> tuple[str, ...]:
        if _NAME not in value:
            return value
        copy = done.get(id(value))
        if copy is None:
            copy = done[id(value)] = tuple(map(text, value))
        return copy

    def governing(gs: tuple[Governing, ...]) -> tuple[Governing, ...]:
        copy = done.get(id(gs))
        if copy is None:
            copy = done[id(gs)] = tuple(_changed(g, path=path(g.path)) if _NAME in g.path else g for g in gs)
        return copy

    def obligation(o: Obligation) -> Obligation:
        if _NAME not in o.subject and _NAME not in o.text:
            return o
        return Obligation(o.kind, text(o.text), o.clauses, text(o.subject))

    def finding(f: Finding, line: int | None) -> Finding:
        g = f.governed
        if g is not None and _NAME in g.path:
            g = Governed(g.terms, path(g.path), g.start, g.end, g.on_record)
        obligations = f.obligations
        if obligations:
            obligations = tuple(map(obligation, obligations))
            if len(obligations) > 1:
                obligations = tuple(dict.fromkeys(obligations))
        return Finding(
            text(f.subject),
            f.role,
            f.verdict,
            g,
            texts(f.reasons),
            obligations,
            f.citations,
            f.rules,
            line,
            f.via,
            f.waiver,
            path(f.lineage),
        )

    out = []
    for s in judged:
        if s.role is not Role.DATASET:
            line = lines.get(s.ref, dataset.line)
            found = tuple([finding(f, line) for f in s.findings])
            out.append(
                SubjectResult(
                    s.ref, s.role, line, found, s.resolution, s.period, s.declared, s.purpose, s.via,
                    s.dataset, name, s.generators,
                )
            )  # fmt: skip
            continue
        line = dataset.line
        found = tuple([finding(f, line) for f in s.findings])
        r, terms = s.resolution, s.dataset
        resolution = _changed(r, ref=name, governing=governing(r.governing), gaps=texts(r.gaps))
        if terms is not None:
            terms = _changed(
                terms,
                alternatives=tuple(map(governing, terms.alternatives)),
                gaps_by_alternative=tuple(map(texts, terms.gaps_by_alternative)),
                declared=dataset,
            )
        out.append(
            SubjectResult(
                name, s.role, line, found, resolution, s.period, s.declared, s.purpose, s.via,
                terms, s.wrote, s.generators,
            )
        )  # fmt: skip
    return out


def _not_before_release(
    start: datetime.date | None, end: datetime.date | None, resolution: Resolution
) -> datetime.date | None:
    """A dated window's start, moved up to the generator's release where the catalogue records
    one: a window shared by several writers (a mixture's, or an upstream set's) may open before
    this one existed, and the terms of those earlier days never governed its outputs. A window
    that closes before the release is left as it is (the record disagrees: judge all of it)."""
    released = resolution.entry.available if resolution.entry is not None else None
    if released is None or start is None or start >= released or (end is not None and end < released):
        return start
    return released
