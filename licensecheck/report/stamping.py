"""Which datasets of a judgement not yet named one by one (result.Deferred) a report can
show as their shape's block with the name stamped in, instead of naming each dataset and
arranging its records (report/subjects.py). Stamped gives the bytes the named records
would give when the dataset's block is its records alone, arranged as the shape's were:
its name is no other subject's (no merging, no generator placed under it by name), and
the shape renders once (shapes.py: clean texts, an order of findings the name cannot
change, a name that keeps the shape's texts apart). Every other dataset is named and
arranged as any record is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from licensecheck.manifest import Dataset
from licensecheck.refs import normalise
from licensecheck.report.shapes import Template
from licensecheck.report.subjects import Block, Stamped, _arrange, shape_template
from licensecheck.result import Deferred, Stamp, SubjectResult


def entries(plan: Deferred, templates: dict[int, Template | None]) -> list[SubjectResult | Block]:
    """The plan's subjects in order: a Stamped block for each dataset that can be stamped,
    the records of every other."""
    # A name another subject holds, or a generator places itself under (the dataset it
    # wrote, the model trained on that): such a dataset's block is not its records alone.
    taken: set[str] = set()
    names: dict[str, int] = {}
    keys: list[str] = []
    for entry in plan.entries:
        if isinstance(entry, Stamp):
            key = normalise(entry.dataset.name)
            names[key] = names.get(key, 0) + 1
            keys.append(key)
            continue
        taken.add(normalise(entry.ref))
        for other in (entry.wrote, entry.trained):
            if other is not None:
                taken.add(normalise(other))
    # Per shape: its template and what its stamped blocks share, or None (named one by one).
    shapes: dict[int, tuple[Template, dict[str, Any]] | None] = {}
    out: list[SubjectResult | Block] = []
    at = 0
    for entry in plan.entries:
        if not isinstance(entry, Stamp):
            out.append(entry)
            continue
        key = keys[at]
        at += 1
        judged = entry.judged
        if id(judged) not in shapes:
            template = shape_template(judged, templates)
            shapes[id(judged)] = (
                (template, Stamped.fields(template))
                if template is not None and _one_each(template.block, judged)
                else None
            )
        shape = shapes[id(judged)]
        name = entry.dataset.name
        if shape is None or key in taken or names[key] > 1 or not shape[0].fits(name):
            out += plan.records(entry)
            continue
        out.append(Stamped(name, entry.dataset.line, shape[1], _maker(plan, entry)))
    return out


def _one_each(block: Block, judged: tuple[SubjectResult, ...]) -> bool:
    """Whether the shape's block shows each of its records in a block of its own, as
    shapes.copy_of asks of a dataset's block (no two generator records merged)."""
    return (
        len(block.sources) == 1
        and len(block.generators) == len(judged) - 1
        and all(len(g.sources) == 1 and not g.generators for g in block.generators)
    )


class _Maker:
    """A stamped block's own block, made when read; it keeps the stamp (`dataset_of`)."""

    __slots__ = ("plan", "stamp")

    def __init__(self, plan: Deferred, stamp: Stamp) -> None:
        self.plan = plan
        self.stamp = stamp

    def __call__(self) -> Block:
        return _arrange(self.plan.records(self.stamp))[0]


def _maker(plan: Deferred, stamp: Stamp) -> Callable[[], Block]:
    return _Maker(plan, stamp)


def dataset_of(block: Stamped) -> Dataset:
    """The manifest's entry a block stamped here stands for (its generators' lines)."""
    maker = block.__dict__["_make"]
    assert isinstance(maker, _Maker)
    return maker.stamp.dataset
