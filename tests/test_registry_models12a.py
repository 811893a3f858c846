"""Issue 12's model wave (models-models12a.yaml): popular 2024-2026 base and multimodal models the
registry did not know, each judged through `licensecheck check` as a teacher and as a base model.
DeepSeek's Janus, Janus-Pro, JanusFlow, DeepSeek-VL2 and DeepSeek-Prover-V2 carry the DeepSeek
License; Qwen2.5-Omni-7B, Pixtral-12B-2409, OLMoE-Instruct, SmolVLM, GPT-J, GPT-NeoX and Whisper
their cards' Apache 2.0 (Whisper large-v3-turbo MIT); dots.llm1 MIT; DBRX the Databricks Open Model License (recorded verbatim), whose outputs improve no
other large language model; MiniCPM3-4B and MiniCPM-V 2.6 the MiniCPM Model License (recorded
verbatim), which bars the same and asks commercial users to register. Models whose licence the
registry does not hold (Nemotron-H, Falcon Mamba, Jamba 1.6; OpenELM since its licence was recorded in models13) resolve to an
entry whose gap names that licence, so every project using them needs review."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import RESEARCH_INTERNAL
from tests.test_registry_families_2026 import (
    OTHER,
    base_finding,
    cited,
    judge,
    judged_teacher,
    teacher,
)
from tests.test_registry_families_cover12 import _rows

DEEPSEEK = [
    "deepseek-ai/Janus-Pro-7B",
    "deepseek-ai/Janus-Pro-1B",
    "deepseek-ai/JanusFlow-1.3B",
    "deepseek-ai/deepseek-vl2",
    "deepseek-ai/deepseek-vl2-small",
    "deepseek-ai/deepseek-vl2-tiny",
    "deepseek-ai/DeepSeek-Prover-V2-7B",
    "deepseek-ai/DeepSeek-Prover-V2-671B",
]
APACHE = [
    "Qwen/Qwen2.5-Omni-7B",
    "mistralai/Pixtral-12B-2409",
    "allenai/OLMoE-1B-7B-0924-Instruct",
    "HuggingFaceTB/SmolVLM-Instruct",
    "HuggingFaceTB/SmolVLM-Base",
    "HuggingFaceTB/SmolVLM2-2.2B-Instruct",
    "EleutherAI/gpt-j-6b",
    "EleutherAI/gpt-neox-20b",
    "openai/whisper-large-v3",
    "openai/whisper-small",
    "allenai/Molmo-7B-D-0924",
    "allenai/MolmoE-1B-0924",
    "google/siglip-so400m-patch14-384",
    "cerebras/Cerebras-GPT-13B",
]
DBRX = "databricks/dbrx-instruct"
MINICPM = ["openbmb/MiniCPM3-4B", "openbmb/MiniCPM-V-2_6"]
MIT = [
    "OpenGVLab/InternVL2-8B",
    "microsoft/Florence-2-large",
    "Salesforce/blip2-flan-t5-xl",
    "openai/whisper-large-v3-turbo",
    "rednote-hilab/dots.llm1.inst",
    "rednote-hilab/dots.llm1.base",
]
# (model, words of the licence its gap names)
GAPS = [
    ("nvidia/Nemotron-H-8B-Base-8K", "NVIDIA Internal Scientific Research and Development Model License"),
    ("nvidia/Nemotron-H-56B-Base-8K", "NVIDIA Internal Scientific Research and Development Model License"),
    ("tiiuae/falcon-mamba-7b", "falcon-mamba-7b-license"),
    ("ai21labs/AI21-Jamba-Mini-1.6", "Jamba"),
]

# (case id, teacher, terms id prefix, project, verdict of that finding, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    *[(f"{m}-commercial", m, "deepseek-license", {"base": OTHER}, "conditional", "1") for m in DEEPSEEK],
    *[
        (f"{m}-research", m, "deepseek-license", {"base": OTHER, **RESEARCH_INTERNAL}, "conditional", "1")
        for m in DEEPSEEK
    ],
    *[(f"{m}-commercial", m, "apache-2.0", {"base": OTHER}, "permitted", "") for m in APACHE],
    *[(f"{m}-commercial", m, "mit", {"base": OTHER}, "permitted", "") for m in MIT],
    # DBRX: its outputs may improve no large language model but DBRX and its derivatives (2.3).
    ("dbrx-commercial", DBRX, "databricks-open-model-license", {"base": OTHER}, "prohibited", "2.3"),
    (
        "dbrx-research",
        DBRX,
        "databricks-open-model-license",
        {"base": OTHER, **RESEARCH_INTERNAL},
        "prohibited",
        "2.3",
    ),
    # Molmo 72B: Apache 2.0 on its card (the Qwen licence of its Qwen2-72B base is tested below).
    ("molmo-72b-card", "allenai/Molmo-72B-0924", "apache-2.0", {"base": OTHER}, "permitted", ""),
    (
        "dbrx-own-student",
        DBRX,
        "databricks-open-model-license",
        {"base": "databricks/dbrx-base"},
        "permitted",
        "2.3",
    ),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]
    assert "not in the registry" not in " ".join(f["reasons"])


# (case id, base model, terms id prefix, project, verdict, cited section)
BASES: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    (
        "prover-v2-671b-base-open",
        "deepseek-ai/DeepSeek-Prover-V2-671B",
        "deepseek-license",
        {},
        "conditional",
        "4.a",
    ),
    ("janus-pro-base-open", "deepseek-ai/Janus-Pro-7B", "deepseek-license", {}, "conditional", "4.a"),
    ("qwen2.5-omni-base-open", "Qwen/Qwen2.5-Omni-7B", "apache-2.0", {}, "conditional", "4(a)"),
    ("pixtral-base-open", "mistralai/Pixtral-12B-2409", "apache-2.0", {}, "conditional", "4(a)"),
    (
        "gpt-neox-base-internal",
        "EleutherAI/gpt-neox-20b",
        "apache-2.0",
        {"release": "internal"},
        "permitted",
        "2",
    ),
    ("dbrx-base-open", "databricks/dbrx-base", "databricks-open-model-license", {}, "conditional", "2.2.2"),
    ("minicpm3-base-commercial", "openbmb/MiniCPM3-4B", "minicpm-model-license", {}, "conditional", "3"),
    (
        "minicpm3-base-research",
        "openbmb/MiniCPM3-4B",
        "minicpm-model-license",
        RESEARCH_INTERNAL,
        "conditional",
        "1",
    ),
    ("dots-base-open", "rednote-hilab/dots.llm1.base", "mit", {}, "conditional", ""),
]


@pytest.mark.parametrize(("base", "terms", "project", "verdict", "section"), _rows(BASES))
def test_base_model(
    manifest: WriteManifest, base: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    f = base_finding(manifest, base, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


@pytest.mark.parametrize(("model", "licence"), GAPS, ids=[m for m, _ in GAPS])
@pytest.mark.parametrize(
    "project", [{"base": OTHER}, {"base": OTHER, **RESEARCH_INTERNAL}], ids=["commercial", "research"]
)
def test_a_model_under_an_unheld_licence_needs_review_naming_it(
    manifest: WriteManifest, model: str, licence: str, project: dict[str, Any]
) -> None:
    report = judge(manifest, teacher(model), **project)
    got = findings(report, model, "teacher")
    assert got and any(f["verdict"] == "needs-review" for f in got), [f["verdict"] for f in got]
    assert any(licence in r for f in got for r in f["reasons"]), [f["reasons"] for f in got]
    assert report["verdict"] in ("needs-review", "prohibited")


@pytest.mark.parametrize(("model", "licence"), GAPS, ids=[m for m, _ in GAPS])
def test_a_base_model_under_an_unheld_licence_needs_review(
    manifest: WriteManifest, model: str, licence: str
) -> None:
    report = judge(manifest, "", base=model)
    got = findings(report, model, "base-model")
    assert got and any(f["verdict"] == "needs-review" for f in got)
    assert any(licence in r for f in got for r in f["reasons"])


def test_whisper_turbo_is_mit_while_the_other_whisper_releases_are_apache() -> None:
    registry = Registry()
    turbo = registry.model("openai/whisper-large-v3-turbo")
    large = registry.model("openai/whisper-large-v3")
    assert turbo is not None and list(turbo.terms) == ["mit"]
    assert large is not None and list(large.terms) == ["apache-2.0"]


def test_the_prover_671b_descends_from_deepseek_v3_base() -> None:
    prover = Registry().model("deepseek-ai/DeepSeek-Prover-V2-671B")
    assert prover is not None and "deepseek-ai/DeepSeek-V3-Base" in prover.base_models


def test_unread_siblings_stay_unknown() -> None:
    # Patterns are narrow: releases whose cards were not read are not matched.
    registry = Registry()
    for model in (
        "Qwen/Qwen2.5-Omni-3B",
        "mistralai/Pixtral-12B-Base-2409",
        "allenai/OLMoE-1B-7B-0125-Instruct",
    ):
        assert registry.model(model) is None, model


def test_every_entry_cites_its_source_or_names_its_gap() -> None:
    for entry in entries("models-models12a.yaml", "models"):
        assert entry.get("source") or entry.get("gap"), entry
        assert entry.get("note"), entry


def test_molmo_72b_carries_the_qwen_licence_of_its_base(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("allenai/Molmo-72B-0924"), base=OTHER)
    terms = {(f["terms"] or "").split("@")[0] for f in findings(report, "allenai/Molmo-72B-0924", "teacher")}
    assert "qwen-tongyi-qianwen-license" in terms, terms
