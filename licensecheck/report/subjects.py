"""The Result arranged as a person reads it: one block per subject (a teacher, the base
model, a dataset), its findings under every terms version together, and the models that
wrote a dataset nested under it. A dataset shows the worst verdict that reaches it,
through its generators too, and a subject whose every finding a waiver accepted is
shown as waived, never as simply permitted."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from licensecheck.finding import Citation, Finding, Role
from licensecheck.refs import normalise
from licensecheck.result import NAME_SLOT, Fanout, Result, SubjectResult
from licensecheck.verdict import Verdict

if TYPE_CHECKING:
    from licensecheck.report.shapes import Template

T = TypeVar("T")


class once(Generic[T]):  # lower case: used as a decorator, like the property it replaces
    """A value worked out on first reading and kept on the instance: functools.cached_property
    without the lock it takes on every first reading before Python 3.12."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


# A block's verdicts are read again and again while blocks are sorted and shown; each is
# worked out once, after `blocks` has put the block together (nothing changes it later).
@dataclass
class Block:
    """One subject of a report, with its findings and the generators nested in it."""

    ref: str
    role: Role
    line: int | None
    findings: list[Finding] = field(default_factory=list)
    # When the subject was used, as the manifest (or a catalogue's generation window) dated it.
    dated: bool = False
    generators: list[Block] = field(default_factory=list)
    wrote: str | None = None  # a generator: the dataset it wrote
    sources: list[SubjectResult] = field(default_factory=list)  # the records it shows
    # A dataset that is exactly its shape's copy: the shape's block, rendered once (shapes.py).
    template: Template | None = None

    @once
    def own_verdict(self) -> Verdict:
        return Verdict.worst(f.verdict for f in self.findings)

    @once
    def verdict(self) -> Verdict:
        """The worst verdict that reaches the subject: its own, or a generator's."""
        return Verdict.worst([self.own_verdict, *(g.verdict for g in self.generators)])

    @once
    def waived(self) -> bool:
        return bool(self.findings) and all(f.waiver is not None and f.waiver.waived for f in self.findings)

    @once
    def label(self) -> str:
        """What a reader is told: the verdict, or `waived` when a person accepted it."""
        return "waived" if self.waived and not self.generators_worse else self.verdict.value

    @property
    def generators_worse(self) -> bool:
        return any(self.own_verdict < g.verdict for g in self.generators)

    @once
    def through(self) -> Block | None:
        """The generator whose verdict is worse than the dataset's own, if one is."""
        worse = [g for g in self.generators if self.own_verdict < g.verdict]
        return max(worse, key=lambda g: g.verdict.rank) if worse else None

    def sort_key(self) -> tuple[int, str, str]:
        # As the engine orders findings (worst, role, name), but waived subjects after every
        # other: their terms no longer decide the run.
        rank = -1 if self.label == "waived" else self.verdict.rank
        return (-rank, self.role.value, self.ref.lower())


class Stamped(Block):
    """A dataset's block stamped from its shape's (report/stamping.py): its name and line,
    and the verdicts, dates and template of the shape's block. Its findings, generators and
    records are the dataset's own, made only if read."""

    def __init__(self, ref: str, line: int | None, shape: dict[str, Any], make: Callable[[], Block]) -> None:
        # Block.__init__ is not run: what it would set is the shape's (`Stamped.fields`) or made when read.
        self.__dict__ = shape | {"ref": ref, "line": line, "_make": make}

    @staticmethod
    def fields(template: Template) -> dict[str, Any]:
        """What every dataset stamped from `template` shares: the shape's block but its records."""
        shown = template.block
        return {
            "role": Role.DATASET,
            "dated": shown.dated,
            "wrote": None,
            "template": template,
            "own_verdict": shown.own_verdict,
            "verdict": shown.verdict,
            "waived": shown.waived,
            "label": shown.label,
        }

    if not TYPE_CHECKING:  # mypy sees Block's fields; at run time these are made when first read

        def __getattr__(self, name: str) -> Any:
            if name not in ("findings", "generators", "sources"):
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            made = self.__dict__["_make"]()
            self.__dict__.update(findings=made.findings, generators=made.generators, sources=made.sources)
            return self.__dict__[name]


def blocks(result: Result, *, stamped: bool = False) -> list[Block]:
    """One block per top-level subject, worst first; generators inside their datasets.

    `stamped`: for a reader of a dataset's block that needs only its template and what
    `Stamped` keeps (the text report): a judgement whose datasets are not named yet
    (result.Deferred) gives each dataset that fits its shape a block stamped from the
    shape's, and names no dataset it need not."""
    templates: dict[int, Template | None] = {}
    plan = result.deferred() if stamped else None
    if plan is None:
        top = _arrange(result.subjects)
    else:
        from licensecheck.report import stamping

        top = _arrange(stamping.entries(plan, templates))
    if result.fanouts:
        for b in top:
            if b.role is Role.DATASET and not isinstance(b, Stamped):
                b.template = _template(b, result.fanouts, templates)
    return top


def _arrange(subjects: Sequence[SubjectResult | Block]) -> list[Block]:
    """The blocks of `subjects` (records, or a dataset's block already made: its key is
    no other subject's, stamping.entries sees to that), in the order the engine wants."""
    top: dict[tuple[Role, str], Block] = {}
    seen: dict[int, set[Finding]] = {}
    for s in subjects:
        if isinstance(s, Block):
            top[(s.role, normalise(s.ref))] = s
            continue
        if s.role is Role.GENERATOR:
            continue  # placed inside the dataset it wrote, below
        key = (s.role, normalise(s.ref))
        block = top.get(key)
        if block is None:
            block = top[key] = Block(s.ref, s.role, s.line)
        _add(block, s, seen)
    for s in subjects:
        if not isinstance(s, Block) and s.role is Role.GENERATOR:
            dataset = top.get((Role.DATASET, normalise(s.wrote or "")))
            if dataset is None and s.trained is not None:
                # It wrote data a teacher or the base model was trained on: shown with that model.
                dataset = next((b for b in top.values() if normalise(b.ref) == normalise(s.trained)), None)
            if dataset is None:
                # The engine always judges the dataset too; were it missing, the generator is
                # still shown, on its own: a report never hides a finding.
                _add(top.setdefault((s.role, normalise(s.ref)), Block(s.ref, s.role, s.line)), s, seen)
                continue
            nested = next((g for g in dataset.generators if normalise(g.ref) == normalise(s.ref)), None)
            if nested is None:
                nested = Block(s.ref, s.role, s.line, wrote=s.wrote)
                dataset.generators.append(nested)
            _add(nested, s, seen)
    for b in top.values():
        if isinstance(b, Stamped):
            continue  # arranged as its shape's block was
        for one in (b, *b.generators):
            if len(one.findings) > 1:  # (the sort key is not free)
                one.findings.sort(key=_block_order)
        if len(b.generators) > 1:
            b.generators.sort(key=Block.sort_key)
    return sorted(top.values(), key=Block.sort_key)


def _template(
    block: Block, fanouts: Mapping[int, Fanout], templates: dict[int, Template | None]
) -> Template | None:
    """The shape `block` is a copy of, when its name fits the shape's rendering (shapes.py)."""
    from licensecheck.report import shapes

    fan = shapes.copy_of(block, fanouts)
    if fan is None:
        return None
    template = shape_template(fan.template, templates)
    return template if template is not None and template.fits(fan.name) else None


def shape_template(
    judged: tuple[SubjectResult, ...], templates: dict[int, Template | None]
) -> Template | None:
    """The block of a dataset shape (`judged`, under NAME_SLOT) when it can be rendered once
    for all its datasets; worked out once per shape and kept in `templates`."""
    from licensecheck.report import shapes

    key = id(judged)
    if key not in templates:
        arranged = _arrange(judged)
        one = arranged[0] if len(arranged) == 1 else None
        ok = one is not None and all(
            shapes.clean(b.findings) and _order_fixed(b.findings) for b in (one, *one.generators)
        )
        templates[key] = shapes.Template(one) if ok and one is not None else None
    return templates[key]


def _order_fixed(findings: Sequence[Finding]) -> bool:
    """Whether the block's order of findings is the same whatever the name: no two findings
    whose reasons hold the name tie before their reasons decide."""
    ties: dict[tuple[int, str, str], int] = {}
    for f in findings:
        if any(NAME_SLOT in r for r in f.reasons):
            key = _block_order(f)[:3]
            ties[key] = ties.get(key, 0) + 1
    prefixes = [_block_order(f)[:3] for f in findings]
    return all(prefixes.count(key) == 1 for key in ties)


def _add(block: Block, s: SubjectResult, seen: dict[int, set[Finding]]) -> None:
    """The subject's findings that the block does not hold yet (one id may be declared twice);
    `blocks` sorts each block's findings once it is complete."""
    if block.findings:
        known = seen.setdefault(id(block), set(block.findings))
        new = [f for f in s.findings if f not in known]
        known.update(new)
        block.findings += new
    else:
        block.findings += s.findings
    block.dated = block.dated or any(s.declared)
    block.sources.append(s)


def _block_order(f: Finding) -> tuple[int, str, str, tuple[str, ...]]:
    # Worst first, as everywhere; findings of one verdict in the order of the periods they
    # cover, so a reader follows the terms versions through time.
    start = f.governed.start.isoformat() if f.governed is not None else ""
    return (-f.verdict.rank, start, f.terms or "", f.reasons)


def period(f: Finding, block: Block, as_of: datetime.date) -> str:
    """When the finding's terms governed the use, in words."""
    g = f.governed
    if g is None:
        return ""
    if not block.dated:
        return f"as of {as_of.isoformat()}"
    span = g.start.isoformat() if g.start == g.end else f"{g.start.isoformat()} to {g.end.isoformat()}"
    verb = "wrote the data" if block.role is Role.GENERATOR else "used"
    before = ", before the earliest version on record" if not g.on_record else ""
    return f"{verb} {span}{before}"


def terms_title(f: Finding) -> str:
    """ "OpenAI Terms of Use 2023-03-14": the name, and the version unless the name says it."""
    g = f.governed
    if g is None and any(r.startswith("scan-") for r in f.rules):
        return "found by licensecheck scan"  # check --scan: what the code or data shows
    if g is None and f.org is not None and f.org.original is None:
        return f"organisation policy ({f.org.where})"  # a finding the policy's lists or requirements add
    return g.terms.title if g is not None else "no terms on record"


def headline(f: Finding, when: str) -> str:
    """ "OpenAI Terms of Use 2023-03-14, used 2023-03-13 to 2023-11-13": what governed, when."""
    return terms_title(f) + (f", {when}" if when else "")


def verdict_words(f: Finding) -> str:
    """The finding's verdict as shown: a waived finding keeps what the terms said, marked; one an
    overlay changed says which ("permitted (by agreement CONTRACT-1)")."""
    if f.waiver is not None and f.waiver.waived:
        return f.shown_verdict.value + " (waived)"
    if f.org is not None and f.org.original is not None:
        return f"{f.verdict.value} ({f.org.label})"
    return f.shown_verdict.value


def overlaid(result: Result) -> list[Finding]:
    """The findings whose verdict an organisation overlay changed from what a built-in
    registry entry gave: a reviewer must see each."""
    plan = result.deferred()
    if plan is not None and not any(f.org is not None for s in plan.judgements() for f in s.findings):
        return []  # no record, so no copy of one, holds an overlay: nothing to name
    return [f for f in result.findings if f.org is not None and f.org.builtin is not None]


def sections(f: Finding) -> str:
    """ "§2(c)(iii), §3": the clauses behind the finding, each once."""
    return cited_sections(f.citations)


@functools.lru_cache(maxsize=1024)  # a large manifest's findings share a few clause lists
def cited_sections(citations: tuple[Citation, ...]) -> str:
    return ", ".join(dict.fromkeys(c.where for c in citations))


@dataclass(frozen=True)
class Told:
    """What one finding adds to its subject's block: only what no earlier finding there said
    (a reason or clause common to every terms version is said once)."""

    finding: Finding
    reasons: tuple[str, ...]
    obligations: tuple[str, ...]
    citations: tuple[Citation, ...]
    new_terms: bool  # the first finding in the block under its terms version


def told_once(findings: Sequence[Finding]) -> list[Told]:
    said: set[tuple[str, str]] = set()

    def new(kind: str, key: str) -> bool:
        if (kind, key) in said:
            return False
        said.add((kind, key))
        return True

    return [
        Told(
            f,
            tuple(r for r in f.reasons if new("reason", r)),
            tuple(o for o in f.obligation_texts if new("obligation", o)),
            tuple(c for c in f.citations if new("clause", f"{c.terms} {c.where} {c.quote}")),
            new("terms", f.terms or ""),
        )
        for f in findings
    ]


def counts(top: list[Block]) -> dict[str, int]:
    """Subjects by what they are shown as; they add up to the number of subjects."""
    tally: dict[str, int] = {}
    for b in top:  # one pass: a large manifest has 10,000 blocks
        tally[b.label] = tally.get(b.label, 0) + 1
    return {
        label: tally[label]
        for label in ("prohibited", "needs-review", "conditional", "permitted", "waived")
        if tally.get(label)
    }
