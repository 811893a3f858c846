"""Issue 12, session 18 (math18): math datasets whose gaps were narrowed, judged through
`licensecheck check`.

Edited in place: AI-MO/NuminaMath-1.5 and project-numina/NuminaMath-1.5 (the card's own words on its
hand-curated new sources; the gap now names only what is still unstated), open-r1/OpenR1-Math-220k
(comment: what it keeps from NuminaMath 1.5), SynthLabsAI/Big-Math-RL-Verified (HARP followed as an
upstream; the reformulating model named only by a secondary summary, so not recorded) and
agentica-org/DeepScaleR-Preview-Dataset (its AIME file described). New in datasets-math18.yaml:
HARP (aadityasingh/HARP), scraped from the AoPS wiki with no licence."""

from __future__ import annotations

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
    lineage_ends,
    of_terms,
    one,
    worst,
)

FILE = "datasets-math18.yaml"
HARP = "aadityasingh/HARP"
BIGMATH = "SynthLabsAI/Big-Math-RL-Verified"
NUMINA15 = "AI-MO/NuminaMath-1.5"
NUMINA15_LATER = "project-numina/NuminaMath-1.5"
OPENR1_MATH = "open-r1/OpenR1-Math-220k"
DEEPSCALER = "agentica-org/DeepScaleR-Preview-Dataset"


def test_every_entry_of_the_file_resolves_and_names_its_gaps() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


# --- HARP: AoPS wiki material with no licence ----------------------------------------------------------


def test_harp_has_no_licence_and_no_model_writer() -> None:
    entry = Registry().dataset(HARP)
    assert entry is not None and entry.license is None and not entry.terms
    assert not entry.generated_by and not entry.derived_from


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL])
def test_harp_needs_review_for_the_aops_wiki_and_its_missing_licence(
    manifest: WriteManifest, project: dict[str, str]
) -> None:
    report = judge(manifest, one(HARP), **project)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, HARP)
    assert "scraped from the Art of Problem Solving wiki" in gap
    assert "its repository declares no licence" in gap


def test_a_manifest_licence_does_not_settle_harps_rights(manifest: WriteManifest) -> None:
    report = judge(manifest, one(HARP, "MIT"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert "scraped from the Art of Problem Solving wiki" in dataset_gap(report, HARP)


# --- Big-Math: HARP followed, the reformulating model still a gap --------------------------------------


def test_big_math_follows_harp_and_records_no_unverified_writer() -> None:
    entry = Registry().dataset(BIGMATH)
    assert entry is not None and HARP in entry.derived_from
    assert not entry.generators_complete
    # A secondary summary names Llama-3.1-405B; no primary source read does, so nothing is recorded.
    assert not any("llama" in name.lower() for name in entry.generated_by)


def test_big_math_gap_names_the_reformulating_model_and_harps_rights(manifest: WriteManifest) -> None:
    report = judge(manifest, one(BIGMATH), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, BIGMATH)
    assert "Big-Math-Reformulated" in gap and "NOT VERIFIED" in gap
    assert "scraped from the Art of Problem Solving wiki" in gap  # HARP's own gap, followed
    assert "HARP problems (not in the registry)" not in gap


def test_big_math_commercial_use_is_still_prohibited_by_numinamath_cot(manifest: WriteManifest) -> None:
    report = judge(manifest, one(BIGMATH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, BIGMATH, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "AI-MO/NuminaMath-CoT" in lineage_ends(nc)


# --- NuminaMath 1.5 and OpenR1-Math: the gap narrowed, not lifted ----------------------------------------


@pytest.mark.parametrize("name", [NUMINA15, NUMINA15_LATER])
def test_numinamath_15_gap_names_only_what_is_still_unstated(name: str) -> None:
    entry = Registry().dataset(name)
    assert entry is not None and not entry.generators_complete
    gap = " ".join(entry.standing_gaps)
    assert "hand-curated by data partners" in gap
    assert "who rewrote the rows added since to the sources the report covers" in gap
    assert "`metamath` rows" in gap and "problem_type, question_type" in gap


def test_openr1_math_carries_the_narrowed_numinamath_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OPENR1_MATH), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, OPENR1_MATH)
    assert f"{NUMINA15}'s card names no model" in gap
    assert "olympiads_ref rows were parsed and verified by hand" in gap
    assert report["verdict"] != "permitted"


def test_openr1_math_commercial_use_is_decided_by_numinamaths_openai_writers(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(OPENR1_MATH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited"


# --- DeepScaleR: the AIME file described ---------------------------------------------------------------


def test_deepscaler_gap_describes_its_aime_file(manifest: WriteManifest) -> None:
    entry = Registry().dataset(DEEPSCALER)
    assert entry is not None and "google:gemini-1.5-pro-002" in entry.generated_by
    report = judge(manifest, one(DEEPSCALER), **RESEARCH_INTERNAL)
    gap = dataset_gap(report, DEEPSCALER)
    assert "AIME train file" in gap and "975 AIME 1983-2023 problems" in gap
    assert "Mathematical Association of America's" in gap
    assert report["verdict"] != "permitted"
