"""Datasets judged alike, shown once: a training project's data often comes as thousands of
shards under a few licences, and a report that repeats the same findings for each of them
(68 MB at 10,000 shards) is one nobody can read or file.

The engine judges each dataset shape once (licence or catalogue entry, generators, when
they wrote it) and copies the judgement with each dataset's name (engine.py, shapes.py).
When GROUP_MIN or more datasets are copies of one shape, with the same verdict, the HTML
and Markdown reports show their findings once, for the first of them, and list every one
with where it is declared; the summary and the lineage diagram show the group as one row
and one node (the JSON audit keeps every subject). Fewer copies, and any dataset that is
not exactly its shape's copy (a waiver, an overlay, a name another subject holds), are shown
one by one as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from licensecheck import audit as audit_mod
from licensecheck.audit import Audit, Lineage, Subject
from licensecheck.finding import Role
from licensecheck.report.subjects import Block

# Below this many datasets, each one's findings are short enough to read one by one.
GROUP_MIN = 20

_DATASET = (Role.DATASET.value,)

Item = tuple[Subject, list[Subject]]  # a top-level subject and the generators shown inside it


@dataclass(frozen=True)
class Group:
    """Datasets judged alike: the first one's subject and its generators' (`head`), and every
    dataset's block, the first's included, in the report's order (their subjects not made)."""

    head: Item
    members: tuple[Block, ...]

    @property
    def first(self) -> Subject:
        return self.head[0]

    @property
    def generators(self) -> list[Subject]:
        return self.head[1]

    @property
    def anchor(self) -> str:
        return "group-" + self.first.anchor.removeprefix("subject-")

    @property
    def others(self) -> int:
        return len(self.members) - 1

    @property
    def more(self) -> str:
        """ " and 2,499 more datasets judged alike": what follows the first dataset's name."""
        return f" and {self.others:,} more datasets judged alike"

    @property
    def label(self) -> str:
        """ "data/a.jsonl and 2,499 more datasets judged alike" """
        return self.first.ref + self.more


def arrange(audit: Audit) -> list[Item | Group]:
    """The audit's blocks (Audit.blocks), each group of GROUP_MIN or more copies of one
    dataset shape as one Group, where its first copy stands; only the subjects shown are made."""
    maker = audit.maker
    if maker is None:
        return list(audit.blocks)
    shapes: dict[tuple[int, str], list[Block]] = {}
    for b in audit.top:
        template = b.template  # (a dataset that is exactly its shape's copy: shapes.copy_of)
        if template is not None and b.role is Role.DATASET:
            shapes.setdefault((id(template), b.label), []).append(b)
    grouped = {id(members[0]): members for members in shapes.values() if len(members) >= GROUP_MIN}
    if not grouped:
        return list(audit.blocks)
    inside = {id(b) for members in grouped.values() for b in members}
    out: list[Item | Group] = []
    for b in audit.top:
        members = grouped.get(id(b))
        if members is None and id(b) in inside:
            continue  # shown in its group
        subject, *generators = maker.block(b)
        out.append((subject, generators) if members is None else Group((subject, generators), tuple(members)))
    return out


def lineage(audit: Audit, grouped: Sequence[Group]) -> Lineage:
    """The audit's lineage with each group's datasets drawn as one node (named after the
    group, where its first dataset's stands) and their edges as one: the diagram of 10,000
    shards is a few boxes. The audit's own lineage (Audit.lineage) keeps every dataset."""
    if not grouped or audit.result is None:
        return audit.lineage
    merge: dict[str, str] = {}  # each member's name -> its group's first's
    labels: dict[str, str] = {}  # a group's first's name -> the group's label
    for g in grouped:
        head = g.members[0].ref
        labels[head] = g.label
        merge.update(dict.fromkeys([b.ref for b in g.members], head))
    drawn = audit_mod.lineage(audit.result, merge)
    nodes = tuple(
        n._replace(label=labels[n.label]) if n.roles == _DATASET and n.label in labels else n
        for n in drawn.nodes
    )
    return Lineage(nodes, drawn.edges)


def drawn(audit: Audit, arranged: Sequence[Item | Group] | None = None) -> Lineage | None:
    """The lineage a report draws for the audit: grouped as the report shows it (`arranged`,
    else arranged now), or None when no group merges any node (Audit.lineage is drawn)."""
    grouped = [one for one in (arrange(audit) if arranged is None else arranged) if isinstance(one, Group)]
    return lineage(audit, grouped) if grouped else None
