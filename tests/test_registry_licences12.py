"""Issue 12's licence-texts pass (licences12), judged through `licensecheck check`: OpenAI's Modified
MIT License (openai/summarize-from-feedback) now decides openai/summarize_from_feedback (a grant,
commercial use included, beside the CC BY 4.0 of the Reddit posts it summarises); BigCode's Terms
of Use for The Stack and for The Stack v2 are recorded but grant nothing, so both stay needs-review
naming them; the first WildChat release is judged under its card's ODC-By and the OpenAI models
that wrote it instead of the DPI's stale ImpACT label; Code Alpaca carries its publisher's CC BY-NC
4.0 data licence beside the Hub's CC BY 4.0 tag (non-commercial, and so every copy); WebGPT's
comparisons, for which no licence is declared, need review; and the licences whose verbatim texts
were not found (NVIDIA's licence of OpenMathInstruct-1, AI2 ImpACT, Jamba, Baichuan 2,
Falcon-180B) keep their gaps, named."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from licensecheck.terms import TermsKind
from tests.conftest import WriteManifest, findings, run_cli
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)
from tests.test_registry_families_2026 import OTHER

CATALOGUE = Registry()
CLASSIFIER = {"kind": "classifier", "release": "internal"}


def dataset_findings(report: dict[str, Any], dataset: str) -> list[dict[str, Any]]:
    return findings(report, dataset, "dataset")


def generator_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return findings(report, role="generator")


# --- the texts and what they encode -----------------------------------------------------------------


def test_openai_modified_mit_is_a_data_grant_silent_on_outputs() -> None:
    (version,) = CATALOGUE.series("openai-modified-mit")
    assert version.kind is TermsKind.DATA_LICENSE
    assert version.reference == "texts/openai-modified-mit-license.txt"
    assert {"grant", "outputs", "derivative"} <= set(version.provisions)
    assert "non-commercial" not in version.provisions
    assert CATALOGUE.terms_for_spdx("LicenseRef-openai-modified-mit") == "openai-modified-mit"


def test_the_stack_terms_are_recorded_without_a_grant() -> None:
    (version,) = CATALOGUE.series("the-stack-terms-of-use")
    assert version.kind is TermsKind.DATA_LICENSE
    assert version.reference == "texts/the-stack-terms-of-use-2023-07.txt"
    assert not version.provisions, "the terms license nothing: no provision may be encoded"
    assert set(version.clauses) == {"original-licences", "updates", "pass-on"}
    assert CATALOGUE.terms_for_spdx("LicenseRef-the-stack-terms-of-use") == "the-stack-terms-of-use"


# --- openai/summarize_from_feedback: decided by the modified MIT -----------------------------------


def test_summarize_from_feedback_is_conditional_for_a_released_commercial_llm(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one("openai/summarize_from_feedback"), **COMMERCIAL)
    found = dataset_findings(report, "openai/summarize_from_feedback")
    mit = of_terms(found, "openai-modified-mit@2021-01-27")
    assert [f["verdict"] for f in mit] == ["permitted"]
    assert sections(mit) == {"paragraph 1"}
    # The Reddit posts keep CC BY 4.0: attribution when the model is released.
    cc = of_terms(found, "cc-by-4.0@")
    assert [f["verdict"] for f in cc] == ["conditional"] and sections(cc) == {"3(a)(1)"}
    assert worst(found) == "conditional"
    # OpenAI released its own research models' outputs: no service terms are judged for them.
    assert not generator_findings(report)


def test_summarize_from_feedback_is_permitted_for_internal_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one("openai/summarize_from_feedback"), **RESEARCH_INTERNAL)
    found = dataset_findings(report, "openai/summarize_from_feedback")
    assert worst(found) == "permitted"
    assert of_terms(found, "openai-modified-mit@")


def test_summarize_from_feedback_explain_names_the_release_and_the_licence() -> None:
    out = run_cli("explain", "openai/summarize_from_feedback").stdout
    assert "released by openai itself" in out
    assert "openai-modified-mit@2021-01-27" in out


# --- The Stack: terms on record, no grant --------------------------------------------------------------


@pytest.mark.parametrize("dataset", ["bigcode/the-stack", "bigcode/the-stack-dedup"])
@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_the_stack_needs_review_naming_its_terms(
    manifest: WriteManifest, dataset: str, project: dict[str, Any]
) -> None:
    report = judge(manifest, one(dataset), **project)
    found = dataset_findings(report, dataset)
    assert worst(found) == "needs-review"
    assert {f["terms"] for f in found} == {"the-stack-terms-of-use@2023-07"}
    assert (
        f"The registry records no grant in Terms of Use for The Stack of the right to use {dataset}"
        in reasons(found)
    )


def test_a_declared_licence_does_not_lift_the_stack_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigcode/the-stack", "Apache-2.0"))
    found = dataset_findings(report, "bigcode/the-stack")
    assert worst(found) == "needs-review"
    assert "records no grant in Terms of Use for The Stack" in reasons(found)


def test_starcoderdata_still_carries_the_stack_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigcode/starcoderdata"))
    found = dataset_findings(report, "bigcode/starcoderdata")
    assert worst(found) == "needs-review"
    assert "derives from bigcode/the-stack-dedup" in reasons(found)


@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_the_stack_v2_needs_review_naming_its_terms(manifest: WriteManifest, project: dict[str, Any]) -> None:
    report = judge(manifest, one("bigcode/the-stack-v2"), **project)
    found = dataset_findings(report, "bigcode/the-stack-v2")
    assert worst(found) == "needs-review"
    assert {f["terms"] for f in found} == {"the-stack-v2-terms-of-use@2024-02"}
    assert "records no grant in Terms of Use for The Stack v2" in reasons(found)


def test_the_stack_v2_terms_are_recorded_without_a_grant() -> None:
    (version,) = CATALOGUE.series("the-stack-v2-terms-of-use")
    assert version.reference == "texts/the-stack-v2-terms-of-use.txt"
    assert not version.provisions
    assert "training-principles" in version.clauses


# --- WildChat (650K): the card's ODC-By and its OpenAI writers -------------------------------------------


def test_wildchat_commercial_llm_is_prohibited_by_its_openai_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one("allenai/WildChat"), **COMMERCIAL)
    found = dataset_findings(report, "allenai/WildChat")
    assert [f["terms"] for f in found] == ["odc-by-1.0@1.0"]
    gens = generator_findings(report)
    assert {f["subject"] for f in gens} == {"openai:gpt-3.5-turbo", "openai:gpt-4"}
    assert worst(gens) == "prohibited"
    # The 2023 Terms of Use and the Services Agreement each forbid competing models.
    assert {"2(c)(iii)", "3.3(e)"} <= sections(gens)
    assert "ImpACT" not in reasons(found)


def test_wildchat_for_an_internal_classifier_is_no_longer_prohibited(manifest: WriteManifest) -> None:
    """A classifier does not compete with OpenAI's models: the same writers leave it for review
    (whether the outputs' use reaches a competing model is a question), not prohibited."""
    report = judge(manifest, one("allenai/WildChat"), **CLASSIFIER)
    gens = generator_findings(report)
    assert worst(gens) == "needs-review"
    assert worst(dataset_findings(report, "allenai/WildChat")) == "permitted"


def test_wildchat_explain_shows_where_the_dpi_differs() -> None:
    out = run_cli("explain", "allenai/WildChat").stdout
    assert "matched dataset id 'allenai/WildChat' in the catalogue" in out
    assert "AI2 ImpACT License - Low Risk" in out  # the DPI's stale label, shown as a difference
    assert "odc-by-1.0@1.0" in out


def test_wildchat_4_8m_has_a_licence_and_its_openai_writers_need_review(manifest: WriteManifest) -> None:
    """Where its OpenAI writers would not forbid it (an internal classifier), it still needs review:
    since writers13 its writer list is complete (every writer an OpenAI model), and what is left is
    the OpenAI Services Agreement's version gap before 2025-05-31."""
    report = judge(manifest, one("allenai/WildChat-4.8M"), **CLASSIFIER)
    found = dataset_findings(report, "allenai/WildChat-4.8M")
    assert of_terms(found, "odc-by-1.0@")
    mine = [f for f in report["findings"] if f["role"] != "base-model"]
    assert worst(mine) == "needs-review"
    why = " ".join(r for f in report["findings"] for r in f["reasons"])
    assert "Not every model that wrote allenai/WildChat-4.8M is on record" not in why
    assert "before the earliest version of OpenAI Services Agreement on record" in why


# --- texts still missing: the gaps stay named -----------------------------------------------------------


def test_openmathinstruct1_keeps_the_nvidia_licence_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nvidia/OpenMathInstruct-1"), **RESEARCH_INTERNAL)
    found = dataset_findings(report, "nvidia/OpenMathInstruct-1")
    assert worst(found) == "needs-review"
    assert "LicenseRef-nvidia-license" in reasons(found)


@pytest.mark.parametrize(
    ("model", "licence"),
    [
        ("ai21labs/AI21-Jamba-1.5-Mini", "Jamba Open Model License"),
        ("baichuan-inc/Baichuan2-13B-Chat", "Community License for Baichuan2 Model"),
        ("tiiuae/falcon-180B", "Falcon-180B TII License"),
    ],
)
def test_models_whose_licence_text_was_not_found_need_review_naming_it(
    manifest: WriteManifest, model: str, licence: str
) -> None:
    path = manifest(
        "licensecheck: 1\nproject:\n  name: t\n  use: research\n  release: internal\n"
        "  model_kind: general-llm\n  domicile: US\n  student:\n    name: S\n"
        f"    base_model: {OTHER}\nteachers:\n  - model: {model}\n"
    )
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code == 1, run.stderr
    found = findings(run.json, model, "teacher")
    assert worst(found) == "needs-review"
    assert licence in reasons(found)


@pytest.mark.parametrize(
    ("dataset", "licence_ref"),
    [
        ("EleutherAI/pile", "LicenseRef-the-pile-no-licence-granted"),
        ("togethercomputer/RedPajama-Data-1T", "LicenseRef-redpajama-1t-per-source-licences"),
        ("hendrycks/competition_math", "LicenseRef-math-aops-copyright-claim"),
        ("anon8231489123/ShareGPT_Vicuna_unfiltered", "LicenseRef-sharegpt-unlicensed-conversations"),
        ("RyokoAI/ShareGPT52K", "LicenseRef-sharegpt-unlicensed-conversations"),
    ],
)
def test_corpora_with_no_grant_stay_needs_review_with_the_gap_named(
    manifest: WriteManifest, dataset: str, licence_ref: str
) -> None:
    report = judge(manifest, one(dataset, "MIT"), **RESEARCH_INTERNAL)
    found = dataset_findings(report, dataset)
    assert worst(found) == "needs-review"
    assert f"The licence {licence_ref} of {dataset} is not in the registry." in reasons(found)


# --- Code Alpaca: the publisher's CC BY-NC 4.0 data licence beside the Hub tag -------------------------


@pytest.mark.parametrize("dataset", ["sahil2801/CodeAlpaca-20k", "HuggingFaceH4/CodeAlpaca_20K"])
def test_code_alpaca_is_non_commercial_through_its_data_licence(
    manifest: WriteManifest, dataset: str
) -> None:
    """A commercial internal classifier is the case OpenAI's writers leave for review: the data
    licence alone now decides it."""
    report = judge(manifest, one(dataset), use="commercial", **CLASSIFIER)
    nc = of_terms(dataset_findings(report, dataset), "cc-by-nc-4.0@")
    assert [f["verdict"] for f in nc] == ["prohibited"]
    assert sections(nc) == {"2(a)(1)"}
    lineage = " <- ".join(nc[0]["lineage"])
    # The original names the repository's DATA_LICENSE; the copy reaches it through the original.
    assert "DATA_LICENSE of the Code Alpaca repository" in lineage or lineage.endswith(
        "sahil2801/CodeAlpaca-20k"
    )


def test_code_alpaca_data_licence_allows_non_commercial_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one("sahil2801/CodeAlpaca-20k"), use="research", **CLASSIFIER)
    nc = of_terms(dataset_findings(report, "sahil2801/CodeAlpaca-20k"), "cc-by-nc-4.0@")
    assert nc and worst(nc) in ("permitted", "conditional")


# --- WebGPT comparisons: no licence declared ------------------------------------------------------------


def test_webgpt_comparisons_needs_review_for_want_of_a_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, one("openai/webgpt_comparisons", "MIT"), **RESEARCH_INTERNAL)
    found = dataset_findings(report, "openai/webgpt_comparisons")
    assert worst(found) == "needs-review"
    assert (
        "The licence LicenseRef-webgpt-comparisons-no-licence-declared of openai/webgpt_comparisons is not in the registry."
        in reasons(found)
    )
    # The question sources' licences are judged beside it, not as the dataset's own.
    assert of_terms(found, "cc-by-sa-4.0@") and of_terms(found, "apache-2.0@")
    assert not of_terms(found, "openai-modified-mit@")
