"""Issue 12, reasoning and post-training datasets (reason12: datasets-reason12.yaml,
models-reason12.yaml and the entries of this family edited in place), judged through
`licensecheck check`.

s1K-1.1's writers are now all on record (R1 as weights and API, Claude 3.7 Sonnet's grades, s1K's
Gemini traces), so it is decided by their terms; Bespoke-Stratos-17k's own writers are complete
and its gap names the one part whose writers are unknown (STILL-2's research-only 5k set);
OpenMathReasoning names every writer its card and NVIDIA's pipeline give, and needs review only
for the two TIR models' licences; OpenR1-Math-220k and the sets built on it name NuminaMath 1.5 as
the source whose writers are missing; AM-DeepSeek-R1-Distilled-1.4M carries its report's
research-only terms as a named gap; LIMO, Mixture-of-Thoughts and SmolTalk 2 are catalogued with
their sources.
"""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries
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

S1K_11 = "simplescaling/s1K-1.1"
STRATOS = "bespokelabs/Bespoke-Stratos-17k"
STILL2 = "RUC-AIBOX/long_form_thought_data_5k"
OMR = "nvidia/OpenMathReasoning"
OPENR1 = "open-r1/OpenR1-Math-220k"
NUMINA15 = "AI-MO/NuminaMath-1.5"
MOT = "open-r1/Mixture-of-Thoughts"
SMOLTALK2 = "HuggingFaceTB/smoltalk2"
LIMO = "GAIR/LIMO"
AM = "a-m-team/AM-DeepSeek-R1-Distilled-1.4M"
NEMOTRON_V1 = "nvidia/Nemotron-Post-Training-Dataset-v1"
LLAMA_NEMOTRON = "nvidia/Llama-Nemotron-Post-Training-Dataset"
OT3 = "open-thoughts/OpenThoughts3-1.2M"
PROJECTS = [COMMERCIAL, RESEARCH_INTERNAL]
IDS = ["commercial", "research"]


# --- the catalogue files ---------------------------------------------------------------------------


def test_every_new_dataset_resolves_with_a_source_and_its_writers() -> None:
    registry = Registry()
    for item in entries("datasets-reason12.yaml", "datasets"):
        entry = registry.dataset(item["id"])
        assert entry is not None and entry.id == item["id"], item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]
        assert item.get("note"), item["id"]
        for ref in item.get("generated_by", []):
            assert registry.model(ref) is not None, (item["id"], ref)
        for name in item.get("derived_from", []):
            assert registry.dataset(name) is not None, (item["id"], name)
    # Only OpenMathReasoning's card and pipeline name every writer; Mixture-of-Thoughts wrote
    # nothing beyond R1's traces of its sources.
    complete = {
        i["id"] for i in entries("datasets-reason12.yaml", "datasets") if i.get("generators_complete", True)
    }
    assert complete == {OMR, MOT}


def test_new_models_resolve_to_their_own_entries_under_their_base() -> None:
    registry = Registry()
    for item in entries("models-reason12.yaml", "models"):
        entry = registry.model(item["id"])
        assert entry is not None and entry.key == item["id"], item["id"]
        assert str(item["source"]).startswith("https://") and item["base_model"], item["id"]
    # The LIMO model and its dataset share an id: each list resolves its own.
    model = registry.model(LIMO)
    assert model is not None and model.gap
    assert registry.dataset(LIMO) is not None


# --- s1K-1.1: complete, decided by its writers' terms -----------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_s1k_11_writers_are_complete_and_claudes_grades_decide(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(S1K_11), **project)
    assert f"Not every model that wrote {S1K_11} is on record" not in dataset_gap(report, S1K_11)
    # The Yes/No grades Claude 3.7 Sonnet wrote: Anthropic's terms forbid building competing models.
    claude = of_terms(
        generator(report, "anthropic:claude-3-7-sonnet-20250219"), "anthropic-commercial-terms@"
    )
    assert worst(claude) == "prohibited" and "D.4" in sections(claude)
    # R1's traces as open weights are permitted by its MIT grant; through the API, the DeepSeek
    # terms of early 2025 are not on record.
    r1 = of_terms(generator(report, "deepseek-ai/DeepSeek-R1"), "deepseek-r1-mit@")
    assert worst(r1) == "permitted" and "README §7 License" in sections(r1)
    api = generator(report, "deepseek:deepseek-reasoner")
    assert worst(api) == "needs-review" and "before the earliest version" in reasons(api)
    assert report["verdict"] == "prohibited"


# --- Bespoke-Stratos-17k: its gap is the STILL-2 part ---------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_bespoke_stratos_gap_names_its_still2_part_only(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(STRATOS), **project)
    gap = dataset_gap(report, STRATOS)
    assert f"Not every model that wrote {STRATOS} is on record" not in gap
    assert f"Not every model that wrote {STILL2}, from which {STRATOS} derives, is on record" in gap
    assert (
        f"{STRATOS} derives from {STILL2}, whose licence LicenseRef-ruc-aibox-research-purposes needs review"
        in gap
    )
    # R1 through the DeepSeek API, from its release to the announcement (2025-01-20 to 01-22).
    api = generator(report, "deepseek:deepseek-reasoner")
    assert {(f["period"]["from"], f["period"]["until"]) for f in api} == {("2025-01-20", "2025-01-22")}
    assert worst(api) == "needs-review" and "before the earliest version" in reasons(api)


def test_still2_data_cannot_be_relicensed_by_the_manifest(manifest: WriteManifest) -> None:
    report = judge(manifest, one(STILL2, "Apache-2.0"), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, STILL2)
    assert f"The licence LicenseRef-ruc-aibox-research-purposes of {STILL2} is not in the registry" in gap
    assert report["verdict"] == "needs-review"


# --- OpenMathReasoning: every writer named, two TIR models' licences open ----------------------------


@pytest.mark.parametrize(
    ("project", "own"), [(COMMERCIAL, "conditional"), (RESEARCH_INTERNAL, "permitted")], ids=IDS
)
def test_openmathreasoning_needs_review_only_for_its_tir_models(
    manifest: WriteManifest, project: dict[str, Any], own: str
) -> None:
    report = judge(manifest, one(OMR), **project)
    assert report["verdict"] == "needs-review"
    # Its own CC BY 4.0: attribution when the student is released.
    cc = of_terms(findings(report, OMR, "dataset"), "cc-by-4.0@")
    assert worst(cc) == own
    assert f"Not every model that wrote {OMR}" not in reasons(findings(report, OMR, "dataset"))
    limo = generator(report, "GAIR/LIMO")
    assert worst(
        limo
    ) == "needs-review" and "No licence is declared for the GAIR/LIMO model weights" in reasons(limo)
    nemotron = generator(report, "nvidia/OpenMath-Nemotron-14B")
    assert worst(nemotron) == "needs-review" and "card's own licence was not read" in reasons(nemotron)
    for ref in ("deepseek-ai/DeepSeek-R1", "Qwen/QwQ-32B", "Qwen/Qwen2.5-32B-Instruct"):
        assert worst(generator(report, ref)) == "permitted", ref


# --- OpenR1-Math-220k and NuminaMath 1.5 ------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_openr1_math_names_numinamath_15_as_what_is_missing(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(OPENR1), **project)
    # NuminaMath 1.5's OpenAI writers are on record since reason13: they bar a competing LLM.
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, OPENR1)
    assert f"Not every model that wrote {NUMINA15}, from which {OPENR1} derives, is on record" in gap
    assert f"Not every model that wrote {OPENR1} is on record" not in gap
    r1 = of_terms(generator(report, "deepseek-ai/DeepSeek-R1"), "deepseek-r1-mit@")
    assert worst(r1) == "permitted" and "README §7 License" in sections(r1)


def test_numinamath_15_is_apache_and_needs_review_for_its_writers(manifest: WriteManifest) -> None:
    for name in (NUMINA15, "project-numina/NuminaMath-1.5"):
        report = judge(manifest, one(name), **RESEARCH_INTERNAL)
        assert report["verdict"] == "prohibited", name  # its OpenAI writers, since reason13
        assert f"Not every model that wrote {name} is on record" in dataset_gap(report, name)
        assert worst(of_terms(findings(report, name, "dataset"), "apache-2.0@")) == "permitted"


# --- Mixture-of-Thoughts and SmolTalk 2 --------------------------------------------------------------


def test_mixture_of_thoughts_is_judged_through_its_three_sources(manifest: WriteManifest) -> None:
    report = judge(manifest, one(MOT), **COMMERCIAL)
    gap = dataset_gap(report, MOT)
    assert f"The registry records no licence for {MOT}" in gap
    assert f"Not every model that wrote {LLAMA_NEMOTRON}, from which {MOT} derives, is on record" in gap
    assert f"Not every model that wrote {NUMINA15}, from which {OPENR1} derives, is on record" in gap
    # The science part's Llama 3.3 writer: a commercial open-weights student must carry the name.
    llama = of_terms(generator(report, "meta-llama/Llama-3.3-70B-Instruct"), "llama-3.3-community-license@")
    assert "1.b.i" in sections(llama)
    # codeforces-cots' CC BY 4.0 comes along (since reason13 the first lineage reported for it is
    # OpenR1-Math-220k's, through NuminaMath 1.5's Orca-Math rows: the same terms are listed once).
    cc = of_terms(findings(report, MOT, "dataset"), "cc-by-4.0@")
    assert any(f["lineage"] and f["lineage"][-1] in ("open-r1/codeforces-cots", OPENR1) for f in cc)


@pytest.mark.parametrize("project", PROJECTS, ids=IDS)
def test_smoltalk2_names_its_sources_and_its_own_gaps(
    manifest: WriteManifest, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(SMOLTALK2), **project)
    assert report["verdict"] in ("needs-review", "prohibited")
    gap = dataset_gap(report, SMOLTALK2)
    assert f"The registry records no licence for {SMOLTALK2}" in gap
    assert f"Not every model that wrote {SMOLTALK2} is on record" in gap
    # OT3's writers are all named since session 10 (synth14); its Stack Exchange posts' CC BY-SA
    # licences are recorded since texts18, so no gap of OT3's comes along.
    assert f"The StackExchange CodeGolf and Physics questions in {OT3}" not in gap
    for ref in ("Qwen/Qwen3-32B", "Qwen/Qwen3-0.6B"):
        assert worst(generator(report, ref)) == "permitted", ref
    # s1K-1.1's grades come along: Claude's terms are judged here too.
    assert generator(report, "anthropic:claude-3-7-sonnet-20250219")


# --- LIMO ------------------------------------------------------------------------------------------


def test_limo_commercial_is_prohibited_by_its_numinamath_questions(manifest: WriteManifest) -> None:
    report = judge(manifest, one(LIMO), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, LIMO, "dataset")
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and any(
        f["lineage"][-1] == "AI-MO/NuminaMath-CoT" for f in nc if f["lineage"]
    )
    gpt4 = of_terms(generator(report, "openai:gpt-4"), "openai-")
    assert worst(gpt4) == "prohibited"
    for ref in ("deepseek-ai/DeepSeek-R1", "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", "Qwen/QwQ-32B"):
        assert worst(generator(report, ref)) == "permitted", ref


def test_limo_research_needs_review_for_math_and_its_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(LIMO), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, LIMO)
    assert f"Not every model that wrote {LIMO} is on record" in gap
    assert "LicenseRef-math-aops-copyright-claim" in gap
    assert worst(of_terms(findings(report, LIMO, "dataset"), "apache-2.0@")) == "permitted"


# --- AM-DeepSeek-R1-Distilled-1.4M: research only, its copied sets judged ----------------------------


def test_am_distilled_research_only_terms_are_a_gap_a_manifest_cannot_lift(manifest: WriteManifest) -> None:
    declared = judge(manifest, one(AM, "Apache-2.0"), **RESEARCH_INTERNAL)
    assert f"The licence LicenseRef-am-team-research-only of {AM} is not in the registry" in dataset_gap(
        declared, AM
    )
    assert declared["verdict"] == "prohibited"


def test_am_distilled_judges_the_open_sets_it_copies(manifest: WriteManifest) -> None:
    report = judge(manifest, one(AM), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, AM)
    # The open sets it copies whole come along, each naming what it lacks.
    assert (
        f"Not every model that wrote cognitivecomputations/dolphin-r1, from which {AM} derives, is on record"
        in gap
    )
    assert f"{STRATOS} derives from {STILL2}" in gap
    gemini = generator(report, "google:gemini-2.0-flash-thinking-exp")  # dolphin-r1's and s1K's traces
    assert gemini
    assert generator(report, "Qwen/Qwen2.5-7B-Instruct")  # its category labels
    assert report["verdict"] == "prohibited"


# --- NVIDIA post-training data ----------------------------------------------------------------------


def test_nemotron_v1_judges_r1_0528_and_still_needs_review(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NEMOTRON_V1), **COMMERCIAL)
    r1 = generator(report, "deepseek-ai/DeepSeek-R1-0528")
    assert worst(r1) == "permitted"
    assert f"Not every model that wrote {NEMOTRON_V1} is on record" in dataset_gap(report, NEMOTRON_V1)
    assert report["verdict"] == "needs-review"


def test_llama_nemotron_judges_the_openmathreasoning_writers_it_includes(manifest: WriteManifest) -> None:
    report = judge(manifest, one(LLAMA_NEMOTRON), **RESEARCH_INTERNAL)
    for ref in ("Qwen/QwQ-32B", "Qwen/Qwen2.5-32B-Instruct"):
        assert worst(generator(report, ref)) == "permitted", ref
    assert f"Not every model that wrote {LLAMA_NEMOTRON} is on record" in dataset_gap(report, LLAMA_NEMOTRON)


def test_openthoughts3_carries_opencodereasoning_questions(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OT3), **COMMERCIAL)
    cc = of_terms(findings(report, OT3, "dataset"), "cc-by-4.0@")
    assert any(f["lineage"] and f["lineage"][-1] == "nvidia/OpenCodeReasoning" for f in cc)
    assert worst(generator(report, "Qwen/QwQ-32B")) == "permitted"
    # Since session 10 (synth14) every writer is named (tests/test_registry_synth14.py); since texts18
    # the Stack Exchange questions' CC BY-SA versions are recorded, not a gap.
    assert "Stack Exchange's CC BY-SA licences" not in dataset_gap(report, OT3)
    assert of_terms(findings(report, OT3, "dataset"), "cc-by-sa-2.5@")


# --- found in this pass: an engine reading the lead should look at ---------------------------------


def test_a_declared_licence_keeps_the_upstream_writers_gap(manifest: WriteManifest) -> None:
    """Declaring the dataset's own licence does not vouch for its upstream's writers."""
    report = judge(manifest, one(OPENR1, "Apache-2.0"), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, OPENR1)
    assert f"Not every model that wrote {NUMINA15}, from which {OPENR1} derives, is on record" in gap
    assert report["verdict"] == "prohibited"  # NuminaMath 1.5's OpenAI writers, since reason13
