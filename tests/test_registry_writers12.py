"""Issue 12's writers pass (models-writers12.yaml): the models that wrote UltraFeedback, catalogued
from their own cards and repositories, each judged through `licensecheck check` as a teacher and
as a generator of the datasets that name them. LLaMA-1 fine-tunes (UltraLM, Vicuna v1.1/v1.3,
WizardLM V1.0) carry the LLaMA 1 licence (non-commercial research only, its outputs included);
Alpaca-7B the LLaMA 1 licence and its card's CC BY-NC 4.0; UltraLM-13B v2.0 its card's MIT with the
Llama 2 licence of its base; MPT-30B-Chat its CC BY-NC-SA 4.0 card licence; StarChat-Beta BigCode
Open RAIL-M; the Nemotron Edit and Select models the NVIDIA Open Model License over Llama 3.3.
With every writer on record UltraFeedback (and what derives from it) and Code Alpaca are complete;
a dataset whose writers are still unknown (LMSYS-Chat-1M) keeps needing review."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    generator,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)
from tests.test_registry_families_2026 import OTHER, cited, judged_teacher
from tests.test_registry_families_cover12 import _rows

LLAMA_1_FINE_TUNES = [
    "openbmb/UltraLM-13b",
    "openbmb/UltraLM-65b",
    "lmsys/vicuna-7b-v1.1",
    "lmsys/vicuna-13b-v1.1",
    "lmsys/vicuna-7b-v1.3",
    "lmsys/vicuna-13b-v1.3",
    "lmsys/vicuna-33b-v1.3",
    "WizardLM/WizardLM-7B-V1.0",
    "WizardLMTeam/WizardLM-7B-V1.0",
    "WizardLM/WizardLM-30B-V1.0",
    "WizardLMTeam/WizardLM-30B-V1.0",
]
ULTRAFEEDBACK = ["openbmb/UltraFeedback", "HuggingFaceH4/ultrafeedback_binarized"]
ULTRALM_2 = "openbmb/UltraLM-13b-v2.0"
ALPACA = "tatsu-lab/alpaca-7b-wdiff"

# (case id, teacher, terms id prefix, project, verdict of that finding, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    *[
        (f"{m}-commercial", m, "llama-1-license", {"base": OTHER}, "prohibited", "2.a")
        for m in LLAMA_1_FINE_TUNES
    ],
    *[
        (f"{m}-research", m, "llama-1-license", {"base": OTHER, **RESEARCH_INTERNAL}, "conditional", "2.a")
        for m in [*LLAMA_1_FINE_TUNES, ALPACA]
    ],
    # Alpaca-7B: the card's CC BY-NC 4.0 beside the LLaMA 1 licence of the weights it rebuilds.
    ("alpaca-7b-commercial-card-licence", ALPACA, "cc-by-nc-4.0", {"base": OTHER}, "prohibited", "2(a)(1)"),
    ("alpaca-7b-commercial-llama-1", ALPACA, "llama-1-license", {"base": OTHER}, "prohibited", "2.a"),
    # UltraLM-13B v2.0: MIT on the card; the Llama 2 licence of its base still decides.
    ("ultralm-2-card-mit", ULTRALM_2, "mit", {"base": OTHER}, "permitted", ""),
    (
        "ultralm-2-llama-2-base",
        ULTRALM_2,
        "llama-2-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
    (
        "ultralm-2-llama-2-student",
        ULTRALM_2,
        "llama-2-community-license",
        {"base": "meta-llama/Llama-2-7b-hf"},
        "permitted",
        "1.b.v",
    ),
    (
        "mpt-30b-chat-commercial",
        "mosaicml/mpt-30b-chat",
        "cc-by-nc-sa-4.0",
        {"base": OTHER},
        "prohibited",
        "2(a)(1)",
    ),
    (
        "starchat-beta-commercial",
        "HuggingFaceH4/starchat-beta",
        "bigcode-openrail-m",
        {"base": OTHER},
        "conditional",
        "4",
    ),
    (
        "starchat-beta-research",
        "HuggingFaceH4/starchat-beta",
        "bigcode-openrail-m",
        {"base": OTHER, **RESEARCH_INTERNAL},
        "conditional",
        "4",
    ),
    # Nemotron Edit and Select: the NVIDIA Open Model License over Llama 3.3, as for Feedback.
    *[
        (
            f"nemotron-{m}-llama-3.3-naming",
            f"nvidia/Llama-3.3-Nemotron-70B-{m}",
            "llama-3.3-community-license",
            {"base": OTHER},
            "prohibited",
            "1.b.i",
        )
        for m in ("Edit", "Select")
    ],
    *[
        (
            f"nemotron-{m}-nvidia-oml",
            f"nvidia/Llama-3.3-Nemotron-70B-{m}",
            "nvidia-open-model-license",
            {"base": OTHER},
            "permitted",
            "",
        )
        for m in ("Edit", "Select")
    ],
    # Former WizardLM ids of the Llama 2 releases meet the facts of their WizardLMTeam entries.
    (
        "wizardlm-13b-v1.2-former-id",
        "WizardLM/WizardLM-13B-V1.2",
        "llama-2-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
    (
        "wizardlm-70b-v1.0-former-id",
        "WizardLM/WizardLM-70B-V1.0",
        "llama-2-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_llama_1_fine_tune_teacher_is_no_longer_unknown(manifest: WriteManifest) -> None:
    report, _ = judged_teacher(
        manifest, "lmsys/vicuna-33b-v1.3", "llama-1-license", {"base": OTHER, **RESEARCH_INTERNAL}
    )
    got = findings(report, "lmsys/vicuna-33b-v1.3", "teacher")
    assert not any("not in the registry" in r for f in got for r in f["reasons"]), [f["reasons"] for f in got]


def test_mpt_30b_chat_student_of_its_own_data_needs_review(manifest: WriteManifest) -> None:
    # The card lists its fine-tuning data; sets the registry does not know stay gaps (fail closed).
    report, _ = judged_teacher(
        manifest, "mosaicml/mpt-30b-chat", "cc-by-nc-sa-4.0", {"base": OTHER, **RESEARCH_INTERNAL}
    )
    got = findings(report, "mosaicml/mpt-30b-chat", "teacher")
    registry = Registry()
    card = registry.model("mosaicml/mpt-30b-chat")
    assert card is not None
    unknown = [d for d in card.datasets if registry.dataset(d) is None]
    for name in unknown:
        assert any(name in r and f["verdict"] == "needs-review" for f in got for r in f["reasons"]), name
    # LongConversations is catalogued (new15c): the card's "GPT3.5/4-generated" writers are judged.
    long = [
        f
        for f in findings(report, "openai:gpt-4", "generator")
        if any("LongConversations" in r for r in f["reasons"])
    ]
    assert long and all(f["verdict"] != "permitted" for f in long)


@pytest.mark.parametrize("name", ULTRAFEEDBACK)
def test_ultrafeedback_llama_1_writers_decide_a_commercial_project(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    for ref in (
        "openbmb/UltraLM-13b",
        "openbmb/UltraLM-65b",
        "lmsys/vicuna-33b-v1.3",
        "WizardLM/WizardLM-7B-V1.0",
    ):
        got = of_terms(generator(report, ref), "llama-1-license@")
        assert worst(got) == "prohibited" and "2.a" in sections(got), (ref, reasons(got))
    mpt = of_terms(generator(report, "mosaicml/mpt-30b-chat"), "cc-by-nc-sa-4.0@")
    assert worst(mpt) == "prohibited" and "2(a)(1)" in sections(mpt)


@pytest.mark.parametrize("name", ULTRAFEEDBACK)
def test_ultrafeedback_research_llama_1_writers_are_conditional(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    for ref in ("openbmb/UltraLM-13b", "WizardLM/WizardLM-30B-V1.0", "lmsys/vicuna-33b-v1.3"):
        got = of_terms(generator(report, ref), "llama-1-license@")
        assert worst(got) == "conditional" and "2.a" in sections(got), (ref, reasons(got))
        assert "not in the registry" not in reasons(generator(report, ref))
    star = of_terms(generator(report, "HuggingFaceH4/starchat-beta"), "bigcode-openrail-m@")
    assert worst(star) == "conditional"


@pytest.mark.parametrize("name", [*ULTRAFEEDBACK, "argilla/ultrafeedback-binarized-preferences-cleaned"])
def test_ultrafeedback_is_complete_and_judges_its_last_writers(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert "Not every model that wrote" not in reasons(findings(report, name, "dataset"))
    assert "not in the registry" not in reasons([f for f in report["findings"] if f["role"] == "generator"])
    llama_2 = of_terms(generator(report, ULTRALM_2), "llama-2-community-license@")
    assert worst(llama_2) == "prohibited" and "1.b.v" in sections(llama_2)
    alpaca = of_terms(generator(report, ALPACA), "cc-by-nc-4.0@")
    assert worst(alpaca) == "prohibited" and "2(a)(1)" in sections(alpaca)


def test_ultrafeedback_pool_is_on_record() -> None:
    registry = Registry()
    for name in ULTRAFEEDBACK:
        entry = registry.dataset(name)
        assert entry is not None and entry.generators_complete, name
        # The README's 17 models, plus the code's readings where they differ (UltraLM-13B v2.0,
        # WizardLM-30B), minus none.
        assert len(entry.generated_by) == 19, entry.generated_by
        assert [ref for ref in entry.generated_by if registry.model(ref) is None] == []


def test_dataset_whose_writers_are_unknown_still_needs_review(manifest: WriteManifest) -> None:
    # LMSYS-Chat-1M: the paper's 25 served models were not read from a primary source.
    name = "lmsys/lmsys-chat-1m"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert report["verdict"] in ("needs-review", "prohibited")
    gap = [
        f
        for f in findings(report, name, "dataset")
        if f"Not every model that wrote {name}" in " ".join(f["reasons"])
    ]
    assert gap and all(f["verdict"] == "needs-review" for f in gap)


def test_every_new_entry_resolves_to_its_own_terms_with_a_source() -> None:
    registry = Registry()
    for item in entries("models-writers12.yaml", "models"):
        entry = registry.model(item["id"])
        assert entry is not None and entry.key == item["id"], item["id"]
        assert tuple(entry.terms) == tuple(item["terms"]), item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]


def test_code_alpaca_writer_is_text_davinci_003_and_the_list_is_complete(manifest: WriteManifest) -> None:
    name = "sahil2801/CodeAlpaca-20k"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert "Not every model that wrote" not in reasons(findings(report, name, "dataset"))
    davinci = generator(report, "openai:text-davinci-003")
    assert worst(davinci) == "prohibited" and "2(c)(iii)" in sections(davinci)
    # Written from 2022-11-28, before the earliest OpenAI terms on record: that part needs review.
    assert "before the earliest version of OpenAI Terms of Use on record" in reasons(davinci)
