"""Issue 12, session 10 (writers17): post-training and synthetic datasets whose writers are now read
from a primary source, judged through `licensecheck check`.

Edited in place: BigCodeBench (its authors' release post: GPT-4 expanded ODEX's one-liners into the
tasks and, guided by human experts, refined them and wrote their tests), APIBench (the Gorilla
paper: GPT-4 wrote the instructions), LLaVA-OneVision-Data (its authors' upload script: it
re-publishes ShareGPT4V and The Cauldron, and labels subsets as GPT-4V-written) and
WebInstructSub (the MAmmoTH2 paper: Qwen-72B extracted the Q-A pairs, Mixtral and Qwen-72B refined
them; GPT-3.5 and GPT-4 only chose web domains). A named OpenAI writer decides a commercial
general LLM (prohibited) even where the list stays incomplete; a classifier, which OpenAI's clause
on competing models may not reach, stays needs-review; an open writer's licence is applied."""

from __future__ import annotations

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

BIGCODEBENCH = "bigcode/bigcodebench"
APIBENCH = "gorilla-llm/APIBench"
ONEVISION = "lmms-lab/LLaVA-OneVision-Data"
SHAREGPT4V = "Lin-Chen/ShareGPT4V"
CAULDRON = "HuggingFaceM4/the_cauldron"
WEBINSTRUCT = "TIGER-Lab/WebInstructSub"
QWEN72B = "Qwen/Qwen-72B"
MIXTRAL_8X22B = "mistralai/Mixtral-8x22B-Instruct-v0.1"
MIXTRAL_8X7B = "mistralai/Mixtral-8x7B-Instruct-v0.1"
GPT4 = "openai:gpt-4"
CLASSIFIER = {"kind": "classifier", "release": "internal"}
MARCH_2023_TERMS = "openai-terms-of-use@2023-03-14"


# --- BigCodeBench: GPT-4 wrote the tasks with human experts ------------------------------------


def test_bigcodebench_records_gpt4_through_api_and_app_but_stays_incomplete() -> None:
    entry = Registry().dataset(BIGCODEBENCH)
    assert entry is not None and not entry.generators_complete
    assert set(entry.generated_by) == {GPT4, "chatgpt:gpt-4"}


def test_bigcodebench_cannot_train_a_commercial_llm(manifest: WriteManifest) -> None:
    report = judge(manifest, one(BIGCODEBENCH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    api = of_terms(generator(report, GPT4), MARCH_2023_TERMS)
    assert worst(api) == "prohibited" and "2(c)(iii)" in sections(api)
    app = generator(report, "chatgpt:gpt-4")
    assert worst(app) == "prohibited"
    # the Apache-2.0 licence of the tasks themselves grants the use
    licence = of_terms(findings(report, BIGCODEBENCH, "dataset"), "apache-2.0@")
    assert worst(licence) == "permitted"
    assert "other than GPT-4" in dataset_gap(report, BIGCODEBENCH)


def test_bigcodebench_for_an_internal_classifier_needs_review_not_a_ban(manifest: WriteManifest) -> None:
    report = judge(manifest, one(BIGCODEBENCH), **CLASSIFIER)
    assert report["verdict"] == "needs-review"
    api = of_terms(generator(report, GPT4), MARCH_2023_TERMS)
    assert worst(api) == "needs-review" and "2(c)(iii)" in sections(api)


# --- APIBench: GPT-4 wrote the instructions (2023) ---------------------------------------------


def test_apibench_gpt4_is_judged_under_the_march_2023_terms_only(manifest: WriteManifest) -> None:
    report = judge(manifest, one(APIBENCH), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = generator(report, GPT4)
    assert {f["terms"] for f in gpt4} == {MARCH_2023_TERMS}  # written by the May 2023 release
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    # the documentation licences stay a named gap
    assert "TensorFlow Hub documentation" in dataset_gap(report, APIBENCH)


def test_apibench_research_llm_is_still_a_competing_model(manifest: WriteManifest) -> None:
    report = judge(manifest, one(APIBENCH), **RESEARCH_INTERNAL)
    assert report["verdict"] == "prohibited"
    classifier = judge(manifest, one(APIBENCH), **CLASSIFIER)
    assert classifier["verdict"] == "needs-review"


# --- LLaVA-OneVision-Data: ShareGPT4V, The Cauldron and GPT-4V subsets --------------------------


def test_onevision_data_carries_sharegpt4v_and_the_cauldron() -> None:
    entry = Registry().dataset(ONEVISION)
    assert entry is not None and not entry.generators_complete
    assert {SHAREGPT4V, CAULDRON} <= set(entry.derived_from)
    # its own GPT-4V subsets, and ShareGPT4V's writers through the lineage
    assert {"azure:gpt-4-vision-preview", "openai:gpt-4-vision-preview"} <= set(entry.generated_by)


def test_onevision_data_commercial_is_barred_by_sharegpt4v_and_gpt4v(manifest: WriteManifest) -> None:
    report = judge(manifest, one(ONEVISION), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    nc = of_terms(findings(report, ONEVISION, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and SHAREGPT4V in lineage_ends(nc)
    azure = of_terms(generator(report, "azure:gpt-4-vision-preview"), MARCH_2023_TERMS)
    assert worst(azure) == "prohibited"
    assert "sharegpt4o" in dataset_gap(report, ONEVISION)


def test_onevision_data_research_passes_the_nc_licence_but_not_openai(manifest: WriteManifest) -> None:
    report = judge(manifest, one(ONEVISION), **RESEARCH_INTERNAL)
    nc = of_terms(findings(report, ONEVISION, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "conditional"  # non-commercial use is granted
    assert worst(generator(report, "azure:gpt-4-vision-preview")) == "prohibited"
    assert report["verdict"] == "prohibited"


# --- WebInstructSub: open writers, complete -----------------------------------------------------


def test_webinstructsub_names_every_writer_of_the_paper() -> None:
    entry = Registry().dataset(WEBINSTRUCT)
    assert entry is not None and entry.generators_complete
    assert set(entry.generated_by) == {QWEN72B, MIXTRAL_8X22B, MIXTRAL_8X7B}
    assert not any(ref.startswith("openai:") for ref in entry.generated_by)  # GPT-4 only chose domains


def test_webinstructsub_qwen_licence_bars_another_family(manifest: WriteManifest) -> None:
    report = judge(manifest, one(WEBINSTRUCT), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    qwen = generator(report, QWEN72B)
    assert worst(qwen) == "prohibited" and "5.b" in sections(qwen)
    for mixtral in (MIXTRAL_8X22B, MIXTRAL_8X7B):
        assert worst(generator(report, mixtral)) == "permitted"
    assert "Not every model that wrote" not in reasons(findings(report, WEBINSTRUCT, "dataset"))


def test_webinstructsub_into_a_qwen_student_is_allowed(manifest: WriteManifest) -> None:
    report = judge(manifest, one(WEBINSTRUCT), **COMMERCIAL, base="Qwen/Qwen2.5-7B")
    qwen = generator(report, QWEN72B)
    assert worst(qwen) == "permitted" and "5.b" in sections(qwen)
    assert report["verdict"] in ("permitted", "conditional")


# --- TinyGSM (new) and Dolmino Mix 1124 ---------------------------------------------------------

TINYGSM = "TinyGSM/TinyGSM"
DOLMINO = "allenai/dolmino-mix-1124"
GPT35 = "openai:gpt-3.5-turbo"
FILE = "datasets-writers17.yaml"


def test_every_entry_of_the_file_resolves_and_names_its_gaps() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


def test_tinygsm_is_gpt35_written_in_2023(manifest: WriteManifest) -> None:
    entry = Registry().dataset(TINYGSM)
    assert entry is not None and entry.generators_complete and entry.license is None
    report = judge(manifest, one(TINYGSM), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt35 = of_terms(generator(report, GPT35), MARCH_2023_TERMS)
    assert worst(gpt35) == "prohibited" and "2(c)(iii)" in sections(gpt35)
    assert "Hub card was not read" in dataset_gap(report, TINYGSM)


def test_dolmino_names_the_report_writers_and_carries_tinygsm_and_metamath() -> None:
    entry = Registry().dataset(DOLMINO)
    assert entry is not None and not entry.generators_complete
    assert {TINYGSM, "meta-math/MetaMathQA"} <= set(entry.derived_from)
    assert {"openai:gpt-4o-2024-08-06", "Qwen/Qwen2.5-7B-Instruct", GPT35} <= set(entry.generated_by)


def test_dolmino_bars_a_commercial_llm_through_its_gpt35_problems(manifest: WriteManifest) -> None:
    report = judge(manifest, one(DOLMINO), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt35 = of_terms(generator(report, GPT35), MARCH_2023_TERMS)
    assert worst(gpt35) == "prohibited"
    # GPT-4o wrote TuluMath in late 2024, under business terms the registry lacks: a gap, no ban
    gpt4o = generator(report, "openai:gpt-4o-2024-08-06")
    assert worst(gpt4o) == "needs-review"
    assert worst(generator(report, "Qwen/Qwen2.5-7B-Instruct")) == "permitted"
    assert "MathCoder2 synthetic textbooks" in dataset_gap(report, DOLMINO)


def test_dolmino_for_an_internal_classifier_needs_review(manifest: WriteManifest) -> None:
    report = judge(manifest, one(DOLMINO), **CLASSIFIER)
    assert report["verdict"] == "needs-review"


# --- Self-Instruct: now the catalogue's own record ----------------------------------------------

SELF_INSTRUCT = "yizhongw/self_instruct"


def test_self_instruct_is_the_catalogues_record_with_gpt3_alone() -> None:
    entry = Registry().dataset(SELF_INSTRUCT)
    assert entry is not None and entry.provenance is None  # no longer the DPI's record
    # cards18: its card adds P3 and Super-NaturalInstructions samples (tests/test_registry_cards18.py)
    assert "openai:gpt-3" in entry.generated_by and entry.derived_from == ("bigscience/P3",)


def test_self_instruct_2022_gpt3_data_falls_before_the_terms_on_record(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SELF_INSTRUCT), **COMMERCIAL)
    # cards18: prohibited since its card's P3 sample brings P3's sources (RACE's non-commercial terms)
    assert report["verdict"] == "prohibited"
    gpt3 = generator(report, "openai:gpt-3")
    assert worst(gpt3) == "needs-review"
    assert "before the earliest version" in reasons(gpt3)
    assert "Super-NaturalInstructions" in dataset_gap(report, SELF_INSTRUCT)
