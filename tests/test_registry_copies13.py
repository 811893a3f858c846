"""Issue 12, copies13 pass: re-uploads and re-formatted copies of catalogued datasets (TRL's trl-lib
copies, a SAMSum re-upload, PRM800K and DeepMath-103K with their TRL copies), a legacy id
(code_search_net) and evaluation sets whose authors' repositories state their licence
(datasets-copies13.yaml), judged through `licensecheck check`.
"""

from __future__ import annotations

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

FILE = "datasets-copies13.yaml"


def test_every_new_dataset_resolves_with_a_source() -> None:
    assert unresolved_datasets(FILE) == []


# --- TRL's copies carry their originals --------------------------------------------------------------

TRL_COPIES = [
    ("trl-lib/ultrafeedback_binarized", "openbmb/UltraFeedback"),
    ("trl-lib/ultrafeedback-gpt-3.5-turbo-helpfulness", "openbmb/UltraFeedback"),
    ("trl-lib/ultrafeedback-prompt", "openbmb/UltraFeedback"),
    ("trl-lib/hh-rlhf-helpful-base", "Anthropic/hh-rlhf"),
    ("trl-lib/tldr-preference", "openai/summarize_from_feedback"),
    ("trl-lib/prm800k", "openai/prm800k"),
    ("trl-lib/DeepMath-103K", "zwhe99/DeepMath-103K"),
]


@pytest.mark.parametrize(("copy", "original"), TRL_COPIES, ids=[c for c, _ in TRL_COPIES])
def test_a_trl_copy_derives_from_its_original_and_records_no_licence_of_its_own(
    manifest: WriteManifest, copy: str, original: str
) -> None:
    entry = Registry().dataset(copy)
    assert entry is not None and entry.derived_from == (original,) and entry.license is None
    report = judge(manifest, one(copy), **RESEARCH_INTERNAL)
    assert f"The registry records no licence for {copy}" in dataset_gap(report, copy)
    assert report["verdict"] in ("needs-review", "prohibited")


def test_trl_ultrafeedback_copy_brings_ultrafeedbacks_writers(manifest: WriteManifest) -> None:
    name = "trl-lib/ultrafeedback_binarized"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = of_terms(findings(report, "openai:gpt-4", "generator"), "openai-terms-of-use@")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    # UltraFeedback's own MIT is judged through the lineage.
    assert "openbmb/UltraFeedback" in reasons(of_terms(findings(report, name, "dataset"), "mit@"))


def test_a_declared_licence_on_a_trl_copy_does_not_drop_the_original(manifest: WriteManifest) -> None:
    name = "trl-lib/hh-rlhf-helpful-base"
    report = judge(manifest, one(name, "Apache-2.0"), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, "apache-2.0@")
    assert "Anthropic/hh-rlhf" in reasons(of_terms(mine, "mit@"))
    assert f"The registry records no licence for {name}" not in dataset_gap(report, name)


def test_trl_tldr_keeps_the_reddit_posts_cc_by(manifest: WriteManifest) -> None:
    name = "trl-lib/tldr"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, "cc-by-4.0@")
    assert f"The registry records no licence for {name}" in dataset_gap(report, name)
    assert not findings(report, role="generator")


def test_trl_tldr_preference_carries_openais_modified_mit(manifest: WriteManifest) -> None:
    name = "trl-lib/tldr-preference"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert "openai/summarize_from_feedback" in reasons(mine)
    # OpenAI released its own models' summaries: its service terms are not judged.
    assert not findings(report, role="generator")


# --- PRM800K and DeepMath-103K --------------------------------------------------------------------------


def test_prm800k_is_openais_own_release_but_carries_maths_claim(manifest: WriteManifest) -> None:
    name = "openai/prm800k"
    entry = Registry().dataset(name)
    assert entry is not None and entry.released_by == "openai" and not entry.generated_by
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert worst(of_terms(mine, "mit@")) == "permitted"
    assert not findings(report, role="generator")
    assert "LicenseRef-math-aops-copyright-claim" in dataset_gap(report, name)
    assert report["verdict"] == "needs-review"


def test_deepmath_judges_deepseek_r1_and_names_mmiqc(manifest: WriteManifest) -> None:
    for name in ("zwhe99/DeepMath-103K", "trl-lib/DeepMath-103K"):
        report = judge(manifest, one(name), **COMMERCIAL)
        assert findings(report, "deepseek-ai/DeepSeek-R1", "generator"), name
        assert "Vivacem/MMIQC" in dataset_gap(report, name), name
        # NuminaMath-CoT's GPT-4 answers come along: a commercial general LLM is prohibited.
        assert report["verdict"] == "prohibited", name


# --- SAMSum and its re-upload ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["knkarthick/samsum", "Samsung/samsum", "samsum"])
def test_samsum_copies_are_non_commercial(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    nc = of_terms(findings(report, name, "dataset"), "cc-by-nc-nd-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert research["verdict"] in ("permitted", "conditional")


def test_knkarthick_samsum_derives_from_samsum() -> None:
    entry = Registry().dataset("knkarthick/samsum")
    assert entry is not None and entry.derived_from == ("Samsung/samsum",)


# --- CodeSearchNet: per-repository licences ---------------------------------------------------------------


def test_code_search_net_per_repository_licences_need_review(manifest: WriteManifest) -> None:
    name = "code_search_net"
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    gap = f"The licence LicenseRef-code-search-net-per-repository-licences of {name} is not in the registry"
    assert gap in dataset_gap(report, name)
    assert report["verdict"] == "needs-review"


# --- evaluation sets -----------------------------------------------------------------------------------------

NON_COMMERCIAL_EVALS = [("haonan-li/cmmlu", "cc-by-nc-sa-4.0@"), ("ceval/ceval-exam", "cc-by-nc-sa-4.0@")]


@pytest.mark.parametrize(("name", "terms"), NON_COMMERCIAL_EVALS, ids=[n for n, _ in NON_COMMERCIAL_EVALS])
def test_chinese_exam_sets_are_non_commercial(manifest: WriteManifest, name: str, terms: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert "2(a)(1)" in sections(of_terms(findings(report, name, "dataset"), terms))
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert research["verdict"] in ("permitted", "conditional")


OPEN_EVALS = [
    ("facebook/belebele", "cc-by-sa-4.0@"),
    ("nyu-mll/blimp", "cc-by-4.0@"),
    ("blimp", "cc-by-4.0@"),
]


@pytest.mark.parametrize(("name", "terms"), OPEN_EVALS, ids=[n for n, _ in OPEN_EVALS])
def test_open_evaluation_sets_are_decided_by_their_licence(
    manifest: WriteManifest, name: str, terms: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, terms) and worst(mine) in ("permitted", "conditional")
    assert not findings(report, role="generator")
    assert report["verdict"] in ("permitted", "conditional")


# --- LLaMA-Factory's copies, an MMLU copy and legacy ids --------------------------------------------------

LLAMAFACTORY_COPIES = [
    ("llamafactory/alpaca_en", "tatsu-lab/alpaca"),
    ("llamafactory/alpaca_gpt4_en", "tatsu-lab/alpaca"),
    ("llamafactory/glaive_toolcall_en", "glaiveai/glaive-function-calling-v2"),
    ("llamafactory/OpenThoughts-114k", "open-thoughts/OpenThoughts-114k"),
    ("llamafactory/OpenR1-Math-94k", "open-r1/OpenR1-Math-220k"),
    ("llamafactory/ultrafeedback_binarized", "HuggingFaceH4/ultrafeedback_binarized"),
    ("hails/mmlu_no_train", "cais/mmlu"),
]


@pytest.mark.parametrize(("copy", "original"), LLAMAFACTORY_COPIES, ids=[c for c, _ in LLAMAFACTORY_COPIES])
def test_a_copy_is_judged_with_its_original(manifest: WriteManifest, copy: str, original: str) -> None:
    report = judge(manifest, one(copy), **RESEARCH_INTERNAL)
    assert original in reasons(findings(report, copy, "dataset"))
    assert f"The registry records no licence for {copy}" in dataset_gap(report, copy)


def test_llamafactory_alpaca_copies_stay_non_commercial(manifest: WriteManifest) -> None:
    for name in ("llamafactory/alpaca_en", "llamafactory/alpaca_gpt4_en"):
        report = judge(manifest, one(name, "Apache-2.0"), **COMMERCIAL)
        assert report["verdict"] == "prohibited", name
    gpt4 = judge(manifest, one("llamafactory/alpaca_gpt4_en"), **COMMERCIAL)
    assert (
        worst(of_terms(findings(gpt4, "llamafactory/alpaca_gpt4_en", "dataset"), "cc-by-nc-4.0@"))
        == "prohibited"
    )
    assert findings(gpt4, "openai:gpt-4", "generator")


LEGACY = [("medmcqa", "apache-2.0@"), ("nq_open", "cc-by-sa-3.0@")]


@pytest.mark.parametrize(("name", "terms"), LEGACY, ids=[n for n, _ in LEGACY])
def test_legacy_ids_take_their_legacy_cards_licence(manifest: WriteManifest, name: str, terms: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, terms) and worst(mine) in ("permitted", "conditional")
    assert "Data Provenance Initiative" not in reasons(mine)


def test_nq_open_new_id_takes_its_card(manifest: WriteManifest) -> None:
    name = "google-research-datasets/nq_open"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, "cc-by-sa-3.0@") and report["verdict"] in ("permitted", "conditional")


def test_lambada_openai_keeps_lambadas_cc_by_and_names_google_translate(manifest: WriteManifest) -> None:
    name = "EleutherAI/lambada_openai"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, "mit@") and of_terms(mine, "cc-by-4.0@")
    assert "Google Translate" in dataset_gap(report, name)


def test_cruxeval_is_code_llama_output(manifest: WriteManifest) -> None:
    name = "cruxeval-org/cruxeval"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete
    report = judge(manifest, one(name), **COMMERCIAL)
    llama = findings(report, "codellama/CodeLlama-34b-hf", "generator")
    assert worst(llama) == "prohibited" and "1.b.v" in sections(llama)
    assert worst(of_terms(findings(report, name, "dataset"), "mit@")) == "permitted"


def test_cruxeval_into_a_llama_2_student_is_not_blocked_by_the_llm_clause(manifest: WriteManifest) -> None:
    name = "cruxeval-org/cruxeval"
    report = judge(manifest, one(name), **{**COMMERCIAL, "base": "meta-llama/Llama-2-7b-hf"})
    llama = findings(report, "codellama/CodeLlama-34b-hf", "generator")
    assert "1.b.v" not in sections([f for f in llama if f["verdict"] == "prohibited"])


def test_kto_mix_brings_its_three_sources(manifest: WriteManifest) -> None:
    name = "argilla/kto-mix-15k"
    entry = Registry().dataset(name)
    assert entry is not None and len(entry.derived_from) == 3
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    # Capybara's CC BY-NC 4.0 comes along through the Capybara DPO set.
    nc = of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "argilla/distilabel-capybara-dpo-7k-binarized" in reasons(nc)


# lighteval/mmlu now carries MMLU's MIT as its own (classic17: a copy with nothing of its own);
# tests/test_registry_classic17.py judges it.
MORE_COPIES = [
    ("trl-lib/rlaif-v", "openbmb/RLAIF-V-Dataset"),
    ("trl-lib/math_shepherd", "peiyi9979/Math-Shepherd"),
]


@pytest.mark.parametrize(("copy", "original"), MORE_COPIES, ids=[c for c, _ in MORE_COPIES])
def test_more_copies_derive_from_their_originals(manifest: WriteManifest, copy: str, original: str) -> None:
    entry = Registry().dataset(copy)
    assert entry is not None and entry.derived_from == (original,) and entry.license is None
    report = judge(manifest, one(copy), **RESEARCH_INTERNAL)
    assert f"The registry records no licence for {copy}" in dataset_gap(report, copy)


def test_rlaif_v_is_non_commercial_and_its_writers_need_review(manifest: WriteManifest) -> None:
    for name in ("openbmb/RLAIF-V-Dataset", "trl-lib/rlaif-v"):
        report = judge(manifest, one(name), **COMMERCIAL)
        assert worst(of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")) == "prohibited", name
        assert "Not every model that wrote openbmb/RLAIF-V-Dataset" in reasons(
            findings(report, name, "dataset")
        )


def test_math_shepherd_carries_maths_claim_and_unknown_writers(manifest: WriteManifest) -> None:
    name = "peiyi9979/Math-Shepherd"
    report = judge(manifest, one(name, "Apache-2.0"), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, name)
    assert "LicenseRef-math-aops-copyright-claim" in gap
    assert f"Not every model that wrote {name} is on record" in gap


@pytest.mark.parametrize("name", ["BelleGroup/train_0.5M_CN", "BelleGroup/train_1M_CN"])
def test_belle_is_chatgpt_written_and_research_only(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "Apache-2.0"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    davinci = of_terms(findings(report, "openai:text-davinci-003", "generator"), "openai-terms-of-use@")
    assert worst(davinci) == "prohibited"
    assert findings(report, "openai:gpt-3.5-turbo", "generator")
    assert f"The licence LicenseRef-belle-research-use-only of {name} is not in the registry" in dataset_gap(
        report, name
    )


def test_math_lighteval_is_a_copy_of_math(manifest: WriteManifest) -> None:
    name = "DigitalLearningGmbH/MATH-lighteval"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert "LicenseRef-math-aops-copyright-claim" in dataset_gap(report, name)


def test_real_toxicity_prompts_is_decided_by_its_licence(manifest: WriteManifest) -> None:
    name = "allenai/real-toxicity-prompts"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) in ("permitted", "conditional")
    assert not findings(report, role="generator")
    assert report["verdict"] in ("permitted", "conditional")


def test_mt_bench_judgments_judge_the_named_writers(manifest: WriteManifest) -> None:
    name = "lmsys/mt_bench_human_judgments"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = of_terms(findings(report, "openai:gpt-4", "generator"), "openai-terms-of-use@")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    assert findings(report, "huggyllama/llama-13b", "generator")
    assert f"Not every model that wrote {name} is on record" in reasons(findings(report, name, "dataset"))
