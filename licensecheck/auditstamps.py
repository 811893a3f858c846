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
from typing import TYPE_CHECKING, NamedTuple

from licensecheck.finding import Citation, Finding, Obligation, Role
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


def subjects(block: Stamped, shaped: list[Subject]) -> list[Subject]:
    """The dataset's subject and its generators', from the shape's block and subjects
    (`shaped`, under NAME_SLOT); each one's findings are the named block's, made when read."""
    from licensecheck.audit import Subject

    template = block.template
    assert template is not None  # (every stamped block has its shape's)
    shown, name = template.block, block.ref
    through = shown.through  # (a generator's ref: no name in it)
    out = [
        _pending(
            Subject(
                name, Role.DATASET, shown.verdict, block.line, (), shown.label, None,
                through.ref if through is not None else None, None, (shaped[0], name),
            ),
            lambda: _found(block.findings, shaped[0]),
        )
    ]  # fmt: skip
    # A generator's line is the one that names it in the dataset's entry (engine._named).
    lines = {g.model.text: g.line for g in stamping.dataset_of(block).generated_by}
    for i, (g, shape) in enumerate(zip(shown.generators, shaped[1:], strict=True)):
        out.append(
            _pending(
                Subject(
                    g.ref, g.role, g.verdict, lines.get(g.ref, block.line), (), g.label, name,
                    None, name, (shape, name),
                ),
                _generator_findings(block, i, shape),
            )
        )  # fmt: skip
    return out


def _generator_findings(block: Block, i: int, shape: Subject) -> Callable[[], tuple[AuditFinding, ...]]:
    return lambda: _found(block.generators[i].findings, shape)


def _found(findings: list[Finding], shape: Subject) -> tuple[AuditFinding, ...]:
    """The named findings with the shape's terms and periods, in the same order (shapes.py)."""
    from licensecheck.audit import AuditFinding

    same = zip(findings, shape.findings, strict=True)
    return tuple([AuditFinding(f, af.terms, af.period) for f, af in same])


def _pending(subject: Subject, make: Callable[[], tuple[AuditFinding, ...]]) -> Subject:
    """`subject` without its findings, which `make` gives on first reading (Subject.__getattr__)."""
    state = subject.__dict__
    del state["findings"]
    state["_make"] = make
    return subject


def pending(subject: Subject) -> bool:
    """Whether the subject's findings are still to be made (reading them names its dataset)."""
    return "findings" not in subject.__dict__


# --- the checklist --------------------------------------------------------------------


Obligations = tuple[tuple[Obligation, ...], tuple[Citation, ...], bool]


def obligations(subject: Subject) -> Iterator[Obligations]:
    """Each finding's obligations, clauses and whether a waiver accepted it, as the named
    findings hold them: the shape's, with the dataset's name in each text and subject."""
    assert subject.shape is not None
    shape, name = subject.shape
    for af in shape.findings:
        f = af.finding
        named = tuple(
            o if NAME_SLOT not in o.subject and NAME_SLOT not in o.text
            else Obligation(o.kind, _text(o.text, name), o.clauses, _text(o.subject, name))
            for o in f.obligations
        )  # fmt: skip
        yield named, f.citations, False  # (a shape that renders once has no waiver: shapes.clean)


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
