"""Issue 12's fine-tune, embedding and re-upload pass (models12b), judged through `licensecheck
check`.

A fine-tune's licence is its card's, its base's inherited licence travels with it as lineage
(Hermes 3: the card's Llama 3 tag and the Llama 3.1 base; Nous-Hermes-Llama2: MIT on the card, Llama
2 underneath), and the data it was trained on brings its writers' terms (Zephyr's UltraChat: OpenAI).
Starling keeps a gap for its "not used to compete with OpenAI" condition. Embedding models resolve
to their cards' MIT or Apache 2.0; a base whose licence was not read (microsoft/mpnet-base) or read
only in a pull-request revision (nreimers/MiniLM-L6-H384-uncased) is a gap. A re-upload carries its
original's licence: unsloth's Llama copies through narrow per-release patterns (the 11B Vision one
multimodal), bartowski's, lmstudio-community's, mlx-community's and TheBloke's through exact ids
naming the original as base. An id no entry vouches for stays unknown."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import pytest
import yaml

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import COMMERCIAL, RESEARCH_INTERNAL, reasons, worst
from tests.test_registry_families_2026 import base_finding, cited, judge, judged_teacher, teacher

CATALOGUE = Path(__file__).resolve().parent.parent / "registry" / "catalogue" / "models-models12b.yaml"
HF_README = "https://github.com/YinanWusoymilk/hf-readme/blob/eb4de03fcb71907bc3c6cf7354d7e0df429659f5/"


def entries() -> list[dict[str, Any]]:
    data = yaml.safe_load(CATALOGUE.read_text())
    models: list[dict[str, Any]] = data["models"]
    return models


# --- the file itself ------------------------------------------------------------------------------


def test_every_entry_cites_a_card_it_was_read_from() -> None:
    assert sum(e["source"].startswith(HF_README) for e in entries()) >= len(entries()) - 3
    for e in entries():
        key = e.get("id") or e.get("pattern")
        assert e["source"].startswith("https://"), key
        assert e.get("note"), key
        assert "multimodal" in e, key


PATTERNS = {
    "unsloth/Llama-3.2-1B*",
    "unsloth/Llama-3.2-3B*",
    "unsloth/Llama-3.2-11B-Vision*",
    "unsloth/Meta-Llama-3.1-*",
    "unsloth/llama-3-8b*",
    "unsloth/gemma-2-*",
}


def test_patterns_are_the_per_release_ones_the_cards_back() -> None:
    patterns = [e for e in entries() if "pattern" in e]
    assert {e["pattern"] for e in patterns} == PATTERNS
    for e in patterns:
        assert e["family"], e["pattern"]
        # each names at least two cards read (unsloth's copies under that prefix)
        assert e["note"].count("unsloth/") >= 2, e["pattern"]


def test_the_vision_pattern_does_not_catch_text_models_and_vice_versa() -> None:
    patterns = {e["pattern"]: e for e in entries() if "pattern" in e}
    vision = [p for p, e in patterns.items() if e["multimodal"]]
    assert vision == ["unsloth/Llama-3.2-11B-Vision*"]
    for p, e in patterns.items():
        if not e["multimodal"]:
            assert not fnmatch.fnmatchcase("unsloth/llama-3.2-11b-vision-instruct", p.lower())
            assert not fnmatch.fnmatchcase("unsloth/llama-3.2-90b-vision-instruct", p.lower())


ADDED = [
    "HuggingFaceH4/zephyr-7b-beta",
    "teknium/OpenHermes-2.5-Mistral-7B",
    "NousResearch/Hermes-3-Llama-3.1-8B",
    "NousResearch/Hermes-3-Llama-3.2-3B",
    "NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO",
    "cognitivecomputations/dolphin-2.9-llama3-8b",
    "openchat/openchat-3.5-0106",
    "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
    "intfloat/e5-mistral-7b-instruct",
    "BAAI/bge-m3",
    "sentence-transformers/all-MiniLM-L6-v2",
    "BAAI/bge-large-en-v1.5",
    "nomic-ai/nomic-embed-text-v1.5",
    "unsloth/Llama-3.2-1B-Instruct",
    "unsloth/Qwen2.5-7B-Instruct",
    "unsloth/llama-3-8b-bnb-4bit",
    "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF",
    "lmstudio-community/Meta-Llama-3-8B-Instruct-GGUF",
    "mlx-community/Meta-Llama-3-8B-Instruct-4bit",
    "TheBloke/Mistral-7B-Instruct-v0.2-GGUF",
]
UNKNOWN = [
    "unsloth/Llama-3.2-90B-Vision-Instruct",  # no card read: the text-only patterns must not take it
    "unsloth/Qwen2.5-3B-Instruct",  # Qwen2.5 3B ships under another licence than 7B
    "bartowski/Llama-3.2-1B-Instruct-uncensored-GGUF",  # a community fine-tune, not the original
    "mlx-community/Llama-3.2-3B-Instruct-4bit",
]


@pytest.mark.parametrize("ref", ADDED)
def test_added_ids_resolve_to_terms_without_a_gap(ref: str) -> None:
    entry = Registry().model(ref)
    assert entry is not None and entry.terms and not entry.gap, ref


@pytest.mark.parametrize("ref", UNKNOWN)
def test_ids_no_card_vouches_for_stay_unknown(ref: str) -> None:
    assert Registry().model(ref) is None


def test_re_uploads_carry_the_originals_terms() -> None:
    registry = Registry()
    pairs = {
        "unsloth/Llama-3.2-1B-Instruct": "meta-llama/Llama-3.2-1B-Instruct",
        "unsloth/Meta-Llama-3.1-8B-Instruct": "meta-llama/Meta-Llama-3.1-8B-Instruct",
        "unsloth/llama-3-8b-Instruct": "meta-llama/Meta-Llama-3-8B-Instruct",
        "unsloth/gemma-2-9b-it-bnb-4bit": "google/gemma-2-9b-it",
        "bartowski/Qwen2.5-72B-Instruct-GGUF": "Qwen/Qwen2.5-72B-Instruct",
        "TheBloke/Llama-2-7B-Chat-GGUF": "meta-llama/Llama-2-7b-chat-hf",
        "TheBloke/deepseek-coder-6.7B-instruct-GGUF": "deepseek-ai/deepseek-coder-6.7b-instruct",
        "QuantFactory/Meta-Llama-3-8B-Instruct-GGUF": "meta-llama/Meta-Llama-3-8B-Instruct",
        "QuantFactory/Meta-Llama-3-8B-GGUF": "meta-llama/Meta-Llama-3-8B",
        "QuantFactory/Mistral-Nemo-Instruct-2407-GGUF": "mistralai/Mistral-Nemo-Instruct-2407",
    }
    for copy, original in pairs.items():
        c, o = registry.model(copy), registry.model(original)
        assert c is not None and o is not None, copy
        assert set(c.terms) == set(o.terms), copy
        assert c.family == o.family or original in c.base_models, copy


# --- fine-tunes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_zephyr_as_teacher_brings_ultrachats_openai_writer(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report, own = judged_teacher(manifest, "HuggingFaceH4/zephyr-7b-beta", "mit@", project)
    assert own["verdict"] == "permitted"
    openai = [
        f
        for f in findings(report, "openai:gpt-3.5-turbo", "generator")
        if "ultrachat_200k" in " ".join(f["reasons"])
    ]
    assert worst(openai) == "prohibited"
    assert any(cited(f, "2(c)(iii)") for f in openai)
    assert report["verdict"] == "prohibited"


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_hermes_3_is_judged_under_its_cards_llama_3_tag(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    _, f = judged_teacher(
        manifest, "NousResearch/Hermes-3-Llama-3.1-8B", "llama-3-community-license@", project
    )
    assert f["verdict"] == "prohibited", f["reasons"]
    assert cited(f, "1.b.v")


def test_hermes_3_as_base_carries_the_llama_3_1_lineage(manifest: WriteManifest) -> None:
    f = base_finding(
        manifest, "NousResearch/Hermes-3-Llama-3.1-8B", "llama-3.1-community-license@", COMMERCIAL
    )
    assert f["verdict"] == "prohibited" and cited(f, "1.b.i")
    assert "meta-llama/Meta-Llama-3.1-8B" in reasons([f])


def test_dolphin_2_9_is_a_llama_3_derivative(manifest: WriteManifest) -> None:
    f = base_finding(
        manifest, "cognitivecomputations/dolphin-2.9-llama3-8b", "llama-3-community-license@", COMMERCIAL
    )
    assert f["verdict"] == "prohibited" and cited(f, "1.b.i")


def test_nous_hermes_llama2_keeps_the_llama_2_base_and_its_data_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="NousResearch/Nous-Hermes-Llama2-13b", **RESEARCH_INTERNAL)
    got = findings(report, "NousResearch/Nous-Hermes-Llama2-13b", "base-model")
    assert any((f["terms"] or "").startswith("llama-2-community-license@") for f in got)
    assert "named by no dataset id" in reasons(got)
    assert report["verdict"] == "needs-review"


def test_starling_beta_needs_review_for_its_openai_condition(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("Nexusflow/Starling-LM-7B-beta"), **RESEARCH_INTERNAL)
    got = findings(report, "Nexusflow/Starling-LM-7B-beta", "teacher")
    assert "not used to compete with OpenAI" in reasons(got)
    assert worst(got) == "needs-review"


def test_starling_alpha_copy_is_non_commercial(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "TheBloke/Starling-LM-7B-alpha-GGUF", "cc-by-nc-4.0@", COMMERCIAL)
    assert f["verdict"] == "prohibited" and cited(f, "2(a)(1)")


# --- embedding models -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "verdict", "section"),
    [(COMMERCIAL, "conditional", "paragraph 2"), (RESEARCH_INTERNAL, "permitted", "paragraph 1")],
    ids=["commercial", "research"],
)
def test_bge_m3_as_base_is_mit(
    manifest: WriteManifest, project: dict[str, Any], verdict: str, section: str
) -> None:
    f = base_finding(manifest, "BAAI/bge-m3", "mit@", project)
    assert f["verdict"] == verdict and cited(f, section)


def test_minilm_base_licence_read_only_in_a_pull_request_is_a_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="sentence-transformers/all-MiniLM-L6-v2", **RESEARCH_INTERNAL)
    got = findings(report, "sentence-transformers/all-MiniLM-L6-v2", "base-model")
    assert "pull-request revision" in reasons(got)
    assert worst(got) == "needs-review"


def test_mpnet_base_without_a_card_is_a_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="sentence-transformers/all-mpnet-base-v2", **RESEARCH_INTERNAL)
    assert "microsoft/mpnet-base" in reasons(
        findings(report, "sentence-transformers/all-mpnet-base-v2", "base-model")
    )
    assert report["verdict"] == "needs-review"


# --- re-uploads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "verdict"),
    [(COMMERCIAL, "prohibited"), (RESEARCH_INTERNAL, "permitted")],
    ids=["commercial", "research"],
)
def test_unsloth_llama_3_2_teacher_naming_clause(
    manifest: WriteManifest, project: dict[str, Any], verdict: str
) -> None:
    _, f = judged_teacher(manifest, "unsloth/Llama-3.2-1B-Instruct", "llama-3.2-community-license@", project)
    assert f["verdict"] == verdict and cited(f, "1.b.i")


@pytest.mark.parametrize(
    ("base", "verdict"),
    [
        ("unsloth/Llama-3.2-11B-Vision-Instruct", "prohibited"),
        ("unsloth/Llama-3.2-1B-Instruct", "conditional"),
    ],
    ids=["vision", "text"],
)
def test_unsloth_llama_3_2_eu_exclusion_reaches_only_the_vision_copy(
    manifest: WriteManifest, base: str, verdict: str
) -> None:
    f = base_finding(manifest, base, "llama-3.2-community-license@", {**RESEARCH_INTERNAL, "domicile": "FR"})
    assert f["verdict"] == verdict, f["reasons"]
    if verdict == "prohibited":
        assert cited(f, "Acceptable Use Policy, Prohibited Uses (closing paragraph)")


def test_thebloke_llama_2_copy_keeps_the_outputs_bar(manifest: WriteManifest) -> None:
    _, f = judged_teacher(
        manifest, "TheBloke/Llama-2-7B-Chat-GGUF", "llama-2-community-license@", RESEARCH_INTERNAL
    )
    assert f["verdict"] == "prohibited" and cited(f, "1.b.v")


def test_bartowski_llama_3_1_copy_as_base_names_the_original(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", **COMMERCIAL)
    got = findings(report, "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "base-model")
    assert worst(got) == "prohibited"
    assert any(cited(f, "1.b.i") for f in got)
    entry = Registry().model("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF")
    assert entry is not None and "meta-llama/Meta-Llama-3.1-8B-Instruct" in entry.base_models


def test_an_unread_re_upload_needs_review(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("unsloth/Llama-3.2-90B-Vision-Instruct"), **RESEARCH_INTERNAL)
    got = findings(report, "unsloth/Llama-3.2-90B-Vision-Instruct", "teacher")
    assert worst(got) == "needs-review" and "not in the registry" in reasons(got)


def test_quantfactory_llama_3_copy_as_teacher_keeps_the_llama_3_outputs_bar(
    manifest: WriteManifest,
) -> None:
    """Llama 3's licence forbids improving another LLM with its outputs: a GGUF copy is bound alike."""
    ref = "QuantFactory/Meta-Llama-3-8B-Instruct-GGUF"
    _, other = judged_teacher(manifest, ref, "llama-3-community-license@", RESEARCH_INTERNAL)
    assert other["verdict"] == "prohibited" and cited(other, "1.b.v")
