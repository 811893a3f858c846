"""The shipped examples give the verdicts their README promises, citing the right clauses."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import EXAMPLES, WriteManifest, findings, run_cli, run_subprocess


def check(name: str) -> tuple[int, dict[str, Any]]:
    run = run_cli(
        "check", str(EXAMPLES / name / "licensecheck.yaml"), "--format", "json", "--as-of", "2026-11-23"
    )
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


def sections(finding: dict[str, Any]) -> list[str]:
    return [c["section"] for c in finding["citations"]]


def test_r1_distillation_into_qwen_is_permitted() -> None:
    code, report = check("r1-reasoning-distill")
    assert (code, report["verdict"]) == (0, "permitted")
    teacher = findings(report, "deepseek-ai/DeepSeek-R1", "teacher")[0]
    assert teacher["terms"].startswith("deepseek-r1-mit@")
    assert "distillation for training other LLMs" in teacher["citations"][0]["quote"]
    base = findings(report, "Qwen/Qwen2.5-7B", "base-model")[0]
    assert base["verdict"] == "permitted" and base["terms"].startswith("apache-2.0@")
    assert findings(report, "deepseek-ai/DeepSeek-R1", "generator")[0]["verdict"] == "permitted"


def test_gpt4o_chat_distillation_is_prohibited() -> None:
    code, report = check("gpt4o-chat-distill")
    assert (code, report["verdict"]) == (1, "prohibited")
    teacher = findings(report, "openai:gpt-4o", "teacher")[0]
    assert teacher["verdict"] == "prohibited"
    assert teacher["terms"].startswith("openai-services-agreement@")
    assert "3.3(e)" in sections(teacher)
    assert (
        "use Output to develop artificial intelligence models that compete"
        in teacher["citations"][0]["quote"]
    )
    assert any("openrouter" in r for r in teacher["reasons"])


def test_llama_teacher_with_naming_met_is_conditional() -> None:
    code, report = check("llama-teacher-named")
    assert (code, report["verdict"]) == (0, "conditional")
    teacher = findings(report, "meta-llama/Llama-3.3-70B-Instruct", "teacher")[0]
    assert teacher["verdict"] == "conditional"
    assert teacher["terms"].startswith("llama-3.3-community-license@")
    assert "1.b.i" in sections(teacher)
    assert any("Llama" in o for o in teacher["obligations"])
    base = findings(report, "meta-llama/Llama-3.1-8B-Instruct", "base-model")[0]
    assert base["verdict"] == "conditional" and base["terms"].startswith("llama-3.1-community-license@")


def test_llama_teacher_naming_unmet_is_prohibited(manifest: WriteManifest) -> None:
    text = (EXAMPLES / "llama-teacher-named" / "licensecheck.yaml").read_text()
    path = manifest(text.replace("name: Llama-Acme-Support-8B", "name: Acme-Support-8B"))
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert (run.exit_code, run.json["verdict"]) == (1, "prohibited")
    teacher = findings(run.json, "meta-llama/Llama-3.3-70B-Instruct", "teacher")[0]
    assert teacher["verdict"] == "prohibited" and "1.b.i" in sections(teacher)


def test_alpaca_replication_for_a_commercial_product_is_prohibited() -> None:
    code, report = check("alpaca-commercial")
    assert (code, report["verdict"]) == (1, "prohibited")
    data = findings(report, "tatsu-lab/alpaca", "dataset")[0]
    assert data["verdict"] == "prohibited"
    assert any("research use only" in c["quote"] for c in data["citations"])
    # The data was written before 2023-03-14, before the earliest OpenAI terms on record: the
    # generator needs review, and no later clause decides it.
    generator = findings(report, "openai:text-davinci-003", "generator")[0]
    assert generator["verdict"] == "needs-review"
    assert any("earliest" in r for r in generator["reasons"])


@pytest.mark.parametrize(
    "name", ["r1-reasoning-distill", "gpt4o-chat-distill", "llama-teacher-named", "alpaca-commercial"]
)
def test_examples_text_report_in_a_real_process(name: str) -> None:
    run = run_subprocess("check", str(EXAMPLES / name / "licensecheck.yaml"), env=None)
    assert run.exit_code in (0, 1), run.stderr
    assert "Verdict: " in run.stdout and "\033[" not in run.stdout  # not a terminal: no colour
