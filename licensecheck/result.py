"""What the engine decided, and on what: the one record every report reads.

A `Result` holds the run's findings (the contract's JSON lists them) and, per subject,
how the engine resolved it: the catalogue entry or Hub record, the lineage, the terms
versions that governed each part of the period of use, and a dataset's generators.
Reports (`check`'s formats, the audit, the SBOM) read this; none resolves anything again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from licensecheck.finding import Finding, Governed, Role
from licensecheck.lineage import DatasetTerms, Resolution
from licensecheck.manifest import Dataset, Manifest, Waiver
from licensecheck.verdict import Verdict

Period = tuple[datetime.date, datetime.date]

# The name a dataset shape is judged under (engine.py), and the slot a report fills with a
# dataset's own name: YAML cannot hold a NUL, so no manifest's name contains it.
NAME_SLOT = "\0dataset\0"


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class SubjectResult:
    """One subject in one role as the engine judged it."""

    ref: str
    role: Role
    line: int | None
    findings: tuple[Finding, ...]
    # Models: the lineage walk. Datasets: the licence option judged (governing series and gaps).
    resolution: Resolution
    period: Period  # the period of use judged (for a generator: when it wrote the data)
    declared: tuple[datetime.date | None, datetime.date | None] = (None, None)  # the manifest's dates
    purpose: str = "none"
    via: str | None = None
    dataset: DatasetTerms | None = None  # datasets: every licence option, generators, entry
    wrote: str | None = None  # generators: the dataset they wrote
    generators: tuple[str, ...] = ()  # datasets: the models that wrote them
    # Generators of a model's training data: the model (teacher or base) that was trained on it.
    trained: str | None = None

    @property
    def verdict(self) -> Verdict:
        return Verdict.worst(f.verdict for f in self.findings)

    @property
    def governed(self) -> tuple[Governed, ...]:
        """Every terms version applied, each with the part of the period it governed."""
        return tuple(dict.fromkeys(f.governed for f in self.findings if f.governed is not None))

    @property
    def terms_versions(self) -> tuple[str, ...]:
        """The full ids (`id@version`) of the terms applied, in order, each once."""
        return tuple(dict.fromkeys(g.full_id for g in self.governed))


@dataclass(frozen=True)
class Result:
    """One manifest's judgement: its verdict, findings and subjects."""

    manifest: str
    project: str
    as_of: datetime.date
    verdict: Verdict
    findings: tuple[Finding, ...]  # worst first
    policy: str
    registry_version: str
    # The run fails at this verdict or worse (the policy's fail_on, or check --fail-on).
    fail_on: Verdict
    inputs: Manifest  # the manifest judged
    # Every subject, in the manifest's order (a dataset's generators right after it).
    subjects: tuple[SubjectResult, ...]
    unused_waivers: tuple[Waiver, ...] = ()
    # What makes the whole run need review, apart from any subject (a manifest that declares
    # nothing to judge shows nothing the project may train on).
    gaps: tuple[str, ...] = ()
    contact: str | None = None  # whom a failing finding tells the team to ask (the policy's contact)
    # Datasets judged as one shape (engine.py), by the id of the dataset's own record: reports
    # render a shape once and fill in each dataset's name (report/shapes.py). Not compared:
    # it says how the subjects were made, not what was decided.
    fanouts: Mapping[int, Fanout] = field(default_factory=dict, compare=False, repr=False)

    @property
    def failed(self) -> bool:
        return self.fail_on <= self.verdict

    def deferred(self) -> Deferred | None:
        """The judgement before its datasets were named one by one (`defer`), while no reader
        has asked for `subjects` or `findings` yet: a report can take what it needs from the
        shapes (report/subjects.py) instead of from 17,500 copies."""
        plan: Deferred | None = self.__dict__.get("_deferred")
        return plan if plan is not None and "subjects" not in self.__dict__ else None

    if not TYPE_CHECKING:  # mypy sees plain fields; at run time they may be made when first read

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute the instance lacks: `subjects` and `findings` of a
            # deferred judgement, made now, once, exactly as the engine would have made them.
            plan = self.__dict__.get("_deferred")
            if plan is None or name not in ("subjects", "findings"):
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            subjects = plan.subjects()
            self.__dict__["subjects"] = subjects
            self.__dict__["findings"] = tuple(
                sorted((f for s in subjects for f in s.findings), key=Finding.sort_key)
            )
            return self.__dict__[name]


@dataclass(frozen=True, slots=True)  # slots: one per dataset of a large manifest
class Stamp:
    """A dataset whose shape was judged (`judged`: the shape's records under NAME_SLOT) but
    which has not been given its own records yet."""

    dataset: Dataset
    judged: tuple[SubjectResult, ...]


class Deferred:
    """A judgement whose datasets are named only when read: each subject in order, either a
    record or a Stamp that `name` turns into the dataset's records (made once, kept, and
    entered in `fanouts` as the engine enters those it makes at once)."""

    def __init__(
        self,
        entries: tuple[SubjectResult | Stamp, ...],
        name: Callable[[Stamp], tuple[SubjectResult, ...]],
        fanouts: dict[int, Fanout],
    ) -> None:
        self.entries = entries
        self._name = name
        self._fanouts = fanouts
        self._made: dict[int, tuple[SubjectResult, ...]] = {}

    def records(self, stamp: Stamp) -> tuple[SubjectResult, ...]:
        """The dataset's records (the dataset, then its generators), the same objects each time."""
        made = self._made.get(id(stamp))
        if made is None:
            made = self._made[id(stamp)] = self._name(stamp)
            self._fanouts[id(made[0])] = Fanout(stamp.judged, made, stamp.dataset.name)
        return made

    def judgements(self) -> Iterator[SubjectResult]:
        """Every record as judged, without naming a dataset: each record not a dataset's, and
        each shape's judgement once (a dataset's records are its shape's, named)."""
        shapes: set[int] = set()
        for entry in self.entries:
            if not isinstance(entry, Stamp):
                yield entry
            elif id(entry.judged) not in shapes:
                shapes.add(id(entry.judged))
                yield from entry.judged

    def subjects(self) -> tuple[SubjectResult, ...]:
        out: list[SubjectResult] = []
        for entry in self.entries:
            if isinstance(entry, Stamp):
                out += self.records(entry)
            else:
                out.append(entry)
        return tuple(out)


def defer(plan: Deferred, **fields: Any) -> Result:
    """A Result whose `subjects` and `findings` are made from `plan` when first read."""
    result = Result(subjects=(), findings=(), **fields)
    state = result.__dict__
    del state["subjects"], state["findings"]
    state["_deferred"] = plan
    return result


@dataclass(frozen=True, slots=True)  # slots: one per dataset of a large manifest
class Fanout:
    """One dataset's records (`copy`: the dataset, then its generators) as the engine made them
    from its shape's judgement (`template`, the same records under NAME_SLOT)."""

    template: tuple[SubjectResult, ...]
    copy: tuple[SubjectResult, ...]
    name: str


def training_data(model: str) -> str:
    """What a generator named by a model's own card wrote (its `wrote`): that model's
    training data, which has no dataset name of its own."""
    return f"the training data of {model}"
