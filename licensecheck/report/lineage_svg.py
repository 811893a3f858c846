"""The lineage diagram: the student and what it learns from, drawn as a self-contained SVG.

Columns run from the furthest ancestors on the left to the student on the right; a node
sits one column left of the furthest node it feeds. Within a column, nodes are ordered by
where the nodes they feed sit, then by the order of the manifest, so the same lineage
always gives the same picture, byte for byte. Colour shows the verdict, and the words say
it too, so the picture still reads in black and white.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from licensecheck.audit import Audit, Edge, Lineage, Node
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

NODE_W = 270
NODE_H = 52
COL_GAP = 170
ROW_GAP = 28
PAD = 20
LANE_H = 18
LEGEND_H = 44
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

# verdict -> (fill, stroke); None: a lineage ancestor, not judged itself.
COLORS: Mapping[Verdict | None, tuple[str, str]] = {
    Verdict.PERMITTED: ("#e6f4ea", "#1e7e34"),
    Verdict.CONDITIONAL: ("#e7f1fb", "#1c5fa8"),
    Verdict.NEEDS_REVIEW: ("#fff4db", "#a86b00"),
    Verdict.PROHIBITED: ("#fde8e8", "#b42318"),
    None: ("#f2f2f2", "#666666"),
}


@functools.lru_cache(maxsize=1 << 16)  # a large audit escapes the same names and clauses many times
def escape(text: str) -> str:
    """Text for XML or HTML: markup escaped, and line breaks, control and bidirectional
    characters shown as visible escapes (a line break in inline SVG could end a Markdown
    HTML block; a control character is invalid in XML)."""
    return html.escape(visible(text), quote=True)


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class _Box(NamedTuple):  # (a tuple: a large lineage makes one per node, 10,000 and more)
    x: int
    y: int


@dataclass(frozen=True)
class _Layout:
    boxes: dict[str, _Box]  # node id -> top-left corner
    # edge index -> the y at which it crosses each column between its ends, source side first
    waypoints: dict[int, list[tuple[int, int]]]
    width: int
    height: int


def layout(lineage: Lineage) -> _Layout:
    """Place nodes in columns; an edge that spans several columns gets a reserved lane in
    each column it crosses, so no edge is drawn through a node."""
    nodes = lineage.nodes
    if not nodes:
        return _Layout({}, {}, 2 * PAD + NODE_W, 2 * PAD)
    ids = [n.id for n in nodes]
    rank_of = {node_id: i for i, node_id in enumerate(ids)}  # (manifest order; lanes follow)
    layer = dict.fromkeys(ids, 0)
    pairs = [(e.source, e.target) for e in lineage.edges]
    # Longest path to the student; bounded, so a loop in the data cannot hang the drawing.
    for _ in range(len(nodes)):
        changed = False
        for source, target in pairs:
            reach = layer[target] + 1
            if layer[source] < reach:
                layer[source] = reach
                changed = True
        if not changed:
            break
    top = max(layer.values())
    # Items per column: real nodes and lanes ("e<edge>:<column>"); each feeds the items in
    # `feeds`. An item is as tall as a lane when its id reads as one (a node's may), and
    # each column's height is summed as its items are added (no second pass over 10,000).
    columns: dict[int, list[str]] = {d: [] for d in range(top + 1)}
    heights = dict.fromkeys(range(top + 1), 0)
    lanes = {node_id for node_id in ids if node_id.startswith("e") and ":" in node_id}
    feeds: dict[str, list[str]] = {}
    for node_id in ids:
        depth = layer[node_id]
        columns[depth].append(node_id)
        heights[depth] += LANE_H if node_id in lanes else NODE_H + ROW_GAP
    for i, (source, target) in enumerate(pairs):
        upstream = source
        for depth in range(layer[source] - 1, layer[target], -1):
            lane = f"e{i}:{depth}"
            columns[depth].append(lane)
            heights[depth] += LANE_H
            lanes.add(lane)
            rank_of[lane] = len(nodes) + i
            feeds.setdefault(upstream, []).append(lane)
            upstream = lane
        feeds.setdefault(upstream, []).append(target)
    tallest = max(heights.values())
    centre: dict[str, float] = {}
    tops: dict[str, int] = {}
    bottom = 0  # the lowest item's bottom edge
    no_feeds: list[str] = []
    for depth in range(top + 1):
        items = columns[depth]

        def rank(item: str) -> tuple[float, int]:
            fed = feeds.get(item, no_feeds)
            if len(fed) == 1:  # (most items feed one: its centre, as the mean of one is)
                c = centre.get(fed[0])
                return (0.0 if c is None else c, rank_of[item])
            placed = [centre[t] for t in fed if t in centre]
            return (sum(placed) / len(placed) if placed else 0.0, rank_of[item])

        items.sort(key=rank)
        y = PAD + (tallest - heights[depth]) // 2
        for item in items:
            tops[item] = y
            if item in lanes:
                centre[item] = y + LANE_H / 2
                y += LANE_H
            else:
                centre[item] = y + NODE_H / 2
                y += NODE_H + ROW_GAP
        if items:  # (items are placed downwards: the column's last is its lowest)
            last = items[-1]
            bottom = max(bottom, tops[last] + (LANE_H if last in lanes else NODE_H))
    x_of = [PAD + (top - depth) * (NODE_W + COL_GAP) for depth in range(top + 1)]
    boxes = {node_id: _Box(x_of[layer[node_id]], tops[node_id]) for node_id in ids}
    # (most edges join neighbouring columns: no lane, and nothing to build)
    waypoints: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(pairs))}
    for i, (source, target) in enumerate(pairs):
        if layer[source] - 1 > layer[target]:
            waypoints[i] = [
                (x_of[depth], tops[f"e{i}:{depth}"] + LANE_H // 2)
                for depth in range(layer[source] - 1, layer[target], -1)
            ]
    width = 2 * PAD + (top + 1) * NODE_W + top * COL_GAP
    return _Layout(boxes, waypoints, width, bottom + PAD)


def for_audit(audit: Audit, lineage: Lineage | None = None) -> str:
    """The diagram of an audit's lineage (or of `lineage`, the same drawn otherwise: groups.py),
    titled with the student's name."""
    drawn = audit.lineage if lineage is None else lineage
    return render(drawn, f"Lineage of {audit.project.student or audit.project.name}")


def render(lineage: Lineage, title: str = "Lineage of the student") -> str:
    plan = layout(lineage)
    width = max(plan.width, 2 * PAD + _legend_width())
    height = plan.height
    total_h = height + LEGEND_H
    desc = _description(lineage)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total_h}"'
        f' viewBox="0 0 {width} {total_h}" role="img" aria-labelledby="lineage-title lineage-desc"'
        f' font-family="{FONT}" class="lineage">',
        f'<title id="lineage-title">{escape(title)}</title>',
        f'<desc id="lineage-desc">{escape(desc)}</desc>',
        "<defs>"
        '<marker id="lineage-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8"'
        ' markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/>'
        "</marker></defs>",
        f'<rect x="0" y="0" width="{width}" height="{total_h}" fill="#ffffff"/>',
    ]
    starts, ends = _ports(lineage.edges, plan)
    labels = []
    fitted: dict[str, str] = {}  # a large lineage has a few distinct edge labels
    # Most edges are one curve from a column to the next: what such a curve writes around
    # its ends' y, by the x of its ends (a few pairs), formatted once.
    curves: dict[tuple[int, int], tuple[str, str, str, str, str]] = {}
    waypoints = plan.waypoints
    for i, (e, start, stop) in enumerate(zip(lineage.edges, starts, ends, strict=True)):
        label = fitted.get(e.label)
        if label is None:
            label = fitted[e.label] = escape(_fit(e.label, 27))
        lanes = waypoints[i]
        if not lanes:
            (xa, ya), (xb, yb) = start, stop
            curve = curves.get((xa, xb))
            if curve is None:
                curve = curves[(xa, xb)] = _curve(xa, xb)
            move, first, second, end, label_x = curve
            twice = ya + yb - 8  # (the label's y: _half written out, 17,500 calls at 10,000 datasets)
            half = f"{twice >> 1}.5" if twice & 1 else f"{twice >> 1}.0"
            out.append(f"{move}{ya}{first}{ya}{second}{yb}{end}{yb}{_EDGE_TAIL}")
            labels.append(f"{label_x}{half if twice >= 0 else _half(twice)}{_LABEL_TAIL}{label}</text>")
            continue
        points = [start]
        for x, y in lanes:
            points += [(x, y), (x + NODE_W, y)]
        points.append(stop)
        parts = [f"M{points[0][0]},{points[0][1]}"]
        for k in range(1, len(points)):
            (xa, ya), (xb, yb) = points[k - 1], points[k]
            if k % 2:  # across a gap between columns
                bend = (xb - xa) / 2
                parts.append(f"C{xa + bend:.1f},{ya} {xb - bend:.1f},{yb} {xb},{yb}")
            else:  # along a lane through a column
                parts.append(f"L{xb},{yb}")
        (xa, ya), (xb, yb) = points[0], points[1]
        out.append(f'<path class="edge" d="{" ".join(parts)}{_EDGE_TAIL}')
        mid_x, mid_y = f"{(xa + xb) / 2:.1f}", f"{(ya + yb) / 2 - 4:.1f}"
        labels.append(f'<text class="edge-label" x="{mid_x}" y="{mid_y}{_LABEL_TAIL}{label}</text>')
    for n in lineage.nodes:
        out.append(_node(n, plan.boxes[n.id]))
    out += labels
    out.append(_legend(height))
    out.append("</svg>")
    return "\n".join(out)


_EDGE_TAIL = '" fill="none" stroke="#555555" stroke-width="1.4" marker-end="url(#lineage-arrow)"/>'
_LABEL_TAIL = (
    '" font-size="11" text-anchor="middle" fill="#333333" stroke="#ffffff" stroke-width="3"'
    ' paint-order="stroke">'
)


def _curve(xa: int, xb: int) -> tuple[str, str, str, str, str]:
    """A curve from x `xa` to x `xb`, written around its ends' y (`M{xa},{ya} C{xa + bend},{ya}
    {xb - bend},{yb} {xb},{yb}`), and its label's opening up to its y."""
    bend = (xb - xa) / 2
    return (
        f'<path class="edge" d="M{xa},',
        f" C{xa + bend:.1f},",
        f" {xb - bend:.1f},",
        f" {xb},",
        f'<text class="edge-label" x="{(xa + xb) / 2:.1f}" y="',
    )


def _half(twice: int) -> str:
    """`f"{twice / 2:.1f}"` for an int (a half is exact in a float), without formatting a float."""
    if twice < 0:
        return f"{twice / 2:.1f}"
    return f"{twice >> 1}.5" if twice & 1 else f"{twice >> 1}.0"


def _ports(edges: Sequence[Edge], plan: _Layout) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where each edge leaves its source and enters its target: spread along the box's side,
    in the order of the other ends, so edges sharing a node neither overlap nor cross there."""
    boxes = plan.boxes

    def first_y(i: int) -> int:
        lanes = plan.waypoints[i]
        return lanes[0][1] if lanes else boxes[edges[i].target].y

    def last_y(i: int) -> int:
        lanes = plan.waypoints[i]
        return lanes[-1][1] if lanes else boxes[edges[i].source].y

    out_edges: dict[str, list[int]] = {}
    in_edges: dict[str, list[int]] = {}
    for i, e in enumerate(edges):
        out_edges.setdefault(e.source, []).append(i)
        in_edges.setdefault(e.target, []).append(i)
    starts: list[tuple[int, int]] = [(0, 0)] * len(edges)
    ends: list[tuple[int, int]] = [(0, 0)] * len(edges)
    # Each list holds its edges in index order and the sort is stable, so sorting by the y
    # alone ties as (y, index) would; the student's side holds every dataset's edge.
    # Most nodes have one edge on a side: it sits at the middle (NODE_H * 1 // 2).
    for node_id, idx in out_edges.items():
        x, y = boxes[node_id]
        if len(idx) == 1:
            starts[idx[0]] = (x + NODE_W, y + NODE_H // 2)
            continue
        idx.sort(key=first_y)
        x, share = x + NODE_W, len(idx) + 1
        for k, i in enumerate(idx, 1):
            starts[i] = (x, y + NODE_H * k // share)
    for node_id, idx in in_edges.items():
        x, y = boxes[node_id]
        if len(idx) == 1:
            ends[idx[0]] = (x, y + NODE_H // 2)
            continue
        idx.sort(key=last_y)
        share = len(idx) + 1
        for k, i in enumerate(idx, 1):
            ends[i] = (x, y + NODE_H * k // share)
    return starts, ends


def _node(n: Node, box: _Box) -> str:
    # A large lineage has thousands of dataset nodes but a few (verdict, roles) pairs: the
    # markup around a node's name and position is written once per pair (_node_style). The
    # title's escape is the name's followed by the rest's: `escape` works character by
    # character, so the bytes are those of escaping the whole title.
    head, suffix, rect, first, second = _node_style(n.verdict, n.roles)
    label = escape(n.label)
    fitted = _fit(n.label, 33)
    x, y = box.x, box.y
    return (
        f'{head}{label}{suffix}<rect x="{x}" y="{y}"{rect}<text x="{x + 12}" y="{y + 21}"{first}'
        f"{label if fitted == n.label else escape(fitted)}</text>"
        f'<text x="{x + 12}" y="{y + 40}"{second}'
    )


@functools.lru_cache(maxsize=256)
def _node_style(verdict: Verdict | None, roles: tuple[str, ...]) -> tuple[str, str, str, str, str]:
    """What a node of this verdict and these roles writes around its name and position: the
    title's opening and its rest after the name, then the tails of the box's and texts' tags."""
    fill, stroke = COLORS[verdict]
    student = "student" in roles
    if student:
        status = f"run verdict: {verdict.value}" if verdict else "student"
        shown = "student"
    else:
        status = verdict.value if verdict else "not judged"
        shown = " \u00b7 ".join(roles)
    value = verdict.value if verdict else "none"
    rest = f" ({' / '.join(roles)}): {status}"
    second = status if student else f"{shown} \u2014 {status}"
    return (
        f'<g class="node" data-verdict="{value}"><title>',
        f"{escape(rest)}</title>",
        f' width="{NODE_W}" height="{NODE_H}" rx="8" fill="{fill}"'
        f' stroke="{stroke}" stroke-width="{3 if student else 1.5}"/>',
        ' font-size="12.5" font-weight="bold" fill="#111111">',
        f' font-size="11" fill="{stroke}">{escape(_fit(second, 40))}</text></g>',
    )


_LEGEND: tuple[tuple[Verdict | None, str], ...] = (
    *((v, v.value) for v in Verdict),
    (None, "not judged (lineage)"),
)


def _legend_width() -> int:
    return sum(34 + 7 * len(label) for _, label in _LEGEND)


def _legend(y: int) -> str:
    parts = [f'<g class="legend" font-size="11" transform="translate({PAD},{y + 8})">']
    x = 0
    for key, label in _LEGEND:
        fill, stroke = COLORS[key]
        parts.append(
            f'<rect x="{x}" y="0" width="14" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{x + 20}" y="11" fill="#333333">{escape(label)}</text>'
        )
        x += 34 + 7 * len(label)
    parts.append("</g>")
    return "".join(parts)


def _description(lineage: Lineage) -> str:
    names = {n.id: n.label for n in lineage.nodes}
    if not lineage.edges:
        return "The student has no declared inputs."
    return "; ".join(f"{names[e.source]} \u2192 {names[e.target]} ({e.label})" for e in lineage.edges) + "."
