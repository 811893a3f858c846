"""Issue 12, session 18 (cards18): datasets whose cards or publishers' papers were read this time,
judged through `licensecheck check`.

Edited in place: yizhongw/self_instruct (its card: Apache-2.0, and P3 and Super-NaturalInstructions
samples beside GPT-3's data), hkust-nlp/deita-10k-v0 (the deita paper's X_sota pool of WizardLM,
UltraChat and ShareGPT data), allenai/olmo-2-1124-7b-preference-mix (the OLMo 2 report's model pool
and GPT-4o judge), HuggingFaceTB/cosmopedia-100k (Cosmopedia's 100k subset, by the publisher's
repository), PrimeIntellect/INTELLECT-2-RL-Dataset (the release post's sources), Muennighoff/flan
(the templated datasets its card lists) and OpenCoder-LLM/opc-sft-stage1 (Infinity-Instruct and
WildChat-1M, from copies of the OpenCoder paper) and HuggingFaceH4/mt_bench_prompts (its card:
Apache-2.0, references from FastChat's question file). New in
datasets-cards18.yaml: OLMo 3's 32B Think SFT set, with a gap."""

from __future__ import annotations

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import unresolved_datasets
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
    sections,
    worst,
)

FILE = "datasets-cards18.yaml"
SELF_INSTRUCT = "yizhongw/self_instruct"
DEITA = "hkust-nlp/deita-10k-v0"
OLMO2_PREFS = "allenai/olmo-2-1124-7b-preference-mix"
COSMO_100K = "HuggingFaceTB/cosmopedia-100k"
INTELLECT2 = "PrimeIntellect/INTELLECT-2-RL-Dataset"
DOLCI_32B = "allenai/Dolci-Think-SFT-32B"


def test_every_entry_of_the_file_resolves_and_names_its_gaps() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


# --- OLMo 3's Think SFT sets: only the ids Ai2's own files name ---------------------------------------


def test_only_the_olmo3_think_sft_ids_ai2_names_are_recorded() -> None:
    registry = Registry()
    for unnamed in ("allenai/Dolci-Think-SFT", "allenai/olmo-3-sft-mixture"):
        assert registry.dataset(unnamed) is None
    entry = registry.dataset(DOLCI_32B)
    assert entry is not None and entry.license is None and not entry.generators_complete
    assert not entry.generated_by


def test_dolci_think_32b_needs_review_naming_its_unread_card(manifest: WriteManifest) -> None:
    report = judge(manifest, one(DOLCI_32B), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert "reasoning models that wrote its traces" in dataset_gap(report, DOLCI_32B)


# --- Self-Instruct: its card's configs ----------------------------------------------------------------


def test_self_instruct_card_adds_the_p3_sample_and_keeps_gpt3(manifest: WriteManifest) -> None:
    entry = Registry().dataset(SELF_INSTRUCT)
    assert entry is not None and entry.license == "Apache-2.0"
    assert entry.derived_from == ("bigscience/P3",) and "openai:gpt-3" in entry.generated_by
    report = judge(manifest, one(SELF_INSTRUCT), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    data = findings(report, SELF_INSTRUCT, "dataset")
    race = of_terms(data, "race-dataset-terms@")
    assert worst(race) == "prohibited" and lineage_ends(race) == {"bigscience/P3"}
    assert worst(of_terms(data, "apache-2.0@")) == "permitted"
    gap = dataset_gap(report, SELF_INSTRUCT)
    assert "Super-NaturalInstructions" in gap and "Hub card was not read" not in gap


# --- Deita: selected from the paper's X_sota pool -----------------------------------------------------


def test_deita_10k_carries_its_pools_openai_writers_and_licences(manifest: WriteManifest) -> None:
    report = judge(manifest, one(DEITA), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    gpt35 = of_terms(generator(report, "openai:gpt-3.5-turbo"), "openai-terms-of-use@2023-03-14")
    assert worst(gpt35) == "prohibited" and "2(c)(iii)" in sections(gpt35)
    nc = of_terms(findings(report, DEITA, "dataset"), "cc-by-nc-4.0@")
    assert nc and lineage_ends(nc) <= {
        "WizardLM/WizardLM_evol_instruct_70k",
        "WizardLM/WizardLM_evol_instruct_V2_196k",
    }
    assert "first released under a non-commercial licence" in dataset_gap(report, DEITA)


def test_deita_10k_records_the_four_pool_sets() -> None:
    entry = Registry().dataset(DEITA)
    assert entry is not None and set(entry.derived_from) == {
        "WizardLM/WizardLM_evol_instruct_70k",
        "WizardLM/WizardLM_evol_instruct_V2_196k",
        "stingning/ultrachat",
        "anon8231489123/ShareGPT_Vicuna_unfiltered",
    }


# --- OLMo 2 7B preference mix: the report's Table 25 and GPT-4o judge ---------------------------------


def test_olmo2_preference_mix_judges_the_report_pool(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OLMO2_PREFS), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mpt = generator(report, "mosaicml/mpt-30b-chat")
    assert worst(of_terms(mpt, "cc-by-nc-sa-4.0@")) == "prohibited"
    tulu = generator(report, "allenai/tulu-2-7b")
    assert worst(of_terms(tulu, "llama-2-community-license@")) == "prohibited"
    assert worst(generator(report, "Qwen/Qwen2.5-7B-Instruct")) == "permitted"
    assert worst(generator(report, "microsoft/Phi-3.5-mini-instruct")) == "permitted"
    judge_model = generator(report, "openai:gpt-4o-2024-08-06")
    assert worst(judge_model) != "permitted" and of_terms(judge_model, "openai-services-agreement@")
    gap = dataset_gap(report, OLMO2_PREFS)
    assert "NuExtract-1.5" in gap and "some portions are non-commercial" in gap


def test_olmo2_preference_mix_prompts_come_through_its_catalogued_sources() -> None:
    entry = Registry().dataset(OLMO2_PREFS)
    assert entry is not None and not entry.generators_complete
    assert {"nvidia/Daring-Anteater", "allenai/tulu-3-sft-personas-instruction-following"} == set(
        entry.derived_from
    )
    assert "openai:gpt-4o-2024-08-06" in entry.generated_by


# --- Cosmopedia 100k: the publisher's subset -----------------------------------------------------------


def test_cosmopedia_100k_has_no_gap_of_its_own_and_follows_cosmopedia(manifest: WriteManifest) -> None:
    entry = Registry().dataset(COSMO_100K)
    assert entry is not None and entry.derived_from == ("HuggingFaceTB/cosmopedia",)
    report = judge(manifest, one(COSMO_100K), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, COSMO_100K)
    assert "a sample of Cosmopedia" not in gap and "Stanford course outlines" in gap
    mixtral = generator(report, "mistralai/Mixtral-8x7B-Instruct-v0.1")
    assert worst(mixtral) == "permitted"
    nc = of_terms(findings(report, COSMO_100K, "dataset"), "cc-by-nc-4.0@")
    assert lineage_ends(nc) == {"HuggingFaceTB/cosmopedia"}


# --- INTELLECT-2's RL data: the release post's sources -------------------------------------------------


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL])
def test_intellect2_rl_data_carries_numinamath_writers(
    manifest: WriteManifest, project: dict[str, str]
) -> None:
    report = judge(manifest, one(INTELLECT2), **project)
    assert report["verdict"] == "prohibited"
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@2026-01-01")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    gap = dataset_gap(report, INTELLECT2)
    assert "declares no licence" in gap and "SYNTHETIC-1's math tasks" in gap


def test_intellect2_rl_data_takes_synthetic1_tasks_not_its_traces() -> None:
    entry = Registry().dataset(INTELLECT2)
    assert entry is not None and entry.license is None
    assert "PrimeIntellect/verifiable-coding-problems" in entry.derived_from
    assert "PrimeIntellect/SYNTHETIC-1" not in entry.derived_from


# --- Muennighoff/flan: the card's task list ------------------------------------------------------------

FLAN = "Muennighoff/flan"


def test_flan_follows_the_catalogued_sets_its_tasks_template(manifest: WriteManifest) -> None:
    entry = Registry().dataset(FLAN)
    assert entry is not None and entry.license is None and not entry.generators_complete
    assert {"Samsung/samsum", "nyu-mll/glue", "aps/super_glue", "Rowan/hellaswag"} <= set(entry.derived_from)
    report = judge(manifest, one(FLAN), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    samsum = of_terms(findings(report, FLAN, "dataset"), "cc-by-nc-nd-4.0@")
    assert worst(samsum) == "prohibited" and lineage_ends(samsum) == {"Samsung/samsum"}
    gap = dataset_gap(report, FLAN)
    assert "card declares no licence" in gap and "no catalogue record of their own" in gap


# --- OpenCoder stage 1: the paper's sources (read in copies) -------------------------------------------

OPC_STAGE1 = "OpenCoder-LLM/opc-sft-stage1"


def test_opencoder_stage1_carries_infinity_instruct_and_wildchat(manifest: WriteManifest) -> None:
    entry = Registry().dataset(OPC_STAGE1)
    assert entry is not None and set(entry.derived_from) == {"BAAI/Infinity-Instruct", "allenai/WildChat-1M"}
    report = judge(manifest, one(OPC_STAGE1), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    gpt4 = of_terms(generator(report, "chatgpt:gpt-4"), "openai-terms-of-use@2024-01-31")
    assert worst(gpt4) == "prohibited"
    gap = dataset_gap(report, OPC_STAGE1)
    assert "Large-scale Diverse-Instruct" in gap and "NOT VERIFIED" in gap


# --- MT-Bench prompts: the card settles where the references come from -------------------------------

MT_BENCH = "HuggingFaceH4/mt_bench_prompts"


def test_mt_bench_prompts_is_apache_and_names_only_the_references_writer(manifest: WriteManifest) -> None:
    entry = Registry().dataset(MT_BENCH)
    assert entry is not None and entry.license == "Apache-2.0" and not entry.generated_by
    report = judge(manifest, one(MT_BENCH), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(findings(report, MT_BENCH, "dataset"), "apache-2.0@")) == "permitted"
    gap = dataset_gap(report, MT_BENCH)
    assert "question.jsonl" in gap and "was not read" not in gap
