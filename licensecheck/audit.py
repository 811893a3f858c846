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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from licensecheck import __version__, auditstamps
from licensecheck.errors import LicensecheckError
from licensecheck.finding import Citation, Finding, ObligationKind, Role, WaiverOutcome
from licensecheck.lock import lock_path
from licensecheck.manifest import Manifest
from licensecheck.policy import Policy, default_policy_path
from licensecheck.refs import normalise
from licensecheck.registry import Registry
from licensecheck.report.subjects import Block, Stamped, Told, blocks, once, overlaid, period, told_once
from licensecheck.report.subjects import counts as subject_counts
from licensecheck.result import NAME_SLOT, Deferred, Result, Stamp, SubjectResult
from licensecheck.terms import Terms, titled
from licensecheck.verdict import Verdict

if TYPE_CHECKING:
    from licensecheck.report.shapes import Template
    from licensecheck.signoff import SignOff

# The checklist's headings, in the order it lists them.
OBLIGATION_KINDS: Mapping[ObligationKind, str] = {
    ObligationKind.NOTICE: "Notices and licence copies to ship",
    ObligationKind.NAME: "Names to use",
    ObligationKind.ATTRIBUTION: "Attribution to display",
    ObligationKind.USE_RESTRICTION: "Use restrictions to respect and pass on",
    ObligationKind.SHARE_ALIKE: "Share-alike",
    ObligationKind.LICENCE: "Separate licences to obtain",
    ObligationKind.OTHER: "Other obligations",
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

    @property
    def title(self) -> str:
        return titled(self.name, self.version)

    @staticmethod
    def of(terms: Terms) -> TermsInfo:
        return TermsInfo(
            full_id=terms.full_id,
            name=terms.name,
            version=terms.version,
            effective=terms.effective,
            kind=terms.kind.value,
            publisher=terms.publisher,
            source=terms.source,
        )


@dataclass(frozen=True)
class AuditFinding:
    finding: Finding
    terms: TermsInfo | None  # None: no terms the registry holds govern it (an unknown subject)
    period: str = ""  # the part of the use its terms governed, in words ("used 2023-06-01 to …")


@dataclass(frozen=True)
class Subject:
    """One subject in one role, with every finding about it (one per governing terms version).
    A model that wrote a dataset follows that dataset, as one of its generators."""

    ref: str
    role: Role
    verdict: Verdict  # the worst that reaches it (a dataset: through its generators too)
    line: int | None
    findings: tuple[AuditFinding, ...]
    label: str = ""  # what a reader is told: the verdict, or "waived" when a person accepted it
    wrote: str | None = None  # a generator: the dataset it wrote
    through: str | None = None  # a dataset: the generator whose worse verdict reaches it
    # A generator: the subject it is shown under (the dataset it wrote, or the model trained on it).
    parent: str | None = None
    # A dataset shape's copy (report/shapes.py): the shape's own subject, under NAME_SLOT, and
    # the dataset's name for that slot; a report renders the shape's findings once.
    shape: tuple[Subject, str] | None = field(default=None, compare=False, repr=False)

    if not TYPE_CHECKING:  # mypy sees a plain field; a stamped subject's are made when read

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute the instance lacks: the findings of a subject made
            # by auditstamps.subjects, worked out now, once (its dataset named on first reading).
            make = self.__dict__.get("_make")
            if make is None or name != "findings":
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            findings = self.__dict__["findings"] = make()
            return findings

    def told(self) -> list[tuple[AuditFinding, Told]]:
        """Each finding with what it adds to the block (reasons and clauses said once)."""
        return list(zip(self.findings, told_once([af.finding for af in self.findings]), strict=True))

    @once  # read by each report's section and the checks before it
    def waiver(self) -> tuple[WaiverOutcome, Verdict] | None:
        """The subject's waiver, and the worst verdict the rules gave before it applied."""
        if "_make" in self.__dict__ and "findings" not in self.__dict__ and self.shape is not None:
            return self.shape[0].waiver  # a stamped copy's findings are its shape's, named (no waiver)
        w = next((af.finding.waiver for af in self.findings if af.finding.waiver is not None), None)
        return None if w is None else (w, Verdict.worst(af.finding.shown_verdict for af in self.findings))

    @once  # read by the summary and by the section: hashed once
    def anchor(self) -> str:
        """A stable fragment id for links inside a report."""
        # (`.value` is a Python-level property; a large audit has many)
        return anchor(self.role._value_, self.ref, self.wrote)


def anchor(role: str, ref: str, wrote: str | None) -> str:
    """The fragment id of the subject `ref` in `role` (a generator: of the data it `wrote`)."""
    # (refs.normalise written out: a large audit makes 17,500 anchors)
    key = f"{role}\0{ref.strip().lower()}\0{wrote.strip().lower() if wrote else ''}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"subject-{role}-{digest[:10]}"


@dataclass(frozen=True)
class ChecklistItem:
    """One thing the team must do, with the subjects and clauses that require it."""

    kind: ObligationKind
    text: str
    subjects: tuple[str, ...]
    clauses: tuple[Citation, ...]
    waived: bool  # every finding that carries it is waived


@dataclass(frozen=True)
class WaiverUse:
    """A manifest waiver and what it did on the judging date."""

    subject: str
    approved_by: str
    reason: str
    expires: datetime.date
    line: int | None
    valid: bool  # expires on or after the judging date
    applies_to: tuple[str, ...]  # "subject (role) under terms" for each finding it matched
    approved_on: datetime.date | None = None

    @property
    def approval(self) -> str:
        """Who approved it, and when if the manifest says."""
        on = f" on {self.approved_on.isoformat()}" if self.approved_on else ""
        return f"{self.approved_by}{on}"

    @property
    def status(self) -> str:
        if not self.applies_to:
            return "unused"
        return "valid" if self.valid else "expired"


class Node(NamedTuple):  # (a tuple: a large lineage has a node per dataset, 10,000 and more)
    id: str
    label: str
    roles: tuple[str, ...]  # student, base-model, teacher, dataset, generator, lineage
    verdict: Verdict | None  # None: not judged itself (a lineage ancestor)


class Edge(NamedTuple):  # (likewise: one or more per dataset)
    source: str
    target: str
    label: str  # what the source is to the target


@dataclass(frozen=True)
class Lineage:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class OverlayUse:
    """An organisation overlay that changed what a built-in registry entry allows."""

    subject: str
    role: Role
    kind: str
    ref: str
    label: str  # "by agreement CONTRACT-1"
    file: str
    line: int | None
    builtin: str  # the built-in terms version whose verdict it changed
    was: Verdict
    now: Verdict

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


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
    # The entity's and its affiliates' figures (project.organization), when declared.
    organization_users: int | None = None
    organization_revenue_usd: int | None = None

    def organization(self) -> str:
        """ "12,000,000 monthly active users; US$3,000,000 monthly revenue", or why there is none."""
        parts = []
        if self.organization_users is not None:
            parts.append(f"{self.organization_users:,} monthly active users")
        if self.organization_revenue_usd is not None:
            parts.append(f"US${self.organization_revenue_usd:,} monthly revenue")
        return "; ".join(parts) or "not declared"


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
    # Where the pinned Hub answers came from: when and by which tool the lock was written,
    # from which endpoint, and whether it was written for this manifest (else it was not used).
    lock_generated: str | None = None
    lock_tool_version: str | None = None
    lock_endpoint: str | None = None
    lock_matches_manifest: bool | None = None
    sign_off_sha256: str | None = None  # the reviewer's sign-off file the report carries
    # Each organisation overlay file the policy read, with its SHA-256 ("file sha256").
    overlays_sha256: tuple[str, ...] = ()

    @property
    def lock_summary(self) -> str:
        """The lock's own provenance, in words."""
        if self.lock_generated is None:
            return "none used" if self.lock_sha256 is None else "present but not readable: not used"
        use = (
            "written for this manifest"
            if self.lock_matches_manifest
            else "written for another version of the manifest: not used"
        )
        written = f"written {self.lock_generated} by licensecheck {self.lock_tool_version}"
        return f"{written} from {self.lock_endpoint}; {use}"


@dataclass(frozen=True)
class Audit:
    manifest: str
    verdict: Verdict
    failed: bool
    as_of: datetime.date
    generated_at: datetime.datetime
    project: ProjectInfo
    waivers: tuple[WaiverUse, ...]
    provenance: Provenance
    # What the subjects are shown as (verdict, or waived) -> how many; they add up to the
    # number of subjects (a dataset's generators are inside it, not counted again).
    counts: Mapping[str, int] = field(default_factory=dict)
    gaps: tuple[str, ...] = ()  # needs review for the whole run (Result.gaps)
    sign_off: SignOff | None = None  # the reviewer's decision, when one is given
    overlays: tuple[OverlayUse, ...] = ()  # overlays that change what built-in entries allow
    contact: str | None = None  # whom the failing findings tell the team to ask (the policy's)
    # What the subjects, checklist and lineage are made from, when a report first reads them
    # (a large audit's HTML page reads few of its 17,500 subjects: report/groups.py).
    top: tuple[Block, ...] = field(default=(), compare=False, repr=False)
    maker: Subjects | None = field(default=None, compare=False, repr=False)
    result: Result | None = field(default=None, compare=False, repr=False)

    @once
    def subjects(self) -> tuple[Subject, ...]:
        """Worst first, as the text report orders them; each dataset followed by its generators."""
        assert self.maker is not None
        make = self.maker.block
        return tuple([s for b in self.top for s in make(b)])

    @once
    def obligations(self) -> tuple[ChecklistItem, ...]:
        """Every obligation once, with the subjects and clauses behind it."""
        if "subjects" in self.__dict__ or self.maker is None:
            return _checklist(_obligations(self.subjects))
        return _checklist(self.maker.obligations(self.top))

    @once
    def lineage(self) -> Lineage:
        assert self.result is not None
        return lineage(self.result)

    @property
    def any_subject(self) -> bool:
        return bool(self.top)

    @property
    def blocks(self) -> list[tuple[Subject, list[Subject]]]:
        """Each top-level subject with the generators that wrote it (they follow it in
        `subjects`), for reports that nest them."""
        out: list[tuple[Subject, list[Subject]]] = []
        for s in self.subjects:
            if s.parent is not None and out and out[-1][0].ref == s.parent:
                out[-1][1].append(s)
            else:
                out.append((s, []))
        return out

    @property
    def summary(self) -> str:
        """How many subjects, and what they are shown as: the numbers add up."""
        total = sum(self.counts.values())
        if not total:
            return "No subjects."
        tally = ", ".join(f"{n} {label}" for label, n in self.counts.items())
        if "subjects" in self.__dict__:
            writers = sum(1 for s in self.subjects if s.wrote)
        else:
            writers = _writers(self.top)
        inside = f" The {writers} models that wrote datasets are listed with them." if writers else ""
        return f"{total} subject{'s' * (total != 1)}: {tally}.{inside}"


def generated_at() -> datetime.datetime:
    """Now, in UTC to the second; SOURCE_DATE_EPOCH (reproducible-builds.org) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise LicensecheckError(
                f"SOURCE_DATE_EPOCH={epoch[:30]} is not a time this tool can write"
            ) from None
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(microsecond=0)


def timestamp(audit: Audit) -> str:
    return audit.generated_at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(
    result: Result,
    registry: Registry,
    policy: Policy | None = None,
    *,
    when: datetime.datetime | None = None,
    sign_off: SignOff | None = None,
) -> Audit:
    """The audit of `result`; `registry` and `policy` are the ones the engine used (named in
    the provenance, never asked again); `when` fixes the "generated at" time."""
    # A judgement whose datasets are not named yet keeps them so where it can (auditstamps.py).
    top = blocks(result, stamped=True)
    return Audit(
        manifest=result.manifest,
        verdict=result.verdict,
        failed=result.failed,
        as_of=result.as_of,
        generated_at=when or generated_at(),
        project=_project(result.inputs),
        waivers=_waivers(result),
        provenance=_provenance(result, registry, policy, sign_off),
        counts=subject_counts(top),
        gaps=result.gaps,
        sign_off=sign_off,
        overlays=_overlays(result),
        contact=result.contact,
        top=tuple(top),
        maker=Subjects(result.as_of),
        result=result,
    )


def _overlays(result: Result) -> tuple[OverlayUse, ...]:
    out = []
    for f in overlaid(result):
        o = f.org
        if o is not None and o.builtin is not None and o.original is not None:
            out.append(
                OverlayUse(
                    f.subject,
                    f.role,
                    o.kind,
                    o.ref,
                    o.label,
                    o.file,
                    o.line,
                    o.builtin,
                    o.original,
                    f.verdict,
                )
            )
    return tuple(out)


# --- subjects -------------------------------------------------------------------


class Subjects:
    """Makes the audit's subjects of blocks, each terms version described once and each
    dataset shape's subjects made once (a large manifest's findings share a few of each)."""

    def __init__(self, as_of: datetime.date) -> None:
        self.as_of = as_of
        self.infos: dict[int, tuple[Terms, TermsInfo]] = {}
        self.shapes: dict[int, list[Subject]] = {}  # a shape's subjects, by id of its template
        self.shared: dict[int, list[dict[str, Any]]] = {}  # what a shape's stamped copies share
        self.owed: dict[int, list[tuple[auditstamps.Owed, bool]]] = {}  # a shape's obligations

    def shaped(self, template: Template) -> list[Subject]:
        """The subjects of a dataset shape's block, under NAME_SLOT: its dataset, then its generators."""
        shaped = self.shapes.get(id(template))
        if shaped is None:
            tb, as_of, infos = template.block, self.as_of, self.infos
            shaped = self.shapes[id(template)] = [
                _subject(tb, None, as_of, infos),
                *(_subject(g, tb.ref, as_of, infos) for g in tb.generators),
            ]
        return shaped

    def block(self, block: Block) -> list[Subject]:
        """The block's subject followed by its generators'."""
        as_of, infos = self.as_of, self.infos
        template = block.template
        if template is None:
            return [
                _subject(block, None, as_of, infos),
                *(_subject(g, block.ref, as_of, infos) for g in block.generators),
            ]
        shaped = self.shaped(template)
        if isinstance(block, Stamped):  # its dataset not named: the shape's subjects, stamped
            return auditstamps.subjects(block, shaped, self.shared)
        return [
            _subject(block, None, as_of, infos, (shaped[0], block.ref)),
            *(
                _subject(g, block.ref, as_of, infos, (shape, block.ref))
                for g, shape in zip(block.generators, shaped[1:], strict=True)
            ),
        ]

    def obligations(self, top: Iterable[Block]) -> Iterator[auditstamps.Owed]:
        """What `_obligations` gives of the blocks' subjects, a stamped dataset's read from its
        shape with its name put in, without making its subjects."""
        for b in top:
            if isinstance(b, Stamped) and b.template is not None:
                for shape in self.shaped(b.template):
                    yield from auditstamps.owed(shape, b.ref, self.owed)
            else:
                yield from _obligations(self.block(b), self.owed)


def _writers(top: Iterable[Block]) -> int:
    """How many subjects of these blocks are models that wrote data (Subject.wrote), counted
    without making them: a stamped block's generators are its shape's."""
    count = 0
    shaped: dict[int, int] = {}  # a stamped block's generators, by id of its template
    for b in top:
        template = b.template
        if isinstance(b, Stamped) and template is not None:
            known = shaped.get(id(template))
            if known is None:  # (each is named after the dataset it wrote: Subject.wrote)
                known = shaped[id(template)] = len(template.block.generators)
            count += known
            continue
        count += bool(b.wrote) + sum(1 for g in b.generators if g.wrote or b.ref)
    return count


def _subject(
    block: Block,
    parent: str | None,
    as_of: datetime.date,
    infos: dict[int, tuple[Terms, TermsInfo]],
    shape: tuple[Subject, str] | None = None,
) -> Subject:
    if shape is not None:  # the shape's terms and periods, in the same order (report/shapes.py)
        same = zip(block.findings, shape[0].findings, strict=True)
        findings = [AuditFinding(f, af.terms, af.period) for f, af in same]
        through = block.through
        return Subject(
            block.ref, block.role, block.verdict, block.line, tuple(findings), block.label,
            block.wrote or parent, through.ref if through is not None else None, parent, shape,
        )  # fmt: skip
    findings = []
    for f in block.findings:
        info = None
        if f.governed is not None:
            terms = f.governed.terms
            known = infos.get(id(terms))
            if known is None:  # (the terms are kept with it, so the id stays theirs)
                known = infos[id(terms)] = (terms, TermsInfo.of(terms))
            info = known[1]
        findings.append(AuditFinding(f, info, period(f, block, as_of)))
    through = block.through
    return Subject(
        ref=block.ref,
        role=block.role,
        verdict=block.verdict,
        line=block.line,
        findings=tuple(findings),
        label=block.label,
        wrote=block.wrote or parent,
        parent=parent,
        through=through.ref if through is not None else None,
        shape=shape,
    )


# --- obligations ----------------------------------------------------------------


def _obligations(
    subjects: Sequence[Subject], shapes: dict[int, list[tuple[auditstamps.Owed, bool]]] | None = None
) -> Iterator[auditstamps.Owed]:
    """Each finding's obligations, with their clauses and whether the finding is waived,
    subject by subject; a stamped subject's from its shape (auditstamps.py), its dataset not
    named for them."""
    shapes = {} if shapes is None else shapes
    for s in subjects:
        if auditstamps.pending(s):
            assert s.shape is not None
            yield from auditstamps.owed(*s.shape, shapes)
            continue
        for af in s.findings:
            f = af.finding
            waived = f.waiver is not None and f.waiver.waived
            for o in f.obligations:
                yield o.kind, o.text, o.subject, o.clauses or f.citations, waived


def _checklist(owed: Iterable[auditstamps.Owed]) -> tuple[ChecklistItem, ...]:
    """Every obligation once, with every subject and clause behind it."""
    merged: dict[str, dict[str, Any]] = {}
    for kind, text, subject, clauses, waived in owed:
        item = merged.get(text)
        if item is None:
            item = merged[text] = {"kind": kind, "subjects": {}, "clauses": {}, "waived": True, "seen": {}}
        item["subjects"].setdefault(subject, None)
        # A shape's copies owe it under one tuple of clauses: each tuple merged once (kept in
        # `seen`, so no other tuple takes its id).
        if id(clauses) not in item["seen"]:
            item["seen"][id(clauses)] = clauses
            item["clauses"].update(dict.fromkeys(clauses))
        item["waived"] = item["waived"] and waived
    kinds = list(OBLIGATION_KINDS)
    items = [
        ChecklistItem(
            kind=item["kind"],
            text=text,
            subjects=tuple(item["subjects"]),
            clauses=tuple(item["clauses"]),
            waived=item["waived"],
        )
        for text, item in merged.items()
    ]
    return tuple(sorted(items, key=lambda o: (kinds.index(o.kind), o.subjects[0].lower(), o.text)))


# --- waivers --------------------------------------------------------------------


def _waivers(result: Result) -> tuple[WaiverUse, ...]:
    out = []
    for w in result.inputs.waivers:
        # The findings the engine applied this waiver to: the audit does not match again.
        matched = [f for f in result.findings if f.waiver is not None and f.waiver.waiver is w]
        out.append(
            WaiverUse(
                subject=w.subject,
                approved_by=w.approved_by,
                reason=w.reason,
                expires=w.expires,
                line=w.line,
                valid=w.expires >= result.as_of,
                approved_on=w.approved_on,
                applies_to=tuple(
                    f"{f.subject} ({f.role.value}) under {f.terms or 'no known terms'}" for f in matched
                ),
            )
        )
    return tuple(out)


# --- lineage --------------------------------------------------------------------


class _Graph:
    def __init__(self, merge: Mapping[str, str] | None = None) -> None:
        self.merge = merge  # a dataset's name -> the name of the node it is drawn in (groups.py)
        self.keys: dict[tuple[str, str], int] = {}
        self.labels: list[str] = []
        self.roles: list[dict[str, None]] = []
        self.edges: dict[tuple[int, int, str], None] = {}
        # (kind, ref as written, role) -> its node: a large manifest names a few generators
        # thousands of times, and asking again changes nothing, so each is worked out once.
        self.seen: dict[tuple[str, str, str], int] = {}

    def node(self, kind: str, ref: str, role: str) -> int:
        known = self.seen.get((kind, ref, role))
        if known is not None:
            return known
        self.seen[(kind, ref, role)] = index = self._node(kind, ref, role)
        return index

    def _node(self, kind: str, ref: str, role: str) -> int:
        if self.merge is not None and kind == "dataset":
            ref = self.merge.get(ref, ref)
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


def lineage(result: Result, merge: Mapping[str, str] | None = None) -> Lineage:
    """The student and everything it learns from: base model, teachers, datasets, their
    generators, and the models the engine found they were derived from. `merge`: datasets
    drawn as one node, by name, each to the name of the one whose node it is (a dataset
    keeps its own verdicts: merged datasets are judged alike, report/groups.py)."""
    g = _Graph(merge)
    project = result.inputs.project
    student = g.node("student", project.student.name if project.student else project.name, "student")
    walk = _Walk(g, student)
    verdicts: dict[tuple[str, str], list[Verdict]] = {}
    plan = result.deferred()
    if plan is None or not _stamps_walk(plan, walk, verdicts):
        # A judgement whose datasets are not named yet: each read from its shape (auditstamps.py).
        records = result.subjects if plan is None else auditstamps.records(plan)
        # The base model first, then the rest in the manifest's order.
        for s in sorted(records, key=lambda s: s.role is not Role.BASE_MODEL):
            walk.record(s)
        found = (
            auditstamps.verdicts(plan)
            if plan is not None
            else ((f.role, f.subject, f.verdict) for f in result.findings)
        )
        for role, ref, judgement in found:
            kind = "dataset" if role is Role.DATASET else "model"
            verdicts.setdefault((kind, normalise(ref)), []).append(judgement)
    ids = [f"n{index}" for index in range(len(g.labels))]
    nodes = []
    for (kind, key), index in g.keys.items():
        judged = verdicts.get((kind, key))
        if kind == "student":
            verdict: Verdict | None = result.verdict
        elif judged:  # (most nodes, a dataset's, have one finding)
            verdict = judged[0] if len(judged) == 1 else Verdict.worst(judged)
        else:
            verdict = None
        nodes.append(Node(ids[index], g.labels[index], tuple(g.roles[index]), verdict))
    edges = tuple([Edge(ids[s], ids[t], label) for s, t, label in g.edges])
    return Lineage(tuple(nodes), edges)


class _Walk:
    """What each subject's record adds to the graph."""

    def __init__(self, g: _Graph, student: int) -> None:
        self.g = g
        self.student = student
        # A dataset shape's generators share one resolution (engine.py copies the shape's
        # records): its derivations are walked once.
        self.walked: dict[int, tuple[tuple[str, str], ...]] = {}
        # (node, resolution) pairs walked: walking one again adds no node and no edge (each
        # is kept once), and 7,500 generators of a large manifest share a few of them.
        self.done: set[tuple[int, int]] = set()

    def record(self, s: SubjectResult | auditstamps.Record) -> None:
        g = self.g
        if s.role is Role.BASE_MODEL:
            base = g.node("model", s.ref, Role.BASE_MODEL.value)
            g.edge(base, self.student, "base weights")
            self.ancestors(base, s)
        elif s.role is Role.TEACHER:
            teacher = g.node("model", s.ref, Role.TEACHER.value)
            g.edge(teacher, self.student, s.purpose + (f" via {s.via}" if s.via else ""))
            self.ancestors(teacher, s)
        elif s.role is Role.DATASET:
            g.edge(g.node("dataset", s.ref, Role.DATASET.value), self.student, "training data")
        elif s.wrote is not None:
            self.generator(s.ref, s.wrote, s)

    def generator(self, ref: str, wrote: str, s: SubjectResult | auditstamps.Record) -> None:
        g = self.g
        generator = g.node("model", ref, Role.GENERATOR.value)
        g.edge(generator, g.node("dataset", wrote, Role.DATASET.value), "generated")
        self.ancestors(generator, s)

    def ancestors(self, index: int, s: SubjectResult | auditstamps.Record) -> None:
        # The derivations lineage.py followed (loops and depth are its business).
        resolution = s.resolution
        if (index, id(resolution)) in self.done:  # (the node's key is normalise(s.ref): the same walk)
            return
        self.done.add((index, id(resolution)))
        edges = self.walked.get(id(resolution))
        if edges is None:
            edges = self.walked[id(resolution)] = resolution.edges
        g = self.g
        for child, base in edges:
            target = index if normalise(child) == normalise(s.ref) else g.node("model", child, "lineage")
            g.edge(g.node("model", base, "lineage"), target, "base of")


def _stamps_walk(plan: Deferred, walk: _Walk, verdicts: dict[tuple[str, str], list[Verdict]]) -> bool:
    """The graph and verdicts of a deferred judgement, each stamped dataset's read from its
    shape with its name put in, as `auditstamps.records` and `auditstamps.verdicts` give
    them: the nodes and edges come in the same order. False, with nothing done, when a
    shape holds anything but its dataset followed by that dataset's generators."""
    entries = plan.entries
    shapes: dict[int, _Shape] = {}
    for entry in entries:
        if isinstance(entry, Stamp) and id(entry.judged) not in shapes:
            first, *rest = entry.judged
            if first.role is not Role.DATASET or any(s.role is not Role.GENERATOR for s in rest):
                return False
            shapes[id(entry.judged)] = _Shape(entry.judged)
    # The base model first (a shape never holds one), then the rest in the manifest's order.
    for entry in entries:
        if not isinstance(entry, Stamp) and entry.role is Role.BASE_MODEL:
            walk.record(entry)
    g, student = walk.g, walk.student
    keys, labels, roles, edges = g.keys, g.labels, g.roles, g.edges
    for entry in entries:
        if not isinstance(entry, Stamp):
            if entry.role is not Role.BASE_MODEL:
                walk.record(entry)
            for f in entry.findings:
                kind = "dataset" if f.role is Role.DATASET else "model"
                verdicts.setdefault((kind, normalise(f.subject)), []).append(f.verdict)
            continue
        # (engine._named: the dataset takes the name, each generator wrote it; the shape's
        # dataset comes first, then its generators.) The dataset's node, as _Graph.node:
        name = entry.dataset.name
        shown = name if g.merge is None else g.merge.get(name, name)
        key = ("dataset", normalise(shown))
        index = keys.get(key)
        if index is None:
            index = keys[key] = len(labels)
            labels.append(shown)
            roles.append({"dataset": None})
        else:
            roles[index].setdefault("dataset", None)
        if index != student:
            edges.setdefault((index, student, "training data"), None)
        shape = shapes[id(entry.judged)]
        if shape.writers is None:  # the shape's first copy: its generators' nodes and derivations
            shape.writers = []
            for s in entry.judged[1:]:
                walk.generator(s.ref, shown, s)
                shape.writers.append(g.node("model", s.ref, Role.GENERATOR.value))
        else:  # (the same nodes each time, their derivations walked already: _Walk.ancestors)
            for writer in shape.writers:
                if writer != index:
                    edges.setdefault((writer, index, "generated"), None)
        shape.add(name, key, verdicts)
    return True


class _Shape:
    """What a dataset shape's copies add to the lineage: its generators' nodes (found with
    the first copy), and the verdicts its findings give each node: those of a subject named
    as in the shape the same for every copy (given once: a node's verdict is the worst of
    them), those of the dataset with each copy's name."""

    def __init__(self, judged: tuple[SubjectResult, ...]) -> None:
        self.writers: list[int] | None = None
        self.fixed: list[tuple[tuple[str, str], Verdict]] | None = []
        self.slotted: list[tuple[str, str, Verdict]] = []
        for s in judged:
            for f in s.findings:
                kind = "dataset" if f.role is Role.DATASET else "model"
                if NAME_SLOT in f.subject:
                    self.slotted.append((kind, f.subject, f.verdict))
                else:
                    self.fixed.append(((kind, normalise(f.subject)), f.verdict))

    def add(self, name: str, key: tuple[str, str], verdicts: dict[tuple[str, str], list[Verdict]]) -> None:
        """One copy's verdicts; `key` is its dataset's node's."""
        if self.fixed is not None:
            for fixed, verdict in self.fixed:
                verdicts.setdefault(fixed, []).append(verdict)
            self.fixed = None
        for kind, subject, verdict in self.slotted:
            if subject == NAME_SLOT and kind == "dataset":
                verdicts.setdefault(key, []).append(verdict)
            else:
                ref = subject.replace(NAME_SLOT, name)
                verdicts.setdefault((kind, normalise(ref)), []).append(verdict)


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
        organization_users=p.organization_users,
        organization_revenue_usd=p.organization_revenue,
    )


def _sha256(path: str | Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _provenance(
    result: Result, registry: Registry, policy: Policy | None, sign_off: SignOff | None
) -> Provenance:
    command = ["licensecheck", "audit", result.manifest, "--as-of", result.as_of.isoformat()]
    custom_policy = policy is not None and Path(policy.source).resolve() != default_policy_path().resolve()
    if policy is not None and custom_policy:
        command += ["--policy", policy.source]
    if sign_off is not None:
        command += ["--sign-off", sign_off.file]
    return Provenance(
        tool_version=__version__,
        registry_version=registry.version,
        registry_sha256=registry.content_hash,
        policy=result.policy,
        policy_sha256=_sha256(policy.source) if policy is not None else None,
        manifest_sha256=_sha256(result.manifest),
        lock_sha256=_sha256(lock_path(Path(result.manifest))),
        sign_off_sha256=_sha256(sign_off.file) if sign_off is not None else None,
        overlays_sha256=tuple(
            f"{file} {_sha256(file)}"
            for file in dict.fromkeys(g.file for g in (policy.org.grants if policy and policy.org else ()))
        ),
        command=" ".join(_quote(part) for part in command),
        **_lock_provenance(Path(result.manifest)),
    )


def _quote(part: str) -> str:
    import shlex  # (only here: an audit's command line)

    return shlex.quote(part)


def _lock_provenance(manifest: Path) -> dict[str, Any]:
    """What the lock beside the manifest says of itself (nothing if there is none or it cannot
    be read: the run then did not use it either)."""
    from licensecheck import lock as lockmod

    path = lock_path(manifest)
    if not path.is_file():
        return {}
    try:
        lock = lockmod.read(path)
    except LicensecheckError:
        return {}
    return {
        "lock_generated": lock.generated,
        "lock_tool_version": lock.tool_version,
        "lock_endpoint": lock.endpoint,
        "lock_matches_manifest": lock.is_fresh_for(manifest),
    }
