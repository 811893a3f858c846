"""Issue 12's LMSYS pass (models-lmsys12.yaml): the models that wrote the LMSYS datasets, catalogued
from their own cards and repositories, each judged through `licensecheck check` as a teacher and as
a generator of the datasets that name them. LLaMA-1 fine-tunes and re-uploads (Koala, Guanaco-33B,
WizardLM-13B V1.0, GPT4All-13B-snoozy, LLaMA-13B) carry the LLaMA 1 licence (non-commercial
research only, its outputs included); OpenAssistant Pythia-12B, RWKV-4 Raven and FastChat-T5 are
Apache-2.0; ChatGLM-6B its own licence (non-commercial research only until 2023-07-08, then free
commercial use after registering). Chatbot Arena Conversations is recorded with the 20 models its
publisher's posts and release script imply; Alpaca-13B (no checkpoint) keeps it, LMSYS-Chat-1M (25 models no source names), Arena Human Preference 55k (over 70 models) and Nectar
(built partly from LMSYS-Chat-1M) needing review, while their commercial verdict is already
decided by the writers on record."""

from __future__ import annotations

import datetime
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

ARENA = "lmsys/chatbot_arena_conversations"
CHAT_1M = "lmsys/lmsys-chat-1m"
LLAMA_1 = [
    "young-geng/koala",
    "timdettmers/guanaco-33b-merged",
    "WizardLM/WizardLM-13B-V1.0",
    "WizardLMTeam/WizardLM-13B-V1.0",
    "nomic-ai/gpt4all-13b-snoozy",
    "huggyllama/llama-13b",
]
CHATGLM = "THUDM/chatglm-6b"
APACHE = [
    "OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5",
    "BlinkDL/rwkv-4-raven",
    "lmsys/fastchat-t5-3b-v1.0",
]

# (case id, teacher, terms id prefix, project, verdict of that finding, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    *[(f"{m}-commercial", m, "llama-1-license", {"base": OTHER}, "prohibited", "2.a") for m in LLAMA_1],
    *[
        (f"{m}-research", m, "llama-1-license", {"base": OTHER, **RESEARCH_INTERNAL}, "conditional", "2.a")
        for m in LLAMA_1
    ],
    *[(f"{m}-commercial", m, "apache-2.0", {"base": OTHER}, "permitted", "2") for m in APACHE],
    *[
        (f"{m}-research", m, "apache-2.0", {"base": OTHER, **RESEARCH_INTERNAL}, "permitted", "2")
        for m in APACHE
    ],
    # ChatGLM-6B today: the 2023-07-08 licence, free commercial use after registering (README).
    (
        "chatglm-6b-commercial-registration",
        CHATGLM,
        "chatglm-6b-license@2023-07-08",
        {"base": OTHER},
        "conditional",
        "README, 协议",
    ),
    (
        "chatglm-6b-research",
        CHATGLM,
        "chatglm-6b-license@2023-07-08",
        {"base": OTHER, **RESEARCH_INTERNAL},
        "permitted",
        "",
    ),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


@pytest.mark.parametrize("model", [*LLAMA_1, *APACHE, CHATGLM])
def test_new_teacher_is_no_longer_unknown(manifest: WriteManifest, model: str) -> None:
    report, _ = judged_teacher(
        manifest,
        model,
        {CHATGLM: "chatglm-6b-license"}.get(model, "apache-2.0" if model in APACHE else "llama-1-license"),
        {"base": OTHER, **RESEARCH_INTERNAL},
    )
    got = findings(report, model, "teacher")
    assert not any("not in the registry" in r for f in got for r in f["reasons"]), [f["reasons"] for f in got]


def test_gpt4all_student_of_its_unknown_data_needs_review(manifest: WriteManifest) -> None:
    # The card names its fine-tuning set, which the registry does not know: a gap (fail closed).
    report, _ = judged_teacher(
        manifest, "nomic-ai/gpt4all-13b-snoozy", "llama-1-license", {"base": OTHER, **RESEARCH_INTERNAL}
    )
    got = findings(report, "nomic-ai/gpt4all-13b-snoozy", "teacher")
    assert any(
        "gpt4all-j-prompt-generations" in r and f["verdict"] == "needs-review"
        for f in got
        for r in f["reasons"]
    )


@pytest.mark.parametrize("name", [ARENA, CHAT_1M])
def test_lmsys_data_llama_1_writers_decide_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    for ref in LLAMA_1[:3] + LLAMA_1[4:] + ["lmsys/vicuna-13b-v1.1", "lmsys/vicuna-7b-v1.3"]:
        got = of_terms(generator(report, ref), "llama-1-license@")
        assert worst(got) == "prohibited" and "2.a" in sections(got), (ref, reasons(got))
    for ref in ("mosaicml/mpt-7b-chat", "stabilityai/stablelm-tuned-alpha-7b"):
        got = of_terms(generator(report, ref), "cc-by-nc-sa-4.0@")
        assert worst(got) == "prohibited" and "2(a)(1)" in sections(got), (ref, reasons(got))
    gpt4 = of_terms(generator(report, "openai:gpt-4"), "openai-terms-of-use@")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    for ref in APACHE:
        assert worst(of_terms(generator(report, ref), "apache-2.0@")) == "permitted", ref
    assert worst(of_terms(generator(report, "databricks/dolly-v2-12b"), "mit@")) == "permitted"


def test_arena_research_llama_1_writers_are_conditional(manifest: WriteManifest) -> None:
    report = judge(manifest, one(ARENA), **RESEARCH_INTERNAL)
    for ref in ("young-geng/koala", "timdettmers/guanaco-33b-merged", "huggyllama/llama-13b"):
        got = of_terms(generator(report, ref), "llama-1-license@")
        assert worst(got) == "conditional" and "2.a" in sections(got), (ref, reasons(got))
    # ChatGLM-6B wrote in April-June 2023, under its first (non-commercial) licence.
    chatglm = generator(report, CHATGLM)
    assert [f["terms"] for f in chatglm] == ["chatglm-6b-license@2023-03-14"]
    assert worst(chatglm) == "conditional" and "3" in sections(chatglm)


def test_arena_chatglm_writer_is_judged_under_the_licence_of_its_time(manifest: WriteManifest) -> None:
    report = judge(manifest, one(ARENA), **COMMERCIAL)
    chatglm = generator(report, CHATGLM)
    assert [f["terms"] for f in chatglm] == ["chatglm-6b-license@2023-03-14"]
    assert worst(chatglm) == "prohibited" and "3" in sections(chatglm), reasons(chatglm)


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL])
def test_arena_still_needs_review_and_names_what_is_missing(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(ARENA), **project)
    gap = [
        f for f in findings(report, ARENA, "dataset") if f"Not every model that wrote {ARENA}" in reasons([f])
    ]
    assert gap and all(f["verdict"] == "needs-review" for f in gap)
    # Every writer on record resolves to terms; only Alpaca-13B (no id) keeps the list open.
    unknown = [
        f["subject"]
        for f in report["findings"]
        if f["role"] == "generator" and "not in the registry" in " ".join(f["reasons"])
    ]
    assert unknown == [], unknown


def test_arena_writer_list_is_the_twenty_of_the_release() -> None:
    registry = Registry()
    entry = registry.dataset(ARENA)
    assert entry is not None and not entry.generators_complete
    # 19 of the 20 models have an id (Vicuna 7B and 13B each under v1.1 and v1.3: 21 ids);
    # Alpaca-13B has none.
    assert len(entry.generated_by) == 21, entry.generated_by
    assert [ref for ref in entry.generated_by if registry.model(ref) is None] == []
    assert entry.generated == (datetime.date(2023, 4, 1), datetime.date(2023, 6, 30))


def test_lmsys_chat_1m_lists_the_served_models_and_still_needs_review(manifest: WriteManifest) -> None:
    registry = Registry()
    entry = registry.dataset(CHAT_1M)
    assert entry is not None and not entry.generators_complete
    arena = registry.dataset(ARENA)
    assert arena is not None
    assert set(arena.generated_by) <= set(entry.generated_by)
    assert {"lmsys/vicuna-33b-v1.3", "mosaicml/mpt-30b-chat", "anthropic:claude-2"} <= set(entry.generated_by)
    report = judge(manifest, one(CHAT_1M), **RESEARCH_INTERNAL)
    gap = [
        f
        for f in findings(report, CHAT_1M, "dataset")
        if f"Not every model that wrote {CHAT_1M}" in reasons([f])
    ]
    assert gap and all(f["verdict"] == "needs-review" for f in gap)


@pytest.mark.parametrize(
    "name",
    [
        "lmsys/lmsys-arena-human-preference-55k",
        "lmarena-ai/arena-human-preference-55k",
        "berkeley-nest/Nectar",
    ],
)
def test_partly_known_lmsys_sets_still_need_review(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gap = [
        f for f in findings(report, name, "dataset") if f"Not every model that wrote {name}" in reasons([f])
    ]
    assert gap and all(f["verdict"] == "needs-review" for f in gap)
    gpt4 = of_terms(generator(report, "openai:gpt-4"), "openai-terms-of-use@")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)


def test_every_new_entry_resolves_to_its_own_terms_with_a_source() -> None:
    registry = Registry()
    for item in entries("models-lmsys12.yaml", "models"):
        entry = registry.model(item["id"])
        assert entry is not None and entry.key == item["id"], item["id"]
        assert tuple(entry.terms) == tuple(item["terms"]), item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]
