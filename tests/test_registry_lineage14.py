"""Issue 12, lineage14 pass: the training data that popular models' cards name (flan-t5's Flan 2022
sets, the 1B sentence pairs of sentence-transformers' all-* models, MPT-7B-Instruct's Dolly-HHRLHF,
BLOOMZ's xP3, OpenELM-Instruct's UltraFeedback copy), catalogued in datasets-lineage14.yaml so that
the models that wrote it are judged when those models are teachers, through `licensecheck check`.
"""

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
    lineage_ends,
    of_terms,
    one,
    reasons,
    worst,
)
from tests.test_registry_families_2026 import judge as judge_project
from tests.test_registry_families_2026 import teacher

FILE = "datasets-lineage14.yaml"


def test_every_new_dataset_resolves_with_a_source() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


def judged_as_teacher(manifest: WriteManifest, model: str, project: dict[str, Any]) -> dict[str, Any]:
    return judge_project(manifest, teacher(model), **project)


def data_gaps(report: dict[str, Any], model: str) -> str:
    """What the teacher's findings say about the data it was trained on."""
    return " ".join(r for r in reasons(findings(report, model, "teacher")).split(". ") if "trained on" in r)


# --- flan-t5: the Flan 2022 sets are all on record -----------------------------------------------


@pytest.mark.parametrize("model", ["google/flan-t5-xl", "google/flan-t5-large", "google/flan-t5-base"])
def test_flan_t5_teacher_has_no_unknown_training_data(manifest: WriteManifest, model: str) -> None:
    report = judged_as_teacher(manifest, model, COMMERCIAL)
    assert data_gaps(report, model) == ""
    assert worst(findings(report, model, "teacher")) == "permitted"
    assert not findings(report, role="generator")


def test_quasc_is_the_flan_spelling_of_qasc(manifest: WriteManifest) -> None:
    entry = Registry().dataset("quasc")
    assert entry is not None and entry.derived_from == ("qasc",)
    report = judge(manifest, one("quasc"), **COMMERCIAL)
    assert "qasc" in lineage_ends(of_terms(findings(report, "quasc", "dataset"), "cc-by-4.0@"))


def test_wikidialog_is_googles_own_model_output_and_the_copy_declares_no_licence(
    manifest: WriteManifest,
) -> None:
    original = Registry().dataset("google-research/dialog-inpainting")
    assert original is not None and original.released_by == "google" and not original.generated_by
    report = judge(manifest, one("djaym7/wiki_dialog"), **COMMERCIAL)
    assert not findings(report, role="generator")
    assert "djaym7/wiki_dialog derives from google-research/dialog-inpainting" in dataset_gap(
        report, "djaym7/wiki_dialog"
    )
    assert report["verdict"] == "needs-review"


# --- MPT-7B-Instruct: Dolly and HH-RLHF ------------------------------------------------------------


def test_mpt_7b_instruct_teacher_is_permitted_through_its_data(manifest: WriteManifest) -> None:
    report = judged_as_teacher(manifest, "mosaicml/mpt-7b-instruct", COMMERCIAL)
    assert data_gaps(report, "mosaicml/mpt-7b-instruct") == ""
    assert report["verdict"] == "permitted"


def test_dolly_hhrlhf_carries_both_originals(manifest: WriteManifest) -> None:
    name = "mosaicml/dolly_hhrlhf"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert "Anthropic/hh-rlhf" in lineage_ends(of_terms(mine, "mit@"))
    assert of_terms(mine, "cc-by-sa-3.0@")  # its own and Dolly's (one finding per terms)
    entry = Registry().dataset(name)
    assert entry is not None
    assert set(entry.derived_from) == {"databricks/databricks-dolly-15k", "Anthropic/hh-rlhf"}
    assert not findings(report, role="generator")


# --- BLOOMZ: xP3's writers stay open ---------------------------------------------------------------


@pytest.mark.parametrize("model", ["bigscience/bloomz-7b1", "bigscience/bloomz"])
def test_bloomz_teacher_needs_review_for_xp3s_writers(manifest: WriteManifest, model: str) -> None:
    report = judged_as_teacher(manifest, model, RESEARCH_INTERNAL)
    gaps = data_gaps(report, model)
    assert "bigscience/xP3, and not every model that wrote it is on record" in gaps
    assert "which the registry does not know" not in gaps
    assert report["verdict"] == "needs-review"


# --- OpenELM-Instruct: the UltraFeedback copy brings its writers ------------------------------------


def test_openelm_instruct_teacher_is_barred_by_ultrafeedbacks_openai_writer(manifest: WriteManifest) -> None:
    model = "apple/OpenELM-3B-Instruct"
    report = judged_as_teacher(manifest, model, COMMERCIAL)
    assert data_gaps(report, model) == ""
    gpt4 = generator(report, "openai:gpt-4")
    assert worst(gpt4) == "prohibited"
    assert "csarron/argilla-ultrafeedback-binarized-preferences-cleaned" in reasons(gpt4)
    assert report["verdict"] == "prohibited"


def test_csarron_copy_derives_from_both_ultrafeedback_splits() -> None:
    entry = Registry().dataset("csarron/argilla-ultrafeedback-binarized-preferences-cleaned")
    assert entry is not None
    assert set(entry.derived_from) >= {
        "argilla/ultrafeedback-binarized-preferences-cleaned",
        "HuggingFaceH4/ultrafeedback_binarized",
    }
    assert "openai:gpt-4" in entry.generated_by


# --- sentence-transformers all-*: every set is known; Flickr30k's writers stay open ------------------


@pytest.mark.parametrize(
    "model", ["sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-mpnet-base-v2"]
)
def test_all_models_training_sets_are_known_except_flickrs_writers(
    manifest: WriteManifest, model: str
) -> None:
    report = judged_as_teacher(manifest, model, COMMERCIAL)
    gaps = data_gaps(report, model)
    assert "which the registry does not know" not in gaps
    assert "embedding-data/flickr30k-captions, and not every model that wrote it is on record" in gaps
    assert not findings(report, role="generator")
    assert report["verdict"] == "needs-review"


def test_paq_questions_were_written_by_its_authors_own_models(manifest: WriteManifest) -> None:
    paq = Registry().dataset("facebookresearch/PAQ")
    assert paq is not None and paq.released_by == "meta" and not paq.generated_by
    name = "embedding-data/PAQ_pairs"
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert "facebookresearch/PAQ" in lineage_ends(of_terms(mine, "cc-by-sa-3.0@"))
    assert of_terms(mine, "mit@")
    assert not findings(report, role="generator")


@pytest.mark.parametrize("name", ["eli5", "search_qa", "wikihow"])
def test_scraped_sets_without_a_stated_licence_need_review_when_used_directly(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert f"The registry records no licence for {name}" in dataset_gap(report, name)
    assert not findings(report, role="generator")


def test_stack_exchange_dump_is_share_alike(manifest: WriteManifest) -> None:
    name = "flax-sentence-embeddings/stackexchange_xml"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert of_terms(findings(report, name, "dataset"), "cc-by-sa-4.0@")
    assert dataset_gap(report, name) == ""


def test_s2orc_judges_both_licence_readings(manifest: WriteManifest) -> None:
    report = judge(manifest, one("s2orc"), **COMMERCIAL)
    mine = findings(report, "s2orc", "dataset")
    assert of_terms(mine, "odc-by-1.0@") and of_terms(mine, "cc-by-2.0@")
