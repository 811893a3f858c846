"""Issue 12, evals12 pass: the LMSYS-Chat-1M Dataset License Agreement (recorded verbatim from a copy
of the lmsys/lmsys-chat-1m card, registry/terms/lmsys-chat-1m-dataset-license-agreement), and the
evaluation, multimodal and other datasets of datasets-evals12.yaml, judged through
`licensecheck check`.
"""

from __future__ import annotations

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    NOT_OPEN,
    RESEARCH_INTERNAL,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

CHAT_1M = "lmsys/lmsys-chat-1m"
AGREEMENT = "lmsys-chat-1m-dataset-license-agreement"
OPENHERMES = "teknium/OpenHermes-2.5"


# --- the LMSYS-Chat-1M Dataset License Agreement ------------------------------------------------


def test_lmsys_agreement_is_mapped_and_grants_training() -> None:
    registry = Registry()
    entry = registry.dataset(CHAT_1M)
    assert entry is not None and entry.license == f"LicenseRef-{AGREEMENT}"
    terms = registry.terms(AGREEMENT)
    assert terms is not None and terms.kind.value == "data-license"
    assert "grant" in terms.provisions and "non-commercial" not in terms.provisions
    assert registry.terms_for_spdx(f"LicenseRef-{AGREEMENT}") == AGREEMENT


def test_lmsys_chat_1m_licence_is_judged_not_a_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M), **COMMERCIAL)
    mine = findings(report, CHAT_1M, "dataset")
    agreement = of_terms(mine, f"{AGREEMENT}@")
    # Training models is granted "for both research and commercial purposes".
    assert agreement and worst(agreement) == "permitted"
    assert "grant (closing paragraph)" in sections(agreement)
    assert f"The licence LicenseRef-{AGREEMENT} of {CHAT_1M} is not in the registry" not in reasons(mine)
    # The writers still decide (Llama 1 models and OpenAI's terms forbid a commercial LLM) ...
    assert report["verdict"] == "prohibited"
    # ... and the list of 25 models stays incomplete.
    assert f"Not every model that wrote {CHAT_1M} is on record" in reasons(mine)


def test_lmsys_chat_1m_research_project_still_needs_review_for_its_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M), **RESEARCH_INTERNAL)
    mine = findings(report, CHAT_1M, "dataset")
    assert worst(of_terms(mine, f"{AGREEMENT}@")) == "permitted"
    assert report["verdict"] in ("needs-review", "prohibited")


def test_a_declared_licence_does_not_replace_the_agreement(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M, "MIT"), release="internal", base=NOT_OPEN)
    mine = findings(report, CHAT_1M, "dataset")
    assert of_terms(mine, f"{AGREEMENT}@")


def test_openhermes_upstream_agreement_is_judged(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OPENHERMES), **RESEARCH_INTERNAL)
    mine = findings(report, OPENHERMES, "dataset")
    assert worst(of_terms(mine, f"{AGREEMENT}@")) == "permitted"
    assert f"LicenseRef-{AGREEMENT}" not in reasons([f for f in mine if f["verdict"] == "needs-review"])


# --- the catalogue file ----------------------------------------------------------------------------


def test_every_new_dataset_resolves_with_a_source() -> None:
    assert unresolved_datasets("datasets-evals12.yaml") == []


HUMAN_WRITTEN_DEFINITE = [
    ("openai/MMMLU", "mit@"),
    ("qiaojin/PubMedQA", "mit@"),
    ("pubmed_qa", "mit@"),
    ("Salesforce/wikitext", "cc-by-sa-3.0@"),
    ("wikitext", "cc-by-sa-3.0@"),
]


@pytest.mark.parametrize(
    ("name", "terms"), HUMAN_WRITTEN_DEFINITE, ids=[n for n, _ in HUMAN_WRITTEN_DEFINITE]
)
def test_human_written_sets_are_decided_by_their_licence(
    manifest: WriteManifest, name: str, terms: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert not findings(report, role="generator")
    assert of_terms(mine, terms) and worst(mine) in ("permitted", "conditional")
    assert report["verdict"] in ("permitted", "conditional")


def test_mmmlu_carries_mmlu_along(manifest: WriteManifest) -> None:
    report = judge(manifest, one("openai/MMMLU"), **COMMERCIAL)
    assert report["verdict"] == "permitted"
    assert "paragraph 1" in sections(findings(report, "openai/MMMLU", "dataset"))
    assert Registry().dataset("openai/MMMLU").derived_from == ("cais/mmlu",)  # type: ignore[union-attr]


def test_wikitext_share_alike_binds_a_released_model(manifest: WriteManifest) -> None:
    report = judge(manifest, one("Salesforce/wikitext"), **COMMERCIAL)
    assert report["verdict"] == "conditional"
    assert "4(b)" in sections(findings(report, "Salesforce/wikitext", "dataset"))


def test_wikitext_document_level_takes_wikitext_licence(manifest: WriteManifest) -> None:
    name = "EleutherAI/wikitext_document_level"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    mine = findings(report, name, "dataset")
    assert of_terms(mine, "cc-by-sa-3.0@")
    # Its own Hub licence is on record since reason13 (tests/test_registry_reason13.py).


# --- model-written sets: the writers' terms decide ---------------------------------------------------


def test_alpaca_eval_is_non_commercial_and_openai_written(manifest: WriteManifest) -> None:
    name = "tatsu-lab/alpaca_eval"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    davinci = of_terms(findings(report, "openai:text-davinci-003", "generator"), "openai-terms-of-use@")
    assert worst(davinci) == "prohibited" and "2(c)(iii)" in sections(davinci)
    assert f"Not every model that wrote {name} is on record" in reasons(findings(report, name, "dataset"))


def test_llava_instruct_is_gpt_4_written_and_non_commercial(manifest: WriteManifest) -> None:
    name = "liuhaotian/LLaVA-Instruct-150K"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = of_terms(findings(report, "openai:gpt-4", "generator"), "openai-terms-of-use@")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    assert worst(of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")) == "prohibited"
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    # Non-commercial research is within CC BY-NC; GPT-4's competing-model clause still binds a
    # general LLM, and the LLaVA-1.5 mixture's writers are not on record.
    assert worst(of_terms(findings(research, name, "dataset"), "cc-by-nc-4.0@")) == "conditional"
    assert f"Not every model that wrote {name} is on record" in reasons(findings(research, name, "dataset"))
    assert research["verdict"] == "prohibited"


def test_agentinstruct_gpt_4_trajectories_decide_a_commercial_llm(manifest: WriteManifest) -> None:
    name = "THUDM/AgentInstruct"
    report = judge(manifest, one(name, "MIT"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = findings(report, "openai:gpt-4", "generator")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    assert f"Not every model that wrote {name} is on record" in reasons(findings(report, name, "dataset"))


def test_medical_flashcards_writer_is_gpt_3_5_and_licence_is_a_gap(manifest: WriteManifest) -> None:
    name = "medalpaca/medical_meadow_medical_flashcards"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete and entry.generated_by == ("openai:gpt-3.5-turbo",)
    report = judge(manifest, one(name, "CC-BY-4.0"), **RESEARCH_INTERNAL)
    gap = f"The licence LicenseRef-medical-meadow-flashcards-cc-unspecified of {name} is not in the registry."
    assert gap in reasons(findings(report, name, "dataset"))
    commercial = judge(manifest, one(name), **COMMERCIAL)
    gpt = findings(commercial, "openai:gpt-3.5-turbo", "generator")
    assert worst(gpt) == "prohibited" and "2(c)(iii)" in sections(gpt)


def test_chatqa_names_its_gpt_3_5_writer_and_its_unread_licence(manifest: WriteManifest) -> None:
    name = "nvidia/ChatQA-Training-Data"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert findings(report, "openai:gpt-3.5-turbo-0613", "generator")
    mine = findings(report, name, "dataset")
    assert (
        f"The licence LicenseRef-chatqa-training-data-licence-other of {name} is not in the registry."
        in reasons(mine)
    )


# --- custom terms and gaps: needs review, the terms named ----------------------------------------------


@pytest.mark.parametrize("name", ["microsoft/ms_marco", "ms_marco"])
def test_ms_marco_terms_are_non_commercial_and_grant_nothing(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = of_terms(findings(report, name, "dataset"), "ms-marco-terms-and-conditions@")
    assert worst(mine) == "prohibited" and "Terms and Conditions" in sections(mine)
    research = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    mine = of_terms(findings(research, name, "dataset"), "ms-marco-terms-and-conditions@")
    assert worst(mine) == "needs-review" and "records no grant" in reasons(mine)


def test_gpqa_gate_is_named_and_still_needs_review(manifest: WriteManifest) -> None:
    name = "Idavidrein/gpqa"
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    mine = findings(report, name, "dataset")
    gate = of_terms(mine, "gpqa-gate-agreement@")
    assert worst(gate) == "needs-review" and "records no grant" in reasons(gate)
    assert "is not in the registry" not in reasons(mine)
    assert of_terms(mine, "cc-by-4.0@")
    assert report["verdict"] == "needs-review"


@pytest.mark.parametrize("name", ["HuggingFaceH4/aime_2024", "Maxwell-Jia/AIME_2024"])
def test_aime_copies_need_review_whatever_is_declared(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    mine = findings(report, name, "dataset")
    assert "Mathematical Association of America" in reasons(
        [f for f in mine if f["verdict"] == "needs-review"]
    )
    assert report["verdict"] == "needs-review"
    assert not findings(report, role="generator")


@pytest.mark.parametrize(
    ("name", "placeholder"),
    [
        ("stanfordnlp/imdb", "LicenseRef-imdb-reviews-no-licence-stated"),
        ("imdb", "LicenseRef-imdb-reviews-no-licence-stated"),
        ("HuggingFaceM4/the_cauldron", "LicenseRef-the-cauldron-per-subset-licences"),
    ],
)
def test_unlicensed_sets_stay_gaps_a_declaration_cannot_lift(
    manifest: WriteManifest, name: str, placeholder: str
) -> None:
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    gap = f"The licence {placeholder} of {name} is not in the registry."
    assert gap in reasons(findings(report, name, "dataset"))
    assert report["verdict"] == "needs-review"
