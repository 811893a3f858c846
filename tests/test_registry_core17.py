"""Issue 12, session 10 (core17): the named gaps of the most-used post-training datasets, closed or
narrowed from primary sources and edited in place, judged through `licensecheck check`.

The Tulu 3 report (arXiv 2411.15124, section 3.1.2, 4.1.1 and footnote 6) names GPT-4o as the writer
of the persona math, GSM, algebra and instruction-following sets: each is complete, and GPT-4o's
terms decide (prohibited for a competing LLM, research or not; an internal classifier only meets the
usual terms-version gap). Cosmopedia's prompts keep UltraChat first turns and OpenHermes-2.5 seed
samples (huggingface/cosmopedia's story scripts): the sets the filter keeps are recorded, so their
non-commercial licences and OpenAI writers decide for a commercial LLM, while a research project
meets only the OpenAI writers. The Tulu 3 preference mixtures record the report's whole model pool
(Table 38, 22 models, MPT-7B-8k-Chat newly catalogued under its CC BY-NC-SA 4.0): its non-commercial
chat models decide for a commercial project; the prompts their uncatalogued source sets reuse stay
the named gap."""

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
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

CLASSIFIER = {"kind": "classifier", "release": "internal"}

# --- Tulu 3 persona sets -----------------------------------------------------------------------

PERSONA_SETS = [
    "allenai/tulu-3-sft-personas-math",
    "allenai/tulu-3-personas-math",
    "allenai/tulu-3-sft-personas-math-grade",
    "allenai/tulu-3-sft-personas-algebra",
    "allenai/tulu-3-personas-algebra",
    "allenai/tulu-3-sft-personas-instruction-following",
]
TULU_MIXTURE = "allenai/tulu-3-sft-mixture"


def incomplete(report: dict[str, Any], name: str) -> bool:
    return f"Not every model that wrote {name} is on record" in dataset_gap(report, name)


@pytest.mark.parametrize("name", PERSONA_SETS)
def test_persona_sets_are_complete_from_the_tulu_3_report(name: str) -> None:
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete
    assert "openai:gpt-4o" in entry.generated_by
    assert "2411.15124" in str(entry.source)


@pytest.mark.parametrize("name", PERSONA_SETS)
@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_persona_sets_gpt_4o_decides_for_a_competing_llm(
    manifest: WriteManifest, name: str, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(name), **project)
    assert report["verdict"] == "prohibited"
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    assert not incomplete(report, name)


@pytest.mark.parametrize(
    "name", ["allenai/tulu-3-sft-personas-math-grade", "allenai/tulu-3-sft-personas-algebra"]
)
def test_persona_sets_for_an_internal_classifier_meet_only_the_terms_version_gap(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert not [f for f in report["findings"] if f["verdict"] == "prohibited"]
    assert not incomplete(report, name)
    assert "before the earliest version" in reasons(generator(report, "openai:gpt-4o"))


def test_tulu_mixture_gap_no_longer_names_the_persona_sets(manifest: WriteManifest) -> None:
    report = judge(manifest, one(TULU_MIXTURE), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, TULU_MIXTURE)
    for name in PERSONA_SETS:
        assert f"Not every model that wrote {name}," not in gap, name
    # The safety, hard-coded and Table-GPT subsets still carry their gaps.
    assert f"Not every model that wrote allenai/wildguardmix, from which {TULU_MIXTURE} derives" in gap


# --- Cosmopedia ----------------------------------------------------------------------------------

COSMOPEDIA = "HuggingFaceTB/cosmopedia"
COSMOPEDIA_SEEDS = [
    "stingning/ultrachat",
    "WizardLM/WizardLM_evol_instruct_70k",
    "WizardLM/WizardLM_evol_instruct_V2_196k",
    "teknium/GPT4-LLM-Cleaned",
    "meta-math/MetaMathQA",
    "Open-Orca/SlimOrca",
    "garage-bAInd/Open-Platypus",
    "anon8231489123/ShareGPT_Vicuna_unfiltered",
]


def test_cosmopedia_records_the_seed_sets_its_filter_keeps() -> None:
    registry = Registry()
    entry = registry.dataset(COSMOPEDIA)
    assert entry is not None and not entry.generators_complete
    assert list(entry.derived_from) == COSMOPEDIA_SEEDS
    # The filter dropped OpenHermes-2.5's CamelAI and Glaive Code Assistant rows: neither comes along.
    assert "teknium/OpenHermes-2.5" not in entry.derived_from
    assert "glaiveai/glaive-code-assistant" not in entry.derived_from
    assert "chatgpt:unspecified" not in entry.generated_by
    assert {"mistralai/Mixtral-8x7B-Instruct-v0.1", "openai:gpt-4", "openai:gpt-3.5-turbo"} <= set(
        entry.generated_by
    )
    assert [ref for ref in entry.generated_by if registry.model(ref) is None] == []


def test_cosmopedia_commercial_llm_is_prohibited_by_its_seeds(manifest: WriteManifest) -> None:
    report = judge(manifest, one(COSMOPEDIA), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, COSMOPEDIA, "dataset")
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert any(f["lineage"] and f["lineage"][-1] == "WizardLM/WizardLM_evol_instruct_70k" for f in nc)
    # The Mixtral-written text itself stays permitted; the seeds decide.
    assert worst(generator(report, "mistralai/Mixtral-8x7B-Instruct-v0.1")) == "permitted"
    gap = dataset_gap(report, COSMOPEDIA)
    assert "Stanford course outlines" in gap and "OpenHermes-2.5" in gap


def test_cosmopedia_research_meets_the_openai_writers_not_the_nc_licences(manifest: WriteManifest) -> None:
    report = judge(manifest, one(COSMOPEDIA), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, COSMOPEDIA, "dataset")
    assert worst(of_terms(mine, "cc-by-nc-4.0@")) != "prohibited"
    gpt4 = of_terms(generator(report, "openai:gpt-4"), "openai-services-agreement@")
    assert worst(gpt4) == "prohibited" and "3.3(e)" in sections(gpt4)
    assert incomplete(report, COSMOPEDIA)


# --- Tulu 3 preference mixtures -------------------------------------------------------------------

TABLE_38 = [
    "01-ai/Yi-34B-Chat",
    "01-ai/Yi-6B-Chat",
    "allenai/tulu-2-7b",
    "allenai/tulu-2-13b",
    "google/gemma-2-27b-it",
    "google/gemma-2-9b-it",
    "internlm/internlm2_5-20b-chat",
    "internlm/internlm2_5-7b-chat",
    "internlm/internlm2_5-1_8b-chat",
    "openai:gpt-4o-2024-08-06",
    "mosaicml/mpt-30b-chat",
    "mosaicml/mpt-7b-8k-chat",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.1-70B-Instruct",
    "meta-llama/Meta-Llama-3-8B-Instruct",
    "mistralai/Mistral-7B-Instruct-v0.2",
    "mistralai/Mistral-Nemo-Instruct-2407",
    "Qwen/Qwen2.5-72B-Instruct",
    "Qwen/Qwen2.5-32B-Instruct",
    "Qwen/Qwen2.5-14B-Instruct",
    "Qwen/Qwen2.5-7B-Instruct",
    "tiiuae/falcon-7b",
]
MIXTURES = {
    "allenai/llama-3.1-tulu-3-8b-preference-mixture": "allenai/Llama-3.1-Tulu-3-8B-SFT",
    "allenai/llama-3.1-tulu-3-70b-preference-mixture": "allenai/Llama-3.1-Tulu-3-70B-SFT",
}
MPT_8K_CHAT = "mosaicml/mpt-7b-8k-chat"


@pytest.mark.parametrize(("name", "on_policy"), MIXTURES.items())
def test_preference_mixtures_record_the_whole_model_pool(name: str, on_policy: str) -> None:
    registry = Registry()
    entry = registry.dataset(name)
    assert entry is not None and not entry.generators_complete
    assert len(TABLE_38) == 22 and len(set(TABLE_38)) == 22
    assert set(TABLE_38) | {on_policy} <= set(entry.generated_by)
    assert [ref for ref in entry.generated_by if registry.model(ref) is None] == []
    assert any("six uncatalogued source sets" in g for g in entry.standing_gaps)


def test_mpt_7b_8k_chat_is_catalogued_non_commercial() -> None:
    model = Registry().model(MPT_8K_CHAT)
    assert model is not None and model.key == MPT_8K_CHAT
    assert tuple(model.terms) == ("cc-by-nc-sa-4.0",)


@pytest.mark.parametrize("name", list(MIXTURES))
def test_preference_mixtures_non_commercial_writers_decide_commercial_use(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mpt = of_terms(generator(report, MPT_8K_CHAT), "cc-by-nc-sa-4.0@")
    assert worst(mpt) == "prohibited" and "2(a)(1)" in sections(mpt)
    assert "six uncatalogued source sets" in dataset_gap(report, name)


def test_preference_mixture_research_use_meets_no_non_commercial_bar(manifest: WriteManifest) -> None:
    name = "allenai/llama-3.1-tulu-3-70b-preference-mixture"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    mpt = generator(report, MPT_8K_CHAT)
    assert worst(mpt) == "needs-review"
    assert not [f for f in mpt if f["verdict"] == "prohibited"]


# --- Nemotron post-training v1 -------------------------------------------------------------------

NEMOTRON_V1 = "nvidia/Nemotron-Post-Training-Dataset-v1"


def test_nemotron_v1_names_its_unnamed_prompt_writers_and_the_lmsys_prompts(manifest: WriteManifest) -> None:
    entry = Registry().dataset(NEMOTRON_V1)
    assert entry is not None and not entry.generators_complete
    assert set(entry.generated_by) == {"deepseek-ai/DeepSeek-R1-0528", "Qwen/Qwen3-235B-A22B"}
    report = judge(manifest, one(NEMOTRON_V1), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, NEMOTRON_V1)
    assert "synthetic prompts" in gap
    lmsys = of_terms(findings(report, NEMOTRON_V1, "dataset"), "lmsys-chat-1m-dataset-license-agreement@")
    assert lmsys and all(f["lineage"] for f in lmsys)
    # Its two response writers are permissive: neither decides.
    assert not [f for f in findings(report, role="generator") if f["verdict"] == "prohibited"]


# --- OpenThoughts2-1M ----------------------------------------------------------------------------

OPENTHOUGHTS2 = "open-thoughts/OpenThoughts2-1M"
OT2_QUESTION_SOURCES = [
    "m-a-p/CodeFeedback-Filtered-Instruction",
    "cognitivecomputations/dolphin-coder",
    "glaiveai/glaive-code-assistant-v3",
    "ise-uiuc/Magicoder-OSS-Instruct-75K",
    "nvidia/OpenMathInstruct-2",
]


def test_openthoughts2_records_the_question_sources_its_release_post_names() -> None:
    entry = Registry().dataset(OPENTHOUGHTS2)
    assert entry is not None and not entry.generators_complete
    assert set(OT2_QUESTION_SOURCES) <= set(entry.derived_from)
    assert {"deepseek-ai/DeepSeek-R1", "openai:gpt-4o-mini"} <= set(entry.generated_by)
    assert any("Code-290k-ShareGPT" in g and "MATH-plus" in g for g in entry.standing_gaps)


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_openthoughts2_gpt_4o_mini_questions_decide(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(OPENTHOUGHTS2), **project)
    assert report["verdict"] == "prohibited"
    mini = of_terms(generator(report, "openai:gpt-4o-mini"), "openai-services-agreement@")
    assert worst(mini) == "prohibited" and "3.3(e)" in sections(mini)
    gap = dataset_gap(report, OPENTHOUGHTS2)
    assert "AutoMathText" in gap
    # Magicoder's seed-snippet gap comes along with its questions.
    assert "ise-uiuc/Magicoder-OSS-Instruct-75K" in gap


# --- OpenR1-Math-220k: the Llama judge's verdicts stay in the rows -------------------------------

OPENR1_MATH = "open-r1/OpenR1-Math-220k"
LLAMA_33_70B = "meta-llama/Llama-3.3-70B-Instruct"


def test_openr1_math_records_its_llama_judge() -> None:
    entry = Registry().dataset(OPENR1_MATH)
    assert entry is not None
    assert {"deepseek-ai/DeepSeek-R1", LLAMA_33_70B} <= set(entry.generated_by)


def test_openr1_math_llama_naming_rule_binds_a_released_student(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OPENR1_MATH), **COMMERCIAL)
    llama = of_terms(generator(report, LLAMA_33_70B), "llama-3.3-community-license@")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    # Named with the prefix the licence asks for, the same data no longer fails that clause.
    named = judge(manifest, one(OPENR1_MATH), **COMMERCIAL, student="Llama-Acme-7B")
    renamed = of_terms(generator(named, LLAMA_33_70B), "llama-3.3-community-license@")
    assert worst(renamed) != "prohibited"
