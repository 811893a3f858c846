"""Pre-training corpora, benchmarks and legacy NLP ids of issue 12 (catalogue/datasets-corpora.yaml),
judged through `licensecheck check`: an ODC-By corpus is conditional on its attribution notice, a
CC BY-SA set carries share-alike, a corpus under custom terms of use or with no licence granted
stays needs-review with the gap named (a declared licence cannot replace it), a model-written
corpus is judged under its generator's terms, a subset inherits its source's gap, and a legacy
single-name id resolves to the same facts as the repository it now names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from licensecheck.registry import Registry
from licensecheck.yamlio import load_file
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import judge, of_terms, one, reasons, sections, worst

FILE = Path(__file__).resolve().parent.parent / "registry" / "catalogue" / "datasets-corpora.yaml"
CATALOGUE = Registry()


def entries() -> list[dict[str, Any]]:
    data: dict[str, Any] = load_file(FILE).data
    items: list[dict[str, Any]] = data["datasets"]
    return items


def dataset_findings(report: dict[str, Any], dataset: str) -> list[dict[str, Any]]:
    return findings(report, dataset, "dataset")


# --- ODC-By web corpora: conditional on the attribution notice of section 4.3 -------------------


@pytest.mark.parametrize(
    "dataset",
    [
        "HuggingFaceFW/fineweb",
        "tiiuae/falcon-refinedweb",
        "allenai/dolma",
        "open-web-math/open-web-math",
        "allenai/c4",
        "mc4",
    ],
)
def test_odc_by_corpus_is_conditional_on_its_notice(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset))
    found = dataset_findings(report, dataset)
    assert [f["terms"] for f in found] == ["odc-by-1.0@1.0"]
    assert worst(found) == "conditional"
    assert sections(found) == {"4.3"}
    assert any("ODC-By 1.0" in o for f in found for o in f["obligations"])


def test_fineweb_edu_carries_fineweb_licence_through_its_lineage(manifest: WriteManifest) -> None:
    report = judge(manifest, one("HuggingFaceFW/fineweb-edu"))
    found = dataset_findings(report, "HuggingFaceFW/fineweb-edu")
    assert {f["terms"] for f in found} == {"odc-by-1.0@1.0"}
    assert worst(found) == "conditional"
    assert not findings(report, role="generator"), "no model wrote FineWeb-Edu's text"
    entry = CATALOGUE.dataset("HuggingFaceFW/fineweb-edu")
    assert entry is not None and "HuggingFaceFW/fineweb" in entry.derived_from


# --- CC BY-SA: attribution and share-alike -------------------------------------------------------


@pytest.mark.parametrize(
    ("dataset", "terms", "share_alike"),
    [
        ("wikipedia", "cc-by-sa-3.0@3.0", "4(b)"),
        ("wikimedia/wikipedia", "cc-by-sa-4.0@4.0", "3(b)"),
        ("snli", "cc-by-sa-4.0@4.0", "3(b)"),
        ("stanfordnlp/snli", "cc-by-sa-4.0@4.0", "3(b)"),
    ],
)
def test_cc_by_sa_set_carries_share_alike(
    manifest: WriteManifest, dataset: str, terms: str, share_alike: str
) -> None:
    report = judge(manifest, one(dataset))
    found = of_terms(dataset_findings(report, dataset), terms.split("@")[0])
    assert found, [f["terms"] for f in dataset_findings(report, dataset)]
    assert worst(found) == "conditional"
    assert share_alike in sections(found)
    assert "shared under the same licence" in reasons(found)


def test_snli_keeps_the_stricter_of_its_tag_and_its_licensing_section(manifest: WriteManifest) -> None:
    """The card's tag says CC BY 4.0, its text CC BY-SA 4.0: the share-alike licence is recorded."""
    report = judge(manifest, one("snli"))
    assert [f["terms"] for f in dataset_findings(report, "snli")] == ["cc-by-sa-4.0@4.0"]


# --- custom terms of use or no licence granted: needs review, the gap named ------------------------


@pytest.mark.parametrize(
    ("dataset", "licence_ref"),
    [
        # The Stack's terms (v1 and v2) and OpenAI's modified MIT are recorded since licences12:
        # see tests/test_registry_licences12.py.
        ("EleutherAI/pile", "LicenseRef-the-pile-no-licence-granted"),
        ("bookcorpus", "LicenseRef-bookcorpus-no-licence-granted"),
        ("togethercomputer/RedPajama-Data-1T", "LicenseRef-redpajama-1t-per-source-licences"),
        ("togethercomputer/RedPajama-Data-V2", "LicenseRef-redpajama-v2-no-licence-declared"),
        # GPQA's gate is recorded since evals12 (tests/test_registry_evals12.py): no grant, still review.
        ("hendrycks/competition_math", "LicenseRef-math-aops-copyright-claim"),
        ("mandarjoshi/trivia_qa", "LicenseRef-triviaqa-content-not-licensed"),
        ("multi_nli", "LicenseRef-oanc-licence"),
    ],
)
def test_custom_terms_stay_needs_review_with_the_gap_named(
    manifest: WriteManifest, dataset: str, licence_ref: str
) -> None:
    report = judge(manifest, one(dataset))
    found = dataset_findings(report, dataset)
    assert worst(found) == "needs-review"
    assert f"The licence {licence_ref} of {dataset} is not in the registry." in reasons(found)


@pytest.mark.parametrize("dataset", ["bigcode/the-stack", "EleutherAI/pile"])
def test_a_declared_licence_cannot_replace_the_custom_terms(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset, "MIT"))
    found = dataset_findings(report, dataset)
    assert worst(found) == "needs-review"
    # The Stack's terms are recorded (licences12) but grant nothing; the Pile's gap is unmapped.
    assert "is not in the registry" in reasons(found) or "records no grant" in reasons(found)


# LicenseRefs of this file whose texts were recorded later (licences12, licenses-licences12.yaml):
# mapped on purpose, each to terms read verbatim; The Stack's terms grant nothing, so they still
# leave the dataset needs-review.
RECORDED_SINCE = {
    "LicenseRef-openai-modified-mit",
    "LicenseRef-the-stack-terms-of-use",
    "LicenseRef-the-stack-v2-terms-of-use",
    # GPQA's gate (evals12): recorded with no grant, so GPQA still needs review.
    "LicenseRef-gpqa-gated-no-reveal-agreement",
    # AG's corpus purpose statement (texts18): non-commercial, no grant.
    "LicenseRef-ag-corpus-research-non-commercial",
}


def test_every_licence_ref_here_is_unmapped() -> None:
    """A LicenseRef in this file names a gap: mapping one to terms would silently decide it."""
    refs = {
        part
        for e in entries()
        for part in str(e.get("license", "")).replace("(", " ").replace(")", " ").split()
        if part.startswith("LicenseRef-")
    }
    assert refs, "the file records its gaps as LicenseRefs"
    assert all(CATALOGUE.terms_for_spdx(r) is None for r in refs - RECORDED_SINCE), refs
    assert all(CATALOGUE.terms_for_spdx(r) is not None for r in RECORDED_SINCE)


def test_slimpajama_inherits_redpajama_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("cerebras/SlimPajama-627B"))
    found = dataset_findings(report, "cerebras/SlimPajama-627B")
    assert worst(found) == "needs-review"
    assert "derives from togethercomputer/RedPajama-Data-1T" in reasons(found)
    assert of_terms(found, "apache-2.0"), "its own Apache-2.0 relabelling is judged beside the gap"


# --- model-written corpora: judged under the generator's terms -----------------------------------


def test_cosmopedia_is_judged_under_mixtral_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("HuggingFaceTB/cosmopedia"))
    gen = findings(report, "mistralai/Mixtral-8x7B-Instruct-v0.1", "generator")
    assert [f["terms"] for f in gen] == ["apache-2.0@2.0"]
    assert worst(gen) == "permitted"
    assert "wrote the dataset HuggingFaceTB/cosmopedia" in reasons(gen)
    found = dataset_findings(report, "HuggingFaceTB/cosmopedia")
    assert worst(of_terms(found, "apache-2.0")) == "permitted"
    # the seed samples kept in its prompts carry their sources' licences (non-commercial ones among
    # them since core17: tests/test_registry_core17.py) and a writer is still unknown
    assert worst(found) in ("needs-review", "prohibited")
    assert "Not every model that wrote HuggingFaceTB/cosmopedia is on record" in reasons(found)


def test_a_declared_generator_is_judged_beside_cosmopedia_record(manifest: WriteManifest) -> None:
    """A manifest that says another model also wrote the data (here an OpenAI model, whose terms
    bar a competing general LLM) has it judged beside the recorded Mixtral: the worst decides."""
    declared = one("HuggingFaceTB/cosmopedia") + '    generated_by: ["openai:gpt-4o"]\n'
    report = judge(manifest, declared)
    assert findings(report, "mistralai/Mixtral-8x7B-Instruct-v0.1", "generator")
    assert findings(report, "openai:gpt-4o", "generator")
    assert worst(findings(report, role="generator")) == "prohibited"


def test_smollm_corpus_judges_its_generator_and_names_stack_v2_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("HuggingFaceTB/smollm-corpus"))
    assert findings(report, "mistralai/Mixtral-8x7B-Instruct-v0.1", "generator")
    found = dataset_findings(report, "HuggingFaceTB/smollm-corpus")
    assert worst(found) == "needs-review"
    # The Stack v2's terms are recorded (licences12) but grant nothing: the finding names them.
    assert "Terms of Use for The Stack v2" in reasons(found)


def test_mmlu_pro_distractors_bring_openai_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("TIGER-Lab/MMLU-Pro"))
    gen = findings(report, "openai:gpt-4-turbo", "generator")
    assert of_terms(gen, "openai-terms-of-use@"), "the Terms of Use in force when it wrote are judged"
    assert worst(gen) == "prohibited"  # a commercial general LLM competes with OpenAI
    assert "Not every model that wrote TIGER-Lab/MMLU-Pro is on record" in reasons(
        dataset_findings(report, "TIGER-Lab/MMLU-Pro")
    )


# --- corpora and benchmarks under one encoded licence -----------------------------------------


@pytest.mark.parametrize(
    ("dataset", "terms", "verdict"),
    [
        ("openai/openai_humaneval", "mit@unversioned", "permitted"),
        ("cais/mmlu", "mit@unversioned", "permitted"),
        ("truthfulqa/truthful_qa", "apache-2.0@2.0", "permitted"),
        ("google/IFEval", "apache-2.0@2.0", "permitted"),
        ("mlfoundations/dclm-baseline-1.0", "cc-by-4.0@4.0", "conditional"),
        ("pg19", "apache-2.0@2.0", "permitted"),
        ("openwebtext", "cc0-1.0@1.0", "permitted"),
        ("oscar", "cc0-1.0@1.0", "permitted"),
        ("stanfordnlp/SHP", "mit@unversioned", "permitted"),
    ],
)
def test_a_plain_licence_decides(manifest: WriteManifest, dataset: str, terms: str, verdict: str) -> None:
    report = judge(manifest, one(dataset))
    found = dataset_findings(report, dataset)
    assert [f["terms"] for f in found] == [terms]
    assert worst(found) == verdict


def test_commonsense_qa_keeps_the_dpi_share_alike_beside_mit(manifest: WriteManifest) -> None:
    report = judge(manifest, one("commonsense_qa"))
    found = dataset_findings(report, "commonsense_qa")
    assert {f["terms"] for f in found} == {"mit@unversioned", "cc-by-sa-4.0@4.0"}
    assert worst(found) == "conditional"


# --- legacy single-name ids ---------------------------------------------------------------------

LEGACY = [
    ("openai_humaneval", "openai/openai_humaneval"),
    ("hendrycks_test", "cais/mmlu"),
    ("competition_math", "hendrycks/competition_math"),
    ("truthful_qa", "truthfulqa/truthful_qa"),
    ("commonsense_qa", "tau/commonsense_qa"),
    ("snli", "stanfordnlp/snli"),
    ("the_pile", "EleutherAI/pile"),
    ("pg19", "deepmind/pg19"),
    ("openwebtext", "Skylion007/openwebtext"),
    ("multi_nli", "nyu-mll/multi_nli"),
    ("ag_news", "fancyzhx/ag_news"),
    ("trivia_qa", "mandarjoshi/trivia_qa"),
    ("bookcorpus", "bookcorpus/bookcorpus"),
    ("legacy-datasets/c4", "allenai/c4"),
    ("c4", "allenai/c4"),  # two characters: the schema allows short legacy ids
]


@pytest.mark.parametrize(("legacy", "current"), LEGACY)
def test_legacy_id_equals_its_repository(manifest: WriteManifest, legacy: str, current: str) -> None:
    old, new = CATALOGUE.dataset(legacy), CATALOGUE.dataset(current)
    assert old is not None and new is not None
    assert (old.terms, old.license, old.generated_by, old.gap) == (
        new.terms,
        new.license,
        new.generated_by,
        None if new.gap is None else new.gap.replace(current, legacy),
    )
    verdicts = {d: worst(dataset_findings(judge(manifest, one(d)), d)) for d in (legacy, current)}
    assert verdicts[legacy] == verdicts[current], verdicts


def test_every_legacy_id_here_takes_its_repositorys_record() -> None:
    """A legacy id is written `legacy_of: <repository>` (one record, so the two names of a
    repository cannot be judged apart); none keeps facts of its own beside that."""
    legacy = [e for e in entries() if "legacy_of" in e]
    assert len(legacy) >= 6
    for e in legacy:
        assert set(e) <= {"id", "legacy_of", "source"}, e["id"]
        old, new = CATALOGUE.dataset(e["id"]), CATALOGUE.dataset(e["legacy_of"])
        assert old is not None and new is not None and new.provenance is None, e["id"]
        assert (old.terms, old.license, old.standing_gaps) == (new.terms, new.license, new.standing_gaps)


# --- entries checked against an earlier record ----------------------------------------------------


def test_hellaswag_keeps_its_licence_and_stays_in_review(manifest: WriteManifest) -> None:
    """MIT is recorded; the WikiHow and ActivityNet contexts keep it in review.

    Issue 12, papers17: the writer of the wrong endings is now on record (the paper, arXiv
    1905.07830, Supplemental B: "We generate our dataset examples from OpenAI GPT", recorded as
    openai-community/openai-gpt, MIT), so the unnamed-writer reason is gone; the named gap for the
    WikiHow/ActivityNet text keeps it needs-review (tests/test_registry_papers17.py)."""
    for dataset in ("Rowan/hellaswag", "hellaswag"):
        # texts18: wikiHow's CC BY-NC-SA 3.0 makes a commercial project prohibited; research stays
        # in review for the ActivityNet part.
        report = judge(manifest, one(dataset), use="research", release="internal")
        found = dataset_findings(report, dataset)
        assert of_terms(found, "mit@")
        assert worst(found) == "needs-review"
        assert f"Not every model that wrote {dataset} is on record" not in reasons(found)
        assert "WikiHow" in reasons(found)


def test_tinystories_judges_every_openai_model_either_source_names(manifest: WriteManifest) -> None:
    report = judge(manifest, one("roneneldan/TinyStories"))
    gens = {f["subject"] for f in findings(report, role="generator")}
    assert gens == {"openai:gpt-3", "openai:gpt-3.5-turbo", "openai:gpt-4"}
    assert worst(findings(report, role="generator")) == "prohibited"
    assert of_terms(dataset_findings(report, "roneneldan/TinyStories"), "cdla-sharing-1.0")


def test_starcoderdata_inherits_the_stack_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigcode/starcoderdata"))
    found = dataset_findings(report, "bigcode/starcoderdata")
    assert worst(found) == "needs-review"
    assert "derives from bigcode/the-stack-dedup" in reasons(found)
    assert "LicenseRef-the-stack-terms-of-use" in reasons(found)


@pytest.mark.parametrize("dataset", ["EleutherAI/hendrycks_math", "lighteval/MATH", "HuggingFaceH4/MATH-500"])
def test_math_copies_carry_the_takedown_claim(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset))
    found = dataset_findings(report, dataset)
    assert worst(found) == "needs-review"
    assert "LicenseRef-math-aops-copyright-claim" in reasons(found)
    assert "derives from hendrycks/competition_math" in reasons(found)


def test_multi_nli_shows_share_alike_beside_the_oanc_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nyu-mll/multi_nli"))
    found = dataset_findings(report, "nyu-mll/multi_nli")
    assert worst(found) == "needs-review"
    assert of_terms(found, "cc-by-sa-3.0@") and of_terms(found, "cc-by-3.0@")
    assert "shared under the same licence" in reasons(found)


def test_olmo_mix_carries_its_parts_licences_and_gaps(manifest: WriteManifest) -> None:
    """A mix is judged under every part it re-publishes: DCLM's CC BY 4.0 and Dolma's ODC-By
    (conditional), and The Stack's and RedPajama's gaps through StarCoder and Proof-Pile-2."""
    report = judge(manifest, one("allenai/olmo-mix-1124"))
    found = dataset_findings(report, "allenai/olmo-mix-1124")
    assert {f["terms"] for f in found if f["terms"]} == {"cc-by-4.0@4.0", "odc-by-1.0@1.0"}
    assert worst(found) == "needs-review"
    assert "LicenseRef-the-stack-terms-of-use" in reasons(found)
    assert "LicenseRef-redpajama-1t-per-source-licences" in reasons(found)
