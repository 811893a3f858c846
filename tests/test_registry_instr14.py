"""Issue 12's instruction, preference, function-calling, code and safety datasets (instr14), judged
through `licensecheck check`.

What the pass established, each from a primary source: RewardBench's writers from its repository's
per-model count (OpenAI's GPT-4, GPT-4 Turbo, davinci-003 and GPT-3.5 Turbo among them) and the CC BY-NC
4.0 of an earlier card revision; WildGuardMix's GPT-4 labels (its card); Capybara-Preferences built on
LDJnr/Capybara (its makers' collection); FineTome-100k a subset of The Tome (its publisher's list) and
The Tome's nine sources (its card); Infinity-Instruct's sources and research-only disclaimer (its
project README); airoboros-2.2.1's bare `license: other` card. Each keeps a gap for what is still
unknown, and a known prohibiting writer decides a commercial LLM.
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

REWARD_BENCH = "allenai/reward-bench"
WILDGUARDMIX = "allenai/wildguardmix"
CAPYBARA_PREFS = "argilla/Capybara-Preferences"
FINETOME = "mlabonne/FineTome-100k"
TOME = "arcee-ai/The-Tome"
AIROBOROS_221 = "jondurbin/airoboros-2.2.1"
INFINITY = "BAAI/Infinity-Instruct"
CODE_120K = "sahil2801/code_instructions_120k"
PY_18K = "iamtarun/python_code_instructions_18k_alpaca"
CLASSIFIER = {"kind": "classifier", "release": "internal", "use": "research"}
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research"]


def openai_terms_bar(report: dict[str, Any], ref: str) -> None:
    """`ref` is judged under OpenAI's March 2023 Terms of Use, whose 2(c)(iii) bars a competing model."""
    found = of_terms(generator(report, ref), "openai-terms-of-use@")
    assert worst(found) == "prohibited" and "2(c)(iii)" in sections(found), ref


# --- the catalogue file ----------------------------------------------------------------------------


def test_every_new_dataset_resolves_with_its_source_and_named_gaps() -> None:
    items = entries("datasets-instr14.yaml", "datasets")
    assert {i["id"] for i in items} == {TOME, AIROBOROS_221, CODE_120K}
    assert unresolved_datasets("datasets-instr14.yaml", gap_when_incomplete=True) == []


# --- RewardBench: the repository's per-model count -----------------------------------------------------


def test_reward_bench_records_the_counted_writers_in_their_window() -> None:
    entry = Registry().dataset(REWARD_BENCH)
    assert entry is not None and not entry.generators_complete
    assert {
        "openai:gpt-4",
        "openai:gpt-4-turbo",
        "openai:text-davinci-003",
        "openai:gpt-3.5-turbo",
        "anthropic:claude-1",
        "meta-llama/Llama-2-70b-chat-hf",
    } <= set(entry.generated_by)
    assert {"odc-by-1.0", "cc-by-nc-4.0"} <= set(entry.terms)


def test_reward_bench_commercial_llm_is_barred_by_openai_llama_and_nc(manifest: WriteManifest) -> None:
    report = judge(manifest, one(REWARD_BENCH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    for ref in ("openai:gpt-4", "openai:gpt-4-turbo", "openai:gpt-3.5-turbo"):
        openai_terms_bar(report, ref)
    llama = of_terms(generator(report, "meta-llama/Llama-2-70b-chat-hf"), "llama-2-community-license@")
    assert worst(llama) == "prohibited" and "1.b.v" in sections(llama)
    mine = findings(report, REWARD_BENCH, "dataset")
    assert worst(of_terms(mine, "cc-by-nc-4.0@")) == "prohibited"
    gap = dataset_gap(report, REWARD_BENCH)
    # dolphin-2.0-mistral-7b is catalogued since chat18 (models-chat18.yaml); alpaca-7b is not.
    assert "838 rows" in gap and "alpaca-7b" in gap


def test_reward_bench_internal_classifier_still_needs_review(manifest: WriteManifest) -> None:
    # A classifier does not compete with OpenAI's or Anthropic's models, and the window (to the
    # count's date, 2024-03-07) keeps Claude v1 out of today's usage policy: the unknown writers remain.
    report = judge(manifest, one(REWARD_BENCH), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    for ref in ("openai:gpt-4", "anthropic:claude-1"):
        assert "prohibited" not in {f["verdict"] for f in generator(report, ref)}, ref
    assert "chosen_model and rejected_model columns" in dataset_gap(report, REWARD_BENCH)


# --- WildGuardMix: GPT-4 labels --------------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_wildguardmix_gpt4_labels_decide_an_llm(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(WILDGUARDMIX), **project)
    assert report["verdict"] == "prohibited"
    openai_terms_bar(report, "openai:gpt-4")
    # The suite of open LMs that wrote its responses is still unknown.
    assert f"Not every model that wrote {WILDGUARDMIX} is on record" in dataset_gap(report, WILDGUARDMIX)


def test_wildguardmix_labels_are_dated_to_the_paper() -> None:
    entry = Registry().dataset(WILDGUARDMIX)
    # chat18 added the WildGuard paper's response suite beside GPT-4 (test_registry_chat18.py).
    assert entry is not None and entry.generated_by[0] == "openai:gpt-4"
    assert str(entry.generated[1]) == "2024-06-26"


def test_wildguardmix_internal_classifier_is_not_barred_by_its_labels(manifest: WriteManifest) -> None:
    report = judge(manifest, one(WILDGUARDMIX), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert "prohibited" not in {f["verdict"] for f in generator(report, "openai:gpt-4")}


# --- Capybara-Preferences: built on LDJnr/Capybara ---------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_capybara_preferences_carries_capybaras_openai_writers(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(CAPYBARA_PREFS), **project)
    assert report["verdict"] == "prohibited"
    openai_terms_bar(report, "openai:gpt-4")
    mine = findings(report, CAPYBARA_PREFS, "dataset")
    assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
    # Capybara's CC BY-NC 4.0 comes along through the upstream.
    assert "LDJnr/Capybara" in lineage_ends(of_terms(mine, "cc-by-nc-4.0@"))
    assert "notus-7b-v1" in dataset_gap(report, CAPYBARA_PREFS)


# --- FineTome-100k and The Tome ------------------------------------------------------------------------


def test_finetome_is_a_subset_of_the_tome_and_the_tome_names_its_sources() -> None:
    registry = Registry()
    finetome = registry.dataset(FINETOME)
    assert finetome is not None and finetome.derived_from == (TOME,)
    tome = registry.dataset(TOME)
    assert tome is not None and "mit" in tome.terms and "mit" not in dict(tome.upstream_terms)
    assert {INFINITY, "TIGER-Lab/WebInstructSub", "jondurbin/airoboros-3.2"} <= set(tome.derived_from)


@pytest.mark.parametrize("name", [FINETOME, TOME])
def test_the_tome_and_finetome_carry_airoboros_openai_writers(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    openai_terms_bar(report, "openai:gpt-4")
    assert "cognitivecomputations/SystemChat-2.0" in dataset_gap(report, name)  # The Tome's own gap


def test_finetome_gap_says_what_is_still_unknown(manifest: WriteManifest) -> None:
    report = judge(manifest, one(FINETOME), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, FINETOME)
    assert "100k subset of arcee-ai/The-Tome" in gap
    # No licence of its own is on record.
    assert any(
        not f["terms"] for f in findings(report, FINETOME, "dataset") if f["verdict"] == "needs-review"
    )


def test_the_tome_mit_licence_is_permitted(manifest: WriteManifest) -> None:
    report = judge(manifest, one(TOME), **COMMERCIAL)
    assert worst(of_terms(findings(report, TOME, "dataset"), "mit@")) == "permitted"


# --- airoboros-2.2.1: a bare `license: other` ----------------------------------------------------------


# gaps17 changed a fact here: the card of the author's airoboros-l2-70b-2.2.1 (trained on this set;
# copy in leliuga/cohere-configurations @ 8807f64, models/Airoboros-L2-70b-2.2.1/README.md) says "The
# fine-tuning data was mostly generated by OpenAI API calls to gpt-4", so openai:gpt-4 is a recorded
# writer: an LLM (commercial or research) is now barred by OpenAI's terms; the licence and the rest of
# the writers stay named gaps.
@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_airoboros_221_licence_and_writers_need_review(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(AIROBOROS_221), **project)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, AIROBOROS_221)
    assert "licence tag alone (`other`, no text" in gap
    assert f"Not every model that wrote {AIROBOROS_221} is on record" in gap


def test_airoboros_221_gpt4_writer_bars_a_competing_model(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AIROBOROS_221), **COMMERCIAL)
    assert worst(generator(report, "openai:gpt-4")) == "prohibited"


def test_airoboros_221_declared_licence_does_not_settle_it(manifest: WriteManifest) -> None:
    # A declared Apache-2.0 does not lift the unmapped `other` (an internal classifier, which OpenAI's
    # bar on competing models does not reach; for an LLM the GPT-4 writer decides, see above).
    report = judge(manifest, one(AIROBOROS_221, "Apache-2.0"), kind="classifier", release="internal")
    assert report["verdict"] == "needs-review"
    assert "licence tag alone" in dataset_gap(report, AIROBOROS_221)


# --- Infinity-Instruct: its README's sources and disclaimer ------------------------------------------------


def test_infinity_instruct_records_its_readme_sources() -> None:
    entry = Registry().dataset(INFINITY)
    assert entry is not None and not entry.generators_complete
    assert {
        "teknium/OpenHermes-2.5",
        "glaiveai/glaive-code-assistant-v3",
        "microsoft/orca-math-word-problems-200k",
        "hkust-nlp/deita-10k-v0",
    } <= set(entry.derived_from)
    assert "LicenseRef-infinity-instruct-research-only-disclaimer" in str(entry.license)


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_infinity_instruct_sources_decide_an_llm(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(INFINITY), **project)
    assert report["verdict"] == "prohibited"
    openai_terms_bar(report, "openai:gpt-4")
    gap = dataset_gap(report, INFINITY)
    assert "AI assistants" in gap and "Replete-AI/code_bagel_hermes-2.5" in gap
    assert "LicenseRef-infinity-instruct-research-only-disclaimer" in gap


def test_infinity_instruct_share_alike_is_judged_beside_the_disclaimer(manifest: WriteManifest) -> None:
    report = judge(manifest, one(INFINITY), **COMMERCIAL)
    mine = findings(report, INFINITY, "dataset")
    assert worst(of_terms(mine, "cc-by-sa-4.0@")) == "conditional"
    assert "research-only-disclaimer" in reasons(mine)


# --- python_code_instructions_18k_alpaca: taken from code_instructions_120k ------------------------------


def test_python_18k_names_its_upstream_and_both_gaps(manifest: WriteManifest) -> None:
    entry = Registry().dataset(PY_18K)
    assert entry is not None and entry.derived_from == (CODE_120K,)
    report = judge(manifest, one(PY_18K), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, PY_18K)
    assert "it takes its rows from sahil2801/code_instructions_120k" in gap
    assert f"The card of {CODE_120K} was not read" in gap  # the upstream's own gap comes along


def test_vezora_hub_licence_is_recorded_and_its_writers_stay_a_gap(manifest: WriteManifest) -> None:
    name = "Vezora/Tested-143k-Python-Alpaca"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) == "permitted"
    assert "its sources and writers are not on record" in dataset_gap(report, name)
