"""The organisation's policy applied to what the engine judged: its overlays first (an
agreement, "we are the licensor", an internal model or a licence of its own may change a
verdict), then its required fields and its allow and deny lists (each adds a finding that
names the policy file and line). Waivers come after, in the engine.

Fail closed: a deny match is `prohibited`; with an allow list for a category, whatever does
not match it is `prohibited`; matching an allow list never makes anything permitted."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import replace

from licensecheck.finding import Finding, OrgNote, Role
from licensecheck.manifest import Manifest, Use
from licensecheck.orgpolicy import RULE_IDS, OrgPolicy, Pattern
from licensecheck.overlays import Grant
from licensecheck.refs import ModelRef
from licensecheck.result import SubjectResult
from licensecheck.terms import TermsKind
from licensecheck.verdict import Verdict

_MODEL_ROLES = (Role.TEACHER, Role.BASE_MODEL, Role.GENERATOR)


def apply(subjects: Sequence[SubjectResult], manifest: Manifest, org: OrgPolicy) -> list[SubjectResult]:
    out = []
    for s in subjects:
        findings = (
            [_granted(f, s, manifest, org.grants) for f in s.findings] if org.grants else list(s.findings)
        )
        findings += _required(s, manifest, org)
        findings += _listed(s, org)
        out.append(replace(s, findings=tuple(findings)) if findings != list(s.findings) else s)
    return out


# --- overlays ------------------------------------------------------------------------


def use_of(s: SubjectResult) -> str:
    """What the subject is used for, in the words an overlay's `permits` uses."""
    if s.role is Role.BASE_MODEL:
        return "fine-tuning"
    if s.role is Role.DATASET:
        return "training"
    return "synthetic-data" if s.role is Role.GENERATOR else s.purpose


def _granted(f: Finding, s: SubjectResult, manifest: Manifest, grants: Sequence[Grant]) -> Finding:
    """`f`, with its verdict changed by the first overlay entry that covers it."""
    if f.verdict is Verdict.PERMITTED:
        return f
    for grant in grants:
        verdict, note = _covers(grant, f, s, manifest)
        if note is None:
            continue
        if verdict is None:  # it names the subject but does not cover this use or time: say so
            return replace(f, reasons=(*f.reasons, note))
        builtin = f.terms if f.governed is not None and f.governed.on_record else None
        org = OrgNote(grant.kind, grant.ref, grant.file, grant.line, f.verdict, builtin)
        if builtin is not None:
            note += (
                f" This overlay changes what the built-in registry allows: under {builtin} the"
                f" verdict was {f.verdict.value}."
            )
        return replace(f, verdict=verdict, reasons=(*f.reasons, note), org=org)
    return f


def _covers(
    grant: Grant, f: Finding, s: SubjectResult, manifest: Manifest
) -> tuple[Verdict | None, str | None]:
    """(the verdict the grant gives, the sentence saying so); (None, why not) when it names the
    subject but not this use; (None, None) when it does not concern the finding at all."""
    if grant.kind == "licence":
        if s.role is not Role.DATASET or not _licensed(s, grant.ref):
            return None, None
        if grant.permits is not None and "training" not in grant.permits:
            return (
                Verdict.PROHIBITED,
                f"The organisation's licence {grant.ref} ({grant.where}) does not permit training.",
            )
        if not grant.commercial and manifest.project.use is Use.COMMERCIAL:
            return (
                Verdict.PROHIBITED,
                f"The organisation's licence {grant.ref} ({grant.where}) grants no commercial use, and the"
                " project is commercial.",
            )
        return (
            Verdict.PERMITTED,
            f"The organisation's licence {grant.ref} ({grant.where}) permits training on it.",
        )
    if s.role not in _MODEL_ROLES:
        return None, None
    model = f.lineage[-1] if f.lineage else f.subject  # the model whose terms these are
    if not _names(grant, model):
        return None, None
    use = use_of(s)
    if grant.permits is not None and use not in grant.permits:
        return None, f"The {_kind(grant)} ({grant.where}) covers {model} but not its use for {use}."
    start, end = (f.governed.start, f.governed.end) if f.governed is not None else s.period
    if (grant.start and start < grant.start) or (grant.end and end > grant.end):
        window = f"{_day(grant.start)} to {_day(grant.end)}"
        return None, (
            f"The {_kind(grant)} ({grant.where}) runs {window}, which does not cover this use"
            f" ({start.isoformat()} to {end.isoformat()})."
        )
    return Verdict.PERMITTED, _permits(grant, model, use)


def _permits(grant: Grant, model: str, use: str) -> str:
    if grant.kind == "agreement":
        signed = f"; signed document: {grant.document}" if grant.document else ""
        return (
            f"Permitted by agreement {grant.ref} ({grant.where}), which permits {use} with {model}"
            f" from {_day(grant.start)} to {_day(grant.end)}{signed}."
        )
    if grant.kind == "licensor":
        return f"Permitted: the organisation is the licensor of {model} ({grant.where})."
    terms = f" under its own terms ({grant.name})" if grant.name else " under its own terms"
    return f"Permitted: {model} is the organisation's internal model{terms} ({grant.where})."


def _kind(grant: Grant) -> str:
    return {"agreement": f"agreement {grant.ref}", "licensor": "licensor entry"}.get(
        grant.kind, "internal model entry"
    )


def _day(day: object) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else "open-ended"


def _names(grant: Grant, model: str) -> bool:
    """Whether the grant's provider and model patterns (each that it gives) cover `model`."""
    if grant.providers and _provider(model) not in grant.providers:
        return False
    return not grant.models or any(_match(model, p) for p in grant.models)


def _licensed(s: SubjectResult, licence: str) -> bool:
    """Whether the dataset's declared licence is exactly this one."""
    declared = s.dataset.declared if s.dataset is not None else None
    expression = declared.license if declared is not None else None
    return expression is not None and expression.normalized.lower() == licence.lower()


# --- required fields --------------------------------------------------------------------


def _required(s: SubjectResult, manifest: Manifest, org: OrgPolicy) -> list[Finding]:
    out = []
    if "dataset_origin" in org.require and s.role is Role.DATASET:
        declared = s.dataset.declared if s.dataset is not None else None
        if declared is not None and not declared.generated_by and not declared.human_written:
            out.append(
                _finding(
                    s,
                    org,
                    "required",
                    "dataset_origin",
                    f"The policy '{org.name}' requires every dataset to declare generated_by or"
                    f" human_written: true; {s.ref} ({manifest.file}:{s.line}) declares neither.",
                )
            )
    if "teacher_dates" in org.require and s.role is Role.TEACHER and s.declared[0] is None:
        out.append(
            _finding(
                s,
                org,
                "required",
                "teacher_dates",
                f"The policy '{org.name}' requires every teacher to declare when its use began (from);"
                f" {s.ref} ({manifest.file}:{s.line}) does not.",
            )
        )
    return out


# --- allow and deny lists -------------------------------------------------------------


def _listed(s: SubjectResult, org: OrgPolicy) -> list[Finding]:
    out = []
    for category, values in _values(s):
        noun = _NOUNS[category]
        for pattern in org.deny.get(category, ()):
            hit = next((v for v in values or () if _match(v, pattern.text)), None)
            if hit is not None:
                reason = (
                    f"The organisation's policy '{org.name}' denies the {noun} {hit}"
                    f" (pattern '{pattern.text}', {org.where(pattern.line)})."
                )
                out.append(_finding(s, org, "deny", pattern, reason))
                break
        allowed = org.allow.get(category)
        if allowed is None:
            continue
        line = org.allow_lines.get(category)
        if values is None:
            reason = (
                f"The organisation's policy '{org.name}' allows only some {noun}s"
                f" ({org.where(line)}), and the {noun} of {s.ref} is not known."
            )
            out.append(
                _finding(s, org, "allow", Pattern(f"allow.{category}", line), reason, Verdict.NEEDS_REVIEW)
            )
        elif not _all_allowed(category, values, allowed, s):
            shown = ", ".join(values) or "(none)"
            reason = (
                f"The {noun} {shown} of {s.ref} is not on the organisation's allow list"
                f" (policy '{org.name}', {org.where(line)})."
            )
            out.append(_finding(s, org, "allow", Pattern(f"allow.{category}", line), reason))
    return out


_NOUNS = {
    "teachers": "teacher",
    "generators": "generator",
    "providers": "provider",
    "licenses": "licence",
    "datasets": "dataset",
}


def _values(s: SubjectResult) -> Iterable[tuple[str, tuple[str, ...] | None]]:
    """Each category that applies to the subject, with what it is matched on (None: unknown)."""
    if s.role is Role.TEACHER:
        yield "teachers", (s.ref,)
    if s.role is Role.GENERATOR:
        yield "generators", (s.ref,)
    if s.role in _MODEL_ROLES:
        yield "providers", (_provider(s.ref),)
    if s.role is Role.DATASET:
        yield "datasets", (s.ref,)
    licences = _licences(s)
    if licences != ():
        yield "licenses", licences


def _licences(s: SubjectResult) -> tuple[str, ...] | None:
    """The licence ids a subject is used under: a dataset's declared expression, else the SPDX
    id (or registry id) of each licence that governs it. () when only service terms govern
    it (no licence to list); None when what governs it is not known."""
    declared = s.dataset.declared if s.dataset is not None else None
    if declared is not None and declared.license is not None:
        return tuple(dict.fromkeys(i for alt in declared.license.alternatives for i in alt))
    ids: list[str] = []
    for f in s.findings:
        g = f.governed
        if g is None:
            if not f.rules or not any(r.startswith("policy-") for r in f.rules):
                return None
            continue
        if g.terms.kind is not TermsKind.SERVICE_TERMS:
            ids.append(g.terms.spdx or g.terms.id)
    return tuple(dict.fromkeys(ids))


def _all_allowed(
    category: str, values: tuple[str, ...], allowed: Sequence[Pattern], s: SubjectResult
) -> bool:
    declared = s.dataset.declared if s.dataset is not None else None
    if category == "licenses" and declared is not None and declared.license is not None:
        # The licensee may choose any alternative: one whose every id is allowed will do.
        return any(
            all(any(_match(i, p.text) for p in allowed) for i in alt) for alt in declared.license.alternatives
        )
    return all(any(_match(v, p.text) for p in allowed) for v in values)


def _provider(ref: str) -> str:
    """An API model's provider (`openai:gpt-4o` -> openai), a Hub model's organisation."""
    model = ModelRef(ref)
    return model.provider or ref.split("/", 1)[0].lower()


def _match(value: str, pattern: str) -> bool:
    """A glob, compared without case (Hub ids, providers and SPDX ids compare so)."""
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def _finding(
    s: SubjectResult,
    org: OrgPolicy,
    kind: str,
    what: Pattern | str,
    reason: str,
    verdict: Verdict | None = None,
) -> Finding:
    if isinstance(what, str):  # a requirement: its verdict and line are the policy's
        verdict, line = org.require[what]
        note = OrgNote(kind, what, org.file, line)
    else:
        note = OrgNote(kind, what.text, org.file, what.line)
    return Finding(
        subject=s.ref,
        role=s.role,
        verdict=verdict or Verdict.PROHIBITED,
        governed=None,
        reasons=(reason,),
        rules=(RULE_IDS[kind],),
        line=s.line,
        lineage=(s.ref,),
        org=note,
    )
