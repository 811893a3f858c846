"""Datasets judged alike shown once on the audit page (report/groups.py): a shape with
GROUP_MIN or more copies is one block, its findings shown for the first dataset, every
dataset listed with where it and its generators are declared; one summary row and one
diagram node per group. Fewer copies, and a dataset that is not exactly its shape's copy
(a waiver), are shown one by one."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from licensecheck import audit as audit_mod
from licensecheck import engine
from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.finding import Role
from licensecheck.registry import Registry
from licensecheck.report import groups, render_audit
from tests.conftest import AS_OF, WriteManifest, run_cli

REGISTRY = Registry()
WHEN = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)
HEAD = """\
licensecheck: 1
project:
  name: shards
  use: commercial
  release: hosted
  domicile: US
  student:
    name: Llama-Shards-8B
    base_model: meta-llama/Llama-3.1-8B
teachers:
  - model: openai:gpt-4o
datasets:
"""


def shards(written: int, plain: int, few: int = 5, waived: str | None = None) -> str:
    """`written` shards under MIT written by gpt-4o (the generator on a line of its own),
    `plain` under CC-BY-4.0, `few` under Apache-2.0 (a shape too small to group)."""
    lines = [HEAD.rstrip("\n")]
    for i in range(written):
        lines += [
            f"  - path: data/gpt-{i:03d}.jsonl",
            "    license: MIT",
            "    generated_by:",
            "      - openai:gpt-4o",
        ]
    lines += [f"  - path: data/cc-{i:03d}.jsonl\n    license: CC-BY-4.0" for i in range(plain)]
    lines += [f"  - path: data/apache-{i:03d}.jsonl\n    license: Apache-2.0" for i in range(few)]
    if waived is not None:
        lines += [
            "waivers:",
            f"  - subject: {waived}",
            "    approved_by: legal@acme.example",
            "    reason: Separate agreement",
            "    expires: 2027-06-01",
        ]
    return "\n".join(lines) + "\n"


def declared(text: str) -> dict[str, tuple[int, int | None]]:
    """Each dataset's line in the manifest, and its generator's (the line naming it)."""
    out: dict[str, tuple[int, int | None]] = {}
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        found = re.match(r"  - path: (\S+)$", line)
        if found:
            generator = n + 3 if n + 2 < len(lines) and lines[n + 1] == "    generated_by:" else None
            out[found.group(1)] = (n, generator)
    return out


class Page(HTMLParser):
    """The page's subject sections, groups, and member rows with their cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str | None]] = []
        self.groups: list[dict[str, str | None]] = []
        self.rows: list[tuple[str | None, list[str]]] = []  # (id, cells) of member tables
        self.ids: list[str] = []
        self.summary: list[list[str]] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._row_id: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "section":
            self.sections.append(a)
        elif tag == "div" and a.get("class") == "group":
            self.groups.append(a)
        elif tag == "table":
            self._table = a.get("class") or a.get("id")
        elif tag == "tr":
            self._row, self._row_id = [], a.get("id")
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row:
            if self._table == "members":
                self.rows.append((self._row_id, self._row))
            elif self._table == "summary-table":
                self.summary.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def page(path: Path) -> tuple[str, Page, audit_mod.Audit]:
    audit = audit_mod.build(
        engine.evaluate(manifest_mod.load(str(path)), REGISTRY, policy_mod.load(), datetime.date(2026, 6, 1)),
        REGISTRY,
        when=WHEN,
    )
    html = render_audit("html", audit)
    parsed = Page()
    parsed.feed(html)
    return html, parsed, audit


def test_every_dataset_is_shown_once_with_where_it_and_its_generator_are_declared(
    manifest: WriteManifest,
) -> None:
    text = shards(25, 22)
    path = manifest(text)
    _, parsed, audit = page(path)
    assert sorted(int(str(g["data-members"])) for g in parsed.groups) == [22, 25]
    lines = declared(text)
    listed = [cells[0] for _, cells in parsed.rows]
    alone = [str(s["data-subject"]) for s in parsed.sections if s.get("data-role") == "dataset"]
    firsts = [cells[0] for row_id, cells in parsed.rows if row_id is None]  # each group's first
    assert len(firsts) == 2 and set(firsts) <= set(alone)
    shown = listed + [name for name in alone if name not in firsts]
    assert sorted(shown) == sorted(lines)  # every dataset once, in a group or on its own
    assert [n for n in alone if n not in firsts] == [f"data/apache-{i:03d}.jsonl" for i in range(5)]
    for _, (name, place, writers) in parsed.rows:
        line, generator = lines[name]
        assert place == f"{path}:{line}"
        assert writers == (f"openai:gpt-4o at {path}:{generator}" if generator else "none")
    # A member's row has the id its own block would have had, and the verdict it has alone.
    anchors = {s.ref: s.anchor for s in audit.subjects if s.role is Role.DATASET}
    verdicts = {s.ref: s.label for s in audit.subjects if s.role is Role.DATASET}
    for row_id, (name, _, _) in parsed.rows:
        assert row_id is None or row_id == anchors[name]
    for group in parsed.groups:
        members = [name for _, (name, *_) in parsed.rows if name.startswith("data/gpt-")]
        if group["data-members"] == "25":
            assert {verdicts[n] for n in members} == {group["data-label"]} == {"prohibited"}
    assert len(parsed.ids) == len(set(parsed.ids))  # every id once


def test_a_groups_first_dataset_reads_as_it_does_on_an_ungrouped_page(
    manifest: WriteManifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = manifest(shards(25, 22))
    grouped, _, audit = page(path)
    monkeypatch.setattr(groups, "GROUP_MIN", 10**6)
    ungrouped, plain, _ = page(path)
    assert not plain.groups and not plain.rows and len(plain.sections) == len(audit.subjects)
    firsts = [m.start() for m in re.finditer('<div class="group"', grouped)]
    assert len(firsts) == 2
    for at in firsts:
        section = grouped.index('<section class="subject"', at)
        table = grouped.index('<table class="members">', at)
        assert grouped[section:table] in ungrouped  # the same block, byte for byte


def test_below_the_threshold_every_dataset_has_its_block(manifest: WriteManifest) -> None:
    _, parsed, _ = page(manifest(shards(groups.GROUP_MIN - 1, 3)))
    assert not parsed.groups and not parsed.rows
    datasets = [s for s in parsed.sections if s.get("data-role") == "dataset"]
    assert len(datasets) == groups.GROUP_MIN - 1 + 3 + 5


def test_a_waived_dataset_leaves_its_group_and_shows_as_waived(manifest: WriteManifest) -> None:
    _, parsed, _ = page(manifest(shards(0, 25, waived="data/cc-007.jsonl")))
    [group] = parsed.groups
    assert group["data-members"] == "24"
    assert "data/cc-007.jsonl" not in [cells[0] for _, cells in parsed.rows]
    [waived] = [s for s in parsed.sections if s.get("data-subject") == "data/cc-007.jsonl"]
    assert waived["data-label"] == "waived"


def test_the_summary_and_the_diagram_show_a_group_once(manifest: WriteManifest) -> None:
    html, parsed, audit = page(manifest(shards(25, 22)))
    names = [row[0] for row in parsed.summary]
    assert "data/gpt-000.jsonl and 24 more datasets judged alike" in names
    assert "data/cc-000.jsonl and 21 more datasets judged alike" in names
    assert not any(n.startswith(("data/gpt-001", "data/cc-001")) for n in names)
    [role] = [row[1] for row in parsed.summary if row[0] == "openai:gpt-4o" and row[1] != "teacher"]
    assert role == "generator of data/gpt-000.jsonl and the 24 more"
    # The diagram: one node per group, each edge once; the full lineage stays in the audit.
    svg = html[html.index("<svg") : html.index("</svg>")]
    titles = re.findall(r'<g class="node"[^>]*><title>([^<]*)</title>', svg)
    assert len(titles) == len(set(titles)) == 1 + 1 + 1 + 2 + 5  # student, base, gpt-4o, groups, Apache
    assert any(t.startswith("data/gpt-000.jsonl and 24 more datasets judged alike (dataset)") for t in titles)
    assert len(svg.split('class="edge"')) - 1 == 1 + 1 + 2 + 1 + 5  # base, teacher, groups, writer, Apache
    assert len(audit.lineage.nodes) == 1 + 1 + 1 + 25 + 22 + 5
    # A group's node has the verdict each of its datasets' nodes has in the full lineage.
    full = {n.label: n.verdict for n in audit.lineage.nodes}
    for first, group in (
        ("data/gpt-000.jsonl", "data/gpt-000.jsonl and 24"),
        ("data/cc-000.jsonl", "data/cc-000.jsonl and 21"),
    ):
        verdict = full[first]
        assert verdict is not None and {full[n] for n in full if n.startswith(first[:8])} == {verdict}
        assert any(t.startswith(group) and t.endswith(f": {verdict.value}") for t in titles)


def test_a_grouped_page_makes_the_subjects_it_shows_and_tells_the_same(manifest: WriteManifest) -> None:
    """The page reads the groups' members from their blocks: the audit's subjects are not all
    made, and its checklist and summary, read from the blocks, are those the subjects give."""
    path = manifest(shards(25, 22))
    _, _, audit = page(path)
    assert "subjects" not in vars(audit)
    _, _, again = page(path)
    assert again.subjects  # made first: the checklist and summary read them now
    assert audit.obligations == again.obligations
    assert audit.summary == again.summary and "47 models" not in audit.summary
    assert "The 25 models that wrote datasets are listed with them." in audit.summary


def test_the_command_writes_the_grouped_page(manifest: WriteManifest) -> None:
    path = manifest(shards(25, 22))
    run = run_cli("audit", str(path), "--format", "html", "--as-of", AS_OF)
    assert run.exit_code == 1  # the gpt-4o shards are prohibited
    parsed = Page()
    parsed.feed(run.stdout)
    assert sorted(int(str(g["data-members"])) for g in parsed.groups) == [22, 25]
    assert len(parsed.rows) == 47


def test_the_markdown_audit_groups_alike_and_its_diagram_file_too(
    manifest: WriteManifest, tmp_path: Path
) -> None:
    from tests.test_audit import check_markdown_structure, headings, tables

    text = shards(25, 22)
    path = manifest(text)
    run = run_cli("audit", str(path), "--as-of", AS_OF)
    assert run.exit_code == 1
    tokens = check_markdown_structure(run.stdout)  # a valid document: every table row complete
    members = [t for t in tables(tokens) if t[0][0].startswith("Dataset (")]
    assert sorted(t[0][0] for t in members) == ["Dataset (22)", "Dataset (25)"]
    lines = declared(text)
    rows = [row for table in members for row in table[1:]]
    assert sorted(row[0] for row in rows) == sorted(n for n in lines if not n.startswith("data/apache-"))
    for name, place, writers in rows:
        line, generator = lines[name]
        assert place == f"{path}:{line}"
        assert writers == (f"openai:gpt-4o at {path}:{generator}" if generator else "none")
    # One block per group's first and per Apache shard, none for the other members.
    blocks = [h for h in headings(tokens, 3) if "(dataset)" in h]
    assert len(blocks) == 2 + 5 and not any(h.startswith("data/gpt-001") for h in blocks)
    summary = tables(tokens)[0]
    assert ["data/gpt-000.jsonl and 24 more datasets judged alike", "dataset", "prohibited"] in [
        row[:3] for row in summary
    ]
    # With -o, the diagram beside the report is the grouped one the report describes.
    out = tmp_path / "audit.md"
    assert run_cli("audit", str(path), "--as-of", AS_OF, "-o", str(out)).exit_code == 1
    svg = (tmp_path / "audit.md.lineage.svg").read_text()
    assert svg.count('<g class="node"') == 1 + 1 + 1 + 2 + 5
    assert "data/gpt-000.jsonl and 24 more datasets judged alike" in svg
