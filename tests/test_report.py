"""report/: the format tables and the renderers, called directly on engine Results."""

from __future__ import annotations

import dataclasses
import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensecheck import audit as audit_mod
from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.cli.audit import audit as audit_command
from licensecheck.cli.check import check as check_command
from licensecheck.engine import evaluate
from licensecheck.registry import Registry
from licensecheck.report import AUDIT_FORMATS, CHECK_FORMATS, render_audit, render_check
from licensecheck.result import Result
from tests.conftest import AS_OF, WriteManifest, run_cli

# A waived teacher, a conditional base model with a naming duty, and non-commercial data.
MANIFEST = """\
licensecheck: 1
project:
  name: report-test
  use: commercial
  release: open-weights
  domicile: US
  student:
    name: Llama-Report-8B
    base_model: meta-llama/Llama-3.1-8B
teachers:
  - model: openai:gpt-4o
datasets:
  - id: tatsu-lab/alpaca
waivers:
  - subject: openai:gpt-4o
    approved_by: legal@example.test
    reason: "Signed agreement REF-1"
    expires: 2030-01-01
"""


def judge(path: Path) -> Result:
    return evaluate(
        manifest_mod.load(path), Registry(), policy_mod.load(), datetime.date.fromisoformat(AS_OF)
    )


@pytest.fixture
def result(manifest: WriteManifest) -> Result:
    return judge(manifest(MANIFEST))


def _choices(command: click.Command, name: str) -> list[str]:
    [option] = [p for p in command.params if p.name == name]
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_the_cli_offers_exactly_the_formats_of_the_tables() -> None:
    assert _choices(check_command, "output_format") == list(CHECK_FORMATS)
    assert _choices(audit_command, "output_format") == list(AUDIT_FORMATS)


def test_an_unknown_format_is_refused_by_name(result: Result) -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'; known: text, json"):
        render_check("pdf", [result])


@pytest.mark.parametrize("name", list(CHECK_FORMATS))
def test_every_check_format_renders_one_and_several_results(result: Result, name: str) -> None:
    one = render_check(name, [result])
    two = render_check(name, [result, result])
    assert one.endswith("\n") and len(two) > len(one)
    if name in ("json", "sarif"):
        assert isinstance(json.loads(one), dict) and isinstance(json.loads(two), dict)
    if name == "junit":
        subjects = {(f.role, f.subject.lower()) for f in result.findings}  # one case per subject
        assert ET.fromstring(two).get("tests") == str(2 * len(subjects))


def test_text_shows_a_waiver_as_a_waiver_and_the_obligations(result: Result) -> None:
    text = render_check("text", [result])
    assert (
        "waived: was prohibited; approved by legal@example.test until 2030-01-01: Signed agreement REF-1"
        in text
    )
    assert "obligation: Begin the released model's name with “Llama”." in text
    assert text.rstrip().endswith(f"Verdict: {result.verdict.value}")
    several = render_check("text", [result, result])
    assert several.count("licensecheck: ") == 2
    assert result.failed  # the non-commercial data in a commercial project
    assert several.rstrip().endswith(
        f"Overall verdict (2 manifests): {result.verdict.value}; failing: {result.manifest}, {result.manifest}"
    )


def test_json_keeps_the_contract_and_adds_structured_obligations(result: Result) -> None:
    doc = json.loads(render_check("json", [result]))
    assert doc["licensecheck"] == 1 and doc["verdict"] == result.verdict.value
    base = [f for f in doc["findings"] if f["role"] == "base-model" and f["obligations"]]
    assert base
    for f in base:
        # The sentence list stays; each sentence has a record with its kind, clause and subject.
        assert [o["text"] for o in f["obligation_details"]] == f["obligations"]
        assert {o["subject"] for o in f["obligation_details"]} == {"meta-llama/Llama-3.1-8B"}
        assert all(o["clauses"] and o["clauses"][0]["terms"] == f["terms"] for o in f["obligation_details"])
    kinds = {o["kind"] for f in base for o in f["obligation_details"]}
    assert {"name", "attribution", "notice", "use-restriction"} <= kinds
    teacher = next(f for f in doc["findings"] if f["subject"] == "openai:gpt-4o")
    assert teacher["waiver"] == {
        "status": "waived",
        "approved_by": "legal@example.test",
        "reason": "Signed agreement REF-1",
        "expires": "2030-01-01",
        "original_verdict": "prohibited",
    }
    assert teacher["period"] == {"from": AS_OF, "until": AS_OF, "on_record": True}
    several = json.loads(render_check("json", [result, result]))
    assert [m["project"] for m in several["manifests"]] == ["report-test", "report-test"]


def test_the_audit_checklist_groups_obligations_by_their_recorded_kind(result: Result) -> None:
    report = audit_mod.build(
        result, Registry(), when=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    kinds = {o.text: o.kind.value for o in report.obligations}
    assert kinds["Begin the released model's name with “Llama”."] == "name"
    assert (
        kinds["Use the model only in line with applicable law and the Llama 3.1 Acceptable Use Policy."]
        == "use-restriction"
    )
    for item in report.obligations:
        assert item.clauses, item.text  # every item names the clause behind it
    doc = json.loads(render_audit("json", report))
    assert [o["kind"] for o in doc["obligations"]] == [o.kind.value for o in report.obligations]
    markdown = render_audit("markdown", report, svg_href="lineage.svg")
    assert "](<lineage.svg>)" in markdown and "### Names to use" in markdown
    assert render_audit("html", report).startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", list(CHECK_FORMATS))
def test_a_manifest_that_declares_nothing_needs_review_in_every_format(
    manifest: WriteManifest, name: str
) -> None:
    path = manifest("licensecheck: 1\nproject: {name: empty, use: research, release: internal}\n")
    result = judge(path)
    assert result.verdict.value == "needs-review" and result.failed and not result.findings
    out = render_check(name, [result])
    assert "declares no training inputs" in out
    run = run_cli("check", str(path), "--format", name, "--as-of", AS_OF)
    assert run.exit_code == 1


BLOCKS = """\
licensecheck: 1
project:
  name: blocks
  use: commercial
  release: open-weights
  domicile: US
teachers:
  - model: openai:gpt-4
    via: openrouter
    from: 2023-06-01
    until: 2024-02-29
  - model: acme:in-house
datasets:
  - path: data/answers.jsonl
    license: CC0-1.0
    generated_by: [openai:gpt-4o]
waivers:
  - subject: acme:in-house
    approved_by: legal@example.test
    approved_on: 2026-01-02
    reason: "Our own model, ref. X-1"
    expires: 2030-01-01
"""


def test_text_gives_one_block_per_subject_with_each_terms_version_and_period(manifest: WriteManifest) -> None:
    path = manifest(BLOCKS)
    out = render_check("text", [judge(path)])
    heads = [line for line in out.splitlines() if line[:1].isupper() and " [" in line]
    assert [h.split()[:2] for h in heads] == [
        ["PROHIBITED", "data/answers.jsonl"],  # through its generator
        ["PROHIBITED", "openai:gpt-4"],
        ["WAIVED", "acme:in-house"],
    ]
    assert "prohibited through its generator openai:gpt-4o" in heads[0]
    # One block for the teacher, a line per terms version with its part of the period.
    assert "OpenAI Terms of Use 2023-03-14, used 2023-06-01 to 2023-11-13: prohibited" in out
    assert (
        "OpenAI Services Agreement 2025-05-31, used 2023-11-14 to 2024-02-29, before the earliest version on"
        " record: needs-review"
    ) in out
    # Said once, though both findings give it.
    assert out.count("The outputs came through openrouter") == 1
    # The generator sits inside the dataset it wrote.
    assert "  prohibited openai:gpt-4o [generator] wrote data/answers.jsonl" in out
    assert (
        "waived: was needs-review; approved by legal@example.test on 2026-01-02 until 2030-01-01:"
        " Our own model, ref. X-1"
    ) in out
    assert "3 subjects: 2 prohibited, 1 waived" in out and out.rstrip().endswith("Verdict: prohibited")


def test_summary_is_one_line_per_subject_and_verbose_quotes_in_full(manifest: WriteManifest) -> None:
    path = manifest(BLOCKS)
    summary = run_cli("check", str(path), "--summary", "--as-of", AS_OF).stdout.splitlines()
    lines = [line for line in summary if " [" in line]
    assert len(lines) == 3 and lines[0].startswith("prohibited") and lines[-1].startswith("waived")
    assert "approved by legal@example.test until 2030-01-01" in lines[-1]
    normal = run_cli("check", str(path), "--as-of", AS_OF).stdout
    verbose = run_cli("check", str(path), "--verbose", "--as-of", AS_OF).stdout
    cut = [
        line
        for line in normal.splitlines()
        if "cites" in line and line.endswith(">") and "\u2026\u201d" in line
    ]
    assert cut  # a long clause is cut, its citation kept
    assert len(verbose) > len(normal) and "\u2026\u201d" not in verbose


def test_the_audit_shows_waivers_as_waivers_and_generators_with_their_dataset(
    manifest: WriteManifest,
) -> None:
    result = judge(manifest(BLOCKS))
    report = audit_mod.build(
        result, Registry(), when=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    by_ref = {(s.ref, s.role.value): s for s in report.subjects}
    assert by_ref[("acme:in-house", "teacher")].label == "waived"
    assert by_ref[("data/answers.jsonl", "dataset")].through == "openai:gpt-4o"
    assert by_ref[("openai:gpt-4o", "generator")].wrote == "data/answers.jsonl"
    # Counts are of subjects (the generator is inside its dataset) and add up.
    assert dict(report.counts) == {"prohibited": 2, "waived": 1}
    assert report.summary.startswith("3 subjects: 2 prohibited, 1 waived.")
    markdown = render_audit("markdown", report)
    assert "### acme:in-house (teacher): waived" in markdown
    assert "**Waived**: the rules gave **needs-review**" in markdown
    assert "permitted (nothing in the governing terms restricts this use)" not in markdown
    assert "### data/answers.jsonl (dataset): prohibited, through its generator openai:gpt-4o" in markdown
    html = render_audit("html", report)
    assert 'data-label="waived"' in html and "the rules gave" in html


def test_markdown_and_html_audits_give_one_block_per_subject(manifest: WriteManifest) -> None:
    report = audit_mod.build(
        judge(manifest(BLOCKS)), Registry(), when=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    markdown = render_audit("markdown", report)
    findings = markdown[markdown.index("## Findings") : markdown.index("## Obligations checklist")]
    # One heading per subject; the generator's inside its dataset's block, before the next subject.
    headings = [line for line in findings.splitlines() if line.startswith("#")]
    assert headings == [
        "## Findings",
        "### data/answers.jsonl (dataset): prohibited, through its generator openai:gpt-4o",
        "#### openai:gpt-4o (generator that wrote data/answers.jsonl): prohibited",
        "### openai:gpt-4 (teacher): prohibited",
        "### acme:in-house (teacher): waived",
    ]
    # Each terms version once, with the part of the period it governed; a reason common to
    # both versions is said once.
    teacher = findings[findings.index("### openai:gpt-4 ") : findings.index("### acme:in-house")]
    assert "**OpenAI Terms of Use 2023-03-14, used 2023-06-01 to 2023-11-13: prohibited**" in teacher
    assert "before the earliest version on record: needs-review**" in teacher
    assert teacher.count("The outputs came through openrouter") == 1
    assert findings.count("**Waived**: the rules gave **needs-review**") == 1

    html = render_audit("html", report)
    dom = ET.fromstring(
        html[html.index('<h2 id="findings">') :].split('<h2 id="obligations"')[0].join(["<div>", "</div>"])
    )
    blocks = {s.get("data-subject"): s for s in dom.iter("section")}
    dataset = blocks["data/answers.jsonl"]
    nested = [s.get("data-subject") for s in dataset.iter("section") if s is not dataset]
    assert nested == ["openai:gpt-4o"]  # the generator's section sits inside its dataset's
    heads = [
        "".join(p.itertext()) for p in blocks["openai:gpt-4"].iter("p") if p.get("class") == "finding-head"
    ]
    assert heads[0].startswith("OpenAI Terms of Use 2023-03-14, used 2023-06-01 to 2023-11-13: prohibited")
    assert len(heads) == len(set(heads)) == 2
    assert "".join(blocks["openai:gpt-4"].itertext()).count("The outputs came through openrouter") == 1


def test_the_audit_says_when_a_waiver_was_approved(manifest: WriteManifest) -> None:
    report = audit_mod.build(
        judge(manifest(BLOCKS)), Registry(), when=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    [use] = report.waivers
    assert use.approval == "legal@example.test on 2026-01-02"
    assert "legal@example.test on 2026-01-02" in render_audit("markdown", report)
    assert json.loads(render_audit("json", report))["waivers"][0]["approved_on"] == "2026-01-02"


def test_a_generator_is_never_hidden_from_the_text_report(manifest: WriteManifest) -> None:
    result = judge(manifest(BLOCKS))
    # Were the dataset it wrote missing from the result, the generator still shows on its own.
    alone = dataclasses.replace(
        result, subjects=tuple(s for s in result.subjects if s.role.value != "dataset")
    )
    out = render_check("text", [alone])
    assert "PROHIBITED openai:gpt-4o [generator]" in out


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "text"])
def test_every_check_format_says_who_approved_a_waiver_when_and_until(
    manifest: WriteManifest, name: str
) -> None:
    out = render_check(name, [judge(manifest(BLOCKS))])
    assert "approved by legal@example.test on 2026-01-02 until 2030-01-01: Our own model, ref. X-1" in out


# --- report/jsontext.py writes what json.dumps(indent=2, ensure_ascii=False) writes ------------

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # NaN and infinities too: the library's text for them
        st.text(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.none(), st.booleans()), inner, max_size=2),
    ),
    max_leaves=25,
)


@settings(max_examples=500, deadline=None)
@given(value=JSON_VALUES)
def test_the_fast_json_text_is_the_standard_librarys(value: object) -> None:
    from licensecheck.report import jsontext

    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
