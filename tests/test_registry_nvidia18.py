"""Issue 12, nvidia18: NVIDIA's datasets edited in place, judged through `licensecheck check`.

The HelpSteer2 paper (arXiv 2406.08673, sections 2.1 and 4.2) names the writers of two NVIDIA sets:
Daring-Anteater's "NVIDIA proprietary models" are an earlier aligned version of NVIDIA's own
Nemotron-4 340B (released by NVIDIA itself) beside Mixtral 8x7B Instruct, and its non-synthetic part
includes PRM800K (OpenAI's MIT release); HelpSteer2's responses come from NVIDIA's own models and
Mixtral, over ShareGPT user prompts whose unlicensed conversations need review. Nemotron-CC-v2's
synthetic data is written by the models the Nemotron Nano 2 base card lists for Common Crawl
(Qwen3-30B-A3B and Mistral-NeMo-12B-Instruct); its data agreement stays unrecorded."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    generator,
    judge,
    of_terms,
    one,
    sections,
    worst,
)

ANTEATER = "nvidia/Daring-Anteater"
HELPSTEER2 = "nvidia/HelpSteer2"
NEMOTRON_CC = "nvidia/Nemotron-CC-v2"
MIXTRAL = "mistralai/Mixtral-8x7B-Instruct-v0.1"
NEMO = "nvidia/Mistral-NeMo-12B-Instruct"
QWEN3 = "Qwen/Qwen3-30B-A3B"
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research"]


def writers(report: dict[str, Any]) -> set[str]:
    return {f["subject"] for f in findings(report, role="generator")}


# --- Daring-Anteater: NVIDIA's own Nemotron-4 340B, Mixtral and PRM800K ---------------------------


def test_daring_anteater_records_nvidia_release_mixtral_and_prm800k() -> None:
    entry = Registry().dataset(ANTEATER)
    assert entry is not None
    assert entry.released_by == "nvidia"
    assert set(entry.generated_by) == {MIXTRAL}
    assert "openai/prm800k" in entry.derived_from
    assert not entry.generators_complete


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_daring_anteater_gap_is_its_non_synthetic_sources(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(ANTEATER), **project)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, ANTEATER)
    assert "who wrote the tigerbot leetcode solutions" in gap
    assert "NVIDIA proprietary models its card does not name" not in gap
    # PRM800K comes along: OpenAI's MIT, and MATH's AoPS claim behind it.
    mit = of_terms(findings(report, ANTEATER, "dataset"), "mit@")
    assert mit and all(f["lineage"] == [ANTEATER, "openai/prm800k"] for f in mit)
    assert "hendrycks/competition_math" in gap
    # No OpenAI service terms: OpenAI released PRM800K itself; NVIDIA released its own model's data.
    assert writers(report) == {MIXTRAL}
    assert worst(generator(report, MIXTRAL)) == "permitted"


def test_daring_anteater_commercial_release_owes_cc_by_attribution(manifest: WriteManifest) -> None:
    report = judge(manifest, one(ANTEATER), **COMMERCIAL)
    cc = of_terms(findings(report, ANTEATER, "dataset"), "cc-by-4.0@")
    assert worst(cc) == "conditional" and "3(a)(1)" in sections(cc)


# --- HelpSteer2: NVIDIA's own models and Mixtral over ShareGPT prompts -----------------------------


def test_helpsteer2_writer_list_is_complete_with_mixtral() -> None:
    entry = Registry().dataset(HELPSTEER2)
    assert entry is not None
    assert entry.released_by == "nvidia" and entry.generators_complete
    assert set(entry.generated_by) == {MIXTRAL}
    assert any("ShareGPT user prompts" in gap for gap in entry.standing_gaps)


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_helpsteer2_sharegpt_prompts_need_review_whatever_is_declared(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(HELPSTEER2, "CC-BY-4.0"), **project)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, HELPSTEER2)
    assert "ShareGPT user prompts" in gap and "RyokoAI/ShareGPT52K" in gap
    assert "Not every model that wrote" not in gap
    assert writers(report) == {MIXTRAL}
    assert worst(generator(report, MIXTRAL)) == "permitted"


# --- Nemotron-CC-v2: the Nano 2 card's Common Crawl writers ----------------------------------------


def test_nemotron_cc_v2_records_both_common_crawl_writers() -> None:
    entry = Registry().dataset(NEMOTRON_CC)
    assert entry is not None
    assert set(entry.generated_by) == {QWEN3, NEMO}
    assert not entry.generators_complete


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_nemotron_cc_v2_judges_mistral_nemo_and_keeps_its_agreement_gap(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(NEMOTRON_CC), **project)
    assert report["verdict"] == "needs-review"
    assert writers(report) == {QWEN3, NEMO}
    assert worst(generator(report, NEMO)) == "permitted"
    gap = dataset_gap(report, NEMOTRON_CC)
    assert "LicenseRef-nvidia-data-agreement-for-model-training" in gap
    assert "Nemotron Nano 2 base model card" in gap


# --- AceReason-Math: answers taken from its sources ---------------------------------------------------

ACEREASON = "nvidia/AceReason-Math"


def test_acereason_math_adds_no_writer_of_its_own() -> None:
    item = next(i for i in entries("datasets-reason12b.yaml", "datasets") if i["id"] == ACEREASON)
    assert "generated_by" not in item and item.get("generators_complete", True)
    assert {"AI-MO/NuminaMath-CoT", "AI-MO/NuminaMath-1.5"} <= set(item["derived_from"])


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_acereason_math_gap_is_only_which_numinamath(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(ACEREASON), **project)
    assert report["verdict"] == "prohibited"  # its sources' writers decide (DeepScaleR's Gemini rewrites)
    gap = dataset_gap(report, ACEREASON)
    assert "Which NuminaMath release (NuminaMath-CoT or NuminaMath-1.5)" in gap
    assert f"Not every model that wrote {ACEREASON} is on record" not in gap
    assert "google:gemini-1.5-pro-002" in writers(report)
