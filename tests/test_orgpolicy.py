"""Organisation policies (orgpolicy.py, orgapply.py, overlays.py): layered on the default,
found through the manifest or `.licensecheck/`, each feature changing a real verdict through
`check` and `audit`, and every bad policy or overlay an input error naming file and line."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from licensecheck.policy import default_policy_path
from tests.conftest import REPO, Run, findings, run_cli, run_subprocess

AS_OF = "2026-01-01"
PROJECT = """\
licensecheck: 1
project:
  name: t
  use: {use}
  release: open-weights
  domicile: US
  student:
    name: Acme-7B
"""
# Prohibited under the built-in registry: OpenAI's terms forbid outputs for competing models.
OPENAI = "teachers:\n  - model: openai:gpt-4o\n    from: 2025-07-01\n    until: 2025-09-01\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root (it holds .git) with a manifest to fill in."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


def manifest(repo: Path, body: str, use: str = "commercial", name: str = "licensecheck.yaml") -> Path:
    return write(repo / name, PROJECT.format(use=use) + textwrap.dedent(body))


def policy(repo: Path, body: str, name: str = ".licensecheck/policy.yaml") -> Path:
    return write(repo / name, "policy: 1\nname: acme\n" + textwrap.dedent(body))


def check(path: Path, *extra: str) -> Run:
    return run_cli("check", str(path), "--as-of", AS_OF, *extra)


def check_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    run = check(path, "--format", "json", *extra)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


def org(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if (f.get("organisation") or {}).get("kind") == kind]


# --- layering and discovery ---------------------------------------------------------------


def test_a_deny_list_in_a_discovered_policy_prohibits_and_cites_file_and_line(repo: Path) -> None:
    path = manifest(repo, "teachers:\n  - model: Qwen/Qwen2.5-7B-Instruct\n")
    code, before = check_json(path)
    assert before["policy"] == "default" and before["verdict"] != "prohibited"
    policy(repo, "deny:\n  teachers:\n    - other/*\n    - qwen/*\n")
    code, after = check_json(path)
    assert code == 1 and after["policy"] == "acme" and after["verdict"] == "prohibited"
    (denied,) = org(after, "deny")
    assert denied["verdict"] == "prohibited" and denied["rules"] == ["policy-deny"]
    assert denied["organisation"]["file"].endswith(".licensecheck/policy.yaml")
    assert denied["organisation"]["line"] == 6 and denied["organisation"]["ref"] == "qwen/*"
    assert "policy.yaml:6" in denied["reasons"][0]
    # Layered, not replacing: the default's own rules still judged the teacher.
    assert any(f["rules"] and f["rules"][0] != "policy-deny" for f in findings(after, "Qwen/Qwen2.5-7B-Instruct"))


def test_the_nearest_policy_up_to_the_repository_root_applies_never_one_above(repo: Path) -> None:
    path = manifest(repo, "teachers:\n  - model: openai:gpt-4o\n", name="sub/dir/licensecheck.yaml")
    policy(repo, "deny:\n  providers: [openai]\n")
    above = repo.parent / ".licensecheck" / "policy.yaml"
    write(above, "policy: 1\nname: above\nextends: default\ndeny:\n  providers: [nobody]\n")
    _, report = check_json(path)
    assert report["policy"] == "acme" and org(report, "deny")
    (repo / ".licensecheck" / "policy.yaml").unlink()
    _, report = check_json(path)
    assert report["policy"] == "default"  # the file above the root is never read


def test_the_manifest_names_its_policy_and_the_command_line_wins(repo: Path, tmp_path: Path) -> None:
    policy(repo, "deny:\n  providers: [openai]\n", name="policies/org.yaml")
    path = manifest(repo, "policy: policies/org.yaml\n" + OPENAI)
    _, report = check_json(path)
    assert report["policy"] == "acme" and org(report, "deny")
    _, report = check_json(path, "--policy", str(default_policy_path()))
    assert report["policy"] == "default" and not org(report, "deny")


def test_a_standalone_policy_with_rules_still_replaces_the_default(repo: Path) -> None:
    rules = (
        "rules:\n  - id: all-review\n    when: {role: [teacher, base-model, dataset, generator]}\n"
        "    verdict: needs-review\n    reason: everything is reviewed\n"
    )
    path = manifest(repo, OPENAI)
    policy(repo, rules, name="standalone.yaml")
    _, report = check_json(path, "--policy", str(repo / "standalone.yaml"))
    assert report["verdict"] == "needs-review"  # the default would say prohibited
    assert {r for f in report["findings"] for r in f["rules"]} == {"all-review"}
    policy(repo, "extends: default\n" + rules, name="layered.yaml")
    _, report = check_json(path, "--policy", str(repo / "layered.yaml"))
    assert report["verdict"] == "prohibited"  # layered: the default's rules are there too


def test_extends_none_without_rules_is_an_input_error(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    policy(repo, "extends: none\nfail_on: prohibited\n")
    run = check(path)
    assert run.exit_code == 2 and "policy.yaml:3" in run.stderr and "extends none" in run.stderr


# --- what a policy expresses --------------------------------------------------------------


def test_an_allow_list_prohibits_what_it_does_not_name_and_never_permits(repo: Path) -> None:
    path = manifest(repo, OPENAI + "  - model: anthropic:claude-3-5-sonnet\n")
    policy(repo, "allow:\n  providers: [openai]\n")
    _, report = check_json(path)
    (outside,) = org(report, "allow")
    assert outside["subject"] == "anthropic:claude-3-5-sonnet" and outside["verdict"] == "prohibited"
    assert "not on the organisation's allow list" in outside["reasons"][0]
    assert outside["organisation"]["line"] == 4
    # On the list, yet its terms still forbid it: an allow list permits nothing by itself.
    assert {f["verdict"] for f in findings(report, "openai:gpt-4o")} == {"prohibited"}
    assert not [f for f in org(report, "allow") if f["subject"] == "openai:gpt-4o"]


def test_licence_and_dataset_lists(repo: Path) -> None:
    body = """\
    datasets:
      - path: data/mit.jsonl
        license: MIT
      - path: data/nc.jsonl
        license: CC-BY-NC-4.0 OR MIT
      - path: data/gpl.jsonl
        license: GPL-3.0-only
      - path: scratch/notes.jsonl
        license: MIT
    """
    path = manifest(repo, body, use="research")
    _, before = check_json(path)
    assert before["verdict"] in ("permitted", "conditional")
    policy(repo, "allow:\n  licenses: [MIT, 'CC-BY-*']\ndeny:\n  datasets: ['scratch/*']\n")
    _, report = check_json(path)
    assert {f["subject"] for f in org(report, "allow")} == {"data/gpl.jsonl"}  # one alternative will do
    assert {f["subject"] for f in org(report, "deny")} == {"scratch/notes.jsonl"}
    assert report["verdict"] == "prohibited"


def test_verdicts_change_a_built_in_rule_and_an_unknown_rule_id_is_an_input_error(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    policy(repo, "verdicts:\n  outputs-competing: needs-review\n")
    _, report = check_json(path)
    assert report["verdict"] == "needs-review"
    assert {f["verdict"] for f in findings(report, "openai:gpt-4o")} == {"needs-review"}
    policy(repo, "verdicts:\n  outputs-competing: needs-review\n  no-such-rule: permitted\n")
    run = check(path)
    assert run.exit_code == 2 and "policy.yaml:5" in run.stderr and "no-such-rule" in run.stderr


def test_fail_on_of_a_layered_policy_decides_the_exit_code(repo: Path) -> None:
    path = manifest(repo, "datasets:\n  - path: d.jsonl\n    license: CC-BY-4.0\n    human_written: true\n")
    code, report = check_json(path)
    assert code == 0 and report["verdict"] == "conditional"
    policy(repo, "fail_on: conditional\n")
    code, report = check_json(path)
    assert code == 1 and report["verdict"] == "conditional"


def test_required_fields_add_a_finding_naming_the_manifest_line(repo: Path) -> None:
    body = """\
    teachers:
      - model: openai:gpt-4o
    datasets:
      - path: a.jsonl
        license: MIT
      - path: b.jsonl
        license: MIT
        human_written: true
      - path: c.jsonl
        license: MIT
        generated_by: [meta-llama/Llama-3.1-8B-Instruct]
    """
    path = manifest(repo, body, use="research")
    policy(repo, "require:\n  dataset_origin: true\n  teacher_dates: prohibited\n")
    _, report = check_json(path)
    required = {f["subject"]: f for f in org(report, "required")}
    assert set(required) == {"a.jsonl", "openai:gpt-4o"}
    assert required["a.jsonl"]["verdict"] == "needs-review" and required["a.jsonl"]["line"] == 12
    assert "licensecheck.yaml:12" in required["a.jsonl"]["reasons"][0]
    assert required["openai:gpt-4o"]["verdict"] == "prohibited" and required["openai:gpt-4o"]["line"] == 10


def test_human_written_with_generators_is_an_input_error(repo: Path) -> None:
    body = "datasets:\n  - path: a.jsonl\n    human_written: true\n    generated_by: [openai:gpt-4o]\n"
    run = check(manifest(repo, body))
    assert run.exit_code == 2 and "licensecheck.yaml:11" in run.stderr and "human_written" in run.stderr


def test_the_contact_is_named_for_failing_findings_only(repo: Path) -> None:
    body = OPENAI + "datasets:\n  - path: d.jsonl\n    license: MIT\n    human_written: true\n"
    path = manifest(repo, body)
    policy(repo, "contact: legal@acme.example\n")
    _, report = check_json(path)
    assert report["contact"] == "legal@acme.example"
    assert {f["subject"] for f in report["findings"] if f.get("contact")} == {"openai:gpt-4o"}
    text = check(path).stdout
    assert "contact: legal@acme.example" in text and "Contact for the failing findings" in text
    audit = run_cli("audit", str(path), "--as-of", AS_OF).stdout
    assert "Contact for the failing findings: legal@acme.example" in audit


# --- overlays ---------------------------------------------------------------------------


AGREEMENT = """\
overlay: 1
agreements:
  - ref: CONTRACT-2025-017
    provider: openai
    permits: [distillation]
    from: 2025-01-01
    until: 2026-12-31
    document: ../legal/contract-2025-017.pdf
"""


def with_overlay(repo: Path, overlay: str, extra: str = "") -> None:
    write(repo / "legal" / "contract-2025-017.pdf", "signed\n")
    write(repo / "overlays" / "org.yaml", overlay)
    policy(repo, "overlays: [../overlays]\n" + extra)


def test_an_agreement_turns_a_prohibited_teacher_into_permitted_by_agreement(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    code, before = check_json(path)
    assert code == 1 and before["verdict"] == "prohibited"
    with_overlay(repo, AGREEMENT)
    code, report = check_json(path)
    assert code == 0 and report["verdict"] == "permitted"
    (f,) = findings(report, "openai:gpt-4o")
    assert f["organisation"]["kind"] == "agreement" and f["organisation"]["ref"] == "CONTRACT-2025-017"
    assert f["organisation"]["file"].endswith("overlays/org.yaml") and f["organisation"]["line"] == 3
    assert f["organisation"]["original_verdict"] == "prohibited" and f["organisation"]["changes_builtin"]
    (changed,) = report["overlays"]
    assert changed["subject"] == "openai:gpt-4o" and changed["builtin_terms"] == f["terms"]
    text = check(path).stdout
    assert "permitted (by agreement CONTRACT-2025-017)" in text
    assert "changes what the built-in registry allows for openai:gpt-4o" in text and "org.yaml:3" in text


def test_an_agreement_covers_only_its_dates_and_uses(repo: Path) -> None:
    with_overlay(repo, AGREEMENT.replace("2025-01-01", "2025-08-01"))  # signed after use began
    _, report = check_json(manifest(repo, OPENAI))
    assert report["verdict"] == "prohibited" and not report.get("overlays")
    assert any("does not cover this use" in r for f in report["findings"] for r in f["reasons"])
    with_overlay(repo, AGREEMENT)
    judge = OPENAI.replace("until: 2025-09-01", "until: 2025-09-01\n    purpose: judge")
    _, report = check_json(manifest(repo, judge))
    assert report["verdict"] == "prohibited"
    assert any("not its use for judge" in r for f in report["findings"] for r in f["reasons"])


def test_we_are_the_licensor(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    with_overlay(repo, "overlay: 1\nlicensor:\n  - models: ['openai:gpt-4o*']\n")
    code, report = check_json(path)
    assert code == 0 and report["verdict"] == "permitted"
    assert report["overlays"][0]["kind"] == "licensor"
    assert "permitted (we are the licensor)" in check(path).stdout


def test_an_overlay_is_reported_in_the_audit(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    with_overlay(repo, AGREEMENT)
    markdown = run_cli("audit", str(path), "--as-of", AS_OF)
    assert markdown.exit_code == 0
    assert "## Organisation overlays" in markdown.stdout and "overlays/org.yaml:3" in markdown.stdout
    assert "permitted (by agreement CONTRACT-2025-017)" in markdown.stdout
    html = run_cli("audit", str(path), "--as-of", AS_OF, "--format", "html").stdout
    assert 'id="overlays"' in html and "by agreement CONTRACT-2025-017" in html
    data = json.loads(run_cli("audit", str(path), "--as-of", AS_OF, "--format", "json").stdout)
    (o,) = data["overlays"]
    assert (o["kind"], o["builtin_verdict"], o["verdict"], o["line"]) == ("agreement", "prohibited", "permitted", 3)
    # The report's hashes cover the overlay it relied on.
    digest = hashlib.sha256((repo / "overlays" / "org.yaml").read_bytes()).hexdigest()
    (line,) = data["provenance"]["overlays_sha256"]
    assert line.endswith(f"org.yaml {digest}") and digest in markdown.stdout


def test_an_internal_model_and_an_own_licence(repo: Path) -> None:
    body = """\
    teachers:
      - model: acme-internal/helper-7b
    datasets:
      - path: data/tickets.jsonl
        license: LicenseRef-Acme-Data-1.0
        human_written: true
    """
    path = manifest(repo, body)
    _, before = check_json(path)
    assert before["verdict"] == "needs-review"
    overlay = """\
    overlay: 1
    internal_models:
      - models: ['acme-internal/*']
        terms: Acme internal model policy v2
    licenses:
      - id: LicenseRef-Acme-Data-1.0
        permits: [training]
        commercial: false
    """
    with_overlay(repo, overlay)
    _, report = check_json(path)
    assert {f["verdict"] for f in findings(report, "acme-internal/helper-7b")} == {"permitted"}
    (data,) = findings(report, "data/tickets.jsonl")
    assert data["verdict"] == "prohibited" and "grants no commercial use" in data["reasons"][-1]
    assert not report.get("overlays")  # nothing the built-in registry held was changed


@pytest.mark.parametrize(
    ("overlay", "problem"),
    [
        ("overlay: 1\nagreements:\n  - ref: X\n    permits: [distillation]\n    from: 2025-01-01\n"
         "    document: ../legal/contract-2025-017.pdf\n", "names neither a provider nor models"),
        ("overlay: 1\nlicensor:\n  - models: ['a/*']\n    colour: red\n", "unknown field"),
        ("overlay: 1\nagreements:\n  - ref: X\n    provider: openai\n    permits: [everything]\n"
         "    from: 2025-01-01\n    document: ../legal/contract-2025-017.pdf\n", "is not a use"),
        ("overlay: 1\nlicensor: [{models: [a]}\n", "org.yaml"),
        ("overlay: 1\nagreements:\n  - ref: X\n    provider: openai\n    permits: [distillation]\n"
         "    from: 2025-01-01\n    document: ../../outside.pdf\n", "outside the repository"),
        ("overlay: 1\nlicensor:\n  - models: ['a/*']\n    document: missing.pdf\n", "does not exist"),
    ],
)  # fmt: skip
def test_a_malformed_overlay_is_an_input_error_with_file_and_line(repo: Path, overlay: str, problem: str) -> None:
    write(repo.parent / "outside.pdf", "x\n")
    path = manifest(repo, OPENAI)
    with_overlay(repo, overlay)
    run = check(path)
    assert run.exit_code == 2 and problem in run.stderr and "org.yaml:" in run.stderr, run.stderr


# --- never outside the repository -------------------------------------------------------


def test_a_policy_path_that_leaves_the_repository_is_refused(repo: Path) -> None:
    write(repo.parent / "elsewhere.yaml", "policy: 1\nname: x\n")
    run = check(manifest(repo, "policy: ../elsewhere.yaml\n" + OPENAI))
    assert run.exit_code == 2 and "licensecheck.yaml:9" in run.stderr and "outside the repository" in run.stderr
    run = check(manifest(repo, f"policy: {repo.parent / 'elsewhere.yaml'}\n" + OPENAI))
    assert run.exit_code == 2 and "outside the repository" in run.stderr
    (repo / "link.yaml").symlink_to(repo.parent / "elsewhere.yaml")
    run = check(manifest(repo, "policy: link.yaml\n" + OPENAI))
    assert run.exit_code == 2 and "symlink" in run.stderr
    (repo / ".licensecheck").mkdir()
    (repo / ".licensecheck" / "policy.yaml").symlink_to(repo.parent / "elsewhere.yaml")
    run = check(manifest(repo, OPENAI))
    assert run.exit_code == 2 and "symlink" in run.stderr


def test_overlay_directories_stay_inside_the_repository(repo: Path) -> None:
    (repo.parent / "theirs").mkdir()
    path = manifest(repo, OPENAI)
    policy(repo, "overlays: [../../theirs]\n")
    run = check(path)
    assert run.exit_code == 2 and "policy.yaml:3" in run.stderr and "outside the repository" in run.stderr
    policy(repo, "overlays: [missing]\n")
    run = check(path)
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_a_malformed_policy_is_an_input_error_never_the_default(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    policy(repo, "deny:\n  teachers: [a/*]\n  models: [b/*]\n")
    run = check(path)
    assert run.exit_code == 2 and "policy.yaml:" in run.stderr and not run.stdout
    policy(repo, "deny: [unclosed\n")
    run = check(path)
    assert run.exit_code == 2 and "policy.yaml" in run.stderr


# --- scoped waivers -----------------------------------------------------------------------


WAIVER = """\
waivers:
  - subject: openai:gpt-4o
    approved_by: legal@acme.example
    reason: reviewed
    expires: 2026-06-01
"""


def test_a_waiver_scoped_to_a_rule_waives_only_that_rule(repo: Path) -> None:
    policy(repo, "deny:\n  providers: [openai]\n")
    path = manifest(repo, OPENAI + WAIVER + "    rule: policy-deny\n")
    _, report = check_json(path)
    waived = [f for f in findings(report, "openai:gpt-4o") if f.get("waiver")]
    assert [f["rules"] for f in waived] == [["policy-deny"]]
    assert report["verdict"] == "prohibited"  # the terms' own finding still stands
    path = manifest(repo, OPENAI + WAIVER)
    _, report = check_json(path)
    assert report["verdict"] == "permitted"  # unscoped: every finding of the subject


def test_a_waiver_scoped_to_terms_waives_only_that_version(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    _, report = check_json(path)
    (terms,) = {f["terms"] for f in findings(report, "openai:gpt-4o")}
    _, report = check_json(manifest(repo, OPENAI + WAIVER + f"    terms: {terms}\n"))
    assert report["verdict"] == "permitted"
    other = terms.split("@")[0] + "@1999-01-01"
    run = check(manifest(repo, OPENAI + WAIVER + f"    terms: {other}\n"))
    assert run.exit_code == 2 and "licensecheck.yaml:18" in run.stderr and other in run.stderr
    _, report = check_json(manifest(repo, OPENAI + WAIVER + "    terms: mit\n"))
    assert report["verdict"] == "prohibited" and report["unused_waivers"] == ["openai:gpt-4o"]


def test_a_waiver_naming_an_unknown_rule_is_an_input_error(repo: Path) -> None:
    run = check(manifest(repo, OPENAI + WAIVER + "    rule: no-such-rule\n"))
    # The error names the line of the `rule:` it rejects, not the waiver's first line.
    assert run.exit_code == 2 and "licensecheck.yaml:18" in run.stderr and "no-such-rule" in run.stderr


# --- the example policies -----------------------------------------------------------------


def test_the_strict_example_fails_conditional_and_denies_api_generated_data(repo: Path) -> None:
    body = """\
    datasets:
      - path: a.jsonl
        license: CC-BY-4.0
        human_written: true
      - path: b.jsonl
        license: MIT
        generated_by: [openai:gpt-4o]
        generated: {from: 2025-07-01, until: 2025-08-01}
      - path: c.jsonl
        license: MIT
        generated_by: [meta-llama/Llama-3.1-8B-Instruct]
    """
    path = manifest(repo, body)
    strict = str(REPO / "policies" / "strict.yaml")
    code, report = check_json(path, "--policy", strict)
    assert code == 1 and report["policy"] == "strict"
    (denied,) = org(report, "deny")
    assert denied["subject"] == "openai:gpt-4o" and denied["role"] == "generator"
    code, only_a = check_json(manifest(repo, body.split("      - path: b.jsonl")[0]), "--policy", strict)
    assert only_a["verdict"] == "conditional" and code == 1  # conditional fails under strict
    code, default = check_json(manifest(repo, body.split("      - path: b.jsonl")[0]))
    assert default["verdict"] == "conditional" and code == 0


def test_the_research_lab_example_fails_only_at_prohibited(repo: Path) -> None:
    body = """\
    teachers:
      - model: x/unknown-model
        from: 2025-01-01
    datasets:
      - id: tatsu-lab/alpaca
    """
    path = manifest(repo, body, use="research")
    code, default = check_json(path)
    assert code == 1 and default["verdict"] == "needs-review"
    lab = str(REPO / "policies" / "research-lab.yaml")
    code, report = check_json(path, "--policy", lab)
    assert code == 0 and report["policy"] == "research-lab" and report["verdict"] == "needs-review"
    # Non-commercial data: the default conditions it on research use; the lab permits it.
    assert any("research-use-only" in f["rules"] for f in findings(default, "tatsu-lab/alpaca"))
    assert not any("research-use-only" in f["rules"] for f in findings(report, "tatsu-lab/alpaca"))


# --- the replay cache keys on what the run found ------------------------------------------


def test_editing_an_overlay_or_adding_a_policy_changes_the_next_run(repo: Path) -> None:
    path = manifest(repo, OPENAI)
    env = {**os.environ}
    args = ("check", str(path), "--as-of", AS_OF, "--format", "json")
    first = run_subprocess(*args, cwd=repo, env=env)
    assert first.exit_code == 1 and first.json["policy"] == "default"
    with_overlay(repo, AGREEMENT)  # a policy appears in .licensecheck/
    second = run_subprocess(*args, cwd=repo, env=env)
    assert second.exit_code == 0 and second.json["verdict"] == "permitted"
    again = run_subprocess(*args, cwd=repo, env=env)  # unchanged: answered as before
    assert (again.exit_code, again.stdout) == (second.exit_code, second.stdout)
    write(repo / "overlays" / "org.yaml", AGREEMENT.replace("2026-12-31", "2025-08-01"))
    third = run_subprocess(*args, cwd=repo, env=env)
    assert third.exit_code == 1 and third.json["verdict"] == "prohibited"
