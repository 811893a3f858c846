"""Issue 12, classic17b pass: GLUE, SuperGLUE and CodeXGLUE code-to-text judged through
`licensecheck check` (entries edited in place; licence identifiers in datasets-classic17b.yaml).

GLUE and SuperGLUE grant no licence of their own and refer users to each task's licence, so each
collection now follows its tasks and the worst task decides: GLUE's MRPC comes with Microsoft's
Research Shared Source licence (non-commercial) and SuperGLUE's WiC is CC BY-NC 4.0, so neither is
for a commercial project; BoolQ's CC BY-SA 3.0 and COPA's BSD 2-Clause are judged; the tasks whose
licences were not read stay named gaps that no declared licence lifts. The Computational Use of Data
Agreement is encoded from its verbatim text: computational use, trained models are free "Results",
so it permits training, while the CodeSearchNet code's own licences stay a named gap. The emotion
dataset's publisher statement ("educational and research purposes only") is encoded from its
verbatim text as RACE's notes are: a commercial project is prohibited, research still needs review
for the tweets' rights and the card's unexplained machine-generated tags."""

from __future__ import annotations

import pytest

from licensecheck.registry import Registry
from tests.catalogue_files import entries, legacy_facts_differ, unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    judge,
    lineage_ends,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

FILE = "datasets-classic17b.yaml"


def test_every_new_dataset_resolves_with_a_source() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


LEGACY = [
    ("glue", "nyu-mll/glue"),
    ("super_glue", "aps/super_glue"),
    ("code_x_glue_ct_code_to_text", "google/code_x_glue_ct_code_to_text"),
    ("emotion", "dair-ai/emotion"),
]


@pytest.mark.parametrize(("legacy", "repo"), LEGACY, ids=[legacy for legacy, _ in LEGACY])
def test_a_legacy_id_keeps_the_facts_of_todays_repository(legacy: str, repo: str) -> None:
    assert legacy_facts_differ(legacy, repo) == []


# --- GLUE: MRPC's Microsoft Research Shared Source licence decides a commercial project -------------


@pytest.mark.parametrize("name", ["glue", "nyu-mll/glue"])
def test_glue_is_prohibited_for_a_commercial_project_by_its_mrpc_task(
    manifest: WriteManifest, name: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mrpc = of_terms(findings(report, name, "dataset"), "msr-ssla-mrpc@")
    assert worst(mrpc) == "prohibited"
    assert "Scope of rights" in sections(mrpc)
    assert any("MRPC" in end for end in lineage_ends(mrpc))
    assert not findings(report, role="generator")


@pytest.mark.parametrize("name", ["glue", "nyu-mll/glue"])
def test_a_declared_open_licence_does_not_replace_glues_tasks(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "CC-BY-4.0"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    research = judge(manifest, one(name, "CC-BY-4.0"), **RESEARCH_INTERNAL)
    gap = dataset_gap(research, name)
    for placeholder in ("LicenseRef-cola-licence-not-stated", "LicenseRef-quora-question-pairs-terms"):
        assert f"The licence {placeholder} of {name} is not in the registry." in gap
    assert research["verdict"] == "needs-review"


def test_glue_for_internal_research_names_the_unread_tasks(manifest: WriteManifest) -> None:
    name = "nyu-mll/glue"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    mine = findings(report, name, "dataset")
    # MRPC's licence allows non-commercial research: it is not what holds the research project up.
    assert worst(of_terms(mine, "msr-ssla-mrpc@")) in ("permitted", "conditional")
    gap = dataset_gap(report, name)
    assert "CoLA, SST-2, QQP" in gap and "WNLI" in gap
    # MNLI and QNLI still come through their catalogued sources.
    assert "derives from nyu-mll/multi_nli" in reasons(mine)
    assert "rajpurkar/squad" in lineage_ends(of_terms(mine, "cc-by-sa-4.0@"))


def test_mrpcs_same_terms_rule_binds_a_released_research_model(manifest: WriteManifest) -> None:
    report = judge(manifest, one("glue"), use="research", release="open-weights")
    mrpc = of_terms(findings(report, "glue", "dataset"), "msr-ssla-mrpc@")
    assert worst(mrpc) in ("conditional", "needs-review")
    assert "3" in sections(mrpc)


# --- SuperGLUE: WiC's CC BY-NC 4.0 decides a commercial project ------------------------------------


@pytest.mark.parametrize("name", ["super_glue", "aps/super_glue"])
def test_superglue_is_prohibited_for_a_commercial_project_by_wic(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "MIT"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, name, "dataset")
    wic = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(wic) == "prohibited"
    assert any("WiC" in end for end in lineage_ends(wic))
    # The permissive tasks are judged beside it, each from its own source.
    assert any("BoolQ" in end for end in lineage_ends(of_terms(mine, "cc-by-sa-3.0@")))
    copa = of_terms(mine, "bsd-2-clause@")
    assert worst(copa) in ("permitted", "conditional")
    assert any("COPA" in end for end in lineage_ends(copa))
    assert any("ReCoRD" in end for end in lineage_ends(of_terms(mine, "apache-2.0@")))


@pytest.mark.parametrize("name", ["super_glue", "aps/super_glue"])
def test_superglue_research_use_names_the_unread_tasks(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    mine = findings(report, name, "dataset")
    assert worst(of_terms(mine, "cc-by-nc-4.0@")) in ("permitted", "conditional")
    gap = dataset_gap(report, name)
    assert "The licence LicenseRef-commitmentbank-licence-not-stated of" in gap
    assert "Internet Archive" in gap and "CommitmentBank, MultiRC, RTE" in gap


# --- CodeXGLUE code-to-text: the C-UDA -----------------------------------------------------------


@pytest.mark.parametrize("name", ["code_x_glue_ct_code_to_text", "google/code_x_glue_ct_code_to_text"])
def test_the_c_uda_permits_training_a_commercial_model(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    cuda = of_terms(mine, "c-uda-1.0@")
    assert worst(cuda) == "permitted"
    assert "is not in the registry" not in reasons(mine)
    # The code's own licences are not on record: a reviewer must settle them.
    assert report["verdict"] == "needs-review"
    assert "_licenses.pkl" in dataset_gap(report, name)


def test_the_c_uda_is_judged_wherever_it_is_declared(manifest: WriteManifest) -> None:
    registry = Registry()
    assert registry.terms_for_spdx("C-UDA-1.0") == "c-uda-1.0"
    report = judge(manifest, one("acme/computational-only-set", "C-UDA-1.0"), **COMMERCIAL)
    mine = findings(report, "acme/computational-only-set", "dataset")
    assert worst(of_terms(mine, "c-uda-1.0@")) == "permitted"
    assert "1.1" in sections(mine)


def test_a_declared_licence_cannot_lift_the_code_licences_gap(manifest: WriteManifest) -> None:
    name = "google/code_x_glue_ct_code_to_text"
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert "CodeSearchNet" in dataset_gap(report, name)


# --- emotion: "educational and research purposes only" ---------------------------------------------


@pytest.mark.parametrize("name", ["emotion", "dair-ai/emotion"])
def test_emotion_is_prohibited_for_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "MIT"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = of_terms(findings(report, name, "dataset"), "dair-emotion-research-only@")
    assert worst(mine) == "prohibited"
    assert "README, Usage" in sections(mine)


@pytest.mark.parametrize("name", ["emotion", "dair-ai/emotion"])
def test_emotion_research_use_still_names_the_tweets_and_the_tags(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name, "CC-BY-4.0"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    mine = findings(report, name, "dataset")
    assert worst(of_terms(mine, "dair-emotion-research-only@")) in ("permitted", "conditional")
    assert "is not in the registry" not in reasons(mine)
    gap = dataset_gap(report, name)
    assert "Twitter users' text" in gap and "machine-generated" in gap


# --- the other CodeXGLUE datasets (new ids in datasets-classic17b.yaml) -----------------------------

CODEXGLUE = sorted(item["id"] for item in entries(FILE, "datasets") if item["id"].startswith("code_x_glue_"))


def test_all_twelve_other_codexglue_tasks_are_listed_under_both_ids() -> None:
    ids = {item["id"] for item in entries(FILE, "datasets")}
    assert len(CODEXGLUE) == 12
    assert {f"google/{name}" for name in CODEXGLUE} <= ids


@pytest.mark.parametrize("legacy", CODEXGLUE)
def test_each_codexglue_task_is_judged_under_the_c_uda_with_its_sources_gap(
    manifest: WriteManifest, legacy: str
) -> None:
    registry = Registry()
    old, new = registry.dataset(legacy), registry.dataset(f"google/{legacy}")
    assert old is not None and new is not None
    assert (
        (old.license, old.standing_gaps)
        == (new.license, new.standing_gaps)
        == ("C-UDA-1.0", old.standing_gaps)
    )
    report = judge(manifest, one(f"google/{legacy}", "MIT"), **COMMERCIAL)
    mine = findings(report, f"google/{legacy}", "dataset")
    assert worst(of_terms(mine, "c-uda-1.0@")) == "permitted"
    # The code's (or documentation's) own licences are not on record: no declaration lifts that.
    assert report["verdict"] == "needs-review"
    assert "not on record" in dataset_gap(report, f"google/{legacy}")
    assert not findings(report, role="generator")
