"""Issue 12, second dataset pass (datasets-post-training-2.yaml and the entries it completed in
datasets.yaml / datasets-post-training.yaml), judged through `licensecheck check`: for a
commercial general LLM and for an internal research project, each case asserts the verdict and
that the recorded generator or licence is what decides it (the cited terms and section)."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    generator_subjects,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

INCOMPLETE = "Not every model that wrote {} is on record"


def verdict_of(report: dict[str, Any]) -> str:
    return str(report["verdict"])


def generator(report: dict[str, Any], ref: str) -> list[dict[str, Any]]:
    found = findings(report, ref, "generator")
    assert found, f"{ref} is not judged as a generator: {sorted(generator_subjects(report))}"
    return found


def dataset_terms(report: dict[str, Any], dataset: str, prefix: str) -> list[dict[str, Any]]:
    found = of_terms(findings(report, dataset, "dataset"), prefix)
    assert found, f"no {prefix} finding for {dataset}"
    return found


# --- datasets whose licence and every writing model are on record ---------------------------


def test_numinamath_cot_gpt4o_and_the_card_licence_decide(manifest: WriteManifest) -> None:
    name = "AI-MO/NuminaMath-CoT"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(commercial) == "prohibited"
    gpt4 = generator(commercial, "openai:gpt-4")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    # GPT-4o wrote from its release (2024-05-13), when OpenAI's business terms governed the API:
    # no version of them that early is on record.
    gpt4o = generator(commercial, "openai:gpt-4o")
    assert worst(gpt4o) == "needs-review" and "used from 2024-05-13" in reasons(gpt4o)
    nc = dataset_terms(commercial, name, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert INCOMPLETE.format(name) not in reasons(findings(commercial, name, "dataset"))
    # The Orca-Math part comes along (derived_from): its GPT-4-Turbo answers are judged too.
    assert "openai:gpt-4-turbo" in generator_subjects(commercial)

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(dataset_terms(research, name, "cc-by-nc-4.0@")) == "conditional"
    # A general LLM competes with OpenAI whatever the use: the Terms of Use still bar it.
    assert worst(generator(research, "openai:gpt-4")) == "prohibited"
    assert verdict_of(research) == "prohibited"


def test_numinamath_tir_derives_from_numinamath_cot(manifest: WriteManifest) -> None:
    name = "AI-MO/NuminaMath-TIR"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(report) == "prohibited"
    assert {"openai:gpt-4", "openai:gpt-4o"} <= generator_subjects(report)
    mine = findings(report, name, "dataset")
    assert any(f["lineage"][-1] == "AI-MO/NuminaMath-CoT" for f in mine), [f["lineage"] for f in mine]
    assert worst(dataset_terms(report, name, "cc-by-nc-4.0@")) == "prohibited"


@pytest.mark.parametrize("name", ["nvidia/OpenCodeReasoning", "open-r1/codeforces-cots"])
def test_deepseek_r1_traces_under_cc_by_are_decided(manifest: WriteManifest, name: str) -> None:
    """R1's open weights (MIT) put no limit on its outputs; CC BY 4.0 asks for attribution."""
    commercial = judge(manifest, one(name), **COMMERCIAL)
    r1 = generator(commercial, "deepseek-ai/DeepSeek-R1")
    assert worst(r1) == "permitted" and [f["terms"] for f in r1] == ["deepseek-r1-mit@2025-01-20"]
    cc = dataset_terms(commercial, name, "cc-by-4.0@")
    assert worst(cc) == "conditional" and "3(a)(1)" in sections(cc)
    assert verdict_of(commercial) == "conditional"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert verdict_of(research) == "permitted"


def test_s1k_gemini_traces_and_numinamath_questions(manifest: WriteManifest) -> None:
    name = "simplescaling/s1K"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(report) == "prohibited"
    gemini = generator(report, "google:gemini-2.0-flash-thinking-exp")
    # Judged for when it wrote s1K's traces (December 2024 to January 2025), not for the older
    # NuminaMath window: the Gemini API terms of then are not on record, so it needs review.
    assert worst(gemini) == "needs-review", reasons(gemini)
    assert "used from 2024-12-19, before the earliest version" in reasons(gemini)
    assert of_terms(gemini, "google-gemini-api-additional-terms@")
    # The Qwen graders are Apache-2.0: they never decide.
    assert worst(generator(report, "Qwen/Qwen2.5-32B-Instruct")) == "permitted"
    # NuminaMath-CoT questions come along through derived_from.
    assert "openai:gpt-4o" in generator_subjects(report)
    assert INCOMPLETE.format(name) not in reasons(findings(report, name, "dataset"))


# --- entries completed in this pass ----------------------------------------------------------


def test_gpt4_llm_cleaned_is_complete_from_the_dpi_records(manifest: WriteManifest) -> None:
    name = "teknium/GPT4-LLM-Cleaned"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(commercial) == "prohibited"
    assert generator_subjects(commercial) == {"openai:gpt-4", "openai:text-davinci-003", "openai:unspecified"}
    mine = findings(commercial, name, "dataset")
    assert INCOMPLETE.format(name) not in reasons(mine)
    nc = dataset_terms(commercial, name, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(dataset_terms(research, name, "cc-by-nc-4.0@")) == "conditional"
    unspecified = generator(research, "openai:unspecified")
    assert worst(unspecified) == "prohibited" and "2(c)(iii)" in sections(unspecified)


def test_intel_orca_dpo_pairs_rejected_answers_are_llama_2(manifest: WriteManifest) -> None:
    name = "Intel/orca_dpo_pairs"
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        llama = generator(report, "meta-llama/Llama-2-13b-chat-hf")
        assert worst(llama) == "prohibited" and "1.b.v" in sections(llama)
        assert of_terms(llama, "llama-2-community-license@")
        assert INCOMPLETE.format(name) not in reasons(findings(report, name, "dataset"))
        assert worst(dataset_terms(report, name, "apache-2.0@")) == "permitted"
        assert verdict_of(report) == "prohibited"


def test_tulu_3_sft_mixture_judges_its_newly_catalogued_subsets(manifest: WriteManifest) -> None:
    name = "allenai/tulu-3-sft-mixture"
    report = judge(manifest, one(name), **COMMERCIAL)
    lineage = {f["lineage"][-1] for f in findings(report, name, "dataset") if f["lineage"]}
    assert {"AI-MO/NuminaMath-TIR", "theblackcat102/evol-codealpaca-v1"} & lineage, lineage
    assert {"openai:gpt-4-0314", "openai:gpt-4-0613"} <= generator_subjects(report)
    # Since tulu12 the gap names the subsets whose writers are unknown (tests/test_registry_tulu12.py).
    assert f"from which {name} derives, is on record" in reasons(findings(report, name, "dataset"))
    assert verdict_of(report) == "prohibited"


# --- licence on record, writing models not all known -------------------------------------------


def test_tulu_v2_non_commercial_subsets_decide_a_commercial_project(manifest: WriteManifest) -> None:
    name = "allenai/tulu-v2-sft-mixture"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(commercial) == "prohibited"
    nc_sa = dataset_terms(commercial, name, "cc-by-nc-sa-4.0@")
    assert worst(nc_sa) == "prohibited" and nc_sa[0]["lineage"][-1].startswith("its LIMA subset")
    assert worst(dataset_terms(commercial, name, "odc-by-1.0@")) == "conditional"
    # ShareGPT comes along: the ChatGPT app's conversations.
    assert "chatgpt:gpt-4" in generator_subjects(commercial)
    assert INCOMPLETE.format(name) in reasons(findings(commercial, name, "dataset"))

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(dataset_terms(research, name, "cc-by-nc-sa-4.0@")) == "conditional"


def test_pku_saferlhf_non_commercial_licence_decides_research_needs_review(manifest: WriteManifest) -> None:
    name = "PKU-Alignment/PKU-SafeRLHF"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    nc = dataset_terms(commercial, name, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert verdict_of(commercial) == "prohibited"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(dataset_terms(research, name, "cc-by-nc-4.0@")) == "conditional"
    assert INCOMPLETE.format(name) in reasons(findings(research, name, "dataset"))
    # Since issue 12's writers12b pass its response writers are on record (the card): Alpaca2-7B
    # and Alpaca3-8B carry the Llama 2 / Llama 3 bar on improving another LLM, which decides even
    # research (tests/test_registry_writers12b.py).
    assert verdict_of(research) == "prohibited"


def test_evol_codealpaca_gpt4_decides_and_its_code_alpaca_seeds_stay_open(manifest: WriteManifest) -> None:
    name = "theblackcat102/evol-codealpaca-v1"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert verdict_of(report) == "prohibited"
    gpt4 = generator(report, "openai:gpt-4-0314")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    assert worst(dataset_terms(report, name, "apache-2.0@")) == "permitted"
    # Code Alpaca's writer (text-davinci-003, its GitHub README) is on record since issue 12's
    # writers pass: the seeds' generators are judged and the seeds no longer leave a gap.
    assert "Not every model that wrote" not in reasons(findings(report, name, "dataset"))
    seeds = generator(report, "openai:text-davinci-003")
    assert worst(seeds) == "prohibited" and "2(c)(iii)" in sections(seeds)


@pytest.mark.parametrize(
    "name",
    # Salesforce/xlam-function-calling-60k now names its writers (tests/test_registry_tools12.py).
    ["microsoft/orca-agentinstruct-1M-v1", "nvidia/HelpSteer3"],
)
def test_licence_known_generators_unknown_needs_review(manifest: WriteManifest, name: str) -> None:
    """A permissive licence on record does not pass a dataset whose writers are not on record."""
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        mine = findings(report, name, "dataset")
        licence = [f for f in mine if f["terms"]]  # the licence itself grants training
        assert licence and all(f["verdict"] in ("permitted", "conditional") for f in licence)
        assert INCOMPLETE.format(name) in reasons(mine)
        assert verdict_of(report) == "needs-review"


def test_magpie_llama_3_1_release_naming_duty_and_nc_data_licence(manifest: WriteManifest) -> None:
    name = "Magpie-Align/Magpie-Llama-3.1-Pro-500K-Filtered"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    llama = generator(commercial, "meta-llama/Llama-3.1-70B-Instruct")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)  # the "Llama" name duty
    assert worst(dataset_terms(commercial, name, "cc-by-nc-4.0@")) == "prohibited"
    assert verdict_of(commercial) == "prohibited"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(generator(research, "meta-llama/Llama-3.1-70B-Instruct")) == "permitted"
    assert worst(dataset_terms(research, name, "cc-by-nc-4.0@")) == "conditional"
    # Magpie cards carry model-written tag columns whose tagger is not on record: needs review.
    assert INCOMPLETE.format(name) in reasons(findings(research, name, "dataset"))
    assert verdict_of(research) == "needs-review"


def test_openhermes_v1_declares_no_licence_and_carries_its_sources(manifest: WriteManifest) -> None:
    name = "teknium/openhermes"
    report = judge(manifest, one(name, "MIT"), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert (
        f"The licence LicenseRef-openhermes-no-licence-declared of {name} is not in the registry."
        in reasons(mine)
    )
    nc = dataset_terms(report, name, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and any(f["lineage"][-1].startswith("its GPT4-LLM data") for f in nc)
    assert {"openai:gpt-4", "openai:unspecified"} <= generator_subjects(report)
    assert verdict_of(report) == "prohibited"


# --- the file itself -----------------------------------------------------------------------------


CATALOGUE = Registry()


def test_every_new_entry_is_catalogued_and_every_generator_resolves() -> None:
    """Each entry is the project's own (not the DPI's record) and each model it names itself
    resolves in the model catalogue with no gap (what derived_from brings is its upstream's); only
    an entry that needs review anyway may name a writer whose licence is a recorded gap (the Tulu 3
    preference mixture's Tulu 2 models, under the Ai2 ImpACT licence the registry lacks)."""
    listed = entries("datasets-post-training-2.yaml", "datasets")
    ids = [e["id"] for e in listed]
    assert len(ids) >= 25 and len(set(ids)) == len(ids)
    for data in listed:
        entry = CATALOGUE.dataset(data["id"])
        assert entry is not None and entry.provenance is None, data["id"]
        for ref in data.get("generated_by", []):
            model = CATALOGUE.model(ref)
            assert model is not None, f"{data['id']}: {ref}"
            assert not model.gap or not entry.generators_complete, f"{data['id']}: {ref}"


MAGPIE_SETS = sorted(
    e["id"]
    for file in ("datasets.yaml", "datasets-post-training-2.yaml", "datasets-prefs12.yaml")
    for e in entries(file, "datasets")
    if e["id"].startswith("Magpie-Align/") and e.get("generated_by")
)


def test_no_magpie_set_is_taken_as_written_by_its_conversation_model_alone(
    manifest: WriteManifest,
) -> None:
    """Magpie-Align sets carry tag columns another model may have written: an internal research
    run on any of them, where no writer's terms forbid it, still needs review naming the gap."""
    assert len(MAGPIE_SETS) >= 30
    report = judge(manifest, "".join(one(name) for name in MAGPIE_SETS), **RESEARCH_INTERNAL)
    for name in MAGPIE_SETS:
        assert INCOMPLETE.format(name) in reasons(findings(report, name, "dataset")), name
    assert verdict_of(report) != "permitted"
