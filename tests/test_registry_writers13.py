"""Issue 12's third writers pass (writers13): datasets whose writer lists were incomplete, judged
through `licensecheck check`.

WildChat-4.8M's cards say every conversation is with ChatGPT (OpenAI's chat models through the
API, o1-preview and o1-mini among them) and that collection ran up to 1 August 2025: the writer
list is complete at the provider level and dated, so OpenAI's terms decide it and the services
agreement that took effect after the collection ended is not judged. The other datasets of the
pass keep their gap: no source read names all their writers."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    generator,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

WILDCHAT = "allenai/WildChat-4.8M"
WILDCHAT_WRITERS = [
    "openai:gpt-3.5-turbo",
    "openai:gpt-4",
    "openai:o1-preview",
    "openai:o1-mini",
    "openai:unspecified",
]
# Looked at in this pass; no source read names every model that wrote them.
STILL_INCOMPLETE = [
    "lmsys/lmsys-chat-1m",
    "lmsys/chatbot_arena_conversations",
    "lmsys/lmsys-arena-human-preference-55k",
    "berkeley-nest/Nectar",
    "jondurbin/airoboros-3.1",
    "jondurbin/airoboros-3.2",
    "nvidia/HelpSteer3",
    "argilla/distilabel-math-preference-dpo",
    "argilla/distilabel-intel-orca-dpo-pairs",
    "HuggingFaceH4/orca_dpo_pairs",
    "argilla/distilabel-capybara-dpo-7k-binarized",
    "argilla/magpie-ultra-v0.1",
    "BAAI/Infinity-Instruct",
    "openbmb/UltraInteract_sft",
    "openbmb/UltraInteract_pair",
    "microsoft/orca-agentinstruct-1M-v1",
    "PKU-Alignment/PKU-SafeRLHF",
    "PKU-Alignment/BeaverTails",
    "tatsu-lab/alpaca_eval",
    "liuhaotian/LLaVA-Instruct-150K",
    "nvidia/ChatQA-Training-Data",
    "NousResearch/Hermes-3-Dataset",
    "KodCode/KodCode-V1",
    "m-a-p/CodeFeedback-Filtered-Instruction",
    "jondurbin/truthy-dpo-v0.1",
]


def incomplete(report: dict[str, Any], name: str) -> bool:
    return f"Not every model that wrote {name} is on record" in reasons(findings(report, name, "dataset"))


def judged_terms(report: dict[str, Any]) -> set[str]:
    return {str(f["terms"]) for f in report["findings"] if f["role"] == "generator"}


# --- WildChat-4.8M: every writer is an OpenAI model, collected up to 2025-07-31 ------------------


def test_wildchat_48m_writers_are_complete_and_dated() -> None:
    entry = Registry().dataset(WILDCHAT)
    assert entry is not None and entry.generators_complete
    assert list(entry.generated_by) == WILDCHAT_WRITERS
    registry = Registry()
    for ref in entry.generated_by:
        model = registry.model(ref)
        assert model is not None, ref
        # One provider's terms whatever the snapshot: which model wrote a row cannot change a verdict.
        assert set(model.terms) == {"openai-terms-of-use", "openai-services-agreement"}, ref
    assert [str(d) for d in entry.generated] == ["2023-04-01", "2025-07-31"]


@pytest.mark.parametrize(
    ("project", "licence_verdict"),
    [(COMMERCIAL, "conditional"), (RESEARCH_INTERNAL, "permitted")],
    ids=["commercial", "research"],
)
def test_wildchat_48m_is_decided_by_openais_terms(
    manifest: WriteManifest, project: dict[str, Any], licence_verdict: str
) -> None:
    report = judge(manifest, one(WILDCHAT), **project)
    assert report["verdict"] == "prohibited"
    assert not incomplete(report, WILDCHAT)
    for ref in WILDCHAT_WRITERS:
        # o1-preview and o1-mini came out in 2024-09: the 2023 Terms of Use never governed them.
        if not ref.startswith("openai:o1"):
            terms = of_terms(generator(report, ref), "openai-terms-of-use@2023-03-14")
            assert worst(terms) == "prohibited" and "2(c)(iii)" in sections(terms), ref
        else:
            assert not of_terms(generator(report, ref), "openai-terms-of-use@"), ref
        agreement = of_terms(generator(report, ref), "openai-services-agreement@2025-05-31")
        assert worst(agreement) == "prohibited" and "3.3(e)" in sections(agreement), ref
    # ODC-By lets anyone train on the compilation; the attribution notice binds a released model.
    odc = of_terms(findings(report, WILDCHAT, "dataset"), "odc-by-1.0@")
    assert worst(odc) == licence_verdict


def test_wildchat_48m_window_ends_before_the_2026_services_agreement(manifest: WriteManifest) -> None:
    report = judge(manifest, one(WILDCHAT), **RESEARCH_INTERNAL)
    terms = judged_terms(report)
    assert "openai-services-agreement@2025-05-31" in terms
    assert "openai-terms-of-use@2023-03-14" in terms
    assert "openai-services-agreement@2026-01-01" not in terms


# --- the datasets whose writers are still not all on record ----------------------------------------


@pytest.mark.parametrize("dataset", STILL_INCOMPLETE)
def test_datasets_without_a_full_writer_source_stay_incomplete(dataset: str) -> None:
    entry = Registry().dataset(dataset)
    assert entry is not None, dataset
    assert not entry.generators_complete, dataset


@pytest.mark.parametrize("dataset", ["lmsys/lmsys-chat-1m", "nvidia/HelpSteer3", "berkeley-nest/Nectar"])
def test_incomplete_writer_lists_still_need_review(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset), **RESEARCH_INTERNAL)
    assert incomplete(report, dataset)
    assert report["verdict"] in ("needs-review", "prohibited")
