"""The audit of a judgement whose datasets are not named yet (result.Deferred): what it
needs of each dataset taken from its shape's judgement, with the name put where the
engine puts it (engine._named replaces NAME_SLOT in each text), so that no dataset is
named one by one unless a report reads its findings.

- `subjects`: a stamped dataset's audit subjects (report/stamping.py), as audit._subject
  makes them from the named block, their findings made when first read.
- `obligations`: what a not yet named subject adds to the checklist.
- `records` and `verdicts`: what the lineage reads of every subject and finding.
Each gives what the named records give (tests/test_deferred.py compares every audit
format, byte for byte, with each dataset judged and rendered on its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from licensecheck.finding import Citation, Finding, ObligationKind, Role
from licensecheck.lineage import Resolution
from licensecheck.report import stamping
from licensecheck.report.subjects import Block, Stamped
from licensecheck.result import NAME_SLOT, Deferred, Stamp, SubjectResult
from licensecheck.verdict import Verdict

if TYPE_CHECKING:
    from licensecheck.audit import AuditFinding, Subject


def _text(value: str, name: str) -> str:
    return value.replace(NAME_SLOT, name) if NAME_SLOT in value else value


# --- subjects -------------------------------------------------------------------------


def subjects(block: Stamped, shaped: list[Subject], shared: dict[int, list[dict[str, Any]]]) -> list[Subject]:
    """The dataset's subject and its generators', from the shape's block and subjects
    (`shaped`, under NAME_SLOT); each one's findings are the named block's, made when read.
    `shared` keeps, per shape, the fields its copies share (a large audit makes 17,500)."""
    name = block.ref
    fields = shared.get(id(shaped[0]))
    if fields is None:
        fields = shared[id(shaped[0])] = _shared(block, shaped)
    # A generator's line is the one that names it in the dataset's entry (engine._named).
    lines = {g.model.text: g.line for g in stamping.dataset_of(block).generated_by}
    out = [
        _pending(
            fields[0] | {"ref": name, "line": block.line, "shape": (shaped[0], name)},
            _dataset_findings(block, shaped[0]),
        )
    ]
    for i, (common, shape) in enumerate(zip(fields[1:], shaped[1:], strict=True)):
        own = {
            "line": lines.get(common["ref"], block.line),
            "wrote": name,
            "parent": name,
            "shape": (shape, name),
        }
        out.append(_pending(common | own, _generator_findings(block, i, shape)))
    return out


def generator_lines(block: Block) -> list[int | None]:
    """Where each generator of a dataset's block is declared (a stamped block's, without
    naming it: in its shape's order, as `subjects` gives them)."""
    template = block.template
    if not isinstance(block, Stamped) or template is None:
        return [g.line for g in block.generators]
    declared = stamping.dataset_of(block).generated_by  # (one or two: searched, not indexed)
    out = []
    for g in template.block.generators:
        line = block.line
        for d in declared:  # the last entry naming it, as `subjects` reads them
            if d.model.text == g.ref:
                line = d.line
        out.append(line)
    return out


def _shared(block: Stamped, shaped: list[Subject]) -> list[dict[str, Any]]:
    """What every copy of the shape shares, as audit._subject makes it from a named block: the
    dataset's fields (its verdicts are the shape's, and its generator worse than it names no
    dataset), then each generator's (a model named as in the shape, its verdicts the shape's)."""
    template = block.template
    assert template is not None  # (every stamped block has its shape's)
    shown = template.block
    through = shown.through
    dataset = {
        "role": Role.DATASET, "verdict": shown.verdict, "label": shown.label, "wrote": None,
        "through": through.ref if through is not None else None, "parent": None,
    }  # fmt: skip
    generators = [
        {"ref": g.ref, "role": g.role, "verdict": g.verdict, "label": g.label, "through": None}
        for g in shown.generators
    ]
    assert len(generators) == len(shaped) - 1
    return [dataset, *generators]


def _dataset_findings(block: Block, shape: Subject) -> Callable[[], tuple[AuditFinding, ...]]:
    return lambda: _found(block.findings, shape)


def _generator_findings(block: Block, i: int, shape: Subject) -> Callable[[], tuple[AuditFinding, ...]]:
    return lambda: _found(block.generators[i].findings, shape)


def _found(findings: list[Finding], shape: Subject) -> tuple[AuditFinding, ...]:
    """The named findings with the shape's terms and periods, in the same order (shapes.py)."""
    from licensecheck.audit import AuditFinding

    same = zip(findings, shape.findings, strict=True)
    return tuple([AuditFinding(f, af.terms, af.period) for f, af in same])


def _pending(fields: dict[str, Any], make: Callable[[], tuple[AuditFinding, ...]]) -> Subject:
    """A Subject of `fields` but its findings, which `make` gives on first reading
    (Subject.__getattr__). Made without `__init__`, which would set each field through the
    frozen class's `object.__setattr__`: the fields are those `__init__` would set."""
    from licensecheck.audit import Subject

    subject: Subject = object.__new__(Subject)
    fields["_make"] = make
    object.__setattr__(subject, "__dict__", fields)
    return subject


def pending(subject: Subject) -> bool:
    """Whether the subject's findings are still to be made (reading them names its dataset)."""
    return "findings" not in subject.__dict__


# --- the checklist --------------------------------------------------------------------


# One obligation as the checklist merges it: its kind, text and subject, the clauses behind
# it (its own, else its finding's), and whether a waiver accepted that finding.
Owed = tuple[ObligationKind, str, str, tuple[Citation, ...], bool]


def owed(shape: Subject, name: str, shapes: dict[int, list[tuple[Owed, bool]]]) -> Iterator[Owed]:
    """Each obligation of each finding of a stamped subject, as its named findings hold them:
    its shape's, with the dataset's `name` in each text and subject. `shapes` keeps each
    shape's, read once (by id of its subject), each with whether it holds the slot."""
    owed = shapes.get(id(shape))
    if owed is None:  # (a shape that renders once has no waiver: shapes.clean)
        owed = shapes[id(shape)] = [
            (
                (o.kind, o.text, o.subject, o.clauses or af.finding.citations, False),
                NAME_SLOT in o.subject or NAME_SLOT in o.text,
            )
            for af in shape.findings
            for o in af.finding.obligations
        ]
    for one, slotted in owed:
        if slotted:
            kind, text, owner, clauses, waived = one
            yield kind, _text(text, name), _text(owner, name), clauses, waived
        else:
            yield one


# --- the lineage ----------------------------------------------------------------------


class Record(NamedTuple):
    """What the lineage reads of a subject's record."""

    ref: str
    role: Role
    wrote: str | None
    purpose: str
    via: str | None
    resolution: Resolution


def records(plan: Deferred) -> Iterator[SubjectResult | Record]:
    """Every subject in order, a dataset's (and its generators') as the named records read."""
    for entry in plan.entries:
        if not isinstance(entry, Stamp):
            yield entry
            continue
        name = entry.dataset.name
        for s in entry.judged:  # (engine._named: the dataset takes the name, each generator wrote it)
            if s.role is Role.DATASET:
                yield Record(name, s.role, s.wrote, s.purpose, s.via, s.resolution)
            else:
                yield Record(s.ref, s.role, name, s.purpose, s.via, s.resolution)


def verdicts(plan: Deferred) -> Iterator[tuple[Role, str, Verdict]]:
    """Every finding's role, subject and verdict (as `Result.findings` holds them, in another order)."""
    for entry in plan.entries:
        if not isinstance(entry, Stamp):
            for f in entry.findings:
                yield f.role, f.subject, f.verdict
            continue
        name = entry.dataset.name
        for s in entry.judged:
            for f in s.findings:
                yield f.role, _text(f.subject, name), f.verdict
