"""The training sets bagel-7b-v0.1's card lists that the registry lacked (datasets-bagel17.yaml):
each needs review on its own, and the GPT-4 writers the card names make the model a prohibited
teacher for a commercial general LLM."""

from __future__ import annotations

from licensecheck.registry import Registry
from tests.catalogue_files import unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import COMMERCIAL, RESEARCH_INTERNAL, dataset_gap, judge, one, worst
from tests.test_registry_families_2026 import OTHER, teacher
from tests.test_registry_families_2026 import judge as judge_teacher

BAGEL = "jondurbin/bagel-7b-v0.1"


def test_every_entry_resolves_and_names_its_gap() -> None:
    assert unresolved_datasets("datasets-bagel17.yaml", gap_when_incomplete=True) == []


def test_bagel_as_a_teacher_brings_the_gpt4_writers_of_its_training_data(manifest: WriteManifest) -> None:
    report = judge_teacher(manifest, teacher(BAGEL), base=OTHER)
    assert report["verdict"] == "prohibited"
    gpt4 = findings(report, "openai:gpt-4", "generator")
    assert gpt4 and worst(gpt4) == "prohibited"
    registry = Registry()
    entry = registry.model(BAGEL)
    assert entry is not None and all(registry.dataset(d) is not None for d in entry.datasets)


def test_spicy_is_gpt4_data_with_an_unread_card(manifest: WriteManifest) -> None:
    name = "unalignment/spicy-3.1"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert commercial["verdict"] == "prohibited"
    assert worst(findings(commercial, "openai:gpt-4", "generator")) == "prohibited"
    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert research["verdict"] in ("prohibited", "needs-review")
    assert "own card was not read" in dataset_gap(research, name)


def test_a_set_known_only_by_name_needs_review(manifest: WriteManifest) -> None:
    for name in ("Vezora/Tested-22k-Python-Alpaca", "cakiki/rosetta-code", "datasets/winogrande"):
        report = judge(manifest, one(name), **COMMERCIAL)
        assert report["verdict"] == "needs-review"
        assert name in dataset_gap(report, name) or "no Hub repository" in dataset_gap(report, name)
