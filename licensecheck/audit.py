"""The audit: an engine Result, its manifest and its registry, arranged for a legal reviewer.

`build` gathers what every audit format shows: the run's verdict and date, the project
context, each subject with its governing terms (name, version, effective date), the rules
that fired, reasons and quoted clauses; the obligations as a checklist that names the
subject and clause behind each; the waivers and whether they still hold; the lineage of
the student as a graph; and what is needed to reproduce the run (tool, registry and
policy versions and hashes). Renderers in report/ only lay this out.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck import __version__
from licensecheck.engine import Result
from licensecheck.lineage import resolve_dataset, resolve_model
from licensecheck.lock import lock_path
from licensecheck.manifest import Manifest
from licensecheck.policy import Policy, default_policy_path
from licensecheck.refs import normalise
from licensecheck.registry import Registry
from licensecheck.report.json import finding_to_json
from licensecheck.terms import Terms
from licensecheck.verdict import Citation, Finding, Role, Verdict

# Obligation kinds, in the order a checklist lists them.
OBLIGATION_KINDS: Mapping[str, str] = {
    "notice": "Notices and licence copies to ship",
    "name": "Names to use",
    "attribution": "Attribution to display",
    "use-restriction": "Use restrictions to respect and pass on",
    "share-alike": "Share-alike",
    "other": "Other obligations",
}

# What each verdict means (the contract, section 2), for readers of a report.
MEANING: Mapping[Verdict, str] = {
    Verdict.PERMITTED: "nothing in the governing terms restricts this use",
    Verdict.CONDITIONAL: "permitted, provided the listed obligations are met",
    Verdict.NEEDS_REVIEW: "the tool cannot decide: a person must review it",
    Verdict.PROHIBITED: "the governing terms forbid this use, or the manifest shows an obligation unmet",
}


@dataclass(frozen=True)
class TermsInfo:
    full_id: str
    name: str
    version: str
    effective: datetime.date
    kind: str
    publisher: str
    source: str

    @staticmethod
    def of(terms: Terms) -> TermsInfo:
        return TermsInfo(
            full_id=terms.full_id,
            name=terms.name,
            version=terms.version,
            effective=terms.effective,
            kind=terms.kind,
            publisher=terms.publisher,
            source=terms.source,
        )


@dataclass(frozen=True)
class AuditFinding:
    finding: Finding
    terms: TermsInfo | None  # None: no terms the registry holds govern it (an unknown subject)


@dataclass(frozen=True)
class Subject:
    """One subject in one role, with every finding about it (one per governing terms version)."""

    ref: str
    role: Role
    verdict: Verdict
    line: int | None
    findings: tuple[AuditFinding, ...]

    @property
    def anchor(self) -> str:
        """A stable fragment id for links inside a report."""
        digest = hashlib.sha256(f"{self.role.value}\0{normalise(self.ref)}".encode()).hexdigest()
        return f"subject-{self.role.value}-{digest[:10]}"


@dataclass(frozen=True)
class Obligation:
    """One thing the team must do, with the subjects and clauses that require it."""

    kind: str  # a key of OBLIGATION_KINDS
    text: str
    subjects: tuple[str, ...]
    clauses: tuple[Citation, ...]
    waived: bool  # every finding that carries it is waived


@dataclass(frozen=True)
class WaiverStatus:
    subject: str
    approved_by: str
    reason: str
    expires: datetime.date
    line: int | None
    valid: bool  # expires on or after the judging date
    applies_to: tuple[str, ...]  # "subject (role) under terms" for each finding it matched

    @property
    def status(self) -> str:
        if not self.applies_to:
            return "unused"
        return "valid" if self.valid else "expired"


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    roles: tuple[str, ...]  # student, base-model, teacher, dataset, generator, lineage
    verdict: Verdict | None  # None: not judged itself (a lineage ancestor)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # what the source is to the target


@dataclass(frozen=True)
class Lineage:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    use: str
    release: str
    model_kind: str
    monthly_active_users: int
    domicile: str | None
    student: str | None
    base_model: str | None
    teachers: int
    datasets: int


@dataclass(frozen=True)
class Provenance:
    tool_version: str
    registry_version: str
    registry_sha256: str
    policy: str
    policy_sha256: str | None
    manifest_sha256: str | None
    lock_sha256: str | None  # licensecheck.lock beside the manifest: the Hub answers it pinned
    command: str


@dataclass(frozen=True)
class Audit:
    manifest: str
    verdict: Verdict
    failed: bool
    as_of: datetime.date
    generated_at: datetime.datetime
    project: ProjectInfo
    subjects: tuple[Subject, ...]
    obligations: tuple[Obligation, ...]
    waivers: tuple[WaiverStatus, ...]
    lineage: Lineage
    provenance: Provenance
    counts: Mapping[str, int] = field(default_factory=dict)  # verdict value -> findings


def generated_at() -> datetime.datetime:
    """Now, in UTC to the second; SOURCE_DATE_EPOCH (reproducible-builds.org) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(microsecond=0)


def timestamp(audit: Audit) -> str:
    return audit.generated_at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(
    result: Result,
    manifest: Manifest,
    registry: Registry,
    policy: Policy | None = None,
    *,
    when: datetime.datetime | None = None,
) -> Audit:
    """The audit of `result`, judged from `manifest` on `registry` (the one the engine used,
    Hub entries included) under `policy`; `when` fixes the "generated at" time."""
    subjects = _subjects(result.findings, registry)
    return Audit(
        manifest=result.manifest,
        verdict=result.verdict,
        failed=result.failed,
        as_of=result.as_of,
        generated_at=when or generated_at(),
        project=_project(manifest),
        subjects=subjects,
        obligations=_obligations(subjects, registry, policy),
        waivers=_waivers(manifest, result),
        lineage=lineage(manifest, registry, result.findings, result.verdict),
        provenance=_provenance(result, registry, policy),
        counts={v.value: sum(1 for f in result.findings if f.verdict is v) for v in Verdict},
    )


# --- subjects -------------------------------------------------------------------


def _subjects(findings: Sequence[Finding], registry: Registry) -> tuple[Subject, ...]:
    # The engine orders findings worst first; a subject keeps the place of its first finding.
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.role.value, normalise(f.subject)), []).append(f)
    out = []
    for group in groups.values():
        first = group[0]
        out.append(
            Subject(
                ref=first.subject,
                role=first.role,
                verdict=Verdict.worst([f.verdict for f in group]),
                line=first.line,
                findings=tuple(AuditFinding(f, _terms_info(registry, f.terms)) for f in group),
            )
        )
    return tuple(out)


def _terms_info(registry: Registry, full_id: str | None) -> TermsInfo | None:
    if full_id is None:
        return None
    terms = registry.terms(full_id)
    return TermsInfo.of(terms) if terms is not None else None


# --- obligations ----------------------------------------------------------------


def _obligations(
    subjects: Sequence[Subject], registry: Registry, policy: Policy | None
) -> tuple[Obligation, ...]:
    merged: dict[str, dict[str, Any]] = {}
    for subject in subjects:
        for af in subject.findings:
            f = af.finding
            terms = registry.terms(f.terms) if f.terms else None
            known = _provision_obligations(terms) if terms else {}
            for text in f.obligations:
                kind, clauses = known.get(text) or _rule_obligation(f, terms, policy)
                item = merged.setdefault(text, {"kind": kind, "subjects": {}, "clauses": {}, "waived": True})
                item["subjects"].setdefault(f.subject, None)
                for c in clauses:
                    item["clauses"].setdefault(c, None)
                item["waived"] = item["waived"] and f.waiver_status == "waived"
    kinds = list(OBLIGATION_KINDS)
    items = [
        Obligation(
            kind=item["kind"],
            text=text,
            subjects=tuple(item["subjects"]),
            clauses=tuple(item["clauses"]),
            waived=item["waived"],
        )
        for text, item in merged.items()
    ]
    return tuple(sorted(items, key=lambda o: (kinds.index(o.kind), o.subjects[0].lower(), o.text)))


def _provision_obligations(terms: Terms) -> dict[str, tuple[str, tuple[Citation, ...]]]:
    """Obligation sentence -> (kind, clause) as the registry's provisions state them."""
    out: dict[str, tuple[str, tuple[Citation, ...]]] = {}
    prov = terms.provisions

    def clause(clause_id: Any) -> tuple[Citation, ...]:
        return (terms.cite(clause_id),) if clause_id in terms.clauses else ()

    for kind, label in (("naming", "name"), ("attribution", "attribution"), ("share-alike", "share-alike")):
        p = prov.get(kind)
        if p is not None and p.get("obligation"):
            out.setdefault(str(p["obligation"]), (label, clause(p.get("clause"))))
    derivative = prov.get("derivative")
    if derivative is not None:
        for o in derivative.get("obligations") or ():
            out.setdefault(str(o["text"]), (_derivative_kind(str(o["text"])), clause(o.get("clause"))))
    return out


def _derivative_kind(text: str) -> str:
    """Sort a derivative duty under the checklist's headings by what it asks for."""
    lower = text.lower()
    if lower.startswith(("use ", "do not use")) or "restrict" in lower or "acceptable use" in lower:
        return "use-restriction"
    if any(word in lower for word in ("notice", "copy of", "licen", "documentation", "copyright")):
        return "notice"
    return "other"


def _rule_obligation(
    f: Finding, terms: Terms | None, policy: Policy | None
) -> tuple[str, tuple[Citation, ...]]:
    """An obligation a policy rule states: its clauses are the provisions that rule cites."""
    if terms is None or policy is None:
        return "other", f.citations
    clauses: list[Citation] = []
    kinds: list[str] = []
    for rule in policy.rules:
        if rule.id not in f.rules or not rule.obligation:
            continue
        for name in rule.cite:
            provision = terms.provisions.get(name)
            if provision is not None and provision.get("clause") in terms.clauses:
                clauses.append(terms.cite(provision["clause"]))
                kinds.append(name)
    kind = "use-restriction" if "non-commercial" in kinds else "other"
    return kind, tuple(dict.fromkeys(clauses)) or f.citations


# --- waivers --------------------------------------------------------------------


def _waivers(manifest: Manifest, result: Result) -> tuple[WaiverStatus, ...]:
    out = []
    for w in manifest.waivers:
        key = normalise(w.subject)
        matched = [f for f in result.findings if normalise(f.subject) == key]
        out.append(
            WaiverStatus(
                subject=w.subject,
                approved_by=w.approved_by,
                reason=w.reason,
                expires=w.expires,
                line=w.line,
                valid=w.expires >= result.as_of,
                applies_to=tuple(
                    f"{f.subject} ({f.role.value}) under {f.terms or 'no known terms'}" for f in matched
                ),
            )
        )
    return tuple(out)


# --- lineage --------------------------------------------------------------------


class _Graph:
    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], int] = {}
        self.labels: list[str] = []
        self.roles: list[dict[str, None]] = []
        self.edges: dict[tuple[int, int, str], None] = {}

    def node(self, kind: str, ref: str, role: str) -> int:
        key = (kind, normalise(ref))
        if key not in self.keys:
            self.keys[key] = len(self.labels)
            self.labels.append(ref)
            self.roles.append({})
        index = self.keys[key]
        self.roles[index].setdefault(role, None)
        return index

    def edge(self, source: int, target: int, label: str) -> None:
        if source != target:
            self.edges.setdefault((source, target, label), None)


def lineage(
    manifest: Manifest,
    registry: Registry,
    findings: Iterable[Finding] = (),
    run_verdict: Verdict | None = None,
) -> Lineage:
    """The student and everything it learns from: base model, teachers, datasets, their
    generators, and the models the registry records they were derived from."""
    g = _Graph()
    project = manifest.project
    student_name = project.student.name if project.student else project.name
    student = g.node("student", student_name, "student")

    def ancestors(index: int, ref: str) -> None:
        # The derivations lineage.py followed (loops and depth are its business).
        for child, base in resolve_model(registry, ref).edges:
            target = index if normalise(child) == normalise(ref) else g.node("model", child, "lineage")
            g.edge(g.node("model", base, "lineage"), target, "base of")

    if project.student and project.student.base_model:
        ref = project.student.base_model.text
        base = g.node("model", ref, Role.BASE_MODEL.value)
        g.edge(base, student, "base weights")
        ancestors(base, ref)
    for t in manifest.teachers:
        ref = t.model.text
        teacher = g.node("model", ref, Role.TEACHER.value)
        label = t.purpose.value + (f" via {t.via}" if t.via else "")
        g.edge(teacher, student, label)
        ancestors(teacher, ref)
    for d in manifest.datasets:
        data = g.node("dataset", d.name, Role.DATASET.value)
        g.edge(data, student, "training data")
        for ref in resolve_dataset(registry, d).generators:
            generator = g.node("model", ref, Role.GENERATOR.value)
            g.edge(generator, data, "generated")
            ancestors(generator, ref)

    verdicts: dict[tuple[str, str], list[Verdict]] = {}
    for f in findings:
        kind = "dataset" if f.role is Role.DATASET else "model"
        verdicts.setdefault((kind, normalise(f.subject)), []).append(f.verdict)
    nodes = []
    for (kind, key), index in g.keys.items():
        judged = verdicts.get((kind, key))
        verdict = run_verdict if kind == "student" else (Verdict.worst(judged) if judged else None)
        nodes.append(Node(f"n{index}", g.labels[index], tuple(g.roles[index]), verdict))
    edges = tuple(Edge(f"n{s}", f"n{t}", label) for s, t, label in g.edges)
    return Lineage(tuple(nodes), edges)


# --- context and provenance -----------------------------------------------------


def _project(manifest: Manifest) -> ProjectInfo:
    p = manifest.project
    return ProjectInfo(
        name=p.name,
        use=p.use.value,
        release=p.release.value,
        model_kind=p.model_kind.value,
        monthly_active_users=p.monthly_active_users,
        domicile=p.domicile,
        student=p.student.name if p.student else None,
        base_model=p.student.base_model.text if p.student and p.student.base_model else None,
        teachers=len(manifest.teachers),
        datasets=len(manifest.datasets),
    )


def _sha256(path: str | Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _provenance(result: Result, registry: Registry, policy: Policy | None) -> Provenance:
    command = ["licensecheck", "audit", result.manifest, "--as-of", result.as_of.isoformat()]
    custom_policy = policy is not None and Path(policy.source).resolve() != default_policy_path().resolve()
    if policy is not None and custom_policy:
        command += ["--policy", policy.source]
    return Provenance(
        tool_version=__version__,
        registry_version=registry.version,
        registry_sha256=registry.content_hash,
        policy=result.policy,
        policy_sha256=_sha256(policy.source) if policy is not None else None,
        manifest_sha256=_sha256(result.manifest),
        lock_sha256=_sha256(lock_path(Path(result.manifest))),
        command=" ".join(shlex.quote(part) for part in command),
    )


def to_json(audit: Audit, svg: str | None = None) -> dict[str, Any]:
    """Everything the Markdown and HTML reports show, as JSON (keys in a fixed order)."""
    p = audit.project
    prov = audit.provenance
    return {
        "licensecheck": 1,
        "report": "audit",
        "verdict": audit.verdict.value,
        "failed": audit.failed,
        "as_of": audit.as_of.isoformat(),
        "generated_at": timestamp(audit),
        "manifest": audit.manifest,
        "project": {
            "name": p.name,
            "use": p.use,
            "release": p.release,
            "model_kind": p.model_kind,
            "monthly_active_users": p.monthly_active_users,
            "domicile": p.domicile,
            "student": p.student,
            "base_model": p.base_model,
            "teachers": p.teachers,
            "datasets": p.datasets,
        },
        "counts": dict(audit.counts),
        "subjects": [_subject_json(s) for s in audit.subjects],
        "obligations": [
            {
                "kind": o.kind,
                "text": o.text,
                "subjects": list(o.subjects),
                "clauses": [c.to_json() for c in o.clauses],
                "waived": o.waived,
            }
            for o in audit.obligations
        ],
        "waivers": [
            {
                "subject": w.subject,
                "approved_by": w.approved_by,
                "reason": w.reason,
                "expires": w.expires.isoformat(),
                "status": w.status,
                "valid": w.valid,
                "applies_to": list(w.applies_to),
                "line": w.line,
            }
            for w in audit.waivers
        ],
        "lineage": {
            "nodes": [
                {
                    "id": n.id,
                    "label": n.label,
                    "roles": list(n.roles),
                    "verdict": n.verdict.value if n.verdict else None,
                }
                for n in audit.lineage.nodes
            ],
            "edges": [{"from": e.source, "to": e.target, "label": e.label} for e in audit.lineage.edges],
            "svg": svg,
        },
        "provenance": {
            "tool_version": prov.tool_version,
            "registry_version": prov.registry_version,
            "registry_sha256": prov.registry_sha256,
            "policy": prov.policy,
            "policy_sha256": prov.policy_sha256,
            "manifest_sha256": prov.manifest_sha256,
            "lock_sha256": prov.lock_sha256,
            "command": prov.command,
        },
    }


def _subject_json(s: Subject) -> dict[str, Any]:
    findings = []
    for af in s.findings:
        entry = finding_to_json(af.finding)
        entry["terms_info"] = (
            {
                "id": af.terms.full_id,
                "name": af.terms.name,
                "version": af.terms.version,
                "effective": af.terms.effective.isoformat(),
                "kind": af.terms.kind,
                "publisher": af.terms.publisher,
                "source": af.terms.source,
            }
            if af.terms
            else None
        )
        findings.append(entry)
    return {
        "subject": s.ref,
        "role": s.role.value,
        "verdict": s.verdict.value,
        "line": s.line,
        "findings": findings,
    }
