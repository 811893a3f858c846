"""The BigScience Open RAIL-M License (dated August 18, 2022) through `licensecheck check`: a
dataset declared under it binds the student as a derivative (the licence counts a model trained
on the model's synthetic data as one), and the distribution duties follow the release."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WriteManifest, findings, project_yaml, run_cli

DATASET = "datasets:\n  - path: data.jsonl\n    license: LicenseRef-bigscience-openrail-m\n"
TERMS = "bigscience-openrail-m@2022-08-18"
DERIVATIVE = "1(e) (“Derivatives of the Model”)"


def judge(manifest: WriteManifest, release: str) -> dict[str, Any]:
    path = manifest(project_yaml(release=release, base="Qwen/Qwen2.5-7B") + DATASET)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    found = findings(run.json, "data.jsonl", "dataset")
    assert [f["terms"] for f in found] == [TERMS]
    finding: dict[str, Any] = found[0]
    return finding


def sections(f: dict[str, Any]) -> list[str]:
    return [c["section"] for c in f["citations"]]


@pytest.mark.parametrize("release", ["open-weights", "hosted"])
def test_shared_student_must_pass_on_the_use_restrictions(manifest: WriteManifest, release: str) -> None:
    f = judge(manifest, release)
    assert f["verdict"] == "conditional", f["reasons"]
    # Hosting is "Distribution" (1(g)), so 4.a and 4.b bind a hosted student as well.
    assert {DERIVATIVE, "4.a", "4.b", "5", "7"} <= set(sections(f))
    assert any("enforceable part of the licence" in o for o in f["obligations"])
    assert any("copy of the BigScience Open RAIL-M License" in o for o in f["obligations"])


def test_internal_student_still_carries_the_use_restrictions(manifest: WriteManifest) -> None:
    f = judge(manifest, "internal")
    assert f["verdict"] == "conditional", f["reasons"]
    # Not distributed: no paragraph 4 duty, but paragraph 5 and the latest-version duty (7) bind.
    assert sections(f) == [DERIVATIVE, "5", "5", "7"]
    assert any("Attachment A" in o for o in f["obligations"])
