"""Issue 15's uncatalogued training data (new15c: datasets-new15c.yaml), judged through
`licensecheck check`.

Multimodal instruction sets: ShareGPT4V's GPT-4V captions and CC BY-NC 4.0 bar a commercial LLM,
while its Share-Captioner part is a named gap; DenseFusion-1M's GPT-4V seed captions are judged and
its own caption engine is a gap. The data that catalogued models' cards name: xP3x carries its
sources' non-commercial licences (the DPI's record), so a commercial LLM is prohibited where a
research build only needs review; FLORES-200 is human translation under CC BY-SA 4.0, so NLLB's
data no longer leaves a research build in review; MPT-30B-Chat's LongConversations names its
OpenAI writers, whose terms now bind through the model; bloomz-mt, Aya-101 and MPT-30B-Instruct
name their data's open writers precisely instead of "not known"."""

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
    sections,
    worst,
)
from tests.test_registry_families_2026 import judge as judge_project

FILE = "datasets-new15c.yaml"
UNKNOWN = "which the registry does not know"


def base_model(manifest: WriteManifest, model: str, project: dict[str, Any]) -> dict[str, Any]:
    return judge_project(manifest, "", base=model, **project)


def base_gaps(report: dict[str, Any], model: str) -> str:
    return reasons([f for f in findings(report, model, "base-model") if not f["terms"]])


# --- the file as a whole -----------------------------------------------------------------------


def test_every_entry_resolves_and_names_its_gap() -> None:
    assert unresolved_datasets(FILE) == []
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


# --- multimodal instruction sets ---------------------------------------------------------------


def test_sharegpt4v_gpt4v_captions_and_nc_licence_bar_a_commercial_llm(manifest: WriteManifest) -> None:
    name = "Lin-Chen/ShareGPT4V"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    licence = of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")
    assert worst(licence) == "prohibited" and "2(a)(1)" in sections(licence)
    gpt4v = of_terms(generator(report, "openai:gpt-4-vision-preview"), "openai-terms-of-use@")
    assert worst(gpt4v) == "prohibited" and "2(c)(iii)" in sections(gpt4v)
    assert "Share-Captioner" in dataset_gap(report, name)


def test_sharegpt4v_research_build_meets_the_nc_licence_but_not_openais_terms(
    manifest: WriteManifest,
) -> None:
    name = "Lin-Chen/ShareGPT4V"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    # Non-commercial research is what CC BY-NC grants; OpenAI's competing-model clause still binds
    # a general LLM, whatever its use.
    assert worst(of_terms(findings(report, name, "dataset"), "cc-by-nc-4.0@")) == "conditional"
    assert worst(generator(report, "chatgpt:gpt-4")) == "prohibited"
    # The SFT mix re-uses LLaVA-1.5's mixture, so LLaVA-Instruct-150K's GPT-4 comes along.
    assert "liuhaotian/LLaVA-Instruct-150K" in dataset_gap(report, name)
    assert worst(generator(report, "openai:gpt-4")) == "prohibited"


def test_densefusion_gpt4v_seed_captions_are_judged_and_its_engine_is_a_gap(
    manifest: WriteManifest,
) -> None:
    name = "BAAI/DenseFusion-1M"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert worst(generator(report, "openai:gpt-4-vision-preview")) == "prohibited"
    assert "caption engine" in dataset_gap(report, name)


def test_llava_video_names_gpt4o_and_its_open_caption_writer(manifest: WriteManifest) -> None:
    name = "lmms-lab/LLaVA-Video-178K"
    report = judge(manifest, one(name), **COMMERCIAL)
    # GPT-4o wrote it in 2024, when OpenAI's business terms governed the API: no version of them
    # from then is on record, so that writer needs review (it is not cleared).
    gpt4o = generator(report, "openai:gpt-4o")
    assert worst(gpt4o) == "needs-review"
    assert "before the earliest version of OpenAI Services Agreement on record" in reasons(gpt4o)
    assert "detailed captions" in dataset_gap(report, name)


@pytest.mark.parametrize(
    ("name", "gap"),
    [
        ("liuhaotian/LLaVA-Pretrain", "names the BLIP checkpoint"),
        ("MMInstruction/M3IT", "translated into 80 languages"),
        # new17: the captions are crowd-sourced (the DenotationGraph page); the gap now names the
        # images' non-commercial research terms instead of the caption writers. texts18: those
        # terms are encoded (flickr30k-image-terms), so a commercial project is prohibited:
        # tests/test_registry_texts18.py.
    ],
)
def test_unlisted_multimodal_writers_are_named_gaps(manifest: WriteManifest, name: str, gap: str) -> None:
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(name), **project)
        assert report["verdict"] == "needs-review"
        assert gap in dataset_gap(report, name)


def test_vqav2_is_crowdsourced_under_cc_by_with_the_coco_images_a_gap(manifest: WriteManifest) -> None:
    # new17: the VQA Terms of Use were read (GT-Vision-Lab/VQA-Website terms.html): the annotations
    # are CC BY 4.0, so the unread-terms placeholder gave way to CC BY 4.0; the COCO images keep
    # their Flickr owners' terms (COCO terms of use), now the named gap.
    name = "HuggingFaceM4/VQAv2"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, name)
    assert "carries the COCO images" in gap
    assert "LicenseRef-vqa-terms-of-use" not in gap
    assert "Not every model that wrote" not in gap
    assert worst(of_terms(findings(report, name, "dataset"), "cc-by-4.0@")) == "conditional"
    # A declared licence cannot lift the catalogue's gap about the images.
    declared = judge(manifest, one(name, "CC-BY-4.0"), **COMMERCIAL)
    assert "carries the COCO images" in dataset_gap(declared, name)


# --- data named by catalogued models -------------------------------------------------------------


def test_xp3x_non_commercial_sources_bar_a_commercial_llm(manifest: WriteManifest) -> None:
    name = "CohereForAI/xP3x"
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, name, "dataset")
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert any("xlsum" in end for end in lineage_ends(nc))
    assert worst(of_terms(mine, "apache-2.0@")) == "permitted"
    assert "Google Translate" in dataset_gap(report, name)


def test_xp3x_research_build_needs_review_but_is_not_prohibited(manifest: WriteManifest) -> None:
    name = "CohereForAI/xP3x"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(findings(report, name, "dataset"), "cc-by-nc-sa-4.0@")) == "conditional"


def test_flores_is_human_translation_under_share_alike(manifest: WriteManifest) -> None:
    for name in ("facebook/flores", "flores-200"):
        commercial = judge(manifest, one(name), **COMMERCIAL)
        assert commercial["verdict"] == "conditional"
        licence = of_terms(findings(commercial, name, "dataset"), "cc-by-sa-4.0@")
        assert {"3(a)(1)", "3(b)"} <= sections(licence)
        research = judge(manifest, one(name), **RESEARCH_INTERNAL)
        assert research["verdict"] == "permitted"


def test_nllb_research_build_no_longer_waits_on_unknown_data(manifest: WriteManifest) -> None:
    model = "facebook/nllb-200-distilled-600M"
    research = base_model(manifest, model, RESEARCH_INTERNAL)
    assert research["verdict"] == "conditional"
    assert UNKNOWN not in base_gaps(research, model)
    commercial = base_model(manifest, model, COMMERCIAL)
    assert commercial["verdict"] == "prohibited"  # the weights' own CC BY-NC 4.0


def test_mpt30b_chat_longconversations_writers_now_bind(manifest: WriteManifest) -> None:
    entry = Registry().dataset("LongConversations")
    assert entry is not None and entry.generators_complete
    assert set(entry.generated_by) == {"openai:gpt-3.5-turbo", "openai:gpt-4"}
    model = "mosaicml/mpt-30b-chat"
    report = base_model(manifest, model, RESEARCH_INTERNAL)
    long = [f for f in generator(report, "openai:gpt-4") if "LongConversations" in " ".join(f["reasons"])]
    assert worst(long) == "prohibited" and "2(c)(iii)" in sections(long)
    assert f"LongConversations, {UNKNOWN}" not in base_gaps(report, model)


def test_longconversations_unreleased_data_needs_review_on_its_own(manifest: WriteManifest) -> None:
    report = judge(manifest, one("LongConversations"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, "LongConversations")
    assert "LicenseRef-mosaicml-longconversations-unreleased" in gap
    assert "Not every model that wrote" not in gap


@pytest.mark.parametrize(
    ("model", "data"),
    [
        ("bigscience/bloomz-7b1-mt", ["bigscience/xP3mt"]),
        (
            "CohereForAI/aya-101",
            [
                "CohereForAI/xP3x",
                "CohereForAI/aya_collection",
                "CohereForAI/aya_evaluation_suite",
                "DataProvenanceInitiative/Commercially-Verified-Licenses",
            ],
        ),
        ("mosaicml/mpt-30b-instruct", ["emozilla/quality"]),
    ],
)
def test_models_name_their_datas_open_writers_precisely(
    manifest: WriteManifest, model: str, data: list[str]
) -> None:
    report = base_model(manifest, model, RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    gaps = base_gaps(report, model)
    assert UNKNOWN not in gaps
    for name in data:
        assert f"{model} was trained on {name}, and not every model that wrote it is on record" in gaps


def test_scrolls_is_human_written_under_per_dataset_licences(manifest: WriteManifest) -> None:
    for name in ("tau/scrolls", "scrolls/summ_screen_fd"):
        report = judge(manifest, one(name), **COMMERCIAL)
        assert report["verdict"] == "needs-review"
        gap = dataset_gap(report, name)
        assert "LicenseRef-scrolls-per-dataset-licences" in gap
        assert "Not every model that wrote" not in gap
    # MPT-30B-Instruct's SummScreenFD part adds no writer gap of its own.
    report = base_model(manifest, "mosaicml/mpt-30b-instruct", RESEARCH_INTERNAL)
    assert "scrolls/summ_screen_fd" not in base_gaps(report, "mosaicml/mpt-30b-instruct")
