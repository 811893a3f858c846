"""Third coverage pass of issue 12 (registry/catalogue/models-2026b.yaml), each family judged
through `licensecheck check` on small manifests: Apache-2.0 and MIT teachers for a commercial
student (Mistral 3, Qwen3.5, Seed-OSS, GLM-5, DeepSeek V4), the NVIDIA Open Model License alone
(Nemotron Nano 2) and beside Llama's licences (Nemotron Nano 4B v1.1, the Llama 3.3 Nemotron
reward models), Kimi K2.5's own Modified MIT, and the pattern boundaries that keep
sibling releases (GLM-5.1, Kimi K2, Qwen3.5 variants, Nemotron Nano 2 VL, ...) out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WriteManifest, findings, run_cli
from tests.test_registry_families_2026 import OTHER, base_finding, cited, judge, judged_teacher, teacher, the
from tests.test_registry_families_cover12 import _rows

# (case id, teacher, terms id prefix, project, verdict, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # --- Apache 2.0 / MIT teachers: free for a commercial student of another family.
    (
        "mistral-large-3",
        "mistralai/Mistral-Large-3-675B-Instruct-2512",
        "apache-2.0",
        {"base": OTHER},
        "permitted",
        "2",
    ),
    (
        "ministral-3",
        "mistralai/Ministral-3-14B-Instruct-2512",
        "apache-2.0",
        {"base": OTHER},
        "permitted",
        "2",
    ),
    (
        "mistral-small-4",
        "mistralai/Mistral-Small-4-119B-2603",
        "apache-2.0",
        {"base": OTHER},
        "permitted",
        "2",
    ),
    ("qwen3.5-flagship", "Qwen/Qwen3.5-397B-A17B", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("qwen3.5-small", "Qwen/Qwen3.5-0.8B", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("qwen3.6", "Qwen/Qwen3.6-35B-A3B", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("seed-oss", "ByteDance-Seed/Seed-OSS-36B-Instruct", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("ernie-4.5", "baidu/ERNIE-4.5-21B-A3B-PT", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("olmo-3.1", "allenai/Olmo-3.1-32B-Think", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("mimo-7b", "XiaomiMiMo/MiMo-7B-RL", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("glm-5", "zai-org/GLM-5", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("glm-4.7-flash", "zai-org/GLM-4.7-Flash", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("deepseek-v4", "deepseek-ai/DeepSeek-V4-Pro", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("mimo-v2-flash", "XiaomiMiMo/MiMo-V2-Flash", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("ling-mini-2.0", "inclusionAI/Ling-mini-2.0", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("ling-1t", "inclusionAI/Ling-1T", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    (
        "skywork-reward-v2-qwen3",
        "Skywork/Skywork-Reward-V2-Qwen3-8B",
        "apache-2.0",
        {"base": OTHER, "kind": "classifier"},
        "permitted",
        "2",
    ),
    # --- NVIDIA Open Model License: outputs are the user's, whatever the student is called.
    (
        "nemotron-nano-2",
        "nvidia/NVIDIA-Nemotron-Nano-9B-v2",
        "nvidia-open-model-license",
        {"base": OTHER},
        "permitted",
        "IP Ownership",
    ),
    # --- Nemotron Nano 4B v1.1: NVIDIA's licence beside Llama 3.1's naming rule.
    (
        "nemotron-nano-4b-nvidia",
        "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1",
        "nvidia-open-model-license",
        {"base": OTHER},
        "permitted",
        "IP Ownership",
    ),
    (
        "nemotron-nano-4b-llama-unnamed",
        "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1",
        "llama-3.1-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.i",
    ),
    (
        "nemotron-nano-4b-llama-named",
        "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    # --- Llama 3.3 Nemotron reward models used as judges: Llama 3.3's naming rule applies.
    (
        "nemotron-reward-llama-unnamed",
        "nvidia/Llama-3.3-Nemotron-70B-Reward",
        "llama-3.3-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.i",
    ),
    (
        "nemotron-reward-principle-nvidia",
        "nvidia/Llama-3.3-Nemotron-70B-Reward-Principle",
        "nvidia-open-model-license",
        {"base": OTHER, "student": "Llama-Acme"},
        "permitted",
        "IP Ownership",
    ),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    report, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]
    if verdict == "prohibited":
        assert report["verdict"] == "prohibited"


def test_nemotron_nano_2_fine_tune_owes_the_nvidia_notice(manifest: WriteManifest) -> None:
    # Released weights of a fine-tune: a copy of the licence and the NVIDIA "Notice" file.
    f = base_finding(manifest, "nvidia/NVIDIA-Nemotron-Nano-12B-v2-Base", "nvidia-open-model-license", {})
    assert f["verdict"] == "conditional", f["reasons"]
    assert any(
        "Licensed by NVIDIA Corporation under the NVIDIA Open Model License" in o for o in f["obligations"]
    )
    assert any("guardrails" in o for o in f["obligations"]), f["obligations"]


def test_nemotron_nano_4b_fine_tune_carries_both_licences(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1")
    got = {
        f["terms"].split("@")[0]
        for f in findings(report, "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1", "base-model")
    }
    assert {"nvidia-open-model-license", "llama-3.1-community-license"} <= got, got
    llama = the(report, "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1", "base-model", "llama-3.1-community-license")
    assert any("Built with Llama" in o for o in llama["obligations"]), llama["obligations"]


@pytest.mark.parametrize("model", ["moonshotai/Kimi-K2.5", "moonshotai/Kimi-K2.5-Thinking"])
@pytest.mark.parametrize(("mau", "verdict"), [(0, "permitted"), (150_000_000, "conditional")])
def test_kimi_k2_5_display_duty_binds_only_a_large_product(
    manifest: WriteManifest, model: str, mau: int, verdict: str
) -> None:
    # Outputs are free under the MIT text; a commercial product over 100M monthly active users
    # shows "Kimi K2.5" (the product's own users are the figure the clause reads).
    report = judge(manifest, teacher(model), base=OTHER, mau=mau)
    f = the(report, model, "teacher", "kimi-k2.5-modified-mit")
    assert f["verdict"] == verdict, f["reasons"]
    if verdict == "conditional":
        assert any("“Kimi K2.5”" in o for o in f["obligations"]), f["obligations"]


def test_kimi_k2_keeps_its_own_licence_beside_k2_5(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("moonshotai/Kimi-K2-Instruct"), base=OTHER, mau=150_000_000)
    f = the(report, "moonshotai/Kimi-K2-Instruct", "teacher", "kimi-k2-modified-mit")
    assert any("“Kimi K2”" in o for o in f["obligations"]), f["obligations"]
    k25 = judge(manifest, teacher("moonshotai/Kimi-K2.5"), base=OTHER)
    assert not [f for f in findings(k25, "moonshotai/Kimi-K2.5") if (f["terms"] or "").startswith("kimi-k2-")]


def _explain(ref: str) -> tuple[int, str]:
    run = run_cli("explain", ref)
    return run.exit_code, run.stdout


# (case id, model id, the catalogue key it must match, or None: not in the registry)
BOUNDARIES: list[tuple[str, str, str | None]] = [
    ("glm-5-exact", "zai-org/GLM-5", "exact id 'zai-org/GLM-5'"),
    ("glm-5.1-not-glm-5", "zai-org/GLM-5.1", None),
    ("glm-5.1-fp8-not-glm-5", "zai-org/GLM-5.1-FP8", None),
    ("kimi-k2.6-not-k2.5", "moonshotai/Kimi-K2.6", None),
    ("kimi-k2-instruct", "moonshotai/Kimi-K2-Instruct", "pattern 'moonshotai/Kimi-K2-*'"),
    ("qwen3.5-27b", "Qwen/Qwen3.5-27B", "pattern 'Qwen/Qwen3.5-27B*'"),
    ("qwen3.5-2b-not-27b", "Qwen/Qwen3.5-2B", "pattern 'Qwen/Qwen3.5-2B*'"),
    ("qwen3.5-omni-not-matched", "Qwen/Qwen3.5-Omni-7B", None),
    ("qwen3.6-other-size", "Qwen/Qwen3.6-122B-A10B", None),
    ("nemotron-nano-2-vl", "nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16", None),
    ("ernie-4.5-thinking", "baidu/ERNIE-4.5-21B-A3B-Thinking", None),
    (
        "ministral-3-not-ministral-8b-2410",
        "mistralai/Ministral-8B-Instruct-2410",
        "pattern 'mistralai/Ministral-8B-*'",
    ),
    ("mistral-small-4-other-date", "mistralai/Mistral-Small-4-119B-2607", None),
    ("lfm2", "LiquidAI/LFM2-1.2B", "pattern 'LiquidAI/LFM2-*'"),
    ("lfm-other-generation", "LiquidAI/LFM3-1B", None),
    ("skywork-v2-llama-not-v1", "Skywork/Skywork-Reward-V2-Llama-3.1-8B", None),
    (
        "skywork-v1-llama",
        "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2",
        "pattern 'Skywork/Skywork-Reward-Llama-3.1-8B*'",
    ),
]


@pytest.mark.parametrize(("model", "key"), [pytest.param(*row[1:], id=row[0]) for row in BOUNDARIES])
def test_pattern_boundaries(model: str, key: str | None) -> None:
    code, out = _explain(model)
    if key is None:
        assert code == 1 and "not in the registry" in out, out
    else:
        assert f"matched {key} in the catalogue" in out, out


def test_glm_5_1_is_needs_review_not_mit(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("zai-org/GLM-5.1"), base=OTHER)
    got = findings(report, "zai-org/GLM-5.1", "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got)
    assert not any((f["terms"] or "").startswith("mit") for f in got)
