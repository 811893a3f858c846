"""Issue 12's upstream-gap pass (reason13: datasets-reason13.yaml and the entries edited in place),
judged through `licensecheck check`.

SmolLM-Corpus and WikiText's document-level copy now carry the licences their Hub pages show (ODC-By,
CC BY-SA 3.0): the first still needs review for its python-edu part's Stack v2 terms, the second is
definite. MATH keeps its reading (MIT beside the AoPS claim), now on the notice and the LICENSE
themselves. Nemotron-Post-Training-Dataset-v1 judges Qwen3-235B-A22B beside DeepSeek-R1-0528 and
stays incomplete; the Llama-Nemotron set's first Hub name resolves to the same facts. Tulu 3's FLAN v2
subset takes the CC BY 4.0 of Open-Orca/FLAN, the repository its card sends the reader to for the
licence. NuminaMath 1.5's card (second iteration of NuminaMath, citing its report) brings the
report's OpenAI writers, Orca-Math and MetaMathQA; what the card leaves open stays a gap. The gaps
whose primary evidence was not found (ShareGPT inside OpenHermes-2.5, STILL-2's research statement)
are pinned so that they cannot close silently."""

from __future__ import annotations

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

SMOLLM = "HuggingFaceTB/smollm-corpus"
WIKITEXT_DOC = "EleutherAI/wikitext_document_level"
MATH = "hendrycks/competition_math"
NEMOTRON_V1 = "nvidia/Nemotron-Post-Training-Dataset-v1"
LLAMA_NEMOTRON = "nvidia/Llama-Nemotron-Post-Training-Dataset"
LLAMA_NEMOTRON_OLD = "nvidia/Llama-Nemotron-Post-Training-Dataset-v1"
FLAN = "ai2-adapt-dev/flan_v2_converted"
OO_FLAN = "Open-Orca/FLAN"
TULU3 = "allenai/tulu-3-sft-mixture"
OPENHERMES = "teknium/OpenHermes-2.5"
SHAREGPT = "anon8231489123/ShareGPT_Vicuna_unfiltered"
NUMINA15 = "AI-MO/NuminaMath-1.5"
OPENR1_MATH = "open-r1/OpenR1-Math-220k"
STILL2 = "RUC-AIBOX/long_form_thought_data_5k"


def test_every_new_entry_resolves_as_written() -> None:
    registry = Registry()
    for written in entries("datasets-reason13.yaml", "datasets"):
        entry = registry.dataset(written["id"])
        assert entry is not None, written["id"]
        assert list(entry.derived_from) == written.get("derived_from", [])


# --- licences read from the Hub ------------------------------------------------------------------


def test_smollm_corpus_is_odc_by_and_names_only_its_stack_v2_part(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SMOLLM), **COMMERCIAL)
    mine = findings(report, SMOLLM, "dataset")
    odc = of_terms(mine, "odc-by-1.0@")
    assert worst(odc) == "conditional" and "4.3" in sections(odc)
    assert f"The registry records no licence for {SMOLLM}" not in reasons(mine)
    # What still needs review is The Stack v2's terms over the python-edu files, and nothing else.
    stack = of_terms(mine, "the-stack-v2-terms-of-use@")
    assert worst(stack) == "needs-review" and "python-edu" in reasons(stack)
    assert {f["terms"].split("@")[0] for f in mine if f["verdict"] == "needs-review"} == {
        "the-stack-v2-terms-of-use"
    }
    assert worst(generator(report, "mistralai/Mixtral-8x7B-Instruct-v0.1")) == "permitted"
    assert report["verdict"] == "needs-review"


def test_wikitext_document_level_is_definite_under_cc_by_sa(manifest: WriteManifest) -> None:
    released = judge(manifest, one(WIKITEXT_DOC), **COMMERCIAL)
    mine = findings(released, WIKITEXT_DOC, "dataset")
    assert all(f["terms"] and f["terms"].startswith("cc-by-sa-3.0@") for f in mine)
    assert f"The registry records no licence for {WIKITEXT_DOC}" not in reasons(mine)
    assert {"4(b)", "4(c)"} <= sections(mine)  # share-alike and attribution when released
    assert released["verdict"] == "conditional"
    internal = judge(manifest, one(WIKITEXT_DOC), **RESEARCH_INTERNAL)
    assert worst(findings(internal, WIKITEXT_DOC, "dataset")) == "permitted"
    assert internal["verdict"] == "permitted"


# --- MATH: the reading is kept, on primary sources -----------------------------------------------


def test_math_keeps_the_aops_claim_beside_mit(manifest: WriteManifest) -> None:
    entry = Registry().dataset(MATH)
    assert entry is not None
    assert "takedown-notices" in (entry.source or "")
    # A manifest declaring the authors' MIT cannot lift the third party's claim.
    report = judge(manifest, one(MATH, "MIT"), **RESEARCH_INTERNAL)
    mine = findings(report, MATH, "dataset")
    assert worst(of_terms(mine, "mit@")) == "permitted"
    assert f"The licence LicenseRef-math-aops-copyright-claim of {MATH} is not in the registry" in reasons(
        mine
    )
    assert report["verdict"] == "needs-review"
    # Its copies say so too.
    copy = judge(manifest, one("HuggingFaceH4/MATH-500"), **RESEARCH_INTERNAL)
    assert f"derives from {MATH}" in dataset_gap(copy, "HuggingFaceH4/MATH-500")


# --- NVIDIA post-training data --------------------------------------------------------------------


def test_nemotron_v1_judges_qwen3_beside_r1_0528_and_stays_incomplete(manifest: WriteManifest) -> None:
    report = judge(manifest, one(NEMOTRON_V1), **COMMERCIAL)
    qwen3 = of_terms(generator(report, "Qwen/Qwen3-235B-A22B"), "apache-2.0@")
    assert worst(qwen3) == "permitted" and "2" in sections(qwen3)
    assert worst(generator(report, "deepseek-ai/DeepSeek-R1-0528")) == "permitted"
    assert f"Not every model that wrote {NEMOTRON_V1} is on record" in dataset_gap(report, NEMOTRON_V1)
    assert report["verdict"] == "needs-review"


def test_llama_nemotron_first_name_carries_the_same_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(LLAMA_NEMOTRON_OLD), **COMMERCIAL)
    assert worst(of_terms(findings(report, LLAMA_NEMOTRON_OLD, "dataset"), "cc-by-4.0@")) == "conditional"
    llama = generator(report, "meta-llama/Llama-3.3-70B-Instruct")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)  # the naming rule
    gap = dataset_gap(report, LLAMA_NEMOTRON_OLD)
    assert f"Not every model that wrote {LLAMA_NEMOTRON}, from which {LLAMA_NEMOTRON_OLD} derives" in gap
    assert report["verdict"] == "prohibited"
    research = judge(manifest, one(LLAMA_NEMOTRON_OLD), **RESEARCH_INTERNAL)
    assert research["verdict"] == "needs-review"


# --- gaps whose closing evidence was not found stay open -----------------------------------------


def test_flan_v2_takes_the_licence_its_card_points_to(manifest: WriteManifest) -> None:
    """Its card sends the reader to Open-Orca/FLAN (CC BY 4.0) and to Google's repository, whose
    Apache 2.0 covers only the code: CC BY 4.0 is recorded, and no model wrote it."""
    entry = Registry().dataset(FLAN)
    assert entry is not None and list(entry.derived_from) == [OO_FLAN]
    upstream = Registry().dataset(OO_FLAN)
    assert upstream is not None and upstream.generators_complete and not upstream.generated_by
    for name in (FLAN, OO_FLAN):
        report = judge(manifest, one(name), **COMMERCIAL)
        cc = of_terms(findings(report, name, "dataset"), "cc-by-4.0@")
        assert worst(cc) == "conditional" and "3(a)(1)" in sections(cc)
        assert not findings(report, role="generator")
        assert report["verdict"] == "conditional"
    # Tulu 3's mixture no longer names FLAN v2; it still needs review for its other subsets.
    tulu = judge(manifest, one(TULU3), **RESEARCH_INTERNAL)
    gap = dataset_gap(tulu, TULU3)
    assert FLAN not in gap
    assert "Not every model that wrote allenai/wildguardmix" in gap  # personas complete since core17


def test_openhermes_card_lists_sharegpt_so_its_gap_stays(manifest: WriteManifest) -> None:
    entry = Registry().dataset(OPENHERMES)
    assert entry is not None and SHAREGPT in entry.derived_from
    report = judge(manifest, one(OPENHERMES), **RESEARCH_INTERNAL)
    assert f"{OPENHERMES} derives from {SHAREGPT}" in dataset_gap(report, OPENHERMES)
    assert report["verdict"] != "permitted"


def test_numinamath_15_judges_the_report_writers_and_names_what_the_card_leaves_open(
    manifest: WriteManifest,
) -> None:
    entry = Registry().dataset(NUMINA15)
    assert entry is not None and not entry.generators_complete
    # Its own writers (the report's), then its upstreams' (Orca-Math's GPT-4-Turbo, MetaMathQA's GPT-3.5).
    assert {"openai:gpt-4", "openai:gpt-4o", "openai:gpt-4-turbo", "openai:gpt-3.5-turbo"} <= set(
        entry.generated_by
    )
    assert set(entry.derived_from) == {"microsoft/orca-math-word-problems-200k", "meta-math/MetaMathQA"}
    # Not a copy of NuminaMath-CoT: the card's Apache 2.0 stands, CoT's CC BY-NC text is not carried.
    assert "AI-MO/NuminaMath-CoT" not in entry.derived_from
    report = judge(manifest, one(OPENR1_MATH), **COMMERCIAL)
    gpt4o = of_terms(generator(report, "openai:gpt-4o"), "openai-services-agreement@")
    assert worst(gpt4o) == "prohibited" and "3.3(e)" in sections(gpt4o)
    assert worst(generator(report, "openai:gpt-3.5-turbo")) == "prohibited"  # MetaMathQA's writer
    gap = dataset_gap(report, OPENR1_MATH)
    assert f"{NUMINA15}'s card names no model" in gap
    assert "who rewrote the rows added since" in gap
    assert report["verdict"] == "prohibited"


def test_still2_apache_tag_does_not_lift_the_research_statement(manifest: WriteManifest) -> None:
    report = judge(manifest, one(STILL2, "Apache-2.0"), **COMMERCIAL)
    gap = dataset_gap(report, STILL2)
    assert f"The licence LicenseRef-ruc-aibox-research-purposes of {STILL2} is not in the registry" in gap
    assert report["verdict"] != "permitted"
