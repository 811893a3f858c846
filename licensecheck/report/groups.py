"""Datasets judged alike, shown once: a training project's data often comes as thousands of
shards under a few licences, and a report that repeats the same findings for each of them
(68 MB at 10,000 shards) is one nobody can read or file.

The engine judges each dataset shape once (licence or catalogue entry, generators, when
they wrote it) and copies the judgement with each dataset's name (engine.py, shapes.py).
When GROUP_MIN or more datasets are copies of one shape, with the same verdict, the HTML
report shows their findings once, for the first of them, and lists every one with where
it is declared; the summary and the lineage diagram show the group as one row and one
node. Fewer copies, and any dataset that is not exactly its shape's copy (a waiver, an
overlay, a name another subject holds), are shown one by one as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from licensecheck.audit import Edge, Lineage, Node, Subject
from licensecheck.finding import Role
from licensecheck.verdict import Verdict

# Below this many datasets, each one's findings are short enough to read one by one.
GROUP_MIN = 20

_DATASET = (Role.DATASET.value,)

Item = tuple[Subject, list[Subject]]  # a top-level subject and the generators shown inside it


@dataclass(frozen=True)
class Group:
    """Datasets judged alike: each with its generators, in the report's order."""

    members: tuple[Item, ...]

    @property
    def first(self) -> Subject:
        return self.members[0][0]

    @property
    def generators(self) -> list[Subject]:
        return self.members[0][1]

    @property
    def anchor(self) -> str:
        return "group-" + self.first.anchor.removeprefix("subject-")

    @property
    def others(self) -> int:
        return len(self.members) - 1

    @property
    def label(self) -> str:
        """ "data/a.jsonl and 2,499 more datasets judged alike" """
        return f"{self.first.ref} and {self.others:,} more datasets judged alike"


def arrange(blocks: Iterable[Item]) -> list[Item | Group]:
    """The report's blocks, each group of GROUP_MIN or more copies of one dataset shape as
    one Group, where its first copy stands; every other block as it is."""
    items = list(blocks)
    shapes: dict[tuple[int, str], list[Item]] = {}
    for item in items:
        key = _key(item)
        if key is not None:
            shapes.setdefault(key, []).append(item)
    grouped = {
        id(members[0][0]): Group(tuple(members)) for members in shapes.values() if len(members) >= GROUP_MIN
    }
    if not grouped:
        return list(items)
    inside = {id(s) for g in grouped.values() for s, _ in g.members}
    out: list[Item | Group] = []
    for item in items:
        group = grouped.get(id(item[0]))
        if group is not None:
            out.append(group)
        elif id(item[0]) not in inside:
            out.append(item)
    return out


def _key(item: Item) -> tuple[int, str] | None:
    """What makes two datasets' blocks the same but for their names and lines: copies of one
    shape (its findings, verdict and generators, shapes.copy_of), shown alike; None when the
    block is no copy (a waiver, an overlay or a shared name makes it none: shapes.clean)."""
    s = item[0]
    shape = s.shape
    if shape is None or s.role is not Role.DATASET:
        return None
    return (id(shape[0]), s.label)


def collapsed(lineage: Lineage, groups: Sequence[Group]) -> Lineage:
    """The lineage with each group's datasets drawn as one node (its first dataset's, named
    after the group) and their edges as one: the diagram of 10,000 shards is a few boxes."""
    if not groups:
        return lineage
    # A member's node is labelled with its name as the member gives it (a copy's name is no
    # other subject's, shapes.py): found by that name; a node found otherwise stays apart.
    key_of: dict[str, int] = {}
    for i, g in enumerate(groups):
        for s, _ in g.members:
            key_of[s.ref] = i
    target: dict[str, str] = {}  # a member's node id -> its group's node id (the first's)
    first_id: dict[int, str] = {}
    verdicts: dict[int, list[Verdict]] = {}
    for n in lineage.nodes:
        group = key_of.get(n.label)
        if group is None or n.roles != _DATASET:
            continue
        target[n.id] = first_id.setdefault(group, n.id)
        if n.verdict is not None:
            verdicts.setdefault(group, []).append(n.verdict)
    index_of = {node: group for group, node in first_id.items()}
    nodes = []
    for n in lineage.nodes:
        if n.id not in target:
            nodes.append(n)
        elif target[n.id] == n.id:
            group = index_of[n.id]
            judged = verdicts.get(group)
            label = groups[group].label
            nodes.append(Node(n.id, label, n.roles, Verdict.worst(judged) if judged else None))
    edges = dict.fromkeys(
        Edge(target.get(e.source, e.source), target.get(e.target, e.target), e.label) for e in lineage.edges
    )
    return Lineage(tuple(nodes), tuple(edges))
