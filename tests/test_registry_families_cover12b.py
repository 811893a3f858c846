"""Second coverage pass of issue 12, each family judged through `licensecheck check`: the C4AI
Acceptable Use Policy beside Cohere's CC BY-NC 4.0 weights (a usage policy: it bars commercial
synthetic data and grants nothing), the ChatGLM3-6B licence (registration for commercial use),
the Stability AI Community License (same-family outputs, a revenue threshold counted for the
organisation, registration), and models whose licence was found on their cards: DeepSeek-V2.5,
GLM-4.6, Llama-3.1-Nemotron-Ultra, Falcon-H1, Qwen2.5-Math-72B and Jamba v0.1."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WriteManifest, findings
from tests.test_registry_families_2026 import OTHER, base_finding, cited, judge, judged_teacher, teacher, the
from tests.test_registry_families_cover12 import _rows

STABLE_BASE = "stabilityai/stablelm-2-12b"  # a student built on a Stability model

# (case id, teacher, terms id prefix, project, verdict, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # --- Cohere: the policy bars commercial synthetic data, research use it leaves alone.
    (
        "c4ai-commercial",
        "CohereLabs/c4ai-command-r-plus-08-2024",
        "c4ai-acceptable-use-policy",
        {"base": OTHER},
        "prohibited",
        "Synthetic data for commercial uses",
    ),
    (
        "c4ai-commercial-classifier",
        "CohereForAI/c4ai-command-r-v01",
        "c4ai-acceptable-use-policy",
        {"base": OTHER, "kind": "classifier", "release": "internal"},
        "prohibited",
        "Synthetic data for commercial uses",
    ),
    (
        "c4ai-research",
        "CohereLabs/c4ai-command-r-plus-08-2024",
        "c4ai-acceptable-use-policy",
        {"base": OTHER, "use": "research", "release": "internal"},
        "permitted",
        "Synthetic data for commercial uses",
    ),
    (
        "aya-23-commercial",
        "CohereForAI/aya-23-8B",
        "c4ai-acceptable-use-policy",
        {"base": OTHER, "release": "hosted"},
        "prohibited",
        "Synthetic data for commercial uses",
    ),
    # --- ChatGLM3-6B: outputs unrestricted; commercial use after registering with Zhipu AI.
    ("chatglm3-commercial", "THUDM/chatglm3-6b", "chatglm3-6b-license", {"base": OTHER}, "conditional", "2"),
    (
        "chatglm3-research",
        "THUDM/chatglm3-6b-32k",
        "chatglm3-6b-license",
        {"base": OTHER, "use": "research", "release": "internal"},
        "permitted",
        "2",
    ),
    # --- Stability AI Community License: outputs may improve only Stability's own models.
    (
        "stability-other-family",
        "stabilityai/stablelm-2-1_6b",
        "stability-ai-community-license",
        {"base": OTHER},
        "prohibited",
        "IV(b)",
    ),
    (
        "stability-same-family",
        "stabilityai/stablelm-2-1_6b",
        "stability-ai-community-license",
        {"base": STABLE_BASE},
        "conditional",
        "III",
    ),
    (
        "stability-classifier-for-review",
        "stabilityai/stablelm-zephyr-3b",
        "stability-ai-community-license",
        {"base": OTHER, "kind": "classifier", "release": "internal"},
        "needs-review",
        "IV(b)",
    ),
    (
        "stability-over-revenue",
        "stabilityai/stablelm-zephyr-3b",
        "stability-ai-community-license",
        {"base": STABLE_BASE, "org_revenue": 200_000},  # US$2.4M a year
        "prohibited",
        "III",
    ),
    (
        "stability-under-revenue",
        "stabilityai/stablelm-zephyr-3b",
        "stability-ai-community-license",
        {"base": STABLE_BASE, "org_revenue": 50_000},  # US$600,000 a year
        "conditional",
        "III",
    ),
    # --- licences found on the cards
    ("deepseek-v2.5", "deepseek-ai/DeepSeek-V2.5", "deepseek-license", {"base": OTHER}, "conditional", "1"),
    ("glm-4.6", "zai-org/GLM-4.6", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    (
        "nemotron-ultra-unnamed",
        "nvidia/Llama-3_1-Nemotron-Ultra-253B-v1",
        "llama-3.1-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.i",
    ),
    (
        "nemotron-ultra-named",
        "nvidia/Llama-3_1-Nemotron-Ultra-253B-v1",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    (
        "nemotron-ultra-nvidia-licence",
        "nvidia/Llama-3_1-Nemotron-Ultra-253B-v1",
        "nvidia-open-model-license",
        {"base": OTHER, "student": "Llama-Acme"},
        "permitted",
        "",
    ),
    (
        "falcon-h1",
        "tiiuae/Falcon-H1-7B-Instruct",
        "falcon-3-tii-falcon-license",
        {"base": OTHER},
        "conditional",
        "6.1",
    ),
    ("jamba-v0.1", "ai21labs/Jamba-v0.1", "apache-2.0", {"base": OTHER}, "permitted", "2"),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_cohere_weights_stay_non_commercial_beside_the_policy(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("CohereLabs/c4ai-command-r-plus-08-2024"), base=OTHER)
    licence = the(report, "CohereLabs/c4ai-command-r-plus-08-2024", "teacher", "cc-by-nc-4.0")
    policy = the(report, "CohereLabs/c4ai-command-r-plus-08-2024", "teacher", "c4ai-acceptable-use-policy")
    assert licence["verdict"] == "prohibited"
    # The policy's own reason names outputs for commercial purposes, not a missing grant.
    assert any("outputs for commercial purposes" in r for r in policy["reasons"]), policy["reasons"]
    assert not any("grants non-commercial use only" in r for r in policy["reasons"])


def test_a_usage_policy_asks_no_grant_of_a_base_model(manifest: WriteManifest) -> None:
    # Research fine-tune of Command R7B: CC BY-NC 4.0 grants it for research; the policy, which
    # grants nothing by design, adds its use restrictions instead of "no grant recorded".
    f = base_finding(
        manifest, "CohereLabs/c4ai-command-r7b-12-2024", "c4ai-acceptable-use-policy", {"use": "research"}
    )
    assert f["verdict"] == "conditional", f["reasons"]
    assert not any("records no grant" in r for r in f["reasons"])
    assert any("C4AI Acceptable Use Policy prohibits" in o for o in f["obligations"])


def test_chatglm3_commercial_student_owes_registration(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("THUDM/chatglm3-6b"), base=OTHER)
    f = the(report, "THUDM/chatglm3-6b", "teacher", "chatglm3-6b-license")
    assert any("Register with Zhipu AI" in o for o in f["obligations"])


def test_chatglm3_before_its_recorded_text_needs_review(manifest: WriteManifest) -> None:
    body = teacher("THUDM/chatglm3-6b") + "    from: 2024-01-01\n    until: 2024-02-01\n"
    report = judge(manifest, body, base=OTHER, use="research", release="internal")
    got = findings(report, "THUDM/chatglm3-6b", "teacher")
    assert report["verdict"] == "needs-review"
    assert got and all(f["verdict"] == "needs-review" for f in got)


def test_stability_fine_tune_carries_the_attribution_duties(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "stabilityai/stablelm-2-1_6b", "stability-ai-community-license", {})
    assert f["verdict"] == "conditional", f["reasons"]
    assert cited(f, "IV(a)")
    assert any("Powered by Stability AI" in o for o in f["obligations"])
    assert any("Register with Stability AI" in o for o in f["obligations"])


def test_stability_revenue_threshold_counts_the_organisation(manifest: WriteManifest) -> None:
    # Undeclared revenue: the licence could end, so a commercial release needs the figure.
    f = base_finding(
        manifest, "stabilityai/stablelm-2-1_6b", "stability-ai-community-license", {"org_revenue": None}
    )
    assert f["verdict"] == "needs-review", f["reasons"]
    assert any("project.organization.monthly_revenue_usd" in r for r in f["reasons"]), f["reasons"]
    over = base_finding(
        manifest, "stabilityai/stablelm-2-1_6b", "stability-ai-community-license", {"org_revenue": 90_000}
    )
    assert over["verdict"] == "prohibited", over["reasons"]  # US$1.08M a year
    assert any("the licensee and its affiliates" in r for r in over["reasons"]), over["reasons"]


def test_qwen_math_72b_is_judged_as_its_qwen_72b_sibling(manifest: WriteManifest) -> None:
    math = judge(manifest, teacher("Qwen/Qwen2.5-Math-72B-Instruct"), base=OTHER)
    sibling = judge(manifest, teacher("Qwen/Qwen2.5-72B-Instruct"), base=OTHER)
    a = the(math, "Qwen/Qwen2.5-Math-72B-Instruct", "teacher", "qwen-license")
    b = the(sibling, "Qwen/Qwen2.5-72B-Instruct", "teacher", "qwen-license")
    assert a["terms"] == b["terms"] and a["verdict"] == b["verdict"]
    assert [c["section"] for c in a["citations"]] == [c["section"] for c in b["citations"]]
    # The 7B Math model stays Apache-2.0.
    small = judge(manifest, teacher("Qwen/Qwen2.5-Math-7B-Instruct"), base=OTHER)
    assert the(small, "Qwen/Qwen2.5-Math-7B-Instruct", "teacher", "apache-2.0")["verdict"] == "permitted"


def test_kimi_api_needs_review_against_its_unrecorded_terms(manifest: WriteManifest) -> None:
    body = teacher("moonshot:kimi-k2-0905-preview") + "    from: 2025-06-01\n    until: 2026-06-30\n"
    report = judge(manifest, body, base=OTHER, use="research", release="internal", kind="classifier")
    got = findings(report, "moonshot:kimi-k2-0905-preview", "teacher")
    # Both recorded versions are named, each for its part of the period, each for review.
    assert sorted(f["terms"] for f in got) == [
        "kimi-openplatform-terms@2025-04-30",
        "kimi-openplatform-terms@2026-05-27",
    ]
    assert all(f["verdict"] == "needs-review" for f in got)
    assert all("records no clause" in f["reasons"][0] for f in got)


def test_a_usage_policy_named_as_a_licence_is_unknown(manifest: WriteManifest) -> None:
    # The policy grants nothing: declared alone as a teacher's licence it must not permit.
    body = "teachers:\n  - model: acme/internal\n    license: LicenseRef-c4ai-acceptable-use-policy\n"
    report = judge(manifest, body, base=OTHER, use="research", release="internal", kind="classifier")
    got = findings(report, "acme/internal", "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got), [f["reasons"] for f in got]
