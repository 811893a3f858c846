"""Issue 12, session 10 (synth14): writer lists of synthetic post-training sets completed from their
papers' method sections, judged through `licensecheck check`.

OpenThoughts3-1.2M: the OpenThoughts paper (arXiv 2506.04178, sections "Question sourcing" to
"Teacher model") names GPT-4o-mini for every question source the authors generated with an LLM
(the kept organic-chemistry questions) and for the code questions' difficulty labels, QwQ-32B for
every answer, and OpenMathInstruct-2 and OpenCodeReasoning as question sources. OpenAI's terms now
decide it for a general-purpose student, commercial or research; the Stack Exchange posts' licence
stays the named gap.

HelpSteer3: its card (whole text, "Data sources" and "Principle") names DeepSeek V3 as the writer of
the principle labels, ShareGPT and WildChat-1M as the prompts' sources, and ~20 commercially
permissive response models listed only in the paper: DeepSeek's licence binds as a writer's, the
ShareGPT prompts' licence and the unnamed response models keep it in review.

Llama-Nemotron-Post-Training-Dataset: the Llama-Nemotron report (arXiv 2505.00949, section 3) names
the models per part (all already recorded) and the ShareGPT and WildChat-1M prompts of its
feedback-edit chat data; what it leaves unnamed is the named gap. ToolACE: its paper (arXiv 2409.00920,
section 2) calls its writers only "a frontier LLM" and agents "each simulated by an LLM".
RLVR-GSM-MATH-IF-Mixed-Constraints: its card names GSM8K, MATH and prompts sampled from the Tulu 2
SFT mixture, whose licences and writers now come along."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    generator,
    judge,
    one,
    sections,
    worst,
)

OT3 = "open-thoughts/OpenThoughts3-1.2M"
GPT4O_MINI = "openai:gpt-4o-mini"
STACK_GAP = f"The StackExchange CodeGolf and Physics questions in {OT3} are Stack Exchange users' posts"
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research-internal"]


def test_openthoughts3_names_every_writer() -> None:
    entry = Registry().dataset(OT3)
    assert entry is not None and entry.generators_complete
    assert {"Qwen/QwQ-32B", GPT4O_MINI} <= set(entry.generated_by)
    assert {"nvidia/OpenMathInstruct-2", "nvidia/OpenCodeReasoning"} <= set(entry.derived_from)


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_openthoughts3_gpt4o_mini_questions_prohibit_a_general_llm(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(OT3), **project)
    mini = generator(report, GPT4O_MINI)
    assert worst(mini) == "prohibited" and "3.3(e)" in sections(mini)
    assert worst(generator(report, "Qwen/QwQ-32B")) == "permitted"
    gap = dataset_gap(report, OT3)
    # texts18: the Stack Exchange posts' CC BY-SA versions are recorded, no longer a gap.
    assert STACK_GAP not in gap
    assert f"Not every model that wrote {OT3} is on record" not in gap
    assert report["verdict"] == "prohibited"


def test_openthoughts3_math_questions_carry_the_llama_naming_duty(manifest: WriteManifest) -> None:
    # OpenMathInstruct-2's questions (Llama-3.1-405B-Instruct) come along: a commercial open-weights
    # student must carry the Llama name; for research it does not bind.
    llama = "meta-llama/Llama-3.1-405B-Instruct"
    commercial = judge(manifest, one(OT3), **COMMERCIAL)
    found = generator(commercial, llama)
    assert worst(found) == "prohibited" and "1.b.i" in sections(found)
    research = judge(manifest, one(OT3), **RESEARCH_INTERNAL)
    assert worst(generator(research, llama)) == "permitted"


def test_openthoughts3_classifier_still_meets_the_stack_exchange_gap(manifest: WriteManifest) -> None:
    # An internal classifier does not compete with OpenAI: the Stack Exchange gap keeps it in review.
    report = judge(manifest, one(OT3), kind="classifier", release="internal", use="research")
    assert worst(findings(report, GPT4O_MINI, "generator")) != "prohibited"
    # texts18: the Stack Exchange posts' CC BY-SA versions are recorded, no longer a gap; the verdict
    # stays needs-review for GPT-4o-mini's undated use before the earliest OpenAI terms on record.
    assert STACK_GAP not in dataset_gap(report, OT3)
    assert report["verdict"] == "needs-review"


HS3 = "nvidia/HelpSteer3"
DEEPSEEK_V3 = "deepseek-ai/DeepSeek-V3"


def test_helpsteer3_records_its_principle_writer_and_prompt_sources() -> None:
    entry = Registry().dataset(HS3)
    assert entry is not None and not entry.generators_complete
    assert DEEPSEEK_V3 in entry.generated_by
    assert entry.derived_from == ()  # the prompts are upstream licences, not copied datasets


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_helpsteer3_judges_deepseek_v3_and_names_its_gaps(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(HS3), **project)
    deepseek = generator(report, DEEPSEEK_V3)
    assert worst(deepseek) == "conditional" and "1" in sections(deepseek)
    gap = dataset_gap(report, HS3)
    assert "The ~20 models that wrote nvidia/HelpSteer3's responses" in gap
    assert "LicenseRef-sharegpt-unlicensed-conversations" in gap
    # No OpenAI writer is recorded (the card: none from proprietary providers).
    assert not [f for f in findings(report, role="generator") if f["subject"].startswith("openai:")]
    assert report["verdict"] == "needs-review"


def test_helpsteer3_wildchat_prompts_carry_odc_by_attribution(manifest: WriteManifest) -> None:
    report = judge(manifest, one(HS3), **COMMERCIAL)
    odc = [f for f in findings(report, HS3, "dataset") if (f["terms"] or "").startswith("odc-by-1.0@")]
    assert odc and worst(odc) == "conditional"
    assert any("WildChat-1M" in step for f in odc for step in f["lineage"])


LN = "nvidia/Llama-Nemotron-Post-Training-Dataset"


def test_llama_nemotron_report_gap_and_prompt_sources(manifest: WriteManifest) -> None:
    entry = Registry().dataset(LN)
    assert entry is not None and not entry.generators_complete
    research = judge(manifest, one(LN), **RESEARCH_INTERNAL)
    gap = dataset_gap(research, LN)
    assert "synthetic general-domain prompts" in gap and "StackOverflow" in gap
    assert "LicenseRef-sharegpt-unlicensed-conversations" in gap
    assert research["verdict"] == "needs-review"
    # For a commercial open-weights student the Llama writers' naming rule still decides it.
    commercial = judge(manifest, one(LN), **COMMERCIAL)
    llama = generator(commercial, "meta-llama/Llama-3.3-70B-Instruct")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    odc = [f for f in findings(commercial, LN, "dataset") if (f["terms"] or "").startswith("odc-by-1.0@")]
    assert odc and worst(odc) == "conditional"


def test_toolace_gap_cites_what_its_paper_leaves_unnamed(manifest: WriteManifest) -> None:
    name = "Team-ACE/ToolACE"
    report = judge(manifest, one(name), **COMMERCIAL)
    gap = dataset_gap(report, name)
    assert "not named by its card or its paper (arXiv 2409.00920" in gap
    assert "sources of its real APIs" in gap
    assert report["verdict"] == "needs-review"


def test_opencodeinstruct_gap_names_its_model_written_columns(manifest: WriteManifest) -> None:
    name = "nvidia/OpenCodeInstruct"
    entry = Registry().dataset(name)
    assert entry is not None and not entry.generators_complete
    report = judge(manifest, one(name), **COMMERCIAL)
    gap = dataset_gap(report, name)
    assert "input, output, unit_tests and llm_judgement columns" in gap
    assert report["verdict"] == "needs-review"


RLVR = "allenai/RLVR-GSM-MATH-IF-Mixed-Constraints"


def test_rlvr_mix_derives_from_the_sets_its_card_names() -> None:
    entry = Registry().dataset(RLVR)
    assert entry is not None
    assert set(entry.derived_from) == {
        "openai/gsm8k",
        "hendrycks/competition_math",
        "allenai/tulu-v2-sft-mixture",
    }


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_rlvr_mix_tulu2_prompts_bring_their_writers(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(RLVR), **project)
    gpt4 = generator(report, "openai:gpt-4")
    assert worst(gpt4) == "prohibited"
    gap = dataset_gap(report, RLVR)
    assert "ImpACT Low-Risk licence and the Llama 2 licence" in gap
    assert "hendrycks/competition_math" in gap  # MATH's AoPS claim comes along
    assert report["verdict"] == "prohibited"


def test_rlvr_mix_commercial_meets_the_tulu2_nc_subsets(manifest: WriteManifest) -> None:
    report = judge(manifest, one(RLVR), **COMMERCIAL)
    nc = [f for f in findings(report, RLVR, "dataset") if (f["terms"] or "").startswith("cc-by-nc-4.0@")]
    assert nc and worst(nc) == "prohibited"
