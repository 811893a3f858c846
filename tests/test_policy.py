"""Policies are data: validated on load, and unable to break the fail-closed invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from licensecheck import policy as policy_mod
from licensecheck.policy import FACTS
from tests.conftest import Run, WriteManifest, project_yaml, run_cli
from tests.test_engine import REGISTRY

DEFAULT = policy_mod.default_policy_path()


def write_policy(tmp_path: Path, rules: list[dict[str, object]], **extra: object) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"policy": 1, "name": "custom", "rules": rules, **extra}))
    return path


def run(manifest: WriteManifest, policy: Path, body: str) -> Run:
    path = manifest(project_yaml() + body)
    return run_cli(
        "check",
        str(path),
        "--format",
        "json",
        "--registry",
        REGISTRY,
        "--as-of",
        "2026-01-01",
        "--policy",
        str(policy),
    )


def test_default_policy_loads_and_uses_only_known_facts() -> None:
    loaded = policy_mod.load()
    assert loaded.name == "default" and loaded.needs_review_fails
    used = {name for rule in loaded.rules for name in rule.when}
    assert used <= set(FACTS)


def test_needs_review_can_be_relaxed_to_a_warning(manifest: WriteManifest, tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT.read_text())
    data["needs_review"] = "warning"
    relaxed = tmp_path / "relaxed.yaml"
    relaxed.write_text(yaml.safe_dump(data))
    result = run(manifest, relaxed, "teachers:\n  - model: x/unknown\n")
    assert result.exit_code == 0 and result.json["verdict"] == "needs-review"
    strict = run(manifest, DEFAULT, "teachers:\n  - model: x/unknown\n")
    assert strict.exit_code == 1


def test_a_policy_cannot_make_an_unknown_subject_permitted(manifest: WriteManifest, tmp_path: Path) -> None:
    lax = write_policy(
        tmp_path,
        [{"id": "anything-goes", "when": {"role": ["teacher"]}, "verdict": "permitted", "reason": "ok"}],
    )
    result = run(manifest, lax, "teachers:\n  - model: x/unknown\n  - model: org/open-model\n")
    by_subject = {f["subject"]: f["verdict"] for f in result.json["findings"]}
    assert by_subject == {"x/unknown": "needs-review", "org/open-model": "permitted"}
    assert result.exit_code == 1


def test_a_finding_no_rule_decides_needs_review(manifest: WriteManifest, tmp_path: Path) -> None:
    narrow = write_policy(
        tmp_path,
        [{"id": "only-datasets", "when": {"role": "dataset"}, "verdict": "permitted", "reason": "ok"}],
    )
    result = run(manifest, narrow, "teachers:\n  - model: org/open-model\n")
    f = result.json["findings"][0]
    assert f["verdict"] == "needs-review" and "No rule of the 'custom' policy" in f["reasons"][0]


@pytest.mark.parametrize(
    ("rule", "needle"),
    [
        (
            {"id": "r", "when": {"no.such.fact": True}, "verdict": "permitted", "reason": "x"},
            "unknown fact 'no.such.fact'",
        ),
        (
            {"id": "r", "when": {"outputs": "sometimes"}, "verdict": "permitted", "reason": "x"},
            "fact 'outputs' cannot be 'sometimes'",
        ),
        ({"id": "r", "when": {"role": "teacher"}, "verdict": "fine", "reason": "x"}, "verdict"),
        (
            {"id": "r", "when": {"role": "teacher"}, "verdict": "permitted", "reason": "{nope}"},
            "unknown fact {nope}",
        ),
        ({"id": "r", "when": {"subject": "x"}, "verdict": "permitted", "reason": "x"}, "text for reasons"),
        (
            {
                "id": "r",
                "when": {"role": "teacher"},
                "verdict": "permitted",
                "reason": "x",
                "code": "import os",
            },
            "code",
        ),
    ],
)
def test_bad_policies_are_input_errors(
    manifest: WriteManifest, tmp_path: Path, rule: dict[str, object], needle: str
) -> None:
    result = run(manifest, write_policy(tmp_path, [rule]), "")
    assert result.exit_code == 2 and result.stdout == ""
    assert "policy.yaml" in result.stderr and needle in result.stderr


def test_duplicate_rule_ids_are_rejected(manifest: WriteManifest, tmp_path: Path) -> None:
    rule: dict[str, object] = {"id": "r", "when": {"role": "teacher"}, "verdict": "permitted", "reason": "x"}
    result = run(manifest, write_policy(tmp_path, [rule, rule]), "")
    assert result.exit_code == 2 and "used twice" in result.stderr
