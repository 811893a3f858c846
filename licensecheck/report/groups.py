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

from collections.abc import Sequence
from dataclasses import dataclass

from licensecheck import auditstamps
from licensecheck.audit import Audit, Edge, Lineage, Node, Subject
from licensecheck.finding import Role
from licensecheck.report.subjects import Block
from licensecheck.verdict import Verdict

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
    def label(self) -> str:
        """ "data/a.jsonl and 2,499 more datasets judged alike" """
        return f"{self.first.ref} and {self.others:,} more datasets judged alike"


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


def member_lines(block: Block) -> tuple[int | None, list[int | None]]:
    """Where a group's dataset and each of its generators are declared."""
    return block.line, auditstamps.generator_lines(block)


def collapsed(lineage: Lineage, groups: Sequence[Group]) -> Lineage:
    """The lineage with each group's datasets drawn as one node (its first dataset's, named
    after the group) and their edges as one: the diagram of 10,000 shards is a few boxes."""
    if not groups:
        return lineage
    # A member's node is labelled with its name as the member gives it (a copy's name is no
    # other subject's, shapes.py): found by that name; a node found otherwise stays apart.
    key_of: dict[str, int] = {}
    for i, g in enumerate(groups):
        for b in g.members:
            key_of[b.ref] = i
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
