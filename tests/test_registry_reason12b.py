"""Issue 12, second wave of reasoning, RL and pre-training mixes (reason12b: datasets-reason12b.yaml
and the entries of these ids edited in place), judged through `licensecheck check`.

FineMath is web text a classifier kept (no writer): decided by its ODC-By. The others name what is
known (licence from the card or Hub header, writers from the card, a pipeline or a release page) and
a gap for what is not: NaturalReasoning's question writer, DeepScaleR's uncatalogued
STILL-3 sources, SYNTHETIC-1's question rewriter, R1-Distill-SFT's re-annotating model, the Chinese
R1 set's prompt sources, medical-o1's mixed general data, OpenScience's solution writer, the RLVR
mix's extra licence files, the OLMo 2 variant's changes, Dolmino's synthetic math writers and
Nemotron-CC-v2's QA writers and unrecorded data agreement. Known writers are judged under their
terms in any case (OpenAI's, Gemini's, Llama 3.3's naming clause, Qwen's licence).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.catalogue_files import entries, unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    generator,
    judge,
    lineage_ends,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

FINEMATH = "HuggingFaceTB/finemath"
NATURAL = "facebook/natural_reasoning"
DEEPSCALER = "agentica-org/DeepScaleR-Preview-Dataset"
ACEREASON = "nvidia/AceReason-Math"
SYNTHETIC1 = "PrimeIntellect/SYNTHETIC-1"
R1SFT = "ServiceNow-AI/R1-Distill-SFT"
CHINESE = "Congliu/Chinese-DeepSeek-R1-Distill-data-110k"
MEDICAL = "FreedomIntelligence/medical-o1-reasoning-SFT"
OPENSCIENCE = "nvidia/OpenScience"
RLVR = "allenai/RLVR-GSM-MATH-IF-Mixed-Constraints"
OLMO2_SFT = "allenai/tulu-3-sft-olmo-2-mixture"
DOLMINO = "allenai/dolmino-mix-1124"
NEMOTRON_CC = "nvidia/Nemotron-CC-v2"
NUMINA15 = "AI-MO/NuminaMath-1.5"
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research"]


# --- the catalogue file -------------------------------------------------------------------------


def test_every_new_dataset_resolves_with_its_source_and_writers() -> None:
    items = entries("datasets-reason12b.yaml", "datasets")
    assert {i["id"] for i in items} == {
        FINEMATH,
        NATURAL,
        DEEPSCALER,
        ACEREASON,
        SYNTHETIC1,
        R1SFT,
        CHINESE,
        MEDICAL,
        OPENSCIENCE,
        RLVR,
        OLMO2_SFT,
        DOLMINO,
        NEMOTRON_CC,
    }
    assert unresolved_datasets("datasets-reason12b.yaml", gap_when_incomplete=True) == []
    # Only FineMath (web text a classifier kept, with no writer) and AceReason-Math (problems and
    # answers taken from its sources, its card says since nvidia18) are complete.
    complete = {i["id"] for i in items if i.get("generators_complete", True)}
    assert complete == {FINEMATH, ACEREASON}


# --- FineMath: no writer, ODC-By decides -----------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "verdict", "section"),
    [(COMMERCIAL, "conditional", "4.3"), (RESEARCH_INTERNAL, "permitted", "3.1")],
    ids=IDS,
)
def test_finemath_is_decided_by_odc_by_alone(
    manifest: WriteManifest, project: dict[str, Any], verdict: str, section: str
) -> None:
    report = judge(manifest, one(FINEMATH), **project)
    assert report["verdict"] == verdict
    mine = findings(report, FINEMATH, "dataset")
    assert {f["terms"] for f in mine} == {"odc-by-1.0@1.0"}
    assert section in sections(mine)
    # Llama-3.1-70B-Instruct only annotated the classifier's training data: not a writer.
    assert not findings(report, role="generator")


# --- NaturalReasoning: non-commercial, Llama 3.3 responses, unnamed question writer ----------------


def test_natural_reasoning_commercial_is_barred_by_its_nc_licence_and_llama_naming(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(NATURAL), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, NATURAL, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    llama = of_terms(generator(report, "meta-llama/Llama-3.3-70B-Instruct"), "llama-3.3-community-license@")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    # The documents its questions come from: DCLM's CC BY 4.0 and FineMath's ODC-By come along.
    assert {"mlfoundations/dclm-baseline-1.0", "HuggingFaceTB/finemath"} <= lineage_ends(
        findings(report, NATURAL, "dataset")
    )


def test_natural_reasoning_research_needs_review_for_its_question_writer(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NATURAL), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, NATURAL)
    assert f"The model that synthesized {NATURAL}'s questions and reference answers" in gap
    assert worst(of_terms(findings(report, NATURAL, "dataset"), "cc-by-nc-4.0@")) == "conditional"
    assert worst(generator(report, "meta-llama/Llama-3.3-70B-Instruct")) == "permitted"


# --- DeepScaleR and AceReason-Math --------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_deepscaler_judges_gemini_and_names_its_missing_sources(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(DEEPSCALER), **project)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, DEEPSCALER)
    # STILL-3 is catalogued since (cards17): its own gaps travel with it
    assert "RUC-AIBOX/STILL-3-Preview-RL-Data declares no licence on its card" in gap
    assert "KbsdJames/Omni-MATH's Olympiad problems" in gap  # the catalogued Omni-MATH's own gap
    assert "LicenseRef-math-aops-copyright-claim" in gap
    # Gemini 1.5 Pro 002 rewrote the AMC problems: from its release to the dataset's release.
    gemini = generator(report, "google:gemini-1.5-pro-002")
    assert {(f["period"]["from"], f["period"]["until"]) for f in gemini} == {("2024-09-24", "2025-02-10")}
    assert "before the earliest version" in reasons(gemini)
    # Its own MIT, and NuminaMath-CoT's CC BY-NC 4.0 through the lineage.
    mine = findings(report, DEEPSCALER, "dataset")
    assert worst(of_terms(mine, "mit@")) == "permitted"
    assert "AI-MO/NuminaMath-CoT" in lineage_ends(of_terms(mine, "cc-by-nc-4.0@"))


def test_acereason_math_is_judged_through_deepscaler_and_both_numinamath_releases(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(ACEREASON), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, ACEREASON)
    assert f"Which NuminaMath release (NuminaMath-CoT or NuminaMath-1.5) {ACEREASON}'s" in gap
    assert f"Not every model that wrote {NUMINA15}, from which {ACEREASON} derives, is on record" in gap
    assert f"Not every model that wrote {DEEPSCALER}, from which {ACEREASON} derives, is on record" in gap
    # DeepScaleR's sources' gaps travel with it (STILL-3 declares no licence).
    assert "RUC-AIBOX/STILL-3-Preview-RL-Data declares no licence on its card" in gap
    # Its own CC BY 4.0 asks for attribution; the Gemini rewrites bar a competing commercial LLM.
    assert worst(of_terms(findings(report, ACEREASON, "dataset"), "cc-by-4.0@")) == "conditional"
    gemini = of_terms(generator(report, "google:gemini-1.5-pro-002"), "google-gemini-api-additional-terms@")
    assert worst(gemini) == "prohibited" and "Use Restrictions" in sections(gemini)


# --- R1 distillations -----------------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_synthetic1_r1_traces_are_permitted_and_its_rewriter_is_a_gap(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(SYNTHETIC1), **project)
    r1 = of_terms(generator(report, "deepseek-ai/DeepSeek-R1"), "deepseek-r1-mit@")
    assert worst(r1) == "permitted" and "README §7 License" in sections(r1)
    assert "LLM-based post-processing" in dataset_gap(report, SYNTHETIC1)
    assert worst(of_terms(findings(report, SYNTHETIC1, "dataset"), "apache-2.0@")) == "permitted"
    # GPT-4o's judge explanations are kept in the raw release (and NuminaMath-CoT's GPT-4o rewrites
    # come along): a competing general LLM is barred by OpenAI's business terms.
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)


def test_chinese_r1_110k_needs_review_for_its_prompt_sources(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHINESE), **COMMERCIAL)
    # chat18: hfl/stem_zh_instruction's GPT-3.5 prompts come along, barring a commercial LLM.
    assert report["verdict"] == "prohibited"
    assert f"The prompts of {CHINESE} are re-published from seven" in dataset_gap(report, CHINESE)
    r1 = generator(report, "deepseek-ai/DeepSeek-R1")
    assert worst(r1) == "permitted"
    assert {(f["period"]["from"], f["period"]["until"]) for f in r1} == {("2025-01-20", "2025-02-17")}
    # Qwen2.5-72B-Instruct's scores are kept in the data: its licence's output clause is judged.
    assert worst(of_terms(generator(report, "Qwen/Qwen2.5-72B-Instruct"), "qwen-license@")) == "needs-review"
    assert worst(of_terms(findings(report, CHINESE, "dataset"), "apache-2.0@")) == "permitted"


@pytest.mark.parametrize(
    ("project", "verdict", "licence"),
    [(COMMERCIAL, "prohibited", "prohibited"), (RESEARCH_INTERNAL, "needs-review", "conditional")],
    ids=IDS,
)
def test_r1_distill_sft_is_non_commercial_share_alike_and_its_writer_unknown(
    manifest: WriteManifest, project: dict[str, Any], verdict: str, licence: str
) -> None:
    report = judge(manifest, one(R1SFT), **project)
    assert report["verdict"] == verdict
    nc = of_terms(findings(report, R1SFT, "dataset"), "cc-by-nc-sa-4.0@")
    assert worst(nc) == licence and "2(a)(1)" in sections(nc)
    assert f"The model that re-annotated {R1SFT}'s answers" in dataset_gap(report, R1SFT)


# --- medical-o1: GPT-4o wrote it --------------------------------------------------------------------


def test_medical_o1_gpt4o_reasoning_bars_a_competing_llm(manifest: WriteManifest) -> None:
    report = judge(manifest, one(MEDICAL), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4o = generator(report, "openai:gpt-4o")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    # Written from GPT-4o's release (2024-05-13) on: after OpenAI's business terms took over the API,
    # so its earlier Terms of Use are not judged.
    assert not of_terms(gpt4o, "openai-terms-of-use@")
    assert "medical_o1_sft_mix files" in dataset_gap(report, MEDICAL)


# --- OpenScience: the Qwen question writers ---------------------------------------------------------


def test_openscience_judges_its_qwen_question_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OPENSCIENCE), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    for ref in ("Qwen/Qwen3-235B-A22B", "Qwen/Qwen2.5-32B-Instruct"):
        assert worst(generator(report, ref)) == "permitted", ref
    # Qwen2.5-72B's own licence has a clause that may reach training on its outputs.
    qwen72 = of_terms(generator(report, "Qwen/Qwen2.5-72B-Instruct"), "qwen-license@")
    assert worst(qwen72) == "needs-review"
    assert "reasoning traces (solutions) are not on record" in dataset_gap(report, OPENSCIENCE)


# --- Tulu 3 / OLMo 2 and Dolmino --------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_rlvr_mix_names_its_extra_licence_files(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(RLVR), **project)
    # Since session 10 (synth14) its IF prompts derive from the Tulu 2 SFT mixture (its card), whose
    # OpenAI writers bar a general-purpose student (tests/test_registry_synth14.py).
    assert report["verdict"] == "prohibited"
    assert "ImpACT Low-Risk licence and the Llama 2 licence" in dataset_gap(report, RLVR)
    assert of_terms(findings(report, RLVR, "dataset"), "odc-by-1.0@")


def test_rlvr_mix_gap_is_not_lifted_by_a_declared_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, one(RLVR, "ODC-By-1.0"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"  # the Tulu 2 prompts' OpenAI writers (synth14)
    assert "ImpACT Low-Risk licence" in dataset_gap(report, RLVR)


def test_olmo2_sft_mixture_is_judged_through_the_tulu3_mixture(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OLMO2_SFT), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, OLMO2_SFT, "dataset")
    # No Robots' CC BY-NC 4.0, through the Tulu 3 mixture.
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited"
    assert all("allenai/tulu-3-sft-mixture" in f["lineage"] for f in nc)
    gap = dataset_gap(report, OLMO2_SFT)
    assert f"What {OLMO2_SFT} changes in the Tulu 3 SFT mixture" in gap
    assert "from which allenai/tulu-3-sft-mixture derives, is on record" in gap


def test_dolmino_needs_a_licence_and_its_synthetic_math_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(DOLMINO), **RESEARCH_INTERNAL)
    # writers17: the OLMo 2 report names its math writers; TinyGSM's and MetaMathQA's GPT-3.5-turbo
    # problems it carries bar a general LLM, research or not
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, DOLMINO)
    assert f"The registry records no licence for {DOLMINO}" in gap
    assert "MathCoder2 synthetic textbooks" in gap
    # Its Wikipedia part brings CC BY-SA's share-alike; DCLM's CC BY 4.0 comes along too.
    ends = lineage_ends(findings(report, DOLMINO, "dataset"))
    assert {"wikipedia", "mlfoundations/dclm-baseline-1.0", "openai/gsm8k"} <= ends
    # A declared licence settles its own licence only, never the writers.
    declared = judge(manifest, one(DOLMINO, "ODC-By-1.0"), **RESEARCH_INTERNAL)
    assert "MathCoder2 synthetic textbooks" in dataset_gap(declared, DOLMINO)
    assert f"The registry records no licence for {DOLMINO}" not in dataset_gap(declared, DOLMINO)


# --- Nemotron-CC v2: an unrecorded data agreement ---------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_nemotron_cc_v2_agreement_is_a_gap_a_manifest_cannot_lift(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(NEMOTRON_CC, "CC-BY-4.0"), **project)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, NEMOTRON_CC)
    assert (
        f"The licence LicenseRef-nvidia-data-agreement-for-model-training of {NEMOTRON_CC} is not in the registry"
        in gap
    )
    assert f"The writers of {NEMOTRON_CC}'s synthetic subsets" in gap  # nvidia18: narrowed gap
    assert worst(generator(report, "Qwen/Qwen3-30B-A3B")) == "permitted"


# --- entries edited in place ------------------------------------------------------------------------


def test_dolphin_r1_and_mmlu_pro_name_what_is_missing(manifest: WriteManifest) -> None:
    dolphin = judge(manifest, one("cognitivecomputations/dolphin-r1"), **RESEARCH_INTERNAL)
    assert "200k Dolphin chat samples" in dataset_gap(dolphin, "cognitivecomputations/dolphin-r1")
    mmlu = judge(manifest, one("TIGER-Lab/MMLU-Pro"), **COMMERCIAL)
    gap = dataset_gap(mmlu, "TIGER-Lab/MMLU-Pro")
    assert "cot_content" in gap
    # GPT-4-Turbo's distractors: a competing commercial LLM is barred.
    assert worst(generator(mmlu, "openai:gpt-4-turbo")) == "prohibited"


def test_numinamath_15_gap_names_its_synthetic_rows(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NUMINA15, "Apache-2.0"), **RESEARCH_INTERNAL)
    # Since reason13 (the card read): its OpenAI writers are judged and the gap names what the card
    # leaves open, the rows added since the NuminaMath report.
    assert report["verdict"] == "prohibited"
    assert "who rewrote the rows added since" in dataset_gap(report, NUMINA15)
