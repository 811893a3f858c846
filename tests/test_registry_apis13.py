"""Issue 12's hosted APIs whose terms are placeholders (apis13), judged through `licensecheck check`.

The stored copies of Cohere's, AI21's, Moonshot AI's and MiniMax's own terms hold only their
openings, and no copy of Alibaba Cloud Model Studio's or Z.ai's developer terms was found, so none
of the six encodes a rule on training with outputs: every use needs review, for a commercial
general LLM and for an internal research classifier alike, and the finding names the provider's
own terms (never a third party's summary). Cohere models served through Azure are governed by
Cohere's separate Azure AI EULA (2024-04-04), recorded the same way and reached through
`azure:cohere-*`, with the cloud note."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_families_2026 import OTHER, judge, teacher

COMMERCIAL_LLM: dict[str, Any] = {"base": OTHER}
INTERNAL_CLASSIFIER: dict[str, Any] = {
    "base": OTHER,
    "use": "research",
    "release": "internal",
    "kind": "classifier",
}

# (reference, the terms version it is judged under as of 2026-11-23, the terms' name in the reason)
PLACEHOLDERS: list[tuple[str, str, str]] = [
    ("cohere:command-r-plus", "cohere-saas-agreement@2024-02-29", "Cohere Software As A Service Agreement"),
    ("ai21:jamba-1.5-large", "ai21-studio-terms@2023-08-03", "AI21 Studio Terms of Service"),
    ("moonshot:kimi-k2", "kimi-openplatform-terms@2026-05-27", "Terms of Service for Kimi OpenPlatform"),
    ("minimax:MiniMax-M2", "minimax-terms-of-service@2026-04-15", "MiniMax Terms of Service"),
    ("qwen:qwen-max", "alibaba-model-studio-terms@2024-09-19", "Alibaba Cloud Model Studio terms"),
    ("zhipu:glm-4.5", "zai-developer-agreement@undated", "Z.AI Developer Agreement and Policy"),
    ("zai:glm-4.6", "zai-developer-agreement@undated", "Z.AI Developer Agreement and Policy"),
    (
        "azure:Cohere-command-r-plus-08-2024",
        "cohere-azure-ai-eula@2024-04-04",
        "Azure AI EULA for Cohere Models",
    ),
    ("azure:cohere-command-r", "cohere-azure-ai-eula@2024-04-04", "Azure AI EULA for Cohere Models"),
]
SERIES = sorted({terms.split("@")[0] for _, terms, _ in PLACEHOLDERS})


def teacher_finding(manifest: WriteManifest, ref: str, project: dict[str, Any]) -> dict[str, Any]:
    report = judge(manifest, teacher(ref), **project)
    got = findings(report, ref, "teacher")
    assert len(got) == 1, [(f["terms"], f["verdict"]) for f in got]
    return got[0]


@pytest.mark.parametrize(("ref", "terms", "name"), PLACEHOLDERS)
@pytest.mark.parametrize(
    "project", [COMMERCIAL_LLM, INTERNAL_CLASSIFIER], ids=["commercial-llm", "classifier"]
)
def test_placeholder_api_needs_review_naming_its_own_terms(
    manifest: WriteManifest, ref: str, terms: str, name: str, project: dict[str, Any]
) -> None:
    # No outputs clause is on record, so neither a commercial LLM (which a bar on competing models
    # would reach) nor an internal classifier (which an OpenAI-style exception would let through)
    # is decided: both need review, naming the provider's terms.
    found = teacher_finding(manifest, ref, project)
    assert found["terms"] == terms
    assert found["verdict"] == "needs-review", found["reasons"]
    assert "records no clause" in found["reasons"][0] and name in found["reasons"][0], found["reasons"]
    assert found["citations"] == []  # nothing quoted decides it


@pytest.mark.parametrize("series", SERIES)
def test_placeholders_encode_no_outputs_rule_or_grant(series: str) -> None:
    # Fail closed: an outputs provision here could only come from a guess or a third party's words.
    for version in Registry().series(series):
        assert "outputs" not in version.provisions and "grant" not in version.provisions, version.id


def test_cohere_on_azure_is_judged_under_coheres_azure_eula_not_the_saas_agreement(
    manifest: WriteManifest,
) -> None:
    ref = "azure:Cohere-command-r-plus-08-2024"
    found = teacher_finding(manifest, ref, COMMERCIAL_LLM)
    assert found["terms"] == "cohere-azure-ai-eula@2024-04-04"
    assert any("azure is a cloud platform" in r for r in found["reasons"]), found["reasons"]
    direct = teacher_finding(manifest, "cohere:command-r-plus", COMMERCIAL_LLM)
    assert direct["terms"] == "cohere-saas-agreement@2024-02-29"
    assert not any("cloud platform" in r for r in direct["reasons"]), direct["reasons"]


def test_azure_eula_records_its_scope_verbatim_from_coheres_page() -> None:
    eula = Registry().terms("cohere-azure-ai-eula@2024-04-04")
    assert eula is not None
    assert eula.source == "https://cohere.com/azure-ai-eula-for-cohere-models"
    assert eula.effective.isoformat() == "2024-04-04"
    scope = eula.clauses["scope"]
    assert "models-as-a-service platforms" in scope.quote and scope.section == "Preamble"


def test_openai_on_azure_is_unchanged_by_the_cohere_patterns(manifest: WriteManifest) -> None:
    # The new `azure:cohere-*` patterns must not capture Azure OpenAI names.
    found = teacher_finding(manifest, "azure:gpt-4o", COMMERCIAL_LLM)
    assert (found["terms"] or "").startswith("openai-services-agreement@")
    assert found["verdict"] == "prohibited", found["reasons"]
