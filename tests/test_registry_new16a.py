"""Issue 12, new16a: popular post-training datasets that were in no record (datasets-new16a.yaml),
judged through `licensecheck check`.

The Tulu 3 preference sets carry GPT-4o's preference labels (open-instruct's synthetic preference
pipeline), so a general LLM meets OpenAI's competing-model clause while an internal classifier only
needs review; their on-policy responses come from Llama 3.1 Tulu 3 SFT models, whose Llama 3.1
licence binds the naming rule. Magpie Ultra v1.0 is judged through the four models its pipeline ran,
WildChat-nontoxic through its OpenAI writers and its unencoded ImpACT licence, and the H4/TRL copies
through the catalogued sets they re-publish. Sets whose cards were not read stay named gaps."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    NOT_OPEN,
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

FILE = "datasets-new16a.yaml"
CLASSIFIER: dict[str, Any] = {"kind": "classifier", "use": "research", "release": "internal"}
LLAMA_STUDENT: dict[str, Any] = {"student": "Llama-Acme-8B", "base": "meta-llama/Llama-3.1-8B"}
SERVICES = "openai-services-agreement@"


def test_every_entry_resolves_as_written() -> None:
    assert unresolved_datasets(FILE) == []


# --- Tulu 3 preference sets: GPT-4o labels ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "judge_ref"),
    [
        ("allenai/tulu-3-wildchat-if-on-policy-8b", "openai:gpt-4o-2024-08-06"),
        ("allenai/tulu-3-IF-augmented-on-policy-70b", "openai:gpt-4o-2024-08-06"),
        ("allenai/llama-3.1-tulu-3-70b-preference-mixture", "openai:gpt-4o-2024-08-06"),
        ("allenai/tulu-3-pref-personas-instruction-following", "openai:gpt-4o"),
    ],
)
def test_tulu3_preference_sets_carry_gpt4o_labels(manifest: WriteManifest, name: str, judge_ref: str) -> None:
    llm = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert llm["verdict"] == "prohibited"
    terms = of_terms(generator(llm, judge_ref), SERVICES)
    assert worst(terms) == "prohibited" and "3.3(e)" in sections(terms)
    classifier = judge(manifest, one(name), **CLASSIFIER)
    assert classifier["verdict"] == "needs-review"
    assert worst(of_terms(generator(classifier, judge_ref), SERVICES)) == "needs-review"


@pytest.mark.parametrize(
    ("name", "sft"),
    [
        ("allenai/tulu-3-wildchat-if-on-policy-8b", "allenai/Llama-3.1-Tulu-3-8B-SFT"),
        ("allenai/tulu-3-IF-augmented-on-policy-70b", "allenai/Llama-3.1-Tulu-3-70B-SFT"),
        ("allenai/llama-3.1-tulu-3-70b-preference-mixture", "allenai/Llama-3.1-Tulu-3-70B-SFT"),
    ],
)
def test_on_policy_tulu3_responses_bind_the_llama_naming_rule(
    manifest: WriteManifest, name: str, sft: str
) -> None:
    other = of_terms(
        generator(judge(manifest, one(name), base=NOT_OPEN), sft), "llama-3.1-community-license@"
    )
    assert worst(other) == "prohibited" and "1.b.i" in sections(other)
    llama = judge(manifest, one(name), **LLAMA_STUDENT)
    assert worst(of_terms(generator(llama, sft), "llama-3.1-community-license@")) != "prohibited"


def test_tulu3_70b_mixture_records_the_cards_first_models_and_its_gap(manifest: WriteManifest) -> None:
    name = "allenai/llama-3.1-tulu-3-70b-preference-mixture"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL, base=NOT_OPEN)
    for ref in ("google/gemma-2-9b-it", "01-ai/Yi-6B-Chat", "mosaicml/mpt-30b-chat"):
        generator(report, ref)
    # Since core17 the whole model pool is recorded (Tulu 3 report, Table 38); the prompts its
    # uncatalogued source sets reuse are the gap (tests/test_registry_core17.py).
    assert "six uncatalogued source sets" in dataset_gap(report, name)
    assert "allenai/tulu-3-IF-augmented-on-policy-70b" in dataset_gap(report, name)


def test_pref_personas_brings_the_sft_persona_set_along(manifest: WriteManifest) -> None:
    name = "allenai/tulu-3-pref-personas-instruction-following"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    data = findings(report, name, "dataset")
    assert worst(of_terms(data, "odc-by-1.0@")) == "permitted"
    assert worst(of_terms(generator(report, "openai:gpt-4o"), SERVICES)) == "prohibited"
    entry = Registry().dataset(name)
    assert entry is not None and "allenai/tulu-3-sft-personas-instruction-following" in entry.derived_from
    assert "rejected_model columns" in dataset_gap(report, name)


# --- Tulu 3 RLVR prompts -------------------------------------------------------------------------


def test_rlvr_ifeval_prompts_bring_the_tulu2_mixture_along(manifest: WriteManifest) -> None:
    name = "allenai/RLVR-IFeval"
    report = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] == "prohibited"
    data = findings(report, name, "dataset")
    assert "allenai/tulu-v2-sft-mixture" in lineage_ends(data)
    assert worst(of_terms(generator(report, "openai:gpt-4"), SERVICES)) == "prohibited"
    entry = Registry().dataset(name)
    assert entry is not None and "allenai/tulu-v2-sft-mixture" in entry.writers_unknown_upstream


def test_rlvr_math_needs_review_for_its_undeclared_licence(manifest: WriteManifest) -> None:
    # its card was read since (cards17): it declares no licence (tests/test_registry_cards17.py)
    name = "allenai/RLVR-MATH"
    report = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] == "needs-review"
    assert "holds only the MATH train set" in dataset_gap(report, name)
    entry = Registry().dataset(name)
    assert entry is not None and entry.derived_from == ("hendrycks/competition_math",)


# --- Magpie Ultra v1.0 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("student", "verdict"),
    [("Acme-8B", "prohibited"), ("Llama-Acme-8B", "conditional")],
    ids=["unnamed", "named"],
)
def test_magpie_ultra_v1_writer_binds_the_llama_31_naming_rule(
    manifest: WriteManifest, student: str, verdict: str
) -> None:
    report = judge(manifest, one("argilla/magpie-ultra-v1.0"), **COMMERCIAL, student=student, base=NOT_OPEN)
    writer = of_terms(
        generator(report, "meta-llama/Meta-Llama-3.1-405B-Instruct-FP8"), "llama-3.1-community-license@"
    )
    assert worst(writer) == verdict and "1.b.i" in sections(writer)


def test_magpie_ultra_v1_armorm_scores_carry_the_llama3_clause(manifest: WriteManifest) -> None:
    name = "argilla/magpie-ultra-v1.0"
    llama = judge(manifest, one(name), **RESEARCH_INTERNAL, **LLAMA_STUDENT)
    assert llama["verdict"] == "prohibited"
    scores = of_terms(generator(llama, "RLHFlow/ArmoRM-Llama3-8B-v0.1"), "llama-3-community-license@")
    assert worst(scores) == "prohibited" and "1.b.v" in sections(scores)
    classifier = judge(manifest, one(name), **CLASSIFIER)
    assert classifier["verdict"] == "needs-review"
    assert "argilla/magpie-ultra-v1.0's card (its licence) was not read" in dataset_gap(classifier, name)


# --- WildChat-nontoxic --------------------------------------------------------------------------


def test_wildchat_nontoxic_is_openai_text_under_an_unencoded_impact_licence(manifest: WriteManifest) -> None:
    name = "allenai/WildChat-nontoxic"
    llm = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert llm["verdict"] == "prohibited"
    assert worst(of_terms(generator(llm, "openai:gpt-4"), "openai-terms-of-use@2023-03-14")) == "prohibited"
    declared = judge(manifest, one(name, "ODC-By-1.0"), **CLASSIFIER)
    assert declared["verdict"] == "needs-review"
    gap = dataset_gap(declared, name)
    assert "LicenseRef-ai2-impact-license-low-risk" in gap and "moderation" in gap
    assert "allenai/WildChat" in lineage_ends(findings(declared, name, "dataset"))


# --- H4 / TB / TRL sets ----------------------------------------------------------------------------


def test_numina_r1_distill_sample_judges_its_writer_and_numina_tir(manifest: WriteManifest) -> None:
    name = "HuggingFaceH4/numina-deepseek-r1-qwen-7b"
    report = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] == "prohibited"
    assert worst(generator(report, "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")) == "permitted"
    assert "AI-MO/NuminaMath-TIR" in lineage_ends(findings(report, name, "dataset"))
    assert worst(of_terms(generator(report, "openai:gpt-4o"), SERVICES)) == "prohibited"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete


def test_h4_ifeval_and_its_read_copy_are_googles_apache_prompts(manifest: WriteManifest) -> None:
    # wis-k's card was read since (cards17): Apache-2.0, IFEval's 541 prompts
    for name in ("HuggingFaceH4/ifeval", "wis-k/instruction-following-eval"):
        report = judge(manifest, one(name), **COMMERCIAL)
        assert report["verdict"] == "permitted"
        assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) == "permitted"
        assert not findings(report, role="generator")


def test_trl_zen_is_hand_written_apache_data(manifest: WriteManifest) -> None:
    report = judge(manifest, one("trl-internal-testing/zen"), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] != "prohibited"
    assert worst(findings(report, "trl-internal-testing/zen", "dataset")) == "permitted"
    assert not findings(report, role="generator")


@pytest.mark.parametrize(
    ("student", "verdict"),
    [("Acme-8B", "prohibited"), ("Llama-Acme-8B", "needs-review")],
    ids=["unnamed", "named"],
)
def test_smollm_everyday_conversations_are_llama_31_output(
    manifest: WriteManifest, student: str, verdict: str
) -> None:
    name = "HuggingFaceTB/everyday-conversations-llama3.1-2k"
    report = judge(manifest, one(name), **COMMERCIAL, student=student, base=NOT_OPEN)
    assert report["verdict"] == verdict
    writer = of_terms(generator(report, "meta-llama/Llama-3.1-70B-Instruct"), "llama-3.1-community-license@")
    assert worst(writer) == ("prohibited" if verdict == "prohibited" else "conditional")
    assert "1.b.i" in sections(writer)
    assert "its licence is not on record" in dataset_gap(report, name)


@pytest.mark.parametrize(
    ("name", "upstream", "writer"),
    [
        ("RLHFlow/pair_data_v2_80K_wsafety", "lmsys/lmsys-arena-human-preference-55k", "openai:gpt-4"),
        ("trl-lib/Capybara", "LDJnr/Capybara", "openai:gpt-4"),
        (
            "HuggingFaceH4/orca-math-word-problems-200k",
            "microsoft/orca-math-word-problems-200k",
            "openai:gpt-4-turbo",
        ),
    ],
)
def test_copies_bring_their_sources_openai_writers(
    manifest: WriteManifest, name: str, upstream: str, writer: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] == "prohibited"
    assert upstream in lineage_ends(findings(report, name, "dataset"))
    assert worst(of_terms(generator(report, writer), "openai-")) == "prohibited"
    assert "card was not read" in dataset_gap(report, name)


@pytest.mark.parametrize(
    "name",
    [
        "HuggingFaceTB/self-oss-instruct",
        "lmarena-ai/arena-human-preference-100k",
        "trl-lib/lm-human-preferences-descriptiveness",
    ],
)
def test_unread_sets_are_named_gaps_not_unknown_data(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL, base=NOT_OPEN)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, name)
    assert name in gap and "no catalogue" not in reasons(findings(report, name, "dataset"))
