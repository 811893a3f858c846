"""Catalogue additions of the coverage pass (issue 12): each family judged through `licensecheck
check` as tests/test_registry_families_2026.py does: the GLM-4-9B licence (naming, registration
for commercial use, "Built with glm-4" for the weights), the 2025 DeepSeek, Mistral and Granite
releases under permissive licences next to their differently licensed namesakes, Nemotron under
NVIDIA's licence, Baichuan 2 failing closed, and the release days (`available`) from which
undated generated data is judged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WriteManifest, findings
from tests.test_registry_families_2026 import OTHER, base_finding, cited, judge, judged_teacher, teacher, the

# (case id, teacher (with any extra teacher keys), terms id prefix, project, verdict, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # --- GLM-4-9B: outputs are not restricted; a distributed student must be named "glm-4..." and
    # commercial use needs registration with Zhipu AI first.
    (
        "glm-4-unnamed-open",
        "THUDM/glm-4-9b-chat",
        "glm-4-license",
        {"base": OTHER},
        "prohibited",
        "2 (model name)",
    ),
    (
        "glm-4-named-commercial",
        "THUDM/glm-4-9b-chat",
        "glm-4-license",
        {"base": OTHER, "student": "glm-4-Acme"},
        "conditional",
        "2",
    ),
    (
        "glm-4-research-internal",
        "THUDM/glm-4-9b-chat",
        "glm-4-license",
        {"base": OTHER, "use": "research", "release": "internal"},
        "permitted",
        "2 (model name)",
    ),
    (
        "glm-4-commercial-internal-classifier",
        "THUDM/glm-4-9b-chat-1m",
        "glm-4-license",
        {"base": OTHER, "kind": "classifier", "release": "internal"},
        "conditional",
        "2",
    ),
    (
        "glm-4v-hosted-unnamed",
        "THUDM/glm-4v-9b",
        "glm-4-license",
        {"base": OTHER, "use": "research", "release": "hosted"},
        "prohibited",
        "2 (model name)",
    ),
    # --- DeepSeek 2025 releases: MIT, unlike DeepSeek-V3 of December 2024 (DeepSeek License).
    ("deepseek-v3-0324", "deepseek-ai/DeepSeek-V3-0324", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("deepseek-v3-2024", "deepseek-ai/DeepSeek-V3", "deepseek-license", {"base": OTHER}, "conditional", "1"),
    ("deepseek-r1-0528", "deepseek-ai/DeepSeek-R1-0528", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    (
        "deepseek-v3.1-terminus",
        "deepseek-ai/DeepSeek-V3.1-Terminus",
        "mit",
        {"base": OTHER, "release": "hosted"},
        "permitted",
        "paragraph 1",
    ),
    ("deepseek-v3.2", "deepseek-ai/DeepSeek-V3.2", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    ("deepseek-v3.2-speciale", "deepseek-ai/DeepSeek-V3.2-Speciale", "mit", {}, "permitted", "paragraph 1"),
    # --- Qwen, Mistral, IBM: Apache-2.0 releases.
    ("qwq-preview", "Qwen/QwQ-32B-Preview", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    ("magistral-small", "mistralai/Magistral-Small-2506", "apache-2.0", {}, "permitted", "2"),
    ("magistral-small-1.2", "mistralai/Magistral-Small-2509", "apache-2.0", {}, "permitted", "2"),
    ("devstral-small", "mistralai/Devstral-Small-2505", "apache-2.0", {"kind": "code-llm"}, "permitted", "2"),
    ("devstral-small-2", "mistralai/Devstral-Small-2-24B-Instruct-2512", "apache-2.0", {}, "permitted", "2"),
    (
        "mistral-small-3.2",
        "mistralai/Mistral-Small-3.2-24B-Instruct-2506",
        "apache-2.0",
        {},
        "permitted",
        "2",
    ),
    ("granite-4", "ibm-granite/granite-4.0-h-small", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    # Mistral's earlier Ministral 8B stays under the research licence: no commercial use.
    (
        "ministral-8b-still-mrl",
        "mistralai/Ministral-8B-Instruct-2410",
        "mistral-research-license",
        {},
        "prohibited",
        "3.2",
    ),
    # --- NVIDIA: the Open Model License leaves outputs free; Nemotron-51B also carries Llama 3.1.
    (
        "nemotron-4-340b",
        "nvidia/Nemotron-4-340B-Instruct",
        "nvidia-open-model-license",
        {},
        "permitted",
        "IP Ownership",
    ),
    (
        "nemotron-51b-nvidia",
        "nvidia/Llama-3_1-Nemotron-51B-Instruct",
        "nvidia-open-model-license",
        {"student": "Llama-Acme"},
        "permitted",
        "IP Ownership",
    ),
    (
        "nemotron-51b-llama-unnamed",
        "nvidia/Llama-3_1-Nemotron-51B-Instruct",
        "llama-3.1-community-license",
        {},
        "prohibited",
        "1.b.i",
    ),
]


def _rows(rows: list[tuple[str, str, str, dict[str, Any], str, str]]) -> list[Any]:
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_glm_4_named_commercial_student_owes_registration_not_the_display_duty(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, teacher("THUDM/glm-4-9b-chat"), base=OTHER, student="glm-4-Acme")
    f = the(report, "THUDM/glm-4-9b-chat", "teacher", "glm-4-license")
    assert any("Register with Zhipu AI" in o for o in f["obligations"])
    # "Built with glm-4" binds distributing the GLM-4 materials; a student of outputs has none.
    assert not any("Built with glm-4" in o for o in f["obligations"])


# (case id, base model, terms id prefix, project, verdict, cited section)
BASES: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # The weights: a fine-tune released openly ships the licence and "Built with glm-4".
    (
        "glm-4-base-research-open",
        "THUDM/glm-4-9b",
        "glm-4-license",
        {"use": "research", "student": "glm-4-Acme"},
        "conditional",
        "2 (A), (B)",
    ),
    (
        "glm-4-base-unnamed",
        "THUDM/glm-4-9b",
        "glm-4-license",
        {"use": "research"},
        "prohibited",
        "2 (model name)",
    ),
    (
        "granite-4-base-internal",
        "ibm-granite/granite-4.0-micro",
        "apache-2.0",
        {"release": "internal"},
        "permitted",
        "2",
    ),
    (
        "mistral-small-3.2-base-open",
        "mistralai/Mistral-Small-3.2-24B-Instruct-2506",
        "apache-2.0",
        {},
        "conditional",
        "4(a)",
    ),
]


@pytest.mark.parametrize(("base", "terms", "project", "verdict", "section"), _rows(BASES))
def test_base_model(
    manifest: WriteManifest, base: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    f = base_finding(manifest, base, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_baichuan2_needs_review_for_its_community_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("baichuan-inc/Baichuan2-13B-Chat"), base=OTHER)
    got = findings(report, "baichuan-inc/Baichuan2-13B-Chat", "teacher")
    assert report["verdict"] == "needs-review"
    assert any("Community License for Baichuan2 Model" in r for f in got for r in f["reasons"])


def test_glm_4_0414_is_not_taken_for_glm_4_9b(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("THUDM/GLM-4-9B-0414"), base=OTHER)
    got = findings(report, "THUDM/GLM-4-9B-0414", "teacher")
    assert got and all(not (f["terms"] or "").startswith("glm-4-license") for f in got)
    assert report["verdict"] == "needs-review"


# --- release days: undated generated data is judged from the generator's release --------------
def generated(*models: str) -> str:
    return "datasets:\n  - path: d.jsonl\n    license: MIT\n    generated_by: [" + ", ".join(models) + "]\n"


@pytest.mark.parametrize(
    ("model", "day"),
    [
        ("openai:gpt-4o-2024-08-06", "2024-05-13"),
        ("openai:gpt-4.1-mini", "2025-04-14"),
        ("anthropic:claude-3-5-sonnet-20240620", "2024-06-20"),
        ("google:gemini-1.5-pro", "2024-02-15"),
        ("meta-llama/Llama-3.1-70B-Instruct", "2024-07-23"),
    ],
)
def test_undated_data_is_judged_from_the_generators_release(
    manifest: WriteManifest, model: str, day: str
) -> None:
    report = judge(manifest, generated(model), kind="classifier", release="internal")
    got = findings(report, model, "generator")
    assert got
    assert any(f"since its release ({day})" in r for f in got for r in f["reasons"]), [
        f["reasons"] for f in got
    ]


def test_undated_claude_2_data_reaches_back_before_the_first_recorded_anthropic_terms(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, generated("anthropic:claude-2"), kind="classifier", release="internal")
    got = findings(report, "anthropic:claude-2", "generator")
    gaps = [f["period"] for f in got if "terms-version-gap" in f["rules"]]
    # Claude 2 was released 2023-07-11; the first Anthropic terms on record are of 2025.
    assert any(p["from"] == "2023-07-11" and not p["on_record"] for p in gaps), gaps
    assert report["verdict"] in ("needs-review", "prohibited")
