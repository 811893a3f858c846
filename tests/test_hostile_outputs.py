"""One hostile corpus through every output format: text the tool did not write must never
act in a report, whatever it holds: no forged CI workflow command, no terminal escape, no
Markdown or HTML markup, no forged SPDX tag-value line.

Through the CLI, the corpus rides in the manifest's free-text fields (the project and
student names, a router); ids, paths and waivers refuse such characters at input
(tests/test_hostile_inputs.py). Text that never passes that check (a Hub card's licence
name, a registry gap) is covered by rendering a Result whose every string is hostile."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from spdx_tools.spdx.parser.parse_anything import parse_file

from licensecheck import audit as audit_mod
from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.engine import evaluate
from licensecheck.finding import Finding
from licensecheck.registry import Registry
from licensecheck.report import AUDIT_FORMATS, CHECK_FORMATS, render_audit, render_check
from licensecheck.result import Result
from tests.conftest import AS_OF, WriteManifest, run_cli

# name -> the payload, each aimed at a format or at the reader's terminal.
PAYLOADS = {
    "workflow-command": "x\n::error file=a,line=1::forged",
    "add-mask": "x\r\n::add-mask::secret\n",
    "stop-commands": "x\n::stop-commands::t\n::error::after",
    "clear-screen": "x\x1b[2J\x1b[H",
    "window-title": "x\x1b]0;pwned\x07",
    "osc8-link": "\x1b]8;;http://evil.test/\x1b\\click\x1b]8;;\x1b\\",
    "rtl-override": "abc\u202edcba.exe",
    "zero-width": "Ll\u200bama\ufeff",
    "line-separator": "x\u2028::error::forged",
    "markdown-block": "x\n\n# Forged heading\n\n![t](http://evil.test/t.png)\n\n<img src=x onerror=alert(1)>",
    "html": "<script>alert(1)</script><b onmouseover=alert(2)>",
    "tag-value": "x\nPackageLicenseDeclared: MIT\n</text>\nPackageComment: <text>forged",
    "nul-and-del": "x\x00y\x7fz\x85",
}

# Characters that must never appear raw in a report: they act rather than read.
ACTIVE = ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\u202e", "\u200b", "\ufeff", "\u2028", "\r"]


def hostile_manifest(payload: str) -> str:
    value = json.dumps(payload)  # a JSON string is a YAML double-quoted scalar
    return f"""\
licensecheck: 1
project:
  name: {value}
  use: commercial
  release: open-weights
  domicile: US
  student:
    name: {value}
    base_model: meta-llama/Llama-3.1-8B
teachers:
  - model: openai:gpt-4o
    via: {value}
datasets:
  - path: data/notes.jsonl
    license: CC-BY-NC-4.0
  - id: tatsu-lab/alpaca
waivers:
  - subject: tatsu-lab/alpaca
    approved_by: legal@example.test
    reason: reviewed
    expires: 2030-01-01
"""


@pytest.fixture(params=list(PAYLOADS), ids=list(PAYLOADS))
def payload(request: pytest.FixtureRequest) -> str:
    value: str = PAYLOADS[request.param]
    return value


def _no_active_characters(text: str) -> None:
    found = [repr(c) for c in ACTIVE if c in text]
    assert not found, f"raw {found} in the output"


def _check(path: Path, fmt: str, *extra: str) -> str:
    run = run_cli("check", str(path), "--format", fmt, "--as-of", AS_OF, "--offline", *extra)
    assert run.exit_code in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    return run.stdout


def test_text_report_lines_are_only_its_own(manifest: WriteManifest, payload: str) -> None:
    benign = _check(manifest(hostile_manifest("benign-name"), "benign.yaml"), "text")
    hostile = _check(manifest(hostile_manifest(payload)), "text")
    _no_active_characters(hostile)
    # A value never starts a line: the report has exactly the lines a benign name gives.
    assert len(hostile.splitlines()) == len(benign.splitlines())
    assert not [line for line in hostile.splitlines() if line.lstrip().startswith("::")]


def test_github_annotations_are_only_the_reports_commands(manifest: WriteManifest, payload: str) -> None:
    out = _check(manifest(hostile_manifest(payload)), "github")
    _no_active_characters(out)
    for line in out.splitlines():
        if line.startswith("::"):
            # One of ours: a level, then file= and line= properties; nothing else commands.
            assert line.split(" ", 1)[0] in ("::error", "::warning", "::notice"), line
            assert " file=" in line and ",line=" in line
        else:
            assert line.startswith("licensecheck: "), line


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_carry_the_value_intact_and_inert(
    manifest: WriteManifest, payload: str, fmt: str
) -> None:
    out = _check(manifest(hostile_manifest(payload)), fmt)
    _no_active_characters(out)
    doc = json.loads(out)
    if fmt == "json":
        assert doc["project"] == payload  # data, escaped by the encoding, not altered
        assert any(f.get("via") == payload for f in doc["findings"])


def test_junit_is_well_formed_and_inert(manifest: WriteManifest, payload: str) -> None:
    out = _check(manifest(hostile_manifest(payload)), "junit")
    _no_active_characters(out)
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and int(root.get("tests", "0")) > 0


def _audit(path: Path, fmt: str) -> str:
    run = run_cli("audit", str(path), "--format", fmt, "--as-of", AS_OF, "--offline")
    assert run.exit_code in (0, 1), run.stderr
    return run.stdout


def test_markdown_audit_has_no_markup_from_inputs(manifest: WriteManifest, payload: str) -> None:
    def shape(text: str) -> list[tuple[str, str]]:
        tokens = MarkdownIt("commonmark").parse(text)
        return [(t.type, t.tag) for t in tokens if t.type.endswith("_open") or t.type == "html_block"]

    benign = _audit(manifest(hostile_manifest("benign-name"), "benign.yaml"), "markdown")
    hostile = _audit(manifest(hostile_manifest(payload)), "markdown")
    _no_active_characters(hostile)
    # The same blocks as with a benign name: no forged heading, no block ended early by a
    # blank line in the inline SVG, no raw HTML, no image.
    assert shape(hostile) == shape(benign)
    inline = [t for t in MarkdownIt("commonmark").parse(hostile) if t.type == "inline"]
    assert not [c for t in inline for c in (t.children or []) if c.type in ("image", "html_inline")]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def test_html_audit_has_no_markup_from_inputs(manifest: WriteManifest, payload: str) -> None:
    page = _audit(manifest(hostile_manifest(payload)), "html")
    _no_active_characters(page)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and not parser.handlers


@pytest.mark.parametrize("suffix", [".spdx", ".spdx.json", ".spdx.yaml", ".spdx.rdf.xml"])
def test_every_sbom_serialisation_reads_back_as_written(
    manifest: WriteManifest, tmp_path: Path, payload: str, suffix: str
) -> None:
    path = manifest(hostile_manifest(payload))
    out = tmp_path / f"inputs{suffix}"
    run = run_cli("sbom", str(path), "-o", str(out), "--as-of", AS_OF, "--offline")
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    _no_active_characters(text)
    document = parse_file(str(out))
    benign_out = tmp_path / f"benign{suffix}"
    benign = manifest(hostile_manifest("benign-name"), "benign.yaml")
    assert run_cli("sbom", str(benign), "-o", str(benign_out), "--as-of", AS_OF, "--offline").exit_code == 0
    # Every package keeps the licence it has with a benign name: no forged line changed one.
    licences = sorted(str(p.license_declared) for p in document.packages)
    assert licences == sorted(str(p.license_declared) for p in parse_file(str(benign_out)).packages)
    if suffix == ".spdx":
        lines = text.splitlines()
        for tag in ("PackageLicenseDeclared:", "PackageName:"):
            assert sum(line.startswith(tag) for line in lines) == len(document.packages), tag


def test_error_messages_show_escapes_not_actions(tmp_path: Path) -> None:
    # An error quotes the path or value it is about: it must not act on the terminal either.
    missing = tmp_path / "x\x1b[2J\u202e.yaml"
    run = run_cli("check", str(missing))
    assert run.exit_code == 2
    _no_active_characters(run.stderr)
    assert "x\\x1b[2J\\u202e.yaml" in run.stderr


def test_an_output_that_is_an_input_is_refused_before_anything_is_written(manifest: WriteManifest) -> None:
    path = manifest(hostile_manifest("benign"))
    before = path.read_bytes()
    for args in (
        ["check", str(path), "--format", "json", "--output", str(path)],
        ["audit", str(path), "-o", str(path)],
        ["sbom", str(path), "-o", str(path)],
        [
            "audit",
            str(path),
            "-o",
            str(path.parent / "report.md"),
            "--policy",
            str(path.parent / "report.md.lineage.svg"),
        ],
    ):
        run = run_cli(*args, "--as-of", AS_OF, "--offline")
        assert run.exit_code == 2, (args, run.stdout, run.stderr)
        assert "refusing to overwrite" in run.stderr or "licensecheck: error" in run.stderr
        assert path.read_bytes() == before


def test_an_unwritable_time_is_an_error_not_a_traceback(manifest: WriteManifest) -> None:
    path = manifest(hostile_manifest("benign"))
    run = run_cli(
        "audit", str(path), "--as-of", AS_OF, "--offline", env={"SOURCE_DATE_EPOCH": "99999999999999"}
    )
    assert run.exit_code == 2 and "SOURCE_DATE_EPOCH" in run.stderr


def _hostile_result(manifest: WriteManifest, payload: str) -> Result:
    """A real engine Result whose every string a report may quote is the payload (as a Hub
    card's licence name or a registry gap would reach it)."""
    path = manifest(hostile_manifest("benign"))
    result = evaluate(
        manifest_mod.load(path), Registry(), policy_mod.load(), datetime.date.fromisoformat(AS_OF)
    )

    def poison(f: Finding) -> Finding:
        return dataclasses.replace(
            f,
            subject=f"{f.subject}{payload}",
            reasons=tuple(r + payload for r in f.reasons),
            obligations=tuple(dataclasses.replace(o, text=o.text + payload) for o in f.obligations),
            citations=tuple(
                dataclasses.replace(c, quote=c.quote + payload, section=payload) for c in f.citations
            ),
            via=payload,
            lineage=(*f.lineage, payload),
        )

    return dataclasses.replace(
        result,
        manifest=f"{result.manifest}{payload.replace(chr(0), '')}",  # no file name holds a NUL
        project=payload,
        findings=tuple(poison(f) for f in result.findings),
        subjects=tuple(
            dataclasses.replace(s, findings=tuple(poison(f) for f in s.findings)) for s in result.subjects
        ),
    )


@pytest.mark.parametrize("fmt", list(CHECK_FORMATS))
def test_every_check_format_escapes_every_string_it_quotes(
    manifest: WriteManifest, payload: str, fmt: str
) -> None:
    out = render_check(fmt, [_hostile_result(manifest, payload)])
    _no_active_characters(out)
    if fmt in ("text", "github"):
        ours = (
            "licensecheck: ",
            "  ",
            "::error ",
            "::warning ",
            "::notice ",
            "PROHIBITED",
            "NEEDS-REVIEW",
            "CONDITIONAL",
            "PERMITTED",
            "WAIVED",
            "Verdict: ",
            "note: ",
        )
        counted = re.compile(r"^\d+ subjects?: ")  # the text report's tally of subjects
        assert all(line == "" or line.startswith(ours) or counted.match(line) for line in out.splitlines()), (
            out
        )


@pytest.mark.parametrize("fmt", list(AUDIT_FORMATS))
def test_every_audit_format_escapes_every_string_it_quotes(
    manifest: WriteManifest, payload: str, fmt: str
) -> None:
    result = _hostile_result(manifest, payload)
    report = audit_mod.build(
        result, Registry(), when=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    out = render_audit(fmt, report)
    _no_active_characters(out)
    if fmt == "html":
        parser = _Tags()
        parser.feed(out)
        assert "script" not in parser.tags and "img" not in parser.tags and not parser.handlers


def test_standard_output_on_a_full_device_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    manifest_path = tmp_path / "licensecheck.yaml"
    manifest_path.write_text(hostile_manifest("benign"))
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "licensecheck",
                "check",
                str(manifest_path),
                "--offline",
                "--as-of",
                AS_OF,
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "No space left on device" in proc.stderr
