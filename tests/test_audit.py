"""`licensecheck audit`: contents, formats, escaping, determinism, --as-of and exit codes.

The HTML report in a real browser is tests/test_audit_html.py."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from licensecheck import __version__
from licensecheck.finding import section_mark
from licensecheck.registry import Registry
from tests.conftest import AS_OF, EXAMPLES, WriteManifest, loaded_modules, run_cli, run_subprocess

REGISTRY = str(Path(__file__).parent / "data" / "registry")
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "licensecheck.yaml").is_file())
H2 = [
    "Summary",
    "Project context",
    "Lineage",
    "Findings",
    "Obligations checklist",
    "Waivers",
    "Review",
    "Reproduce this report",
]

# On the synthetic registry: a teacher whose terms changed on 2024-06-01 (outputs free, then
# no competing models), a family base model with a naming duty the student meets, and
# non-commercial data under a waiver that expires at the end of 2024.
SYNTH = """\
licensecheck: 1
project:
  name: synth
  use: commercial
  release: open-weights
  model_kind: general-llm
  domicile: US
  student:
    name: Fam-Student-7B
    base_model: fam/fam-base
teachers:
  - model: closed:big-model
    via: router
datasets:
  - id: org/nc-data
waivers:
  - subject: org/nc-data
    approved_by: legal@example.test
    reason: "Licence bought from the authors, ref. NC-1"
    expires: 2024-12-31
"""

# Text from the manifest that Markdown or HTML would read as markup if it were not escaped.
HOSTILE_NAME = "Fam-Evil | *bold* _it_ <script>alert(1)</script> [x](javascript:alert(1)) `tick` &amp; #1"
HOSTILE_REASON = (
    "Reason with | pipe, <b>tag</b>, **stars**, ![img](http://example.test/x.png) and \\ backslash"
)


def audit(
    path: Path, fmt: str, *extra: str, registry: str | None = None, as_of: str = AS_OF
) -> tuple[int, str]:
    args = ["audit", str(path), "--format", fmt, "--as-of", as_of, *extra]
    if registry:
        args += ["--registry", registry]
    run = run_cli(*args)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.stdout


def example(name: str) -> Path:
    return EXAMPLES / name / "licensecheck.yaml"


def fold(text: str) -> str:
    return " ".join(text.split())


# --- Markdown structure, through a real Markdown parser -------------------------------


def md_tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def inline_text(token: Token) -> str:
    parts = {"text": None, "code_inline": None, "softbreak": " "}
    return "".join(
        c.content if parts[c.type] is None else str(parts[c.type])
        for c in token.children or []
        if c.type in parts
    )


def headings(tokens: list[Token], level: int) -> list[str]:
    return [
        inline_text(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            out.append([])
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[i + 1]))
        elif t.type == "tr_close":
            out[-1].append(row)
    return out


def check_markdown_structure(text: str, reports: int = 1) -> list[Token]:
    tokens = md_tokens(text)
    assert len(headings(tokens, 1)) == 1
    if reports == 1:
        assert headings(tokens, 2) == H2
    else:  # each report one level down, under the document's title
        assert len(headings(tokens, 2)) == reports and headings(tokens, 3) == H2 * reports
    for table in tables(tokens):
        assert len(table) >= 2, table
        assert all(len(row) == len(table[0]) for row in table), table
    # The only raw HTML is the inline lineage diagram: nothing from the manifest or registry.
    raw = [t for t in tokens if t.type in ("html_block", "html_inline")]
    raw += [c for t in tokens for c in t.children or [] if c.type == "html_inline"]
    assert {t.content.lstrip()[:4] for t in raw} <= {"<svg"}, raw
    return tokens


# --- HTML, read with the standard library's parser ------------------------------------


class Dom(HTMLParser):
    """Element names, attributes and the text of the report, as a browser-free reading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_html(text: str) -> Dom:
    dom = Dom()
    dom.feed(text)
    return dom


# --- every example, all three formats -------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_finding_shows_its_quotes_sections_and_obligations_in_all_formats(name: str) -> None:
    check = run_cli("check", str(example(name)), "--format", "json", "--as-of", AS_OF)
    code_json, raw_json = audit(example(name), "json")
    code_md, markdown = audit(example(name), "markdown")
    code_html, page = audit(example(name), "html")
    assert code_json == code_md == code_html == check.exit_code  # the exit codes of check
    report = json.loads(raw_json)
    assert report["verdict"] == check.json["verdict"]
    assert report["as_of"] == AS_OF

    findings = [f for s in report["subjects"] for f in s["findings"]]
    assert len(findings) == len(check.json["findings"]) > 0
    tokens = check_markdown_structure(markdown)
    quotes_md = [
        fold(inline_text(tokens[i + 2])) for i, t in enumerate(tokens) if t.type == "blockquote_open"
    ]
    md_text = fold(" ".join(inline_text(t) for t in tokens if t.type == "inline"))
    dom = read_html(page)
    html_text = fold(" ".join(dom.text))
    html_sections = [a.get("data-section") for tag, a in dom.tags if tag == "blockquote"]
    for f in findings:
        for c in f["citations"]:
            assert f"\u201c{fold(c['quote'])}\u201d" in quotes_md
            assert f"{c['terms']} {section_mark(c['section'])}, source" in md_text
            assert f"\u201c{fold(c['quote'])}\u201d" in html_text
            assert c["section"] in html_sections
        for o in f["obligations"]:
            assert fold(o) in md_text and fold(o) in html_text
            assert any(o == item["text"] for item in report["obligations"])
        if f["terms_info"]:
            t = f["terms_info"]
            # The version is said once: "Apache License, Version 2.0", not "… 2.0 2.0".
            title = t["name"] if t["version"] in t["name"] else f"{t['name']} {t['version']}"
            assert f"{title}, " in md_text and f"{title}, " in html_text
            assert f"effective {t['effective']}" in md_text and f"effective {t['effective']}" in html_text
        for rule in f["rules"]:
            assert rule in md_text and rule in html_text
    for s in report["subjects"]:
        role, level = (f"{s['role']} that wrote {s['wrote']}", 4) if s["wrote"] else (s["role"], 3)
        assert any(h.startswith(f"{s['subject']} ({role}): {s['label']}") for h in headings(tokens, level))
        assert any(tag == "section" and a.get("data-subject") == s["subject"] for tag, a in dom.tags)
    # The run's verdict and date lead every format.
    assert f"Verdict: {report['verdict'].upper()}" in md_text
    assert ("p", "verdict", report["verdict"]) in [
        (t, a.get("id"), a.get("data-verdict")) for t, a in dom.tags
    ]
    assert f"Judged as of {AS_OF}" in md_text and f"Judged as of {AS_OF}" in html_text


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_reports_are_deterministic_but_for_the_timestamp_line(name: str) -> None:
    for fmt, stamp in (("markdown", "Generated at "), ("html", 'id="generated"'), ("json", '"generated_at"')):
        args = ("audit", str(example(name)), "--format", fmt, "--as-of", AS_OF)
        first = run_cli(*args, env={"SOURCE_DATE_EPOCH": "1700000000"})
        second = run_cli(*args, env={"SOURCE_DATE_EPOCH": "1800000000"})
        a, b = first.stdout.splitlines(), second.stdout.splitlines()
        assert len(a) == len(b)
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        assert len(differ) == 1, (fmt, differ)
        assert stamp in differ[0][0] and "2023-11-14T22:13:20Z" in differ[0][0]
        assert "2027-01-15T08:00:00Z" in differ[0][1]
        # Same time, same bytes.
        again = run_cli(
            "audit",
            str(example(name)),
            "--format",
            fmt,
            "--as-of",
            AS_OF,
            env={"SOURCE_DATE_EPOCH": "1700000000"},
        )
        assert again.stdout == first.stdout


# --- what the report holds -------------------------------------------------------------


def test_json_holds_context_waivers_lineage_and_reproduction_data(manifest: WriteManifest) -> None:
    path = manifest(SYNTH)
    _, raw = audit(path, "json", registry=REGISTRY, as_of="2024-03-01")
    report = json.loads(raw)
    assert report["project"] == {
        "name": "synth",
        "use": "commercial",
        "release": "open-weights",
        "model_kind": "general-llm",
        "monthly_active_users": 0,
        "domicile": "US",
        "student": "Fam-Student-7B",
        "base_model": "fam/fam-base",
        "teachers": 1,
        "datasets": 1,
        "organization_users": None,
        "organization_revenue_usd": None,
    }
    prov = report["provenance"]
    registry = Registry(Path(REGISTRY))
    assert prov["registry_sha256"] == registry.content_hash and prov["registry_version"] == registry.version
    assert prov["tool_version"] == __version__
    assert prov["command"] == f"licensecheck audit {path} --as-of 2024-03-01"
    assert re.fullmatch(r"[0-9a-f]{64}", prov["policy_sha256"]) and re.fullmatch(
        r"[0-9a-f]{64}", prov["manifest_sha256"]
    )

    nodes = {n["label"]: n for n in report["lineage"]["nodes"]}
    assert nodes["Fam-Student-7B"]["roles"] == ["student"]
    assert nodes["closed:big-model"]["roles"] == ["teacher", "generator"]  # one node, two roles
    assert nodes["org/nc-data"]["roles"] == ["dataset"]
    edges = {(e["from"], e["to"], e["label"]) for e in report["lineage"]["edges"]}
    ids = {label: n["id"] for label, n in nodes.items()}
    assert (ids["fam/fam-base"], ids["Fam-Student-7B"], "base weights") in edges
    assert (ids["closed:big-model"], ids["Fam-Student-7B"], "distillation via router") in edges
    assert (ids["org/nc-data"], ids["Fam-Student-7B"], "training data") in edges
    assert (ids["closed:big-model"], ids["org/nc-data"], "generated") in edges
    svg = ET.fromstring(report["lineage"]["svg"])
    groups = svg.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")
    assert len(groups) == len(nodes)

    [waiver] = report["waivers"]
    assert (waiver["status"], waiver["valid"], waiver["approved_by"]) == ("valid", True, "legal@example.test")
    assert waiver["applies_to"] == ["org/nc-data (dataset) under nc-data@1.0"]
    [naming] = [o for o in report["obligations"] if o["kind"] == "name"]
    assert naming["text"] == "Begin the model name with Fam." and naming["subjects"] == ["fam/fam-base"]
    assert [(c["terms"], c["section"]) for c in naming["clauses"]] == [("family-license@1", "1.b.i")]
    [credit] = [o for o in report["obligations"] if o["kind"] == "attribution"]
    assert credit["waived"] is True and [c["section"] for c in credit["clauses"]] == ["3(a)"]


def test_as_of_picks_the_terms_in_force_and_checks_waiver_expiry(manifest: WriteManifest) -> None:
    path = manifest(SYNTH)
    code_before, before = audit(path, "json", registry=REGISTRY, as_of="2024-03-01")
    code_after, after = audit(path, "json", registry=REGISTRY, as_of="2025-03-01")

    def teacher(report: dict[str, Any]) -> dict[str, Any]:
        s: dict[str, Any]
        [s] = [s for s in report["subjects"] if s["role"] == "teacher"]
        return s

    b, a = json.loads(before), json.loads(after)
    assert teacher(b)["findings"][0]["terms_info"]["version"] == "2023-01-01"
    assert teacher(b)["verdict"] == "permitted"
    assert teacher(a)["findings"][0]["terms_info"]["version"] == "2024-06-01"
    assert teacher(a)["verdict"] == "prohibited"
    assert b["waivers"][0]["status"] == "valid" and a["waivers"][0]["status"] == "expired"
    data_b = next(s for s in b["subjects"] if s["role"] == "dataset")
    data_a = next(s for s in a["subjects"] if s["role"] == "dataset")
    assert data_b["verdict"] == "permitted" and data_b["findings"][0]["waiver"]["status"] == "waived"
    assert data_a["verdict"] == "prohibited" and data_a["findings"][0]["waiver"]["status"] == "expired"
    assert (code_before, b["verdict"]) == (0, "conditional")
    assert (code_after, a["verdict"]) == (1, "prohibited")
    _, markdown = audit(path, "markdown", registry=REGISTRY, as_of="2025-03-01")
    [waivers] = [t for t in tables(md_tokens(markdown)) if t[0][0] == "Subject" and "Approved by" in t[0]]
    assert waivers[0][4] == "Valid on 2025-03-01" and waivers[1][4] == "no" and waivers[1][5] == "expired"


def test_obligations_checklist_names_subjects_and_clauses() -> None:
    _, raw = audit(example("llama-teacher-named"), "json")
    report = json.loads(raw)
    [naming] = [o for o in report["obligations"] if o["kind"] == "name"]
    assert naming["subjects"] == ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.3-70B-Instruct"]
    assert {c["section"] for c in naming["clauses"]} == {"1.b.i"}
    kinds = [o["kind"] for o in report["obligations"]]
    assert {"name", "attribution", "notice", "use-restriction"} <= set(kinds)
    assert kinds == sorted(
        kinds, key=["notice", "name", "attribution", "use-restriction", "share-alike", "other"].index
    )
    _, markdown = audit(example("llama-teacher-named"), "markdown")
    tokens = md_tokens(markdown)
    h3 = headings(tokens, 3)
    assert "Names to use" in h3 and "Notices and licence copies to ship" in h3
    items = [fold(inline_text(t)) for t in tokens if t.type == "inline" and t.content.startswith("[ ] ")]
    assert len(items) == len(report["obligations"])
    assert any("Begin the released model's name with “Llama”" in i and "§1.b.i" in i for i in items)


def test_hostile_text_is_escaped_in_every_format(manifest: WriteManifest) -> None:
    text = SYNTH.replace("name: Fam-Student-7B", f"name: {json.dumps(HOSTILE_NAME)}")
    text = text.replace('"Licence bought from the authors, ref. NC-1"', json.dumps(HOSTILE_REASON))
    path = manifest(text)
    _, markdown = audit(path, "markdown", registry=REGISTRY, as_of="2024-03-01")
    tokens = check_markdown_structure(markdown)
    context = next(t for t in tables(tokens) if t[0] == ["Field", "Value"])
    assert ["Student", HOSTILE_NAME] in context  # the cell reads back exactly: nothing split or lost
    waivers = next(t for t in tables(tokens) if "Approved by" in t[0])
    assert waivers[1][2] == HOSTILE_REASON
    links = [c for t in tokens for c in t.children or [] if c.type in ("link_open", "image")]
    assert all(c.attrGet("href") is None or str(c.attrGet("href")).startswith("https://") for c in links)
    assert not any(c.type == "image" for c in links)

    _, page = audit(path, "html", registry=REGISTRY, as_of="2024-03-01")
    dom = read_html(page)
    assert "script" not in [tag for tag, _ in dom.tags]
    assert "b" not in [tag for tag, _ in dom.tags]
    assert HOSTILE_NAME in "".join(dom.text) and HOSTILE_REASON in "".join(dom.text)
    hrefs = [a["href"] for tag, a in dom.tags if tag == "a" and a.get("href")]
    assert all(h is not None and h.startswith(("https://", "#")) for h in hrefs), hrefs

    _, raw = audit(path, "json", registry=REGISTRY, as_of="2024-03-01")
    svg = json.loads(raw)["lineage"]["svg"]
    root = ET.fromstring(svg)  # well-formed XML despite the name
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(HOSTILE_NAME in (t or "") for t in titles)
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def test_html_is_self_contained() -> None:
    _, page = audit(example("gpt4o-chat-distill"), "html")
    dom = read_html(page)
    tags = [tag for tag, _ in dom.tags]
    for banned in ("script", "link", "img", "iframe", "object", "embed", "image"):
        assert banned not in tags, banned
    assert all("src" not in attrs for _, attrs in dom.tags)
    assert "svg" in tags and "style" in tags
    assert set(re.findall(r"url\((.)", page)) <= {"#"}  # only references inside the page
    assert "@import" not in page and "@font-face" not in page
    assert tags[0] == "html" and page.startswith("<!DOCTYPE html>")


def test_svg_lineage_draws_every_node_once() -> None:
    _, raw = audit(example("alpaca-commercial"), "json")
    report = json.loads(raw)
    root = ET.fromstring(report["lineage"]["svg"])
    ns = "{http://www.w3.org/2000/svg}"
    groups = root.findall(f".//{ns}g[@class='node']")
    labels = [g.findtext(f"{ns}text") for g in groups]
    assert labels == [n["label"] for n in report["lineage"]["nodes"]]
    verdicts = {n["label"]: n["verdict"] for n in report["lineage"]["nodes"]}
    assert verdicts["Acme-Instruct-7B"] == report["verdict"]  # the student carries the run's verdict
    assert verdicts["tatsu-lab/alpaca"] == "prohibited"
    assert [g.get("data-verdict") for g in groups] == [v or "none" for v in verdicts.values()]
    assert len(root.findall(f".//{ns}path[@class='edge']")) == len(report["lineage"]["edges"])
    # No node overlaps another.
    rects = [(float(r.get("x", 0)), float(r.get("y", 0))) for g in groups for r in g.findall(f"{ns}rect")]
    assert len(set(rects)) == len(rects)


def test_markdown_to_a_file_writes_the_diagram_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "audit.md"
    run = run_cli("audit", str(example("r1-reasoning-distill")), "-o", str(out), "--as-of", AS_OF)
    assert run.exit_code == 0, run.stderr
    assert f"wrote {out}" in run.stderr and run.stdout == ""
    svg = tmp_path / "audit.md.lineage.svg"
    ET.fromstring(svg.read_text())
    tokens = check_markdown_structure(out.read_text())
    images = [c for t in tokens for c in t.children or [] if c.type == "image"]
    assert [i.attrGet("src") for i in images] == ["audit.md.lineage.svg"]


def test_exit_codes_and_input_errors(manifest: WriteManifest, tmp_path: Path) -> None:
    assert run_cli("audit", str(example("r1-reasoning-distill")), "--as-of", AS_OF).exit_code == 0
    assert run_cli("audit", str(example("gpt4o-chat-distill")), "--as-of", AS_OF).exit_code == 1
    bad = manifest(
        "licensecheck: 1\nproject:\n  name: x\n  use: commercial\n  release: hosted\nteacher: []\n"
    )
    run = run_cli("audit", str(bad), "--format", "html")
    assert run.exit_code == 2 and f"{bad}:6: unknown field 'teacher'" in run.stderr and run.stdout == ""
    missing_dir = tmp_path / "no" / "such" / "dir" / "a.html"
    run = run_cli("audit", str(example("r1-reasoning-distill")), "--format", "html", "-o", str(missing_dir))
    assert run.exit_code == 2 and "cannot write" in run.stderr
    assert run_cli("audit", str(example("r1-reasoning-distill")), "--format", "pdf").exit_code == 2
    assert run_cli("audit", str(example("r1-reasoning-distill")), "--as-of", "yesterday").exit_code == 2


def test_audit_in_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = run_subprocess(
        "audit", str(example("llama-teacher-named")), "--format", "html", "-o", str(out), "--as-of", AS_OF
    )
    assert run.exit_code == 0, run.stderr
    assert 'data-verdict="conditional"' in out.read_text()


def test_check_does_not_load_the_audit_or_sbom_code() -> None:
    modules = loaded_modules("check", str(example("llama-teacher-named")))
    assert "licensecheck.engine" in modules
    for mine in (
        "licensecheck.audit",
        "licensecheck.sbom",
        "licensecheck.report.markdown",
        "licensecheck.report.html",
        "licensecheck.report.lineage_svg",
        "licensecheck.report.groups",
        "spdx_tools",
        "markdown_it",
    ):
        assert mine not in modules, mine


def test_a_manifest_with_nothing_to_judge(manifest: WriteManifest) -> None:
    path = manifest("licensecheck: 1\nproject: {name: empty, use: research, release: internal}\n")
    code, markdown = audit(path, "markdown")
    assert code == 1  # nothing declared is not a pass: it needs review
    tokens = check_markdown_structure(markdown)
    assert "No teachers, base model or datasets are declared: nothing to judge." in [
        inline_text(t) for t in tokens if t.type == "inline"
    ]
    report = json.loads(audit(path, "json")[1])
    assert report["subjects"] == [] and report["obligations"] == []
    assert report["verdict"] == "needs-review" and "declares no training inputs" in report["gaps"][0]
    assert [n["label"] for n in report["lineage"]["nodes"]] == ["empty"]  # the project stands for the student
    ET.fromstring(report["lineage"]["svg"])
    assert 'data-verdict="needs-review"' in audit(path, "html")[1]


@pytest.mark.parametrize("command", ["audit", "sbom"])
def test_help(command: str) -> None:
    run = run_cli(command, "--help")
    assert run.exit_code == 0 and "Usage:" in run.stdout and "--as-of" in run.stdout


def test_audit_takes_fail_on(manifest: WriteManifest) -> None:
    path = manifest(
        "licensecheck: 1\nproject: {name: r, use: research, release: internal}\nteachers:\n  - model: acme:unknown\n"
    )
    assert run_cli("audit", str(path), "--as-of", AS_OF).exit_code == 1  # needs review fails by default
    relaxed = run_cli("audit", str(path), "--as-of", AS_OF, "--fail-on", "prohibited", "--format", "json")
    assert (
        relaxed.exit_code == 0
        and relaxed.json["failed"] is False
        and relaxed.json["verdict"] == "needs-review"
    )


# --- several manifests ----------------------------------------------------------------


def test_several_manifests_make_one_document_in_every_format(tmp_path: Path) -> None:
    names = ["alpaca-commercial", "r1-reasoning-distill"]
    paths = [str(example(n)) for n in names]
    single = {n: json.loads(audit(example(n), "json")[1]) for n in names}
    code, raw = audit(Path(paths[0]), "json", paths[1])
    document = json.loads(raw)
    assert document["report"] == "audits" and [m["manifest"] for m in document["manifests"]] == paths
    assert [m["verdict"] for m in document["manifests"]] == [single[n]["verdict"] for n in names]
    worst = max(
        document["manifests"],
        key=lambda m: ["permitted", "conditional", "needs-review", "prohibited"].index(m["verdict"]),
    )
    assert document["verdict"] == worst["verdict"]
    assert code == (1 if any(m["failed"] for m in document["manifests"]) else 0) == 1

    _, markdown = audit(Path(paths[0]), "markdown", paths[1])
    tokens = check_markdown_structure(markdown, reports=2)
    # One title; each report a section under it, its own headings one level down.
    assert headings(tokens, 1) == ["Licence audits: 2 manifests"]
    assert headings(tokens, 2) == [f"Licence audit: {single[n]['project']['name']}" for n in names]
    [overview, *_] = tables(tokens)
    assert [row[0] for row in overview[1:]] == paths

    _, page = audit(Path(paths[0]), "html", paths[1])
    dom = read_html(page)
    ids = [a["id"] for _, a in dom.tags if a.get("id")]
    assert len(ids) == len(set(ids))  # two reports in one page, every id still unique
    hrefs = [a.get("href") or "" for tag, a in dom.tags if tag == "a"]
    links = [h[1:] for h in hrefs if h.startswith("#")]
    assert links and set(links) <= set(ids)  # every in-page link has its target
    verdicts = [a.get("data-verdict") for _, a in dom.tags if (a.get("id") or "").endswith("verdict")]
    assert verdicts == [document["verdict"], *(single[n]["verdict"] for n in names)]

    # -o with Markdown: each manifest's lineage diagram beside the report, linked from it.
    out = tmp_path / "audit.md"
    run = run_cli("audit", *paths, "--as-of", AS_OF, "-o", str(out))
    assert run.exit_code == 1
    text = out.read_text()
    for n in (1, 2):
        svg = tmp_path / f"audit.md.lineage-{n}.svg"
        assert svg.read_text().startswith("<svg") and f"(<audit.md.lineage-{n}.svg>)" in text


def test_one_bad_manifest_among_several_stops_the_audit(tmp_path: Path) -> None:
    bad = tmp_path / "licensecheck.yaml"
    bad.write_text("licensecheck: 1\nproject: {name: x}\n")
    out = tmp_path / "audit.md"
    run = run_cli("audit", str(example("alpaca-commercial")), str(bad), "-o", str(out))
    assert run.exit_code == 2 and str(bad) in run.stderr
    assert not out.exists()


# --- the reviewer's sign-off --------------------------------------------------------------

SIGN_OFF = """\
reviewer: Jane Doe, Legal
date: 2026-11-30
decision: approved-with-conditions
notes: Release only after the naming duty is met.
reference: LEGAL-1234
"""


def test_a_sign_off_is_printed_in_every_format_and_its_hash_in_the_provenance(tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    review.write_text(SIGN_OFF)
    digest = hashlib.sha256(review.read_bytes()).hexdigest()
    _, markdown = audit(example("alpaca-commercial"), "markdown", "--sign-off", str(review))
    section = markdown[markdown.index("## Review") : markdown.index("## Reproduce this report")]
    assert "| Decision | **approved-with-conditions** |" in section and "Jane Doe, Legal" in section
    assert f"| Sign-off SHA-256 | `{digest}` |" in markdown
    assert f"--sign-off {review}" in markdown  # the command that reproduces it
    _, page = audit(example("alpaca-commercial"), "html", "--sign-off", str(review))
    decision = [a.get("data-decision") for _, a in read_html(page).tags if a.get("id") == "sign-off"]
    assert decision == ["approved-with-conditions"]
    _, raw = audit(example("alpaca-commercial"), "json", "--sign-off", str(review))
    report = json.loads(raw)
    assert report["sign_off"]["reviewer"] == "Jane Doe, Legal" and report["sign_off"]["date"] == "2026-11-30"
    assert report["provenance"]["sign_off_sha256"] == digest
    # Without one, the report says it is not signed off and leaves room to sign by hand.
    _, unsigned = audit(example("alpaca-commercial"), "markdown")
    assert "Not signed off." in unsigned and "| Sign-off SHA-256 | not signed off |" in unsigned


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (SIGN_OFF.replace("approved-with-conditions", "ok"), 3, "decision must be one of"),
        (SIGN_OFF.replace("2026-11-30", "2026-13-01"), 2, "is not a date"),
        (SIGN_OFF.replace("reviewer: Jane Doe, Legal\n", ""), 1, "missing the required field 'reviewer'"),
        (SIGN_OFF + "approver: someone\n", 6, "unknown field 'approver'"),
    ],
)
def test_a_bad_sign_off_is_an_input_error_with_its_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    review = tmp_path / "review.yaml"
    review.write_text(text)
    out = tmp_path / "audit.md"
    run = run_cli("audit", str(example("alpaca-commercial")), "--sign-off", str(review), "-o", str(out))
    assert run.exit_code == 2 and f"{review}:{line}: " in run.stderr and problem in run.stderr
    assert not out.exists()


def test_the_project_context_shows_the_organisations_figures(manifest: WriteManifest) -> None:
    path = manifest(
        "licensecheck: 1\nproject:\n  name: acme\n  use: commercial\n  release: internal\n"
        "  organization:\n    monthly_active_users: 12000000\n    monthly_revenue_usd: 3000000\n"
        "teachers:\n  - model: openai:gpt-4o\n"
    )
    markdown = run_cli("audit", str(path), "--as-of", AS_OF).stdout
    assert (
        "| Organisation and affiliates | 12,000,000 monthly active users; US$3,000,000 monthly revenue |"
        in markdown
    )
    page = run_cli("audit", str(path), "--as-of", AS_OF, "--format", "html").stdout
    assert "<td>12,000,000 monthly active users; US$3,000,000 monthly revenue</td>" in page
    project = run_cli("audit", str(path), "--as-of", AS_OF, "--format", "json").json["project"]
    assert (project["organization_users"], project["organization_revenue_usd"]) == (12_000_000, 3_000_000)
    undeclared = manifest("licensecheck: 1\nproject:\n  name: b\n  use: research\n  release: internal\n")
    assert "| Organisation and affiliates | not declared |" in run_cli("audit", str(undeclared)).stdout


def test_a_subjects_anchor_hashes_its_role_and_normalised_names() -> None:
    """Subject.anchor writes refs.normalise out (a large audit makes one per subject): the
    anchor is still the hash of the role and the names as normalise gives them."""
    from licensecheck.audit import Subject
    from licensecheck.finding import Role
    from licensecheck.refs import normalise
    from licensecheck.verdict import Verdict

    for ref, wrote in [(" Data/A.jsonl\t", None), ("openai:GPT-4o", " Data/B.JSONL "), ("x", ""), ("É", "ß")]:
        s = Subject(
            ref,
            Role.GENERATOR if wrote is not None else Role.DATASET,
            Verdict.PERMITTED,
            None,
            (),
            wrote=wrote,
        )
        key = f"{s.role.value}\0{normalise(ref)}\0{normalise(wrote or '')}"
        assert s.anchor == f"subject-{s.role.value}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"
