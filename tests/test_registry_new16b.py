"""Issue 12's uncatalogued datasets of the new16b pass (datasets-new16b.yaml), judged through
`licensecheck check`.

Tool-use and long-output sets name their OpenAI writers (ToolBench's gpt-3.5-turbo-16k, AgentWrite's
gpt-4o-2024-05-13, UltraMedical's GPT-4): a general LLM is prohibited whatever its use, while an
internal classifier falls under the business terms' exception. APIBench and AceReason keep their
open licence or open writer beside a named gap. Classic NLP sets under legacy single-name ids now
have the catalogue's own record (no longer the DPI's, or nothing) with the same facts as their
current repositories: people wrote them, and the rights their publishers never granted (Reuters'
text, WMT's and OPUS's corpora, tweets, C-UDA code) are named gaps a declared licence cannot lift."""

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
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

FILE = "datasets-new16b.yaml"
CLASSIFIER: dict[str, Any] = {"kind": "classifier", "release": "internal"}


# --- the file as a whole -----------------------------------------------------------------------


def test_every_entry_resolves_and_names_its_gap() -> None:
    assert unresolved_datasets(FILE) == []
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


# --- tool use ------------------------------------------------------------------------------------


def test_toolbench_chatgpt_writer_bars_a_general_llm_whatever_its_use(manifest: WriteManifest) -> None:
    name = "ToolBench/ToolBench"
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        assert report["verdict"] == "prohibited"
        gpt = generator(report, "openai:gpt-3.5-turbo-16k")
        assert worst(of_terms(gpt, "openai-terms-of-use@2023-03-14")) == "prohibited"
        assert "2(c)(iii)" in sections(of_terms(gpt, "openai-terms-of-use@"))
        # The repository's own licence grants training; its research statement stays a gap.
        mine = findings(report, name, "dataset")
        assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
        assert "research and educational purposes" in dataset_gap(report, name)


def test_toolbench_internal_classifier_meets_the_business_terms_exception(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one("ToolBench/ToolBench"), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    gpt = generator(report, "openai:gpt-3.5-turbo-16k")
    assert worst(of_terms(gpt, "openai-services-agreement@2026-01-01")) == "permitted"
    assert "prohibited" not in {f["verdict"] for f in gpt}


def test_apibench_is_apache_with_gpt4_written_instructions(manifest: WriteManifest) -> None:
    # writers17: the Gorilla paper (as quoted) names GPT-4 as the instructions' writer
    name = "gorilla-llm/APIBench"
    entry = Registry().dataset(name)
    assert entry is not None and not entry.generators_complete
    assert entry.generated_by == ("openai:gpt-4",)
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        assert report["verdict"] == "prohibited"
        assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) == "permitted"
        assert "TensorFlow Hub documentation" in dataset_gap(report, name)


# --- model-written sets ------------------------------------------------------------------------


def test_longwriter_agentwrite_gpt4o_outputs_bar_a_general_llm(manifest: WriteManifest) -> None:
    name = "THUDM/LongWriter-6k"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4o = of_terms(generator(report, "openai:gpt-4o-2024-05-13"), "openai-services-agreement@2026-01-01")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    assert "6,000 instructions" in dataset_gap(report, name)


def test_ultramedical_gpt4_outputs_are_judged(manifest: WriteManifest) -> None:
    name = "openbmb/UltraMedical"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    assert worst(generator(report, "openai:gpt-4")) == "prohibited"
    assert "was not read" in dataset_gap(report, name)


def test_acereason_deepseek_r1_writer_is_open_but_the_rest_is_a_gap(manifest: WriteManifest) -> None:
    name = "nvidia/AceReason-1.1-SFT"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    r1 = generator(report, "deepseek-ai/DeepSeek-R1")
    assert worst(r1) == "permitted"
    gap = dataset_gap(report, name)
    assert "secondary summary" in gap and "OpenCodeReasoning" in gap


def test_nemotron_personas_open_writers_leave_only_attribution(manifest: WriteManifest) -> None:
    name = "nvidia/Nemotron-Personas"
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete
    commercial = judge(manifest, one(name), **COMMERCIAL)
    # Released weights carry CC BY 4.0's credit duty; an internal research build has none.
    assert commercial["verdict"] == "conditional"
    licence = of_terms(findings(commercial, name, "dataset"), "cc-by-4.0@")
    assert worst(licence) == "conditional" and "3(a)(1)" in sections(licence)
    for writer in ("mistralai/Mistral-Nemo-Instruct-2407", "mistralai/Mixtral-8x22B-v0.1"):
        assert worst(generator(commercial, writer)) == "permitted"
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert research["verdict"] == "permitted"


@pytest.mark.parametrize(
    ("name", "gap"),
    [
        # THUDM/webglm-qa left this list in chat18: text-davinci-003, its writer since, bars an LLM
        # (test_registry_chat18.py checks its research-only gap for a project OpenAI does not bar).
        # its card was read since (cards17): the Python problems of PrimeIntellect's set, unchanged
        ("open-r1/verifiable-coding-problems-python", "PrimeIntellect/verifiable-coding-problems"),
        ("AI-MO/aimo-validation-aime", "Mathematical Association of America"),
    ],
)
def test_unread_cards_and_unlicensed_rights_are_named_gaps(
    manifest: WriteManifest, name: str, gap: str
) -> None:
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        assert report["verdict"] == "needs-review"
        assert gap in dataset_gap(report, name)


def test_webglm_research_only_statement_cannot_be_replaced_by_a_declared_licence(
    manifest: WriteManifest,
) -> None:
    name = "THUDM/webglm-qa"
    # An internal research classifier: its OpenAI writer (chat18) does not decide for it.
    report = judge(manifest, one(name, "Apache-2.0"), kind="classifier", release="internal", use="research")
    assert report["verdict"] == "needs-review"
    assert "LicenseRef-webglm-data-research-only" in dataset_gap(report, name)


# --- classic NLP sets under legacy and current ids -------------------------------------------------

LEGACY = [
    # classic17b: the C-UDA is encoded; the CodeSearchNet code's own licences are the gap left.
    ("code_x_glue_ct_code_to_text", "google/code_x_glue_ct_code_to_text", "_licenses.pkl"),
    ("conll2003", "eriktks/conll2003", "LicenseRef-reuters-corpus-agreement"),
    ("wmt14", "wmt/wmt14", "LicenseRef-wmt14-no-collection-licence"),
    ("opus100", "Helsinki-NLP/opus-100", "LicenseRef-opus100-no-collection-licence"),
    # emotion (classic17b): its publisher's research-only statement is encoded, so a commercial
    # project is prohibited (test_registry_classic17b.py checks both ids).
]


def facts(name: str) -> tuple[Any, ...]:
    entry = Registry().dataset(name)
    assert entry is not None and entry.id == name and entry.provenance is None
    return (
        entry.license,
        entry.terms,
        tuple(entry.generated_by),
        entry.generators_complete,
        entry.gap,
        entry.source,
    )


@pytest.mark.parametrize(("legacy", "current", "licence"), LEGACY)
def test_legacy_id_has_the_same_facts_as_its_current_repository(
    manifest: WriteManifest, legacy: str, current: str, licence: str
) -> None:
    assert facts(legacy) == facts(current)
    verdicts = []
    for name in (legacy, current):
        report = judge(manifest, one(name), **COMMERCIAL)
        verdicts.append(report["verdict"])
        assert licence in dataset_gap(report, name)
    assert verdicts == ["needs-review", "needs-review"]


@pytest.mark.parametrize(("legacy", "current", "licence"), LEGACY)
def test_a_declared_open_licence_cannot_lift_the_publishers_gap(
    manifest: WriteManifest, legacy: str, current: str, licence: str
) -> None:
    for name in (legacy, current):
        report = judge(manifest, one(name, "CC-BY-4.0"), **RESEARCH_INTERNAL)
        assert report["verdict"] == "needs-review"
        assert licence in dataset_gap(report, name)


def test_conll2003_catalogue_record_replaces_the_dpis(manifest: WriteManifest) -> None:
    report = judge(manifest, one("conll2003"), **COMMERCIAL)
    gap = dataset_gap(report, "conll2003")
    assert "Reuters" in gap
    assert "LicenseRef-dpi-academic-research-purposes-only" not in gap
    assert "Data Provenance Initiative" not in reasons(findings(report, "conll2003", "dataset"))


@pytest.mark.parametrize("name", ["eriktks/conll2003", "wmt/wmt14", "Helsinki-NLP/opus-100"])
def test_human_written_classic_sets_have_no_writer_gap(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert not findings(report, role="generator")
    assert "Not every model that wrote" not in dataset_gap(report, name)


def test_emotion_machine_generated_tags_keep_the_writer_list_open(manifest: WriteManifest) -> None:
    report = judge(manifest, one("dair-ai/emotion"), **COMMERCIAL)
    gap = dataset_gap(report, "dair-ai/emotion")
    assert "educational and research purposes" in gap and "machine-generated" in gap
