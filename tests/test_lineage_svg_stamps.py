"""The lineage diagram's nodes are stamped from markup written once per (verdict, roles)
(report/lineage_svg._node_style), and edges' ports sorted by y alone: the diagram is, byte
for byte, what writing every node and port on its own writes, whatever the names hold."""

from __future__ import annotations

import html
import random

from licensecheck.audit import Edge, Lineage, Node
from licensecheck.report import lineage_svg
from licensecheck.report.lineage_svg import (
    COL_GAP,
    COLORS,
    LANE_H,
    NODE_H,
    NODE_W,
    PAD,
    ROW_GAP,
    _Box,
    _fit,
    _Layout,
    escape,
    layout,
)
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

NAMES = [
    'data/"quoted".jsonl',
    "data/<b>&amp;</b>.jsonl",
    "données/ünïcode “curly” — §.jsonl",
    "data/tab\there.jsonl",
    "data/it's & <it>.jsonl",
    "data/a   name  with    runs of  spaces that is long.jsonl",
    "data/" + "x" * 40 + ".jsonl",
    "data/line\nbreak\u202e.jsonl",
    "",
]
ROLES: list[tuple[tuple[str, ...], Verdict | None]] = [
    (("student",), Verdict.CONDITIONAL),
    (("student",), None),
    (("dataset",), Verdict.PERMITTED),
    (("dataset",), Verdict.PROHIBITED),
    (("teacher", "generator"), Verdict.NEEDS_REVIEW),
    (("lineage",), None),
]


def _plain_node(n: Node, box: _Box) -> str:
    """A node written on its own, as the diagram wrote every node before the stamping."""
    fill, stroke = COLORS[n.verdict]
    student = "student" in n.roles
    if student:
        status = f"run verdict: {n.verdict.value}" if n.verdict else "student"
        roles = "student"
    else:
        status = n.verdict.value if n.verdict else "not judged"
        roles = " \u00b7 ".join(n.roles)
    verdict = n.verdict.value if n.verdict else "none"
    second = status if student else f"{roles} \u2014 {status}"
    full = f"{n.label} ({' / '.join(n.roles)}): {status}"
    return (
        f'<g class="node" data-verdict="{verdict}">'
        f"<title>{html.escape(visible(full), quote=True)}</title>"
        f'<rect x="{box.x}" y="{box.y}" width="{NODE_W}" height="{NODE_H}" rx="8" fill="{fill}"'
        f' stroke="{stroke}" stroke-width="{3 if student else 1.5}"/>'
        f'<text x="{box.x + 12}" y="{box.y + 21}" font-size="12.5" font-weight="bold" fill="#111111">'
        f"{html.escape(visible(_fit(n.label, 33)), quote=True)}</text>"
        f'<text x="{box.x + 12}" y="{box.y + 40}" font-size="11" fill="{stroke}">'
        f"{html.escape(visible(_fit(second, 40)), quote=True)}</text>"
        "</g>"
    )


def test_every_node_is_stamped_as_it_would_be_written_alone() -> None:
    box = _Box(190, 3412)
    for name in NAMES:
        for roles, verdict in ROLES:
            node = Node("n1", name, roles, verdict)
            assert lineage_svg._node(node, box) == _plain_node(node, box)


def _plain_ports(lineage: Lineage) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Each edge's ports, sorted by (y, index) as the diagram sorted them before."""
    plan = layout(lineage)
    edges = lineage.edges
    boxes = plan.boxes

    def first_y(i: int) -> int:
        lanes = plan.waypoints[i]
        return lanes[0][1] if lanes else boxes[edges[i].target].y

    def last_y(i: int) -> int:
        lanes = plan.waypoints[i]
        return lanes[-1][1] if lanes else boxes[edges[i].source].y

    starts = [(0, 0)] * len(edges)
    ends = [(0, 0)] * len(edges)
    for node in lineage.nodes:
        out = sorted((i for i, e in enumerate(edges) if e.source == node.id), key=lambda i: (first_y(i), i))
        for k, i in enumerate(out):
            b = boxes[node.id]
            starts[i] = (b.x + NODE_W, b.y + NODE_H * (k + 1) // (len(out) + 1))
        into = sorted((i for i, e in enumerate(edges) if e.target == node.id), key=lambda i: (last_y(i), i))
        for k, i in enumerate(into):
            b = boxes[node.id]
            ends[i] = (b.x, b.y + NODE_H * (k + 1) // (len(into) + 1))
    return starts, ends


def _lineage() -> Lineage:
    """A student, a base model with an ancestor, two generators that wrote many datasets
    (several edges leave and enter one node, and one spans columns), and the names above."""
    nodes = [Node("n0", "Student-8B", ("student",), Verdict.CONDITIONAL)]
    nodes += [Node("n1", "base/model", ("base-model",), Verdict.PERMITTED)]
    nodes += [Node("n2", "older/base", ("lineage",), None)]
    nodes += [Node("n3", "openai:gpt-4o", ("generator",), Verdict.NEEDS_REVIEW)]
    nodes += [Node("n4", "meta/llama", ("generator", "teacher"), Verdict.PROHIBITED)]
    edges = [Edge("n1", "n0", "base weights"), Edge("n2", "n1", "base of"), Edge("n4", "n0", "teacher")]
    for i, name in enumerate(NAMES * 3):
        node = f"n{5 + i}"
        nodes.append(Node(node, f"{name}{i}", ("dataset",), [Verdict.PERMITTED, Verdict.PROHIBITED][i % 2]))
        edges.append(Edge(node, "n0", "training data"))
        edges.append(Edge(["n3", "n4"][i % 2], node, "generated"))
        if i % 3 == 0:
            edges.append(Edge("n2", node, "base of"))  # spans a column: a lane
    return Lineage(tuple(nodes), tuple(edges))


def test_ports_are_those_of_sorting_by_y_then_index() -> None:
    lineage = _lineage()
    plan = layout(lineage)
    assert any(plan.waypoints.values())  # a lane's edge is among them
    assert lineage_svg._ports(lineage.edges, plan) == _plain_ports(lineage)


def test_the_diagram_holds_each_node_as_written_alone() -> None:
    lineage = _lineage()
    svg = lineage_svg.render(lineage, "Lineage of <Student>")
    boxes = layout(lineage).boxes
    for node in lineage.nodes:
        assert svg.count(_plain_node(node, boxes[node.id])) == 1
    assert escape("Lineage of <Student>") in svg


def _plain_edges(lineage: Lineage) -> list[str]:
    """Each edge's path and label, as the diagram wrote them before curves were stamped per
    pair of columns: every coordinate formatted on its own."""
    plan = layout(lineage)
    starts, ends = _plain_ports(lineage)
    paths, labels = [], []
    for i, e in enumerate(lineage.edges):
        points = [starts[i]]
        for x, y in plan.waypoints[i]:
            points += [(x, y), (x + NODE_W, y)]
        points.append(ends[i])
        parts = [f"M{points[0][0]},{points[0][1]}"]
        for k in range(1, len(points)):
            (xa, ya), (xb, yb) = points[k - 1], points[k]
            if k % 2:
                bend = (xb - xa) / 2
                parts.append(f"C{xa + bend:.1f},{ya} {xb - bend:.1f},{yb} {xb},{yb}")
            else:
                parts.append(f"L{xb},{yb}")
        (xa, ya), (xb, yb) = points[0], points[1]
        paths.append(
            f'<path class="edge" d="{" ".join(parts)}" fill="none" stroke="#555555" stroke-width="1.4"'
            ' marker-end="url(#lineage-arrow)"/>'
        )
        labels.append(
            f'<text class="edge-label" x="{(xa + xb) / 2:.1f}" y="{(ya + yb) / 2 - 4:.1f}" font-size="11"'
            ' text-anchor="middle" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f"{html.escape(visible(_fit(e.label, 27)), quote=True)}</text>"
        )
    return paths + labels


def test_every_edge_is_written_as_it_would_be_alone() -> None:
    """Curves between neighbouring columns are stamped per pair of columns, lanes written
    point by point: the paths and labels, in order, are those of formatting each alone."""
    lineage = _lineage()
    plain = _plain_edges(lineage)
    svg = lineage_svg.render(lineage)
    written = [line for line in svg.split("\n") if line.startswith(("<path class", "<text class"))]
    assert written == plain
    assert any(" L" in line for line in plain)  # an edge through a lane is among them


def test_half_is_the_float_formatting_of_half_an_int() -> None:
    for twice in [*range(-41, 41), 2**40 + 1, 2**40, 799_999, 800_000]:
        assert lineage_svg._half(twice) == f"{twice / 2:.1f}"


def _plain_layout(lineage: Lineage) -> _Layout:
    """The layout as the diagram worked it out before `layout` read each edge's ends once
    and each item's size once (the code of that version, kept to compare with)."""
    nodes = lineage.nodes
    if not nodes:
        return _Layout({}, {}, 2 * PAD + NODE_W, 2 * PAD)
    order = {n.id: i for i, n in enumerate(nodes)}
    layer = {n.id: 0 for n in nodes}
    # Longest path to the student; bounded, so a loop in the data cannot hang the drawing.
    for _ in range(len(nodes)):
        changed = False
        for e in lineage.edges:
            if layer[e.source] < layer[e.target] + 1:
                layer[e.source] = layer[e.target] + 1
                changed = True
        if not changed:
            break
    top = max(layer.values())
    # Items per column: real nodes and lanes ("e<edge>:<column>"); each feeds the items in `feeds`.
    columns: dict[int, list[str]] = {d: [] for d in range(top + 1)}
    feeds: dict[str, list[str]] = {}
    rank_of: dict[str, int] = {}
    for n in nodes:
        columns[layer[n.id]].append(n.id)
        rank_of[n.id] = order[n.id]
    for i, e in enumerate(lineage.edges):
        upstream = e.source
        for depth in range(layer[e.source] - 1, layer[e.target], -1):
            lane = f"e{i}:{depth}"
            columns[depth].append(lane)
            rank_of[lane] = len(nodes) + i
            feeds.setdefault(upstream, []).append(lane)
            upstream = lane
        feeds.setdefault(upstream, []).append(e.target)

    def size(item: str) -> int:
        return LANE_H if item.startswith("e") and ":" in item else NODE_H + ROW_GAP

    heights = {d: sum(size(item) for item in items) for d, items in columns.items()}
    tallest = max(heights.values())
    centre: dict[str, float] = {}
    tops: dict[str, int] = {}
    for depth in range(top + 1):
        items = columns[depth]

        def rank(item: str) -> tuple[float, int]:
            placed = [centre[t] for t in feeds.get(item, []) if t in centre]
            return (sum(placed) / len(placed) if placed else 0.0, rank_of[item])

        items.sort(key=rank)
        y = PAD + (tallest - heights[depth]) // 2
        for item in items:
            tops[item] = y
            centre[item] = y + (NODE_H if size(item) != LANE_H else LANE_H) / 2
            y += size(item)
    boxes = {n.id: _Box(PAD + (top - layer[n.id]) * (NODE_W + COL_GAP), tops[n.id]) for n in nodes}
    waypoints: dict[int, list[tuple[int, int]]] = {}
    for i, e in enumerate(lineage.edges):
        # (most edges join neighbouring columns: no lane, and nothing to build)
        waypoints[i] = (
            [
                (PAD + (top - depth) * (NODE_W + COL_GAP), tops[f"e{i}:{depth}"] + LANE_H // 2)
                for depth in range(layer[e.source] - 1, layer[e.target], -1)
            ]
            if layer[e.source] - 1 > layer[e.target]
            else []
        )
    width = 2 * PAD + (top + 1) * NODE_W + top * COL_GAP
    bottom = max(tops[item] + (NODE_H if size(item) != LANE_H else LANE_H) for item in tops)
    return _Layout(boxes, waypoints, width, bottom + PAD)


def test_the_layout_is_the_one_worked_out_before() -> None:
    """Lanes, several columns, and a loop in the data (bounded, its order matters)."""
    lineage = _lineage()
    looped = Lineage(lineage.nodes, (*lineage.edges, Edge("n0", "n2", "loop"), Edge("n5", "n5", "self")))
    for one in (lineage, looped, Lineage(lineage.nodes[:1], ()), Lineage((), ())):
        assert layout(one) == _plain_layout(one)


def _random_lineage(seed: int) -> Lineage:
    """A lineage of random shape: several columns, nodes fed by none, one or several, edges
    spanning columns (lanes), now and then a loop, and ids that read as lanes ("e1:x": as
    tall as a lane, though not one of the lanes' own ids)."""
    rng = random.Random(seed)
    count = rng.randint(1, 14)
    ids = [f"e{k}:x" if rng.random() < 0.2 else f"n{k}" for k in range(count)]
    nodes = tuple(Node(node_id, f"name {k}", ("dataset",), None) for k, node_id in enumerate(ids))
    edges = []
    for _ in range(rng.randint(0, 3 * len(ids))):
        a, b = rng.randrange(len(ids)), rng.randrange(len(ids))
        if a > b or rng.random() < 0.05:  # (mostly towards the first node; now and then a loop)
            edges.append(Edge(ids[a], ids[b], rng.choice(["generated", "base of", "training data"])))
    return Lineage(nodes, tuple(edges))


def test_random_lineages_are_laid_out_and_drawn_as_before() -> None:
    """Column heights summed as items are added, one-feed ranks and one-edge ports taken
    without a list, label heights halved without a float: each equals the code it replaced."""
    for seed in range(300):
        lineage = _random_lineage(seed)
        assert layout(lineage) == _plain_layout(lineage), seed
        plan = layout(lineage)
        assert lineage_svg._ports(lineage.edges, plan) == _plain_ports(lineage), seed
        svg = lineage_svg.render(lineage)
        written = [line for line in svg.split("\n") if line.startswith(("<path class", "<text class"))]
        assert written == _plain_edges(lineage), seed
