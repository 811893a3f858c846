"""Issue 12's second writers pass (writers12b): who wrote the Tulu 3 subsets, PKU-SafeRLHF,
Cosmopedia and airoboros 3.1, judged through `licensecheck check`.

CoCoNot's paper names every writer (GPT-4 and GPT-3.5 queries, gpt-4-1106-preview responses, and
the Llama 2 and Tulu 2 models of its preference set): its list is complete, and Llama 2's bar on
improving other LLMs decides it while Tulu 2's ImpACT licence stays a gap. SciRIFF and FLAN v2 are
templates over existing datasets (no writer); FLAN v2's licence is on record since reason13.
PKU-SafeRLHF's card names its three response models (Llama 2 / Llama 3 / LLaMA fine-tunes on the
Alpaca data).
Cosmopedia keeps OpenHermes-2.5 answers and UltraChat turns in its prompts (a gap). WildGuardMix,
WildJailbreak, Table-GPT, Hardcoded and HelpSteer3 keep a gap naming their unknown writers."""

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

COCONOT = "allenai/coconot"
SCIRIFF = "allenai/SciRIFF"
FLAN = "ai2-adapt-dev/flan_v2_converted"
MIXTURE = "allenai/tulu-3-sft-mixture"
PKU = "PKU-Alignment/PKU-SafeRLHF"
COSMOPEDIA = "HuggingFaceTB/cosmopedia"
AIROBOROS_31 = "jondurbin/airoboros-3.1"
TULU_3_SFT = "allenai/Llama-3.1-Tulu-3-8B-SFT"
TULU_2_ADDED = ["allenai/tulu-2-70b", "allenai/tulu-2-dpo-7b", "allenai/tulu-2-dpo-13b"]
PKU_ALPACA_LLAMA = [
    ("PKU-Alignment/alpaca-7b-reproduced-llama-2", "llama-2-community-license@"),
    ("PKU-Alignment/alpaca-8b-reproduced-llama-3", "llama-3-community-license@"),
]
STILL_UNKNOWN = [
    "allenai/wildguardmix",
    "allenai/wildjailbreak",
    "LipengCS/Table-GPT",
    "allenai/tulu-3-hard-coded",
    "nvidia/HelpSteer3",
    PKU,
    COSMOPEDIA,
    AIROBOROS_31,
]
EDITED = [COCONOT, SCIRIFF, FLAN, "allenai/llama-3.1-tulu-3-8b-preference-mixture", *STILL_UNKNOWN]


def incomplete(report: dict[str, Any], name: str) -> bool:
    return f"Not every model that wrote {name} is on record" in reasons(findings(report, name, "dataset"))


# --- CoCoNot: complete from its paper -------------------------------------------------------------


def test_coconot_writer_list_is_the_papers() -> None:
    registry = Registry()
    entry = registry.dataset(COCONOT)
    assert entry is not None and entry.generators_complete
    assert {"openai:gpt-4", "openai:gpt-4-1106-preview", "openai:gpt-3.5-turbo"} <= set(entry.generated_by)
    # "all Llama 2 models" and "all Tulu 2 models": base and chat, SFT and DPO, every size.
    assert len([r for r in entry.generated_by if r.startswith("meta-llama/Llama-2-")]) == 6
    assert len([r for r in entry.generated_by if r.startswith("allenai/tulu-2-")]) == 6
    assert [ref for ref in entry.generated_by if registry.model(ref) is None] == []


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_coconot_openai_and_llama_2_writers_decide(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one(COCONOT), **project)
    assert report["verdict"] == "prohibited"
    assert not incomplete(report, COCONOT)
    responses = of_terms(generator(report, "openai:gpt-4-1106-preview"), "openai-terms-of-use@")
    assert worst(responses) == "prohibited" and "2(c)(iii)" in sections(responses)
    llama = of_terms(generator(report, "meta-llama/Llama-2-7b-chat-hf"), "llama-2-community-license@")
    assert worst(llama) == "prohibited" and "1.b.v" in sections(llama)


def test_coconot_tulu_2_writers_keep_the_impact_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(COCONOT), **RESEARCH_INTERNAL)
    for ref in ["allenai/tulu-2-7b", *TULU_2_ADDED]:
        got = generator(report, ref)
        assert "ImpACT" in reasons(got), ref
        assert any(f["verdict"] == "needs-review" for f in got), ref


# --- SciRIFF and FLAN v2: no model wrote them ------------------------------------------------------


def test_sciriff_is_definite_under_odc_by(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(SCIRIFF), **COMMERCIAL)
    assert commercial["verdict"] == "conditional"
    odc = of_terms(findings(commercial, SCIRIFF, "dataset"), "odc-by-1.0@")
    assert worst(odc) == "conditional" and "4.3" in sections(odc)
    assert not [f for f in commercial["findings"] if f["role"] == "generator"]
    research = judge(manifest, one(SCIRIFF), **RESEARCH_INTERNAL)
    assert research["verdict"] == "permitted"


def test_flan_v2_has_no_writer_gap(manifest: WriteManifest) -> None:
    # Its licence (CC BY 4.0, the one its card points to) is on record since reason13
    # (tests/test_registry_reason13.py): with no writer to miss, it is definite.
    report = judge(manifest, one(FLAN), **RESEARCH_INTERNAL)
    assert report["verdict"] == "permitted"
    why = reasons(findings(report, FLAN, "dataset"))
    assert "Not every model that wrote" not in why


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_mixture_gap_no_longer_names_the_established_subsets(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(MIXTURE), **project)
    gap = reasons([f for f in findings(report, MIXTURE, "dataset") if f["verdict"] == "needs-review"])
    for name in (COCONOT, SCIRIFF, FLAN):
        assert f"Not every model that wrote {name}," not in gap, name
    for name in ("allenai/wildguardmix", "allenai/wildjailbreak", "LipengCS/Table-GPT"):
        assert f"Not every model that wrote {name}, from which {MIXTURE} derives, is on record" in gap
    assert f"{MIXTURE} derives from {FLAN}" not in gap  # its licence is on record since reason13
    # The mixture holds CoCoNot's SFT rows only (open-instruct's coconot.py): their
    # gpt-4-1106-preview responses come along, the Llama 2 and Tulu 2 rejections of its
    # preference config do not.
    assert generator(report, "openai:gpt-4-1106-preview")
    assert not findings(report, "allenai/tulu-2-dpo-13b", "generator")
    assert not findings(report, "meta-llama/Llama-2-7b-chat-hf", "generator")


# --- the gaps that stay, each naming its dataset ---------------------------------------------------


@pytest.mark.parametrize("name", STILL_UNKNOWN)
def test_datasets_whose_writers_are_still_unknown_need_review(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert report["verdict"] in ("needs-review", "prohibited")
    assert incomplete(report, name)
    assert all(f["verdict"] == "needs-review" for f in findings(report, name, "dataset") if not f["terms"])


def test_wildguardmix_card_and_mixture_licences_are_both_judged(manifest: WriteManifest) -> None:
    name = "allenai/wildguardmix"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert worst(of_terms(mine, "odc-by-1.0@")) == "conditional"
    assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
    # Its GPT-4 labels (recorded in instr14) bar a commercial LLM under OpenAI's terms.
    assert report["verdict"] == "prohibited"


# --- PKU-SafeRLHF: its card's three response models ---------------------------------------------


def test_pku_saferlhf_llama_writers_decide_even_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one(PKU), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    for ref, terms in PKU_ALPACA_LLAMA:
        got = of_terms(generator(report, ref), terms)
        assert worst(got) == "prohibited" and "1.b.v" in sections(got), ref
    # Alpaca-7B's own licence was not read: a gap naming it.
    alpaca = generator(report, "PKU-Alignment/alpaca-7b-reproduced")
    assert "its own card) was not read" in reasons(alpaca)
    nc = of_terms(findings(report, PKU, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "conditional"


@pytest.mark.parametrize(("model", "terms"), PKU_ALPACA_LLAMA)
def test_pku_alpaca_teachers_carry_their_llama_base(manifest: WriteManifest, model: str, terms: str) -> None:
    report, other = judged_teacher(manifest, model, terms.rstrip("@"), {"base": OTHER})
    assert other["verdict"] == "prohibited" and cited(other, "1.b.v"), other["reasons"]
    assert "was not read" in reasons(findings(report, model, "teacher"))


@pytest.mark.parametrize("model", TULU_2_ADDED)
def test_tulu_2_suite_teachers(manifest: WriteManifest, model: str) -> None:
    report, llama = judged_teacher(manifest, model, "llama-2-community-license", {"base": OTHER})
    assert llama["verdict"] == "prohibited" and cited(llama, "1.b.v"), llama["reasons"]
    assert "ImpACT" in reasons(findings(report, model, "teacher"))


# --- the Tulu 3 8B preference mixture: its on-policy writer -----------------------------------------


def test_tulu_3_preference_mixture_judges_its_on_policy_writer(manifest: WriteManifest) -> None:
    name = "allenai/llama-3.1-tulu-3-8b-preference-mixture"
    report = judge(manifest, one(name), **COMMERCIAL)
    sft = of_terms(generator(report, TULU_3_SFT), "llama-3.1-community-license@")
    # Llama 3.1's naming rule binds a model trained on the SFT model's outputs.
    assert worst(sft) == "prohibited" and "1.b.i" in sections(sft)
    assert incomplete(report, name)


# --- Cosmopedia: the seeds in its prompts ----------------------------------------------------------
# Since issue 12 session 10 (core17) the seed sets its prompts keep are recorded (derived_from and
# the OpenAI writers of what the OpenHermes-2.5 filter keeps): tests/test_registry_core17.py.


# --- airoboros 3.1 ----------------------------------------------------------------------------------


def test_airoboros_31_is_catalogued_and_its_openai_writer_decides(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AIROBOROS_31), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    openai = of_terms(generator(report, "openai:unspecified"), "openai-terms-of-use@")
    assert worst(openai) == "prohibited" and "2(c)(iii)" in sections(openai)
    mine = findings(report, AIROBOROS_31, "dataset")
    assert worst(of_terms(mine, "cc-by-4.0@")) == "conditional"
    # Part of its MathJSON data is MetaMathQA's: that set's licence and writer come along.
    assert any(f["lineage"] and f["lineage"][-1] == "meta-math/MetaMathQA" for f in mine)
    assert generator(report, "openai:gpt-3.5-turbo")
    assert incomplete(report, AIROBOROS_31)


# --- entries ----------------------------------------------------------------------------------------


def test_every_new_entry_resolves_with_a_source() -> None:
    registry = Registry()
    for item in entries("datasets-writers12b.yaml", "datasets"):
        entry = registry.dataset(item["id"])
        assert entry is not None and entry.id == item["id"], item["id"]
        # Its own terms, and those of what it derives from (MetaMathQA's MIT for airoboros 3.1).
        assert set(item.get("terms", ())) <= set(entry.terms), item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]
    for item in entries("models-writers12b.yaml", "models"):
        model = registry.model(item["id"])
        assert model is not None and model.key == item["id"], item["id"]
        assert tuple(model.terms) == tuple(item["terms"]), item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]
        # Each one's own licence is unread (or not in the registry): a gap, never a pass.
        assert item.get("gap"), item["id"]


@pytest.mark.parametrize("name", EDITED)
def test_edited_entries_name_writers_the_registry_knows(name: str) -> None:
    registry = Registry()
    entry = registry.dataset(name)
    assert entry is not None, name
    assert str(entry.source).startswith("https://"), name
    assert [ref for ref in entry.generated_by if registry.model(ref) is None] == [], name
    assert all(registry.dataset(d) is not None for d in entry.derived_from), name
