"""Issue 12's RL, reasoning, agent and evaluation datasets (rl13: datasets-rl13.yaml and
models-rl13.yaml), judged through `licensecheck check`.

APIGen-MT-5k names both its writers (GPT-4o, DeepSeek-V3) and the MIT τ-bench material it reuses: it
is definite, barred for a commercial LLM by its CC BY-NC licence and OpenAI's terms. The others name
what is known (licence from the card or the project's README, writers from the card, the project's
README or its report) and a gap for what is not: DeepMath's question sources, Light-R1's Omni-MATH and
AIME sources, the AM distillations' unread licences and partly named query corpora (and the AM-Thinking
weights' licence), two of MT-Bench's six answering models, RewardBench's writers, TACO's and the SWE
sets' third-party content, BigCodeBench's construction, Nemotron v2's writers and Skywork-OR1's card.
Known writers are judged under their terms in any case (DeepSeek-R1's MIT, the LLaMA licence, OpenAI's
terms). OpenMathReasoning's GAIR/LIMO writer was checked and left as it was: the pipeline names it.
"""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
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

APIGEN = "Salesforce/APIGen-MT-5k"
DEEPMATH = "zwhe99/DeepMath-103K"
LIGHT_R1 = "qihoo360/Light-R1-SFTData"
SYNTHETIC1_SFT = "PrimeIntellect/SYNTHETIC-1-SFT-Data"
AM_THINKING = "a-m-team/AM-Thinking-v1-Distilled"
AM_QWEN3 = "a-m-team/AM-Qwen3-Distilled"
AM_MODEL = "a-m-team/AM-Thinking-v1"
MT_BENCH = "lmsys/mt_bench_human_judgments"
REWARD_BENCH = "allenai/reward-bench"
TACO = "BAAI/TACO"
MATH_HARD = "lighteval/MATH-Hard"
STACK_SMOL = "bigcode/the-stack-v2-train-smol-ids"
STACK_FULL = "bigcode/the-stack-v2-train-full-ids"
SWE_GYM = "SWE-Gym/SWE-Gym"
SWE_REBENCH = "nebius/SWE-rebench"
BIGCODEBENCH = "bigcode/bigcodebench"
NEMOTRON_V2 = "nvidia/Nemotron-Post-Training-Dataset-v2"
SKYWORK = "Skywork/Skywork-OR1-RL-Data"
OPENMATHREASONING = "nvidia/OpenMathReasoning"
NEMOTRON_MATH = "nvidia/Nemotron-Math-v2"
KODCODE_R1 = "KodCode/KodCode-V1-SFT-R1"
SWE_EXTRA = "nebius/SWE-bench-extra"
DEEPCODER = "agentica-org/DeepCoder-Preview-Dataset"
SKY_T1 = "NovaSky-AI/Sky-T1_data_17k"
SWE_SMITH = "SWE-bench/SWE-smith"
SWE_SMITH_TRAJ = "SWE-bench/SWE-smith-trajectories"
DAPO = "BytedTsinghua-SIA/DAPO-Math-17k"
OMNI_MATH = "KbsdJames/Omni-MATH"
TOOLACE = "Team-ACE/ToolACE"
TULU3_WILDCHAT = "allenai/tulu-3-wildchat-ultrafeedback"
GUTENBERG = "jondurbin/gutenberg-dpo-v0.1"
LLAMA2_CHAT = "meta-llama/Llama-2-13b-chat-hf"
R1 = "deepseek-ai/DeepSeek-R1"
CLASSIFIER = {"kind": "classifier", "release": "internal", "use": "research"}
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research"]


# --- the catalogue files ------------------------------------------------------------------------


def test_every_new_dataset_resolves_with_its_source_writers_and_named_gaps() -> None:
    registry = Registry()
    items = entries("datasets-rl13.yaml", "datasets")
    assert {i["id"] for i in items} == {
        APIGEN,
        DEEPMATH,
        LIGHT_R1,
        SYNTHETIC1_SFT,
        AM_THINKING,
        AM_QWEN3,
        MT_BENCH,
        REWARD_BENCH,
        TACO,
        MATH_HARD,
        STACK_SMOL,
        STACK_FULL,
        SWE_GYM,
        SWE_REBENCH,
        BIGCODEBENCH,
        NEMOTRON_V2,
        SKYWORK,
        NEMOTRON_MATH,
        KODCODE_R1,
        SWE_EXTRA,
        DEEPCODER,
        SKY_T1,
        SWE_SMITH,
        SWE_SMITH_TRAJ,
        DAPO,
        OMNI_MATH,
        TOOLACE,
        TULU3_WILDCHAT,
        GUTENBERG,
    }
    assert unresolved_datasets("datasets-rl13.yaml", gap_when_incomplete=True) == []
    # Complete and free of a gap of their own: APIGen-MT-5k, and the sets whose open questions are
    # their sources' (carried through derived_from).
    settled = {i["id"] for i in items if i.get("generators_complete", True) and not i.get("gap")}
    # code18: SWE-Gym's gap became upstream licences (psf18 encoded mypy's PSF-2.0 files), but the
    # lead kept its issue texts' licence (GitHub's terms) a gap of its own, so it is not settled.
    assert settled == {APIGEN, SYNTHETIC1_SFT, MATH_HARD, STACK_SMOL, STACK_FULL}
    for name in (SYNTHETIC1_SFT, MATH_HARD, STACK_SMOL, STACK_FULL):
        assert registry.dataset(name).derived_from  # type: ignore[union-attr]


def test_am_thinking_model_is_a_qwen25_fine_tune_whose_licence_is_a_gap() -> None:
    (item,) = entries("models-rl13.yaml", "models")
    assert item["id"] == AM_MODEL
    entry = Registry().model(AM_MODEL)
    assert entry is not None and not entry.terms and entry.family == "qwen2.5"
    assert entry.gap and "licence of the a-m-team/AM-Thinking-v1 weights is not on record" in entry.gap
    assert "Qwen/Qwen2.5-32B" in entry.base_models


# --- APIGen-MT-5k: complete and definite -----------------------------------------------------------


def test_apigen_mt_names_both_writers_and_its_tau_bench_licence() -> None:
    entry = Registry().dataset(APIGEN)
    assert entry is not None and entry.generators_complete and not entry.standing_gaps
    assert set(entry.generated_by) == {"openai:gpt-4o", "deepseek-ai/DeepSeek-V3"}
    assert "mit" in entry.terms and "cc-by-nc-4.0" in entry.terms


def test_apigen_mt_commercial_llm_is_barred_by_nc_and_openai(manifest: WriteManifest) -> None:
    report = judge(manifest, one(APIGEN), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, APIGEN, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    deepseek = of_terms(generator(report, "deepseek-ai/DeepSeek-V3"), "deepseek-license@")
    assert worst(deepseek) == "conditional" and "4.a" in sections(deepseek)
    tau = of_terms(findings(report, APIGEN, "dataset"), "mit@")
    assert worst(tau) == "permitted"
    assert "Not every model that wrote" not in reasons(findings(report, APIGEN, "dataset"))


def test_apigen_mt_internal_research_classifier_is_allowed_by_the_nc_licence(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(APIGEN), **CLASSIFIER)
    # A classifier does not compete with OpenAI's models; what remains open is the terms in force
    # before the earliest OpenAI version on record, not a prohibition.
    assert report["verdict"] == "needs-review"
    nc = of_terms(findings(report, APIGEN, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "conditional"
    gpt4o = generator(report, "openai:gpt-4o")
    assert "prohibited" not in {f["verdict"] for f in gpt4o}
    assert "before the earliest version" in reasons(gpt4o)


# --- R1 distillations --------------------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_deepmath_r1_solutions_are_permitted_and_its_question_sources_come_along(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(DEEPMATH), **project)
    # NuminaMath-CoT's OpenAI-written solutions come along with its questions: a general LLM.
    assert report["verdict"] == "prohibited"
    r1 = of_terms(generator(report, R1), "deepseek-r1-mit@")
    assert worst(r1) == "permitted" and "README §7 License" in sections(r1)
    assert worst(of_terms(findings(report, DEEPMATH, "dataset"), "mit@")) == "permitted"
    assert "Vivacem/MMIQC" in dataset_gap(report, DEEPMATH)


def test_light_r1_carries_its_question_sources_and_names_the_missing_ones(manifest: WriteManifest) -> None:
    report = judge(manifest, one(LIGHT_R1), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, LIGHT_R1)
    assert f"One source of {LIGHT_R1}'s questions, AIME problems up to 2023" in gap
    assert "KbsdJames/Omni-MATH's Olympiad problems" in gap  # Omni-MATH's own gap, through derived_from
    assert "LicenseRef-math-aops-copyright-claim" in gap  # MATH's claim, through hendrycks_math
    mine = findings(report, LIGHT_R1, "dataset")
    assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
    # The questions re-published from OpenMathInstruct-2 were written by Llama 3.1 405B.
    llama = of_terms(generator(report, "meta-llama/Llama-3.1-405B-Instruct"), "llama-3.1-community-license@")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    # Followed as an upstream (which upstream a shared licence is shown through depends on order).
    entry = Registry().dataset(LIGHT_R1)
    assert entry is not None and "open-thoughts/OpenThoughts-114k" in entry.derived_from
    assert "permitted" in {f["verdict"] for f in of_terms(generator(report, R1), "deepseek-r1-mit@")}


@pytest.mark.parametrize("project", [COMMERCIAL, CLASSIFIER], ids=["commercial", "classifier"])
def test_synthetic1_sft_inherits_the_raw_sets_rewriter_gap(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(SYNTHETIC1_SFT), **project)
    assert "LLM-based post-processing" in dataset_gap(report, SYNTHETIC1_SFT)
    assert worst(of_terms(findings(report, SYNTHETIC1_SFT, "dataset"), "apache-2.0@")) == "permitted"
    assert "PrimeIntellect/SYNTHETIC-1" in lineage_ends(findings(report, SYNTHETIC1_SFT, "dataset"))
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    expected = "prohibited" if project is COMMERCIAL else "needs-review"
    assert worst(gpt4o) == expected


def test_am_thinking_distillation_needs_review_for_its_writer_and_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AM_THINKING), **CLASSIFIER)
    am = generator(report, AM_MODEL)
    # Its own licence is a gap; the Qwen2.5-32B base's Apache 2.0 travels with it.
    assert {f["verdict"] for f in am} == {"needs-review", "permitted"}
    assert "licence of the a-m-team/AM-Thinking-v1 weights is not on record" in reasons(am)
    assert {"Qwen/Qwen2.5-32B"} == lineage_ends([f for f in am if f["verdict"] == "permitted"])
    gap = dataset_gap(report, AM_THINKING)
    assert f"{AM_THINKING}'s licence was not read" in gap
    # Its query corpora come along: OpenHermes-2.5's ShareGPT conversations among them.
    assert "teknium/OpenHermes-2.5" in lineage_ends(findings(report, AM_THINKING, "dataset"))


def test_am_qwen3_distillation_judges_qwen3_under_apache(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AM_QWEN3), **COMMERCIAL)
    qwen3 = of_terms(generator(report, "Qwen/Qwen3-235B-A22B"), "apache-2.0@")
    assert worst(qwen3) == "permitted"
    assert f"{AM_QWEN3}'s licence was not read" in dataset_gap(report, AM_QWEN3)
    assert not findings(report, AM_MODEL, "generator")


# --- MT-Bench human judgments --------------------------------------------------------------------------


def test_mt_bench_judgments_commercial_is_barred_by_the_llama_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, one(MT_BENCH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    llama = of_terms(generator(report, "huggyllama/llama-13b"), "llama-1-license@")
    assert worst(llama) == "prohibited"
    assert worst(of_terms(findings(report, MT_BENCH, "dataset"), "cc-by-4.0@")) == "conditional"
    assert "which Vicuna-13B version answered, and Alpaca-13B" in dataset_gap(report, MT_BENCH)


def test_mt_bench_judgments_research_classifier_keeps_only_reviews(manifest: WriteManifest) -> None:
    report = judge(manifest, one(MT_BENCH), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(generator(report, "huggyllama/llama-13b"), "llama-1-license@")) == "conditional"
    assert worst(of_terms(findings(report, MT_BENCH, "dataset"), "cc-by-4.0@")) == "permitted"
    for ref in ("openai:gpt-4", "openai:gpt-3.5-turbo", "anthropic:claude-1"):
        assert "prohibited" not in {f["verdict"] for f in generator(report, ref)}, ref


# --- sets that need review for a named reason ----------------------------------------------------------

NAMED_GAPS = [
    (REWARD_BENCH, "odc-by-1.0@", "chosen_model and rejected_model columns"),
    (TACO, "apache-2.0@", "programming-contest and practice sites"),
    (MATH_HARD, "mit@", "LicenseRef-math-aops-copyright-claim"),
    (STACK_SMOL, None, "derives from bigcode/the-stack-v2"),
    (STACK_FULL, None, "derives from bigcode/the-stack-v2"),
    # psf18 encoded mypy's PSF-2.0 files (code18's gap); the lead kept the issue texts' licence a gap
    (SWE_GYM, "mit@", "issue texts were written by GitHub users"),
    (SWE_REBENCH, None, "other projects' GitHub repositories"),
    (BIGCODEBENCH, "apache-2.0@", "Whether a model other than GPT-4 wrote"),  # writers17
    (NEMOTRON_V2, "cc-by-4.0@", "`generator` column"),
    (SKYWORK, None, "declares no licence tag"),  # its card was read since (cards17)
    (SWE_EXTRA, "cc-by-4.0@", "each row's meta names it"),
    (DEEPCODER, "mit@", "PrimeIntellect/verifiable-coding-problems"),
    (SWE_SMITH, None, "synthesized its bugs and issue texts"),
    (SWE_SMITH_TRAJ, None, "wrote its agent trajectories"),
    (DAPO, "apache-2.0@", "problems to integer answers is not named"),
    (OMNI_MATH, "apache-2.0@", "competitions and sites whose terms are not on record"),
    (TOOLACE, "apache-2.0@", "played the agents"),
    (TULU3_WILDCHAT, "odc-by-1.0@", "MPT 7B 8k Chat, the on-policy Llama 3.1 Tulu 3 8B and 70B models"),
]


@pytest.mark.parametrize(("name", "licence", "gap"), NAMED_GAPS, ids=[n for n, _, _ in NAMED_GAPS])
def test_named_gaps_need_review_for_an_internal_classifier(
    manifest: WriteManifest, name: str, licence: str | None, gap: str
) -> None:
    report = judge(manifest, one(name), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert gap in dataset_gap(report, name)
    if licence:
        assert worst(of_terms(findings(report, name, "dataset"), licence)) == "permitted"


@pytest.mark.parametrize("name", [REWARD_BENCH, BIGCODEBENCH, NEMOTRON_V2])
def test_declared_licence_does_not_settle_a_named_gap(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "Apache-2.0"), **COMMERCIAL)
    assert report["verdict"] in ("needs-review", "prohibited")
    assert dataset_gap(report, name)


# --- Nemotron-Math-v2, KodCode SFT (R1) and Sky-T1 ------------------------------------------------------


def test_nemotron_math_v2_judges_gpt_oss_and_stackexchange_share_alike(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NEMOTRON_MATH), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    gpt_oss = of_terms(generator(report, "openai/gpt-oss-120b"), "apache-2.0@")
    assert worst(gpt_oss) == "permitted"
    mine = findings(report, NEMOTRON_MATH, "dataset")
    assert worst(of_terms(mine, "cc-by-sa-4.0@")) == "conditional"  # StackExchange posts, released model
    gap = dataset_gap(report, NEMOTRON_MATH)
    assert f"extracted and classified {NEMOTRON_MATH}'s StackExchange-Math problems" in gap
    # Its AoPS problems come from OpenMathReasoning, whose writers (the LIMO model among them) come along.
    assert "No licence is declared for the GAIR/LIMO model weights" in reasons(generator(report, "GAIR/LIMO"))


def test_nemotron_math_v2_internal_research_has_no_share_alike_duty(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NEMOTRON_MATH), **RESEARCH_INTERNAL)
    mine = findings(report, NEMOTRON_MATH, "dataset")
    assert worst(of_terms(mine, "cc-by-sa-4.0@")) == "permitted"
    assert worst(of_terms(mine, "cc-by-4.0@")) == "permitted"


@pytest.mark.parametrize(
    ("project", "nc"),
    [(COMMERCIAL, "prohibited"), (CLASSIFIER, "conditional")],
    ids=["commercial", "classifier"],
)
def test_kodcode_sft_r1_carries_kodcode_v1s_non_commercial_licence(
    manifest: WriteManifest, project: dict[str, Any], nc: str
) -> None:
    report = judge(manifest, one(KODCODE_R1), **project)
    mine = findings(report, KODCODE_R1, "dataset")
    assert worst(of_terms(mine, "cc-by-nc-4.0@")) == nc
    assert "KodCode/KodCode-V1" in lineage_ends(of_terms(mine, "cc-by-nc-4.0@"))
    assert worst(of_terms(generator(report, R1), "deepseek-r1-mit@")) == "permitted"
    assert f"No licence of {KODCODE_R1}'s own was read" in dataset_gap(report, KODCODE_R1)


def test_sky_t1_judges_qwq_and_the_gpt4o_mini_rewrites(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SKY_T1), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert worst(of_terms(generator(report, "Qwen/QwQ-32B-Preview"), "apache-2.0@")) == "permitted"
    mini = generator(report, "openai:gpt-4o-mini")
    assert {(f["period"]["from"], f["period"]["until"]) for f in mini} == {("2024-07-18", "2025-01-10")}
    assert "STILL-2" in dataset_gap(report, SKY_T1)
    mine = findings(report, SKY_T1, "dataset")
    assert "AI-MO/NuminaMath-CoT" in lineage_ends(mine)
    assert "programming-contest and practice sites" in dataset_gap(report, SKY_T1)  # TACO's gap
    assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
    assert of_terms(mine, "cc-by-sa-3.0@")  # APPS, through the DPI's record


# --- Gutenberg DPO: Llama 2's outputs may improve only Llama 2 -----------------------------------------------


@pytest.mark.parametrize(
    ("base", "student", "verdict"),
    [(None, "Acme-7B", "prohibited"), ("meta-llama/Llama-2-13b-hf", "Llama-2-Acme-13B", "permitted")],
    ids=["other-family", "llama-2-student"],
)
def test_gutenberg_dpo_llama2_chapters_bind_only_other_families(
    manifest: WriteManifest, base: str | None, student: str, verdict: str
) -> None:
    report = judge(manifest, one(GUTENBERG), base=base, student=student)
    llama = of_terms(generator(report, LLAMA2_CHAT), "llama-2-community-license@")
    assert worst(llama) == verdict and "1.b.v" in sections(llama)
    assert "dolphin-2.2-34b" in dataset_gap(report, GUTENBERG)
    assert worst(of_terms(findings(report, GUTENBERG, "dataset"), "cc-by-4.0@")) == "conditional"


def test_tulu3_wildchat_judges_the_named_open_models(manifest: WriteManifest) -> None:
    report = judge(manifest, one(TULU3_WILDCHAT), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mpt = of_terms(generator(report, "mosaicml/mpt-30b-chat"), "cc-by-nc-sa-4.0@")
    assert worst(mpt) == "prohibited"
    assert (
        worst(of_terms(generator(report, "mistralai/Mistral-7B-Instruct-v0.2"), "apache-2.0@")) == "permitted"
    )
    assert "ImpACT" in reasons(generator(report, "allenai/tulu-2-7b"))


# --- OpenMathReasoning: the LIMO writer was checked, not dropped -------------------------------------


def test_openmathreasoning_still_judges_the_limo_model_the_pipeline_names(manifest: WriteManifest) -> None:
    entry = Registry().dataset(OPENMATHREASONING)
    assert entry is not None and "GAIR/LIMO" in entry.generated_by
    report = judge(manifest, one(OPENMATHREASONING), **COMMERCIAL)
    limo = generator(report, "GAIR/LIMO")
    assert "needs-review" in {f["verdict"] for f in limo}
    assert "No licence is declared for the GAIR/LIMO model weights" in reasons(limo)
