"""Issue 12, session 18 (code18): code datasets whose code keeps each repository's licence, judged
through `licensecheck check` where a primary source names the repositories or the closed set of
licences (datasets-code18.yaml and the entries edited in place).

codeparrot/github-code's card lists the 15 licences its files carry: the AGPL, GPL, LGPL, MPL, EPL
and Artistic licences bind a released model (conditional), the permissive ones grant training, and
nothing is left unknown; github-code-clean is a filtered copy and carries them. CommitPack's
licence set is not established and stays a named gap."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries, unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    judge,
    one,
    reasons,
    worst,
)

GITHUB_CODE = "codeparrot/github-code"
GITHUB_CODE_CLEAN = "codeparrot/github-code-clean"
COMMITPACK = "bigcode/commitpack"

COPYLEFT = {"agpl-3.0", "gpl-3.0", "gpl-2.0", "lgpl-3.0", "lgpl-2.1", "mpl-2.0", "epl-1.0", "artistic-2.0"}
PERMISSIVE = {"mit", "apache-2.0", "bsd-3-clause", "bsd-2-clause", "cc0-1.0", "unlicense", "isc"}


def terms_of(found: list[dict[str, Any]]) -> dict[str, str]:
    """Each finding's terms series (its id before the `@`) and verdict."""
    return {str(f["terms"]).split("@")[0]: str(f["verdict"]) for f in found}


def test_my_file_resolves() -> None:
    assert unresolved_datasets("datasets-code18.yaml") == []


@pytest.mark.parametrize("name", [GITHUB_CODE, GITHUB_CODE_CLEAN])
def test_github_code_licences_bind_an_open_weights_release(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert worst(mine) == "conditional"
    judged = terms_of(mine)
    assert set(judged) >= COPYLEFT | PERMISSIVE
    assert {t for t, v in judged.items() if v == "conditional"} == COPYLEFT
    assert all(judged[t] == "permitted" for t in PERMISSIVE)
    assert not findings(report, role="generator")
    assert dataset_gap(report, name) == ""


def test_github_code_clean_is_reached_through_github_code(manifest: WriteManifest) -> None:
    report = judge(manifest, one(GITHUB_CODE_CLEAN), **COMMERCIAL)
    agpl = [
        f for f in findings(report, GITHUB_CODE_CLEAN, "dataset") if str(f["terms"]).startswith("agpl-3.0@")
    ]
    assert agpl and agpl[0]["lineage"][-1] == GITHUB_CODE


def test_github_code_kept_in_house_is_bound_by_the_agpl_alone(manifest: WriteManifest) -> None:
    # The GPL-family copyleft binds a released model; the AGPL's section 13 also reaches network use.
    report = judge(manifest, one(GITHUB_CODE), **RESEARCH_INTERNAL)
    judged = terms_of(findings(report, GITHUB_CODE, "dataset"))
    assert {t for t, v in judged.items() if v != "permitted"} == {"agpl-3.0"}
    assert judged["agpl-3.0"] == "conditional"


def test_github_code_declared_mit_does_not_drop_the_copyleft(manifest: WriteManifest) -> None:
    report = judge(manifest, one(GITHUB_CODE, "MIT"), **COMMERCIAL)
    assert "gpl-3.0" in terms_of(findings(report, GITHUB_CODE, "dataset"))


def test_github_code_entry_lists_the_cards_fifteen_licences() -> None:
    entry = Registry().dataset(GITHUB_CODE)
    assert entry is not None and set(entry.terms) == COPYLEFT | PERMISSIVE and entry.gap is None


def test_commitpack_licence_set_stays_a_named_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(COMMITPACK), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    assert "the set of licences in the released data" in dataset_gap(report, COMMITPACK)
    assert not findings(report, role="generator")


# --- SWE-bench and SWE-Gym: the repositories their tasks come from -------------------------------

SWE_BENCH = "princeton-nlp/SWE-bench"
SWE_GYM = "SWE-Gym/SWE-Gym"
SWE_BENCH_REPOS = {
    "django/django",
    "sympy/sympy",
    "scikit-learn/scikit-learn",
    "sphinx-doc/sphinx",
    "matplotlib/matplotlib",
    "pytest-dev/pytest",
    "pydata/xarray",
    "astropy/astropy",
    "pylint-dev/pylint",
    "psf/requests",
    "mwaskom/seaborn",
    "pallets/flask",
}
SWE_GYM_REPOS = {
    "getmoto/moto",
    "Project-MONAI/MONAI",
    "pandas-dev/pandas",
    "python/mypy",
    "dask/dask",
    "iterative/dvc",
    "conan-io/conan",
    "pydantic/pydantic",
    "facebookresearch/hydra",
    "bokeh/bokeh",
    "modin-project/modin",
}


def upstream_repos(dataset: str) -> set[str]:
    """The GitHub repositories an entry's `upstream_licenses` name (from its source URLs)."""
    for name in ("datasets-code12.yaml", "datasets-rl13.yaml"):
        for item in entries(name, "datasets"):
            if item["id"] == dataset:
                return {"/".join(u["source"].split("/")[3:5]) for u in item["upstream_licenses"]}
    raise AssertionError(dataset)


@pytest.mark.parametrize(("name", "repos"), [(SWE_BENCH, SWE_BENCH_REPOS), (SWE_GYM, SWE_GYM_REPOS)])
def test_every_named_repository_has_its_licence_on_record(name: str, repos: set[str]) -> None:
    assert upstream_repos(name) == repos


def test_swe_gym_is_settled_once_mypys_psf_files_are_judged(manifest: WriteManifest) -> None:
    # psf18: PSF-2.0 is now encoded (registry/terms/psf-2.0), so mypy's three PSF-licensed files no
    # longer leave a gap; before, this asserted needs-review naming "licensed PSF-2.0".
    # Lead, after psf18: the issue texts (GitHub users' posts) keep a gap of their own, so the
    # verdict is needs-review while every recorded licence is judged permitted.
    report = judge(manifest, one(SWE_GYM), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, SWE_GYM)
    assert "issue texts were written by GitHub users" in gap and "PSF-2.0" not in gap
    assert "other projects' GitHub repositories" not in reasons(findings(report, SWE_GYM, "dataset"))
    judged = terms_of(findings(report, SWE_GYM, "dataset"))
    assert {t: judged[t] for t in ("mit", "apache-2.0", "bsd-3-clause", "psf-2.0")} == dict.fromkeys(
        ("mit", "apache-2.0", "bsd-3-clause", "psf-2.0"), "permitted"
    )
    assert not findings(report, role="generator")


def test_swe_gym_psf_files_are_judged_beside_a_declared_licence(manifest: WriteManifest) -> None:
    # psf18: the PSF-2.0 upstream is judged (permitted), no longer a gap a declaration cannot settle.
    report = judge(manifest, one(SWE_GYM, "MIT"), **COMMERCIAL)
    # A declared licence does not settle the issue texts' gap (lead, after psf18), nor add a PSF one.
    gap = dataset_gap(report, SWE_GYM)
    assert "issue texts were written by GitHub users" in gap and "PSF-2.0" not in gap
    assert terms_of(findings(report, SWE_GYM, "dataset"))["psf-2.0"] == "permitted"


def test_swe_bench_pylint_gpl_binds_an_open_weights_release(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SWE_BENCH), **COMMERCIAL)
    assert report["verdict"] == "needs-review"
    judged = terms_of(findings(report, SWE_BENCH, "dataset"))
    assert judged["gpl-2.0"] == "conditional"
    assert judged["isc"] == "permitted"  # requests up to v0.14
    gap = dataset_gap(report, SWE_BENCH)
    assert "its Hub card declares no licence for the dataset itself" in gap
    # psf18: matplotlib's licence agreement and sphinx's PSF-2.0 are encoded and judged (permitted);
    # before, the matplotlib LicenseRef was a named needs-review gap. The card's missing licence stays.
    assert "LicenseRef-matplotlib-license-agreement" not in gap and "PSF-2.0" not in gap
    assert judged["matplotlib-license-agreement"] == "permitted" and judged["psf-2.0"] == "permitted"


def test_swe_bench_kept_in_house_meets_no_gpl_condition(manifest: WriteManifest) -> None:
    report = judge(manifest, one(SWE_BENCH), **RESEARCH_INTERNAL)
    assert terms_of(findings(report, SWE_BENCH, "dataset"))["gpl-2.0"] == "permitted"


@pytest.mark.parametrize("name", ["princeton-nlp/SWE-bench_Verified", "princeton-nlp/SWE-bench_Lite"])
def test_swe_bench_subsets_carry_the_repositories_licences(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    gpl = [f for f in findings(report, name, "dataset") if str(f["terms"]).startswith("gpl-2.0@")]
    assert gpl and gpl[0]["verdict"] == "conditional" and gpl[0]["lineage"][-1] == SWE_BENCH
    assert "its Hub card declares no licence for the dataset itself" in dataset_gap(report, name)
