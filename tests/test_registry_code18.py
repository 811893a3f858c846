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
from tests.catalogue_files import unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    judge,
    one,
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
