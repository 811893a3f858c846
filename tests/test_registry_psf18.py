"""Issue 12, session 18 (psf18): the Python Software Foundation License Version 2 (PSF-2.0) and
matplotlib's PSF-style licence agreement, encoded as permissive licences are (registry/terms/psf-2.0,
registry/terms/matplotlib-license-agreement, mapped in licenses-psf18.yaml), judged through
`licensecheck check`.

Both grant use, copying, modification and distribution, say nothing of outputs, and bind a
derivative version that is passed on: the notice is kept in released weights, and whoever makes a
derivative available to others includes a brief summary of the changes. They used to block
SWE-Gym (mypy's three PSF-licensed files) and SWE-bench (matplotlib, sphinx's pgen2) as unmapped
licences; SWE-bench keeps its own gap (its Hub card declares no licence for the dataset)."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.conftest import SMALL_ORG, WriteManifest, findings, project_yaml, run_cli
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    judge,
    one,
    sections,
    worst,
)

PSF = "psf-2.0@2"
MPL = "matplotlib-license-agreement@1.3.0"
MPL_REF = "LicenseRef-matplotlib-license-agreement"
SWE_BENCH = "princeton-nlp/SWE-bench"
SWE_GYM = "SWE-Gym/SWE-Gym"
AS_OF = "2026-11-23"

# (SPDX id a manifest declares, terms version it maps to, the words of its notice duty)
LICENCES = [
    ("PSF-2.0", PSF, "PSF License Agreement"),
    (MPL_REF, MPL, "matplotlib's licence agreement"),
]
IDS = ["psf-2.0", "matplotlib"]


def test_licence_ids_map_to_the_new_terms() -> None:
    registry = Registry()
    assert registry.terms_for_spdx("PSF-2.0") == "psf-2.0"
    assert registry.terms_for_spdx(MPL_REF) == "matplotlib-license-agreement"


@pytest.mark.parametrize(("spdx", "terms", "_notice"), LICENCES, ids=IDS)
@pytest.mark.parametrize("project", [COMMERCIAL, RESEARCH_INTERNAL], ids=["commercial", "research"])
def test_a_dataset_under_the_licence_alone_may_be_trained_on(
    manifest: WriteManifest, spdx: str, terms: str, _notice: str, project: dict[str, Any]
) -> None:
    name = "acme/python-code"
    report = judge(manifest, one(name, spdx), **project)
    (found,) = findings(report, name, "dataset")
    assert (found["terms"], found["verdict"]) == (terms, "permitted")
    assert report["verdict"] == "permitted"
    # The grant of paragraph 2 decides it; a model trained on data is no derivative of it.
    assert sections([found]) in ({"2"}, {"versions 1.3.0 and later, 2"})
    assert found["obligations"] == []


@pytest.mark.parametrize(("spdx", "terms", "_notice"), LICENCES, ids=IDS)
def test_an_undeclared_dataset_is_not_taken_to_be_under_it(
    manifest: WriteManifest, spdx: str, terms: str, _notice: str
) -> None:
    report = judge(manifest, one("acme/python-code"), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    assert all(f["terms"] != terms for f in findings(report, "acme/python-code", "dataset"))


def base_model_report(
    manifest: WriteManifest, spdx: str, release: str, use: str = "commercial"
) -> dict[str, Any]:
    head = project_yaml(use=use, release=release, student="Acme-7B", **SMALL_ORG)
    head += f"    base_model: private-lab/base-7b\n    base_model_license: {spdx}\n"
    run = run_cli("check", str(manifest(head)), "--format", "json", "--as-of", AS_OF, "--offline")
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    report: dict[str, Any] = run.json
    return report


@pytest.mark.parametrize(("spdx", "terms", "notice"), LICENCES, ids=IDS)
def test_an_open_weights_fine_tune_carries_the_notice_and_the_summary_of_changes(
    manifest: WriteManifest, spdx: str, terms: str, notice: str
) -> None:
    report = base_model_report(manifest, spdx, "open-weights")
    (based,) = findings(report, "private-lab/base-7b", "base-model")
    assert (based["terms"], based["verdict"]) == (terms, "conditional")
    duties = " ".join(based["obligations"])
    assert notice in duties and "brief summary of the changes" in duties
    assert "trademarks" in duties
    cited = {c["section"] for d in based["obligation_details"] for c in d["clauses"]}
    assert cited >= ({"2", "3", "7"} if terms == PSF else {"versions 1.3.0 and later, 3"})


@pytest.mark.parametrize(("spdx", "terms", "notice"), LICENCES, ids=IDS)
def test_a_hosted_fine_tune_owes_the_summary_but_not_the_weights_notice(
    manifest: WriteManifest, spdx: str, terms: str, notice: str
) -> None:
    # Paragraph 3 binds making the derivative "available to others"; the notice travels with copies.
    report = base_model_report(manifest, spdx, "hosted")
    (based,) = findings(report, "private-lab/base-7b", "base-model")
    assert based["verdict"] == "conditional"
    duties = " ".join(based["obligations"])
    assert "brief summary of the changes" in duties and notice not in duties


@pytest.mark.parametrize(("spdx", "terms", "_notice"), LICENCES, ids=IDS)
def test_an_internal_research_fine_tune_owes_nothing(
    manifest: WriteManifest, spdx: str, terms: str, _notice: str
) -> None:
    report = base_model_report(manifest, spdx, "internal", use="research")
    (based,) = findings(report, "private-lab/base-7b", "base-model")
    assert (based["terms"], based["verdict"], based["obligations"]) == (terms, "permitted", [])


@pytest.mark.parametrize("spdx", ["PSF-2.0", MPL_REF])
def test_outputs_of_a_model_under_it_are_free(manifest: WriteManifest, spdx: str) -> None:
    body = f"teachers:\n  - model: private-lab/teacher-7b\n    license: {spdx}\n"
    head = project_yaml(student="Acme-7B", **SMALL_ORG)
    run = run_cli("check", str(manifest(head + body)), "--format", "json", "--as-of", AS_OF, "--offline")
    (teacher,) = findings(run.json, "private-lab/teacher-7b", "teacher")
    assert teacher["verdict"] == "permitted"


# --- the datasets they blocked ---------------------------------------------------------------------


def dataset_terms(report: dict[str, Any], name: str) -> dict[str, str]:
    return {str(f["terms"]).split("@")[0]: str(f["verdict"]) for f in findings(report, name, "dataset")}


def test_swe_gym_judges_mypys_psf_files_and_keeps_only_the_issue_texts_gap(manifest: WriteManifest) -> None:
    # Lead, after psf18: the issue texts' licence (GitHub's terms, not on record) stays a gap, so
    # the verdict is needs-review; every licence it records is judged permitted.
    report = judge(manifest, one(SWE_GYM), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    judged = dataset_terms(report, SWE_GYM)
    assert {t: judged[t] for t in ("mit", "apache-2.0", "bsd-3-clause", "psf-2.0")} == dict.fromkeys(
        ("mit", "apache-2.0", "bsd-3-clause", "psf-2.0"), "permitted"
    )
    gap = dataset_gap(report, SWE_GYM)
    assert "issue texts were written by GitHub users" in gap and "PSF-2.0" not in gap
    psf = [f for f in findings(report, SWE_GYM, "dataset") if f["terms"] == PSF]
    assert psf and psf[0]["verdict"] == "permitted" and psf[0]["lineage"][0] == SWE_GYM
    assert "python/mypy's mypyc/lib-rt files" in psf[0]["lineage"][-1]


def test_swe_gym_for_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SWE_GYM), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"  # the issue texts' gap (lead, after psf18)
    judged = dataset_terms(report, SWE_GYM)
    assert judged["psf-2.0"] == "permitted" and judged["mit"] == "permitted"


@pytest.mark.parametrize(
    "name", [SWE_BENCH, "princeton-nlp/SWE-bench_Lite", "princeton-nlp/SWE-bench_Verified"]
)
def test_swe_bench_keeps_only_its_cards_missing_licence(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    judged = dataset_terms(report, name)
    assert judged["matplotlib-license-agreement"] == "permitted" and judged["psf-2.0"] == "permitted"
    assert judged["gpl-2.0"] == "conditional"  # pylint, for an open-weights release
    gap = dataset_gap(report, name)
    assert "its Hub card declares no licence for the dataset itself" in gap
    assert MPL_REF not in gap and "PSF-2.0" not in gap
    # The subsets reach it through SWE-bench, SWE-bench through matplotlib/matplotlib.
    (mpl,) = [f for f in findings(report, name, "dataset") if f["terms"] == MPL]
    assert mpl["lineage"][-1] == (
        "matplotlib/matplotlib (its own PSF-style licence agreement)" if name == SWE_BENCH else SWE_BENCH
    )


def test_swe_bench_research_internal_is_not_permitted_while_its_card_gap_stands(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(SWE_BENCH), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    judged = dataset_terms(report, SWE_BENCH)
    assert judged["matplotlib-license-agreement"] == "permitted" and judged["psf-2.0"] == "permitted"
    assert worst(findings(report, SWE_BENCH, "dataset")) == "needs-review"
