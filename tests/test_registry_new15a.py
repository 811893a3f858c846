"""Issue 12, new15a: popular instruction-tuning datasets (datasets-new15a.yaml), judged through
`licensecheck check`.

Most were written by OpenAI models, so a commercial general LLM meets OpenAI's competing-model clause
while an internal classifier only needs review; the CAMEL, LaMini and Alpaca-GPT4 sets add their
non-commercial licences (a copy's permissive card cannot lift its source's CC BY-NC 4.0). ShareGPT
and WizardVicuna conversations carry unmapped licence placeholders; sets whose writers no source
names (Dolphin 2.9's parts, SystemChat, Samantha, the GPT4All-J additions, ...) are named gaps. The
catalogued models whose cards list these sets (WizardLM-7B, OpenChat 3.5, MPT-30B-Chat, SOLAR
Instruct, Dolphin 2.9) now judge the sets' writers as generators."""

from __future__ import annotations

from typing import Any

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
    reasons,
    sections,
    worst,
)
from tests.test_registry_families_2026 import OTHER, teacher
from tests.test_registry_families_2026 import judge as judge_body

FILE = "datasets-new15a.yaml"
CLASSIFIER: dict[str, Any] = {"kind": "classifier", "release": "internal"}
OPENAI_2023 = "openai-terms-of-use@2023-03-14"


def test_every_entry_resolves_as_written() -> None:
    assert unresolved_datasets(FILE) == []


# --- OpenAI-written sets: commercial general LLM vs internal classifier --------------------------


@pytest.mark.parametrize(
    ("name", "writer", "licence"),
    [
        ("teknium/GPTeacher-CodeInstruct", "openai:gpt-4", "mit@"),
        ("teknium/GPTeacher-General-Instruct", "openai:gpt-4", "mit@"),
        ("tiedong/goat", "chatgpt:unspecified", "apache-2.0@"),
    ],
)
def test_permissive_set_of_openai_text_is_prohibited_for_a_commercial_llm(
    manifest: WriteManifest, name: str, writer: str, licence: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    own = of_terms(findings(report, name, "dataset"), licence)
    assert worst(own) == "permitted"
    terms = of_terms(generator(report, writer), OPENAI_2023)
    assert worst(terms) == "prohibited" and "2(c)(iii)" in sections(terms)
    assert "Not every model that wrote" not in reasons(findings(report, name, "dataset"))


@pytest.mark.parametrize("name", ["teknium/GPTeacher-CodeInstruct", "tiedong/goat"])
def test_internal_classifier_on_the_same_sets_only_needs_review(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert not [f for f in findings(report, role="generator") if f["verdict"] == "prohibited"]


def test_goat_records_chatgpt_for_its_templates_only() -> None:
    entry = Registry().dataset("tiedong/goat")
    assert entry is not None and entry.generators_complete
    assert list(entry.generated_by) == ["chatgpt:unspecified"]


# --- Non-commercial sets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "writer"),
    [
        ("camel-ai/ai_society", "openai:gpt-3.5-turbo"),
        ("camel-ai/code", "openai:gpt-3.5-turbo"),
        ("camel-ai/math", "openai:gpt-4"),
        ("MBZUAI/LaMini-instruction", "openai:gpt-3.5-turbo"),
    ],
)
def test_cc_by_nc_sets_decide_a_commercial_project_and_allow_research(
    manifest: WriteManifest, name: str, writer: str
) -> None:
    commercial = judge(manifest, one(name), **COMMERCIAL)
    nc = of_terms(findings(commercial, name, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert worst(of_terms(generator(commercial, writer), OPENAI_2023)) == "prohibited"
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(of_terms(findings(research, name, "dataset"), "cc-by-nc-4.0@")) == "conditional"


def test_camel_math_is_the_catalogues_gpt4_record_not_the_dpis() -> None:
    entry = Registry().dataset("camel-ai/math")
    assert entry is not None and entry.provenance is None
    assert list(entry.generated_by) == ["openai:gpt-4"] and entry.generators_complete


def test_lamini_brings_alpacas_instructions_along(manifest: WriteManifest) -> None:
    report = judge(manifest, one("MBZUAI/LaMini-instruction"), **COMMERCIAL)
    alpaca = of_terms(findings(report, "MBZUAI/LaMini-instruction", "dataset"), "stanford-alpaca-data@")
    assert worst(alpaca) == "prohibited" and "tatsu-lab/alpaca" in lineage_ends(alpaca)
    generator(report, "openai:text-davinci-003")


@pytest.mark.parametrize("name", ["c-s-ale/alpaca-gpt4-data", "llm-wizard/alpaca-gpt4-data"])
def test_alpaca_gpt4_copy_cannot_be_made_commercial_by_its_cc_by_card(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    found = findings(report, name, "dataset")
    assert worst(of_terms(found, "cc-by-4.0@")) != "prohibited"
    assert worst(of_terms(found, "cc-by-nc-4.0@")) == "prohibited"
    assert worst(of_terms(found, "stanford-alpaca-data@")) == "prohibited"
    assert worst(of_terms(generator(report, "openai:gpt-4"), OPENAI_2023)) == "prohibited"


def test_first_evol_instruct_upload_is_judged_through_wizardlms_set(manifest: WriteManifest) -> None:
    name = "victor123/evol_instruct_70k"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    found = findings(report, name, "dataset")
    assert "WizardLMTeam/WizardLM_evol_instruct_70k" in lineage_ends(found)
    assert worst(of_terms(found, "cc-by-nc-4.0@")) == "conditional"
    # OpenAI's clause reaches a research general LLM too.
    assert worst(of_terms(generator(report, "openai:gpt-3.5-turbo"), OPENAI_2023)) == "prohibited"
    generator(report, "openai:text-davinci-003")


# --- Conversations nobody licensed ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["openchat/openchat_sharegpt4_dataset", "jeffwan/sharegpt_vicuna"])
def test_sharegpt_copies_keep_the_unlicensed_conversations_gap(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "Apache-2.0"), **RESEARCH_INTERNAL)
    assert "LicenseRef-sharegpt-unlicensed-conversations" in dataset_gap(report, name)
    gpt4 = of_terms(generator(report, "chatgpt:gpt-4"), OPENAI_2023)
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)


@pytest.mark.parametrize(
    "name", ["ehartford/wizard_vicuna_70k_unfiltered", "cognitivecomputations/wizard_vicuna_70k_unfiltered"]
)
def test_unfiltered_wizard_vicuna_carries_its_sources_terms(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    found = findings(report, name, "dataset")
    assert worst(of_terms(found, "apache-2.0@")) == "permitted"
    assert "LicenseRef-wizard-vicuna-openai-terms" in dataset_gap(report, name)
    nc = of_terms(found, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "junelee/wizard_vicuna_70k" in lineage_ends(nc)
    generator(report, "openai:gpt-3.5-turbo")
    generator(report, "chatgpt:gpt-3.5-turbo")


# --- Named gaps -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "gap"),
    [
        ("nomic-ai/gpt4all-j-prompt-generations", "GPT4All-J added"),
        ("jondurbin/airoboros-gpt4-1.2", "own card text was not read"),
        ("cognitivecomputations/Dolphin-2.9", "card holds only its licence"),
        ("cognitivecomputations/dolphin-coder", "LeetCode and Rosetta Code"),
        ("cognitivecomputations/samantha-data", "which OpenAI model it called"),
        ("abacusai/SystemChat-1.1", "SystemConversations.jsonl"),
        ("cognitivecomputations/SystemChat-2.0", "SystemChat_filtered.jsonl"),
        ("internlm/Agent-FLAN", "ToolBench"),
        ("PawanKrd/math-gpt-4o-200k", "name only"),
        ("tatsu-lab/alpaca_farm", "simulated (noisy multi-annotator) preferences"),
        ("Yukang/LongAlpaca-12k", "9k long QA pairs"),
        ("QingyiSi/Alpaca-CoT", "many instruction sets"),
        ("Muennighoff/flan", "declares no licence"),
        ("shibing624/sharegpt_gpt4", "Chinese 38K"),
        ("CollectiveCognition/chats-data-2023-09-27", "100"),
        ("arcee-ai/agent-data", "four datasets"),
        ("arcee/agent_data", "not verified"),
    ],
)
def test_unnamed_writers_are_a_named_gap(manifest: WriteManifest, name: str, gap: str) -> None:
    report = judge(manifest, one(name), **CLASSIFIER)
    assert report["verdict"] in ("needs-review", "prohibited")
    assert gap in dataset_gap(report, name)


def test_openorca_flan_is_judged_through_openorca(manifest: WriteManifest) -> None:
    # Its own MIT is OpenOrca's too; OpenOrca's GPT-4 and GPT-3.5 writers come along (fail closed).
    name = "imone/OpenOrca_FLAN"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert worst(findings(report, name, "dataset")) == "permitted"
    for ref in ("openai:gpt-4", "openai:gpt-3.5-turbo"):
        got = of_terms(generator(report, ref), OPENAI_2023)
        assert worst(got) == "prohibited" and f"wrote the dataset {name}" in reasons(got)


# --- Catalogued models whose cards list these sets --------------------------------------------------


def writer_of(report: dict[str, Any], ref: str, dataset: str) -> list[dict[str, Any]]:
    return [f for f in generator(report, ref) if any(dataset in r for r in f["reasons"])]


@pytest.mark.parametrize(
    ("model", "writer", "dataset"),
    [
        ("WizardLM/WizardLM-7B-V1.0", "openai:gpt-3.5-turbo", "victor123/evol_instruct_70k"),
        ("openchat/openchat_3.5", "chatgpt:gpt-4", "openchat/openchat_sharegpt4_dataset"),
        ("openchat/openchat_3.5", "chatgpt:unspecified", "tiedong/goat"),
        ("mosaicml/mpt-30b-chat", "openai:gpt-3.5-turbo", "camel-ai/ai_society"),
        ("upstage/SOLAR-10.7B-Instruct-v1.0", "openai:gpt-4", "c-s-ale/alpaca-gpt4-data"),
        ("stabilityai/stablelm-2-zephyr-1_6b", "chatgpt:gpt-4", "openchat/openchat_sharegpt4_dataset"),
    ],
)
def test_model_cards_training_data_brings_its_writers(
    manifest: WriteManifest, model: str, writer: str, dataset: str
) -> None:
    report = judge_body(manifest, teacher(model), base=OTHER, **RESEARCH_INTERNAL)
    got = writer_of(report, writer, dataset)
    assert got and worst(of_terms(got, OPENAI_2023)) == "prohibited", reasons(generator(report, writer))
    taught = findings(report, model, "teacher")
    assert not any(dataset in r and "does not know" in r for f in taught for r in f["reasons"])


def test_dolphin_29_student_names_its_data_gaps(manifest: WriteManifest) -> None:
    model = "cognitivecomputations/dolphin-2.9-llama3-8b"
    report = judge_body(manifest, teacher(model), base=OTHER, **RESEARCH_INTERNAL)
    taught = reasons(findings(report, model, "teacher"))
    assert "trained on cognitivecomputations/Dolphin-2.9, which the registry does not know" not in taught
    for name in ("cognitivecomputations/Dolphin-2.9", "abacusai/SystemChat-1.1", "internlm/Agent-FLAN"):
        assert f"trained on {name}, and not every model that wrote it is on record" in taught, name


@pytest.mark.parametrize(
    ("name", "via"),
    [
        ("tatsu-lab/alpaca_farm", "tatsu-lab/alpaca_farm"),
        ("Yukang/LongAlpaca-12k", "Yukang/LongAlpaca-12k"),
        ("QingyiSi/Alpaca-CoT", "its alpacaGPT4/alpaca_gpt4_data.json (GPT-4-LLM)"),
    ],
)
def test_research_only_sets_and_their_permissive_wrappers_stop_a_commercial_project(
    manifest: WriteManifest, name: str, via: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and via in lineage_ends(nc), [f["lineage"] for f in nc]
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(of_terms(findings(research, name, "dataset"), "cc-by-nc-4.0@")) == "conditional"


def test_feedback_collection_is_complete_from_the_prometheus_paper(manifest: WriteManifest) -> None:
    name = "kaist-ai/Feedback-Collection"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete and list(entry.generated_by) == ["openai:gpt-4"]
    report = judge(manifest, one(name), **COMMERCIAL)
    assert worst(of_terms(findings(report, name, "dataset"), "cc-by-4.0@")) == "conditional"
    assert worst(of_terms(generator(report, "openai:gpt-4"), OPENAI_2023)) == "prohibited"
    assert "Not every model that wrote" not in reasons(findings(report, name, "dataset"))


def test_samantha_is_written_by_an_unnamed_openai_model(manifest: WriteManifest) -> None:
    name = "cognitivecomputations/samantha-data"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert worst(of_terms(generator(report, "openai:unspecified"), OPENAI_2023)) == "prohibited"
    assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) == "permitted"
