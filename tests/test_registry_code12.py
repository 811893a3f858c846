"""Issue 12's code, SQL and tool-use datasets (code12: datasets-code12.yaml, models-code12.yaml and the
Magicoder-Evol-Instruct entry edited in place), judged through `licensecheck check`.

Definite: Evol-Instruct-Code-80k (GPT-3.5-turbo over Code Alpaca, CC BY-NC-SA 4.0), Magicoder's
Evol-Instruct set (a copy of evol-codealpaca-v1, whose GPT-4 writers come along), sql-create-context
(people and SQLGlot; WikiSQL's BSD and Spider's CC BY-SA judged beside its CC BY) and MBPP under both
ids (people, CC BY 4.0). KodCode names nine writers (OpenAI, Llama, Qwen, Gemma) and still needs
review for the rest; the others need review naming their specific gap: self-oss-instruct's seed
functions from The Stack, Gretel Navigator's undisclosed models, When2Call's BFCL questions,
SWE-bench's third-party repositories (its Verified and Lite subsets inherit it), CommitPackFT's
per-sample licences, LiveCodeBench's contest problems, and the cards that were not read."""

from __future__ import annotations

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

EVOL_CODE = "nickrosh/Evol-Instruct-Code-80k-v1"
MAGICODER_EVOL = "ise-uiuc/Magicoder-Evol-Instruct-110K"
SQL_CONTEXT = "b-mc2/sql-create-context"
KODCODE = "KodCode/KodCode-V1"
SELF_OSS = "bigcode/self-oss-instruct-sc2-exec-filter-50k"
GRETEL = "gretelai/synthetic_text_to_sql"
WHEN2CALL = "nvidia/When2Call"
SWE_BENCH = "princeton-nlp/SWE-bench"
MBPP_IDS = ["google-research-datasets/mbpp", "mbpp"]

# Datasets whose own entry names what is missing; the phrase each gap must contain.
NAMED_GAPS = {
    SELF_OSS: "The seed functions of bigcode/self-oss-instruct-sc2-exec-filter-50k come from The Stack v1",
    "nvidia/OpenCodeInstruct": "The models that wrote the questions, solutions, tests and LLM judgements",
    "iamtarun/python_code_instructions_18k_alpaca": "declares no licence; it takes its rows from sahil2801",
    "bigcode/starcoder2data-extras": "each come under their sources' own terms",
    "Vezora/Tested-143k-Python-Alpaca": "its sources and writers are not on record",
    SWE_BENCH: "its Hub card declares no licence for the dataset itself",  # code18: its repositories named
    "princeton-nlp/SWE-bench_Verified": "The issue texts and patches of princeton-nlp/SWE-bench",
    "princeton-nlp/SWE-bench_Lite": "The issue texts and patches of princeton-nlp/SWE-bench",
    "livecodebench/code_generation_lite": "taken from LeetCode, AtCoder and CodeForces contests",
    WHEN2CALL: "built from BFCL questions whose writers are not on record",
    "bigcode/commitpackft": "keeps the licence of the GitHub repository its commit comes from",
    "migtissera/Synthia-v1.3": "states only its licence",
}


# --- the catalogue ---------------------------------------------------------------------------------


def test_every_code12_dataset_is_in_its_own_file_once() -> None:
    ids = [e["id"] for e in entries("datasets-code12.yaml", "datasets")]
    assert len(ids) == len(set(ids))
    registry = Registry()
    for name in ids:
        assert registry.dataset(name) is not None, name


def test_every_named_writer_resolves() -> None:
    registry = Registry()
    for entry in entries("datasets-code12.yaml", "datasets"):
        for ref in entry.get("generated_by", []):
            assert registry.model(ref) is not None, (entry["id"], ref)


# --- definite: Evol-Instruct-Code, Magicoder Evol, sql-create-context, MBPP ------------------------


def test_evol_instruct_code_is_gpt35_over_code_alpaca() -> None:
    own = next(e for e in entries("datasets-code12.yaml", "datasets") if e["id"] == EVOL_CODE)
    assert own["generated_by"] == ["openai:gpt-3.5-turbo"] and "generators_complete" not in own
    entry = Registry().dataset(EVOL_CODE)
    assert entry is not None and entry.generators_complete
    assert "sahil2801/CodeAlpaca-20k" in entry.derived_from
    # Code Alpaca's writers are judged as this set's too.
    assert {"openai:gpt-3.5-turbo", "openai:text-davinci-003"} <= set(entry.generated_by)


def test_evol_instruct_code_commercial_llm_is_prohibited_by_nc_and_openai(manifest: WriteManifest) -> None:
    report = judge(manifest, one(EVOL_CODE), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    own = of_terms(findings(report, EVOL_CODE, "dataset"), "cc-by-nc-sa-4.0@")
    assert worst(own) == "prohibited" and "2(a)(1)" in sections(own)
    openai = of_terms(generator(report, "openai:gpt-3.5-turbo"), "openai-terms-of-use@")
    assert worst(openai) == "prohibited" and "2(c)(iii)" in sections(openai)
    # Code Alpaca's writers come along through derived_from.
    assert generator(report, "openai:text-davinci-003")


def test_evol_instruct_code_research_classifier_is_only_bound_by_the_nc_licence(
    manifest: WriteManifest,
) -> None:
    report = judge(
        manifest,
        one(EVOL_CODE),
        use="research",
        release="internal",
        kind="classifier",
    )
    own = of_terms(findings(report, EVOL_CODE, "dataset"), "cc-by-nc-sa-4.0@")
    assert worst(own) == "conditional" and "2(a)(1)" in sections(own)
    assert worst(of_terms(generator(report, "openai:gpt-3.5-turbo"), "openai-terms-of-use@")) != "prohibited"


def test_magicoder_evol_instruct_carries_evol_codealpaca_writers(manifest: WriteManifest) -> None:
    entry = Registry().dataset(MAGICODER_EVOL)
    assert entry is not None and entry.generators_complete
    assert "theblackcat102/evol-codealpaca-v1" in entry.derived_from
    report = judge(manifest, one(MAGICODER_EVOL), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    gpt4 = of_terms(generator(report, "openai:gpt-4-0613"), "openai-")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    assert "Not every model that wrote" not in reasons(findings(report, MAGICODER_EVOL, "dataset"))


def test_sql_create_context_judges_its_sources_licences(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SQL_CONTEXT), **COMMERCIAL)
    assert report["verdict"] == "conditional"
    found = findings(report, SQL_CONTEXT, "dataset")
    own = of_terms(found, "cc-by-4.0@")
    assert worst(own) == "conditional" and "3(a)(1)" in sections(own)
    spider = of_terms(found, "cc-by-sa-4.0@")
    assert worst(spider) == "conditional" and "3(b)" in sections(spider)  # share-alike, from Spider
    assert of_terms(found, "bsd-3-clause@")  # WikiSQL
    assert not findings(report, role="generator")  # no model wrote it
    research = judge(manifest, one(SQL_CONTEXT), **RESEARCH_INTERNAL)
    assert research["verdict"] == "permitted"


@pytest.mark.parametrize("dataset", MBPP_IDS)
def test_mbpp_is_human_written_cc_by(manifest: WriteManifest, dataset: str) -> None:
    entry = Registry().dataset(dataset)
    assert entry is not None and entry.generators_complete and not entry.generated_by
    report = judge(manifest, one(dataset), **COMMERCIAL)
    assert report["verdict"] == "conditional"
    own = of_terms(findings(report, dataset, "dataset"), "cc-by-4.0@")
    assert worst(own) == "conditional" and "3(a)(1)" in sections(own)


# --- KodCode: nine writers on record, the rest a gap -------------------------------------------------


def test_kodcode_records_the_writers_its_report_names() -> None:
    entry = Registry().dataset(KODCODE)
    assert entry is not None and not entry.generators_complete
    assert {
        "openai:gpt-4o-2024-05-13",
        "Qwen/Qwen2.5-Coder-7B-Instruct",
        "meta-llama/Llama-3.3-70B-Instruct",
        "Qwen/Qwen2-72B-Instruct",
        "google/gemma-2-27b-it",
    } <= set(entry.generated_by)


def test_kodcode_commercial_is_prohibited_by_nc_llama_naming_and_qwen(manifest: WriteManifest) -> None:
    report = judge(manifest, one(KODCODE), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    own = of_terms(findings(report, KODCODE, "dataset"), "cc-by-nc-4.0@")
    assert worst(own) == "prohibited" and "2(a)(1)" in sections(own)
    llama = of_terms(generator(report, "meta-llama/Llama-3.3-70B-Instruct"), "llama-3.3-community-license@")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)  # name must begin with "Llama"
    qwen2 = of_terms(generator(report, "Qwen/Qwen2-72B-Instruct"), "qwen-tongyi-qianwen-license@")
    assert worst(qwen2) == "prohibited" and "5.b" in sections(qwen2)
    assert f"Not every model that wrote {KODCODE} is on record" in dataset_gap(report, KODCODE)


def test_kodcode_qwen_student_is_free_of_the_qwen_clause_but_not_of_the_gap(manifest: WriteManifest) -> None:
    report = judge(
        manifest,
        one(KODCODE),
        use="research",
        release="internal",
        base="Qwen/Qwen2.5-7B-Instruct",
    )
    qwen2 = of_terms(generator(report, "Qwen/Qwen2-72B-Instruct"), "qwen-tongyi-qianwen-license@")
    assert worst(qwen2) != "prohibited"
    assert f"Not every model that wrote {KODCODE} is on record" in dataset_gap(report, KODCODE)


# --- named gaps ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", sorted(NAMED_GAPS))
def test_gap_is_named(manifest: WriteManifest, dataset: str) -> None:
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one(dataset), **project)
        assert report["verdict"] in ("needs-review", "prohibited"), report["verdict"]
        assert NAMED_GAPS[dataset] in dataset_gap(report, dataset)


def test_self_oss_instruct_judges_starcoder2_and_the_seed_gap(manifest: WriteManifest) -> None:
    entry = Registry().dataset(SELF_OSS)
    assert entry is not None and entry.generators_complete
    assert list(entry.generated_by) == ["bigcode/starcoder2-15b"]
    report = judge(manifest, one(SELF_OSS), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    rail = of_terms(generator(report, "bigcode/starcoder2-15b"), "bigcode-openrail-m@")
    assert worst(rail) == "conditional"  # the OpenRAIL-M use restrictions pass on to the student
    odc = of_terms(findings(report, SELF_OSS, "dataset"), "odc-by-1.0@")
    assert worst(odc) == "conditional" and "4.3" in sections(odc)


def test_a_declared_licence_does_not_lift_the_seed_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SELF_OSS, "ODC-By-1.0"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert NAMED_GAPS[SELF_OSS] in dataset_gap(report, SELF_OSS)


def test_gretel_navigator_is_the_named_writer_and_its_gap(manifest: WriteManifest) -> None:
    entry = Registry().dataset(GRETEL)
    assert entry is not None and entry.generators_complete
    assert list(entry.generated_by) == ["gretel:navigator"]
    report = judge(manifest, one(GRETEL), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    navigator = generator(report, "gretel:navigator")
    assert worst(navigator) == "needs-review"
    assert "Gretel Navigator does not name the models that write its data" in reasons(navigator)
    assert worst(of_terms(findings(report, GRETEL, "dataset"), "apache-2.0@")) == "permitted"


def test_when2call_judges_mixtral_and_xlam_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(WHEN2CALL), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    mixtral = generator(report, "mistralai/Mixtral-8x22B-Instruct-v0.1")
    assert worst(mixtral) == "permitted"
    deepseek = of_terms(generator(report, "deepseek-ai/DeepSeek-V2-Chat"), "deepseek-license@")
    assert worst(deepseek) == "conditional"  # from xLAM, through derived_from
    found = findings(report, WHEN2CALL, "dataset")
    assert of_terms(found, "apache-2.0@")  # BFCL's licence, upstream
    assert worst(of_terms(found, "cc-by-4.0@")) == "conditional"


def test_swe_bench_subsets_inherit_its_gap_and_no_model_wrote_them(manifest: WriteManifest) -> None:
    for name in ("princeton-nlp/SWE-bench_Verified", "princeton-nlp/SWE-bench_Lite"):
        entry = Registry().dataset(name)
        assert entry is not None and SWE_BENCH in entry.derived_from and not entry.generated_by
        report = judge(manifest, one(name), **RESEARCH_INTERNAL)
        assert not findings(report, role="generator")
        # code18: SWE-bench's repositories' licences are recorded; its card's missing licence comes along
        assert "its Hub card declares no licence for the dataset itself" in dataset_gap(report, name)


def test_the_stack_smol_is_under_the_stack_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigcode/the-stack-smol"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    stack = of_terms(findings(report, "bigcode/the-stack-smol", "dataset"), "the-stack-terms-of-use@")
    assert worst(stack) == "needs-review"
