"""Issue 12, session 17 (gaps17): gaps of earlier entries closed or narrowed from cards read this time,
judged through `licensecheck check`.

New in models-gaps17.yaml: deepseek-ai/DeepSeek-R1-0528-Qwen3-8B (MIT, post-trained from Qwen3 8B Base:
the DeepSeek-R1-0528 card), the fourth writer of PrimeIntellect/SYNTHETIC-2. Edited in place:
jondurbin/bagel-7b-v0.1 (Apache-2.0, Mistral-7B-v0.1 base, from its card), jondurbin/airoboros-2.2.1
(mostly GPT-4-written, from the card of the author's model trained on it), tasksource/bigbench (its
card's Apache-2.0) and Muennighoff/flan (its card, read: no licence)."""

from __future__ import annotations

from licensecheck.registry import Registry
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

R1_QWEN3_8B = "deepseek-ai/DeepSeek-R1-0528-Qwen3-8B"
SYNTHETIC2 = "PrimeIntellect/SYNTHETIC-2"
AIROBOROS_221 = "jondurbin/airoboros-2.2.1"
PY_DPO = "jondurbin/py-dpo-v0.1"
BAGEL = "jondurbin/bagel-7b-v0.1"
AIROBOROS_31 = "jondurbin/airoboros-l2-13b-3.1"
TASKSOURCE_BIGBENCH = "tasksource/bigbench"
FLAN = "Muennighoff/flan"
INTERNAL_CLASSIFIER = {"kind": "classifier", "release": "internal"}


# --- DeepSeek-R1-0528-Qwen3-8B and SYNTHETIC-2 ------------------------------------------------------


def test_r1_0528_qwen3_8b_is_mit_over_qwen3_8b_base() -> None:
    entry = Registry().model(R1_QWEN3_8B)
    assert entry is not None and not entry.is_pattern
    assert entry.terms == ("mit",) and entry.family == "deepseek-r1"
    assert entry.base_models == ("Qwen/Qwen3-8B-Base",) and entry.gap is None
    base = Registry().model("Qwen/Qwen3-8B-Base")
    assert base is not None and base.family == "qwen3"  # the base's own entry (a pattern) exists


def test_synthetic_2_judges_all_four_named_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SYNTHETIC2), **COMMERCIAL)
    found = generator(report, R1_QWEN3_8B)
    assert worst(found) == "permitted"
    assert of_terms(found, "mit@")  # DeepSeek's MIT
    assert any("Qwen/Qwen3-8B-Base" in f["lineage"] for f in of_terms(found, "apache-2.0@"))
    # Still needs review: the card does not say where the task prompts come from.
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, SYNTHETIC2)
    assert "task prompts" in gap and R1_QWEN3_8B not in gap


# --- airoboros-2.2.1: GPT-4 wrote most of it ----------------------------------------------------------


def test_airoboros_221_gpt4_writer_bars_an_llm(manifest: WriteManifest) -> None:
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(AIROBOROS_221), **project)
        assert report["verdict"] == "prohibited"
        found = generator(report, "openai:gpt-4")
        assert worst(found) == "prohibited"
        assert "mostly" in dataset_gap(report, AIROBOROS_221)


def test_airoboros_221_licence_stays_a_gap_where_openai_does_not_decide(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AIROBOROS_221), **INTERNAL_CLASSIFIER)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, AIROBOROS_221)
    assert "ambiguous" in gap and "airoboros-summarization" in gap


# --- py-dpo-v0.1's writers: bagel's card read, airoboros-l2-13b-3.1's not found ----------------------


def test_bagel_is_apache_over_mistral_with_its_card_data() -> None:
    entry = Registry().model(BAGEL)
    assert entry is not None and entry.terms == ("apache-2.0",) and entry.gap is None
    assert entry.base_models == ("mistralai/Mistral-7B-v0.1",)
    assert "unalignment/spicy-3.1" in entry.datasets and "Vezora/Tested-22k-Python-Alpaca" in entry.datasets
    other = Registry().model(AIROBOROS_31)
    assert other is not None and other.gap is not None and other.terms == ()


def test_py_dpo_bagel_writer_is_permitted_but_the_chosen_answers_stay_a_gap(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(PY_DPO), **RESEARCH_INTERNAL)
    assert worst(generator(report, BAGEL)) == "permitted"
    assert worst(generator(report, AIROBOROS_31)) == "needs-review"
    assert report["verdict"] == "needs-review"
    assert "Vezora/Tested-22k-Python-Alpaca" in dataset_gap(report, PY_DPO)


# --- tasksource/bigbench and Muennighoff/flan: their cards ------------------------------------------


def test_tasksource_bigbench_has_its_own_apache_licence(manifest: WriteManifest) -> None:
    entry = Registry().dataset(TASKSOURCE_BIGBENCH)
    assert entry is not None and entry.license == "Apache-2.0"
    report = judge(manifest, one(TASKSOURCE_BIGBENCH), **RESEARCH_INTERNAL)
    mine = findings(report, TASKSOURCE_BIGBENCH, "dataset")
    assert TASKSOURCE_BIGBENCH in lineage_ends(of_terms(mine, "apache-2.0@"))
    # The per-task custom licences (the DPI's record) still need review.
    assert report["verdict"] == "needs-review"
    assert "LicenseRef-bigbench-tasks-custom-licences" in reasons(mine)


def test_flan_card_declares_no_licence(manifest: WriteManifest) -> None:
    entry = Registry().dataset(FLAN)
    assert entry is not None and entry.license is None and not entry.generators_complete
    report = judge(manifest, one(FLAN), **COMMERCIAL)
    # cards18: prohibited since its card's task list brings the templated sets (SAMSum's CC BY-NC-ND)
    assert report["verdict"] == "prohibited"
    assert "card declares no licence" in dataset_gap(report, FLAN)


def test_openai_bar_cites_a_section(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AIROBOROS_221), **COMMERCIAL)
    assert sections(generator(report, "openai:gpt-4"))


# --- TRL's copy of OpenAI's descriptiveness labels ------------------------------------------------


def test_lm_human_preferences_samples_are_gpt2_large_over_bookcorpus(manifest: WriteManifest) -> None:
    name = "trl-lib/lm-human-preferences-descriptiveness"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert worst(generator(report, "openai-community/gpt2-large")) == "permitted"
    assert report["verdict"] == "needs-review"
    mine = findings(report, name, "dataset")
    assert "LicenseRef-bookcorpus-no-licence-granted" in reasons(mine)
    assert "declares no licence" in dataset_gap(report, name)
