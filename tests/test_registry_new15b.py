"""Session 15's new15b datasets (datasets-new15b.yaml): preference, reasoning and code post-training
sets that `check` did not know at all, judged through `licensecheck check`.

The HH-RLHF re-packagings (Dahoas) and the Stack Exchange pair set carry their originals' licences
through lineage and name their own missing licence; H4's Stack Exchange preferences are human-written
CC BY-SA 4.0 (share-alike once released commercially, permitted for internal research). Model-written
sets judge their writers: SimPO's Gemma 2 data binds a non-Llama student through ArmoRM's Llama 3
licence and frees a Llama 3 one; Step-DPO's CC BY-NC 4.0 stops a commercial project; H4's CAI data
is Mistral-7B-Instruct's with Anthropic's prompts; DART-Math-Hard carries the DeepSeek License of its
only writer. Sets whose cards were not read name that gap instead of an unnamed hole."""

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

FILE = "datasets-new15b.yaml"
HH = "Anthropic/hh-rlhf"
SE = "HuggingFaceH4/stack-exchange-preferences"
GEMMA_SET = "princeton-nlp/gemma2-ultrafeedback-armorm"
GEMMA = "google/gemma-2-9b-it"
ARMORM = "RLHFlow/ArmoRM-Llama3-8B-v0.1"
STEP_DPO = "xinlai/Math-Step-DPO-10K"
CAI = "HuggingFaceH4/cai-conversation-harmless"
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.1"
DART = "hkust-nlp/dart-math-hard"
DSMATH = "deepseek-ai/deepseek-math-7b-rl"
RSTAR = "microsoft/rStar-Coder"
LLAMA3_STUDENT = {**RESEARCH_INTERNAL, "base": "meta-llama/Meta-Llama-3-8B"}
# py-dpo-v0.1's and INTELLECT-2-RL-Dataset's cards were read since (tests/test_registry_cards17.py).
NOT_READ = [
    "bespokelabs/Bespoke-Stratos-35k",
    "O1-OPEN/OpenO1-SFT",
    "OpenCoder-LLM/opc-sft-stage2",
]
# opc-sft-stage1: its sources recorded since cards18 (prohibited through them; tests/test_registry_cards18.py)


def test_every_entry_resolves_as_written() -> None:
    assert unresolved_datasets(FILE) == []
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


def test_the_file_adds_the_seventeen_listed_ids() -> None:
    assert len({e["id"] for e in entries(FILE, "datasets")}) == 17
    model = Registry().model(DSMATH)
    assert model is not None and model.terms == ("deepseek-license",)


# --- HH-RLHF re-packagings -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Dahoas/full-hh-rlhf", "Dahoas/rm-static"])
def test_dahoas_copies_carry_anthropics_mit(manifest: WriteManifest, name: str) -> None:
    # classic17: the copies only re-split HH-RLHF's strings (no content of their own), so Anthropic's
    # MIT is recorded as their licence and they pass as the original does.
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "permitted"
    mine = findings(report, name, "dataset")
    mit = of_terms(mine, "mit@")
    assert worst(mit) == "permitted" and HH in lineage_ends(mit)
    assert f"The registry records no licence for {name}" not in reasons(mine)
    # Anthropic released its own models' outputs: no generator is judged.
    assert not [f for f in report["findings"] if f["role"] == "generator"]


# --- Stack Exchange preferences --------------------------------------------------------------------


def test_stack_exchange_preferences_share_alike_binds_a_commercial_release(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(SE), **COMMERCIAL)
    assert commercial["verdict"] == "conditional"
    licence = of_terms(findings(commercial, SE, "dataset"), "cc-by-sa-4.0@")
    assert worst(licence) == "conditional" and {"3(a)(1)", "3(b)"} <= sections(licence)
    research = judge(manifest, one(SE), **RESEARCH_INTERNAL)
    assert research["verdict"] == "permitted"
    assert "2(a)(1)" in sections(of_terms(findings(research, SE, "dataset"), "cc-by-sa-4.0@"))
    assert Registry().dataset(SE).generators_complete  # type: ignore[union-attr]


def test_stack_exchange_paired_carries_the_h4_licence(manifest: WriteManifest) -> None:
    name = "lvwerra/stack-exchange-paired"
    report = judge(manifest, one(name), **COMMERCIAL)
    # classic17: a mechanical re-format of the H4 set (no content of its own) carries its CC BY-SA 4.0.
    assert report["verdict"] == "conditional"
    share_alike = of_terms(findings(report, name, "dataset"), "cc-by-sa-4.0@")
    assert SE in lineage_ends(share_alike) and "3(b)" in sections(share_alike)
    assert f"The registry records no licence for {name}" not in dataset_gap(report, name)


# --- SimPO's Gemma 2 on-policy data --------------------------------------------------------------------


def test_gemma2_armorm_data_records_both_writers_and_its_prompt_gap() -> None:
    entry = Registry().dataset(GEMMA_SET)
    assert entry is not None and set(entry.generated_by) == {GEMMA, ARMORM}
    assert not entry.generators_complete
    assert any("UltraFeedback" in gap for gap in entry.standing_gaps)


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_gemma2_armorm_scores_cannot_improve_a_non_llama_llm(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(GEMMA_SET), **project)
    assert report["verdict"] == "prohibited"
    armorm = of_terms(generator(report, ARMORM), "llama-3-community-license@")
    assert worst(armorm) == "prohibited" and "1.b.v" in sections(armorm)
    gemma = of_terms(generator(report, GEMMA), "gemma-terms-of-use@")
    assert worst(gemma) == "conditional" and "3.2" in sections(gemma)


def test_gemma2_armorm_data_into_a_llama3_student_leaves_only_review(manifest: WriteManifest) -> None:
    report = judge(manifest, one(GEMMA_SET), **LLAMA3_STUDENT)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(generator(report, ARMORM), "llama-3-community-license@")) == "permitted"
    assert worst(generator(report, GEMMA)) == "conditional"
    assert "UltraFeedback" in dataset_gap(report, GEMMA_SET)


# --- Step-DPO ------------------------------------------------------------------------------------------


def test_step_dpo_non_commercial_licence_stops_a_commercial_project(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(STEP_DPO), **COMMERCIAL)
    assert commercial["verdict"] == "prohibited"
    nc = of_terms(findings(commercial, STEP_DPO, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert worst(generator(commercial, "Qwen/Qwen2-7B-Instruct")) == "permitted"
    assert generator(commercial, "openai:gpt-4o")
    research = judge(manifest, one(STEP_DPO), **RESEARCH_INTERNAL)
    assert research["verdict"] == "needs-review"
    assert worst(of_terms(findings(research, STEP_DPO, "dataset"), "cc-by-nc-4.0@")) == "conditional"
    assert "AQuA" in dataset_gap(research, STEP_DPO)


# --- Constitutional AI (H4) ---------------------------------------------------------------------------


def test_cai_conversations_are_mistral_written_over_anthropic_prompts(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CAI), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    mistral = generator(report, MISTRAL)
    assert worst(mistral) == "permitted" and "2" in sections(of_terms(mistral, "apache-2.0@"))
    assert lineage_ends(of_terms(findings(report, CAI, "dataset"), "mit@")) == {HH}
    gap = dataset_gap(report, CAI)
    assert f"The registry records no licence for {CAI}" in gap
    assert "Not every model that wrote" not in gap
    assert judge(manifest, one(CAI, "Apache-2.0"), **COMMERCIAL)["verdict"] == "permitted"


# --- DART-Math ------------------------------------------------------------------------------------------


def test_dart_math_hard_carries_the_deepseek_licence_of_its_only_writer(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(DART), **COMMERCIAL)
    deepseek = of_terms(generator(commercial, DSMATH), "deepseek-license@")
    assert worst(deepseek) == "conditional" and {"4.a", "5"} <= sections(deepseek)
    gap = dataset_gap(commercial, DART)
    assert "Not every model that wrote" not in gap
    assert f"The registry records no licence for {DART}" in gap
    assert lineage_ends(of_terms(findings(commercial, DART, "dataset"), "mit@")) == {"openai/gsm8k"}
    # Internal research is not distributed: the use-based restrictions remain, the notices do not.
    research = judge(manifest, one(DART), **RESEARCH_INTERNAL)
    inside = of_terms(generator(research, DSMATH), "deepseek-license@")
    assert worst(inside) == "conditional" and "5" in sections(inside) and "4.a" not in sections(inside)


# --- rStar-Coder, PKU, H4's Bespoke copy -----------------------------------------------------------


def test_rstar_coder_attribution_and_its_writer_gap(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(RSTAR), **COMMERCIAL)
    # GPT-4o (recorded fail closed from secondary pages) wrote up to the July 2025 release: the
    # Services Agreement in force then forbids building a competing general LLM on it.
    assert commercial["verdict"] == "prohibited"
    gpt4o = of_terms(generator(commercial, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    cc = of_terms(findings(commercial, RSTAR, "dataset"), "cc-by-4.0@")
    assert worst(cc) == "conditional" and "3(a)(1)" in sections(cc)
    assert "580K long-reasoning solutions" in dataset_gap(commercial, RSTAR)
    research = judge(manifest, one(RSTAR), **RESEARCH_INTERNAL)
    assert worst(of_terms(findings(research, RSTAR, "dataset"), "cc-by-4.0@")) == "permitted"


def test_pku_saferlhf_30k_is_non_commercial_with_unnamed_writers(manifest: WriteManifest) -> None:
    name = "PKU-Alignment/PKU-SafeRLHF-30K"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert commercial["verdict"] == "prohibited"
    assert "2(a)(1)" in sections(of_terms(findings(commercial, name, "dataset"), "cc-by-nc-4.0@"))
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert research["verdict"] == "needs-review"
    assert "does not name the models that wrote the responses" in dataset_gap(research, name)


def test_h4_bespoke_copy_is_judged_through_the_original(manifest: WriteManifest) -> None:
    name = "HuggingFaceH4/Bespoke-Stratos-17k"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    apache = of_terms(findings(report, name, "dataset"), "apache-2.0@")
    assert "bespokelabs/Bespoke-Stratos-17k" in lineage_ends(apache)
    assert worst(generator(report, "deepseek-ai/DeepSeek-R1")) == "permitted"
    assert f"The registry records no licence for {name}" in dataset_gap(report, name)


# --- cards not read: named gaps --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NOT_READ)
@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_sets_whose_card_was_not_read_name_that_gap(
    manifest: WriteManifest, name: str, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(name), **project)
    assert report["verdict"] == "needs-review"
    gap = reasons(findings(report, name, "dataset"))
    assert "was not read" in gap or "No copy of its card was read" in gap
