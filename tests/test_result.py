"""The engine's Result is the one record every report reads: `check --format json`, the
audit's JSON and the SPDX export name the same terms versions for every subject, and the
Result carries what the engine resolved (lineage, periods, generators)."""

from __future__ import annotations

import datetime
import itertools
import json
import re
from pathlib import Path

import pytest

from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.engine import evaluate
from licensecheck.finding import Role
from licensecheck.registry import Registry
from licensecheck.result import Result
from tests.conftest import AS_OF, EXAMPLES, WriteManifest, run_cli

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/licensecheck.yaml"))

# Teachers dated and undated, a consumer app whose terms depend on the domicile, a provider
# whose API changed documents, a Llama base whose licence travels down its lineage, and
# datasets written by models at known dates (the manifest's and the catalogue's).
MIXED = """\
licensecheck: 1
project:
  name: mixed
  use: commercial
  release: open-weights
  {domicile}
  student:
    name: Llama-Mixed-8B
    base_model: deepseek-ai/DeepSeek-R1-Distill-Llama-8B
teachers:
  - model: chatgpt:gpt-4o
  - model: openai:gpt-4o
    from: 2023-06-01
    until: 2024-02-29
  - model: anthropic:claude-3-5-sonnet
  - model: meta-llama/Llama-3.3-70B-Instruct
    purpose: synthetic-data
datasets:
  - id: tatsu-lab/alpaca
  - path: data/answers.jsonl
    license: CC-BY-4.0
    generated_by: [openai:gpt-4, google:gemini-1.5-pro]
    generated: {{from: 2023-09-01, until: 2024-01-31}}
"""

_VERSION = re.compile(r"[a-z0-9][a-z0-9.-]*@[^\s;,()]+")


def _by_subject_from_check(doc: dict[str, object]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    findings = doc["findings"]
    assert isinstance(findings, list)
    for f in findings:
        out.setdefault(f["subject"], set()).update([f["terms"]] if f["terms"] else [])
    return out


def _by_subject_from_audit(doc: dict[str, object]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    subjects = doc["subjects"]
    assert isinstance(subjects, list)
    for s in subjects:
        for f in s["findings"]:
            assert (f["terms_info"] or {}).get("id") == f["terms"]
            out.setdefault(s["subject"], set()).update([f["terms"]] if f["terms"] else [])
    return out


def _by_package_from_sbom(doc: dict[str, object]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    packages = doc["packages"]
    assert isinstance(packages, list)
    for p in packages:
        _, _, applied = p.get("licenseComments", "").partition("licensecheck judged it under:")
        out[p["name"]] = set(_VERSION.findall(applied))
    return out


def _reports(path: Path, tmp_path: Path) -> tuple[dict[str, set[str]], ...]:
    check = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF, "--offline")
    audit = run_cli("audit", str(path), "--format", "json", "--as-of", AS_OF, "--offline")
    out = tmp_path / "inputs.spdx.json"
    sbom = run_cli("sbom", str(path), "-o", str(out), "--as-of", AS_OF, "--offline")
    assert check.exit_code in (0, 1) and audit.exit_code in (0, 1), check.stderr + audit.stderr
    assert sbom.exit_code == 0, sbom.stderr
    return (
        _by_subject_from_check(check.json),
        _by_subject_from_audit(audit.json),
        _by_package_from_sbom(json.loads(out.read_text())),
    )


def _assert_same(path: Path, tmp_path: Path) -> dict[str, set[str]]:
    check, audit, sbom = _reports(path, tmp_path)
    assert audit == check
    for subject, versions in check.items():
        assert sbom.get(subject) == versions, subject
    return check


@pytest.mark.parametrize("path", EXAMPLE_MANIFESTS, ids=[p.parent.name for p in EXAMPLE_MANIFESTS])
def test_every_report_names_the_terms_check_applied_to_each_example(path: Path, tmp_path: Path) -> None:
    applied = _assert_same(path, tmp_path)
    assert any(applied.values())  # the examples are judged under real terms


@pytest.mark.parametrize("domicile", ["domicile: DE", "domicile: US", ""])
def test_every_report_names_the_same_terms_for_a_mixed_manifest(
    manifest: WriteManifest, tmp_path: Path, domicile: str
) -> None:
    applied = _assert_same(manifest(MIXED.format(domicile=domicile)), tmp_path)
    chatgpt = {v.split("@")[0] for v in applied["chatgpt:gpt-4o"]}
    # The consumer app's terms follow the licensee's domicile; undeclared, both may govern.
    expected = {
        "domicile: DE": {"openai-eu-terms-of-use"},
        "domicile: US": {"openai-terms-of-use"},
        "": {"openai-eu-terms-of-use", "openai-terms-of-use"},
    }[domicile]
    assert chatgpt == expected
    # Dated use across the API's switch of documents: both, each for its part of the period.
    assert {v.split("@")[0] for v in applied["openai:gpt-4o"]} == {
        "openai-terms-of-use",
        "openai-services-agreement",
    }
    # A generator is judged under the terms in force when it wrote the data, not today's.
    assert {v.split("@")[0] for v in applied["openai:gpt-4"]} == {
        "openai-terms-of-use",
        "openai-services-agreement",
    }
    # The base model's lineage brings the Llama licence in beside its own MIT terms.
    base = {v.split("@")[0] for v in applied["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]}
    assert {"deepseek-r1-mit", "llama-3.1-community-license"} <= base


def _judge(path: Path) -> Result:
    parsed = manifest_mod.load(path)
    return evaluate(parsed, Registry(), policy_mod.load(), datetime.date.fromisoformat(AS_OF))


def test_the_result_carries_what_the_engine_resolved(manifest: WriteManifest) -> None:
    result = _judge(manifest(MIXED.format(domicile="domicile: US")))
    subjects = {(s.ref, s.role): s for s in result.subjects}
    # Every finding belongs to exactly one subject, and the run's findings are theirs.
    assert sorted(f.sort_key() for s in result.subjects for f in s.findings) == sorted(
        f.sort_key() for f in result.findings
    )
    base = subjects[("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", Role.BASE_MODEL)]
    assert base.resolution.entry is not None
    assert ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "meta-llama/Llama-3.1-8B") in base.resolution.edges
    inherited = [g for g in base.governed if len(g.path) > 1]
    assert inherited and inherited[0].path[-1] == "meta-llama/Llama-3.1-8B"

    data = subjects[("data/answers.jsonl", Role.DATASET)]
    assert data.generators == ("openai:gpt-4", "google:gemini-1.5-pro")
    writer = subjects[("openai:gpt-4", Role.GENERATOR)]
    assert writer.wrote == "data/answers.jsonl"
    assert writer.period == (datetime.date(2023, 9, 1), datetime.date(2024, 1, 31))
    # Each version governs its own part of the period, and the parts meet without overlap.
    parts = sorted((g.start, g.end, g.full_id) for g in writer.governed)
    assert parts[0][0] == datetime.date(2023, 9, 1) and parts[-1][1] == datetime.date(2024, 1, 31)
    for (_, end, _), (start, _, _) in itertools.pairwise(parts):
        assert start == end + datetime.timedelta(days=1)
    assert parts[0][2].startswith("openai-terms-of-use@") and parts[-1][2].startswith(
        "openai-services-agreement@"
    )

    teacher = subjects[("openai:gpt-4o", Role.TEACHER)]
    assert teacher.declared == (datetime.date(2023, 6, 1), datetime.date(2024, 2, 29))
    assert {f.terms for f in teacher.findings} == set(teacher.terms_versions)


def test_use_before_the_record_begins_is_a_part_of_its_own(manifest: WriteManifest) -> None:
    path = manifest(
        """\
        licensecheck: 1
        project: {name: early, use: commercial, release: hosted, domicile: US}
        teachers:
          - model: openai:gpt-4
            from: 2019-01-01
            until: 2019-06-30
        """
    )
    [teacher] = _judge(path).subjects
    [part] = teacher.governed
    # Judged against the earliest version only to say the terms then are unknown.
    assert not part.on_record and (part.start, part.end) == (
        datetime.date(2019, 1, 1),
        datetime.date(2019, 6, 30),
    )
    assert teacher.verdict.value == "needs-review"
