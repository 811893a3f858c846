"""Issue 12's papers17 pass (models-papers17.yaml and the entries edited in place), judged through
`licensecheck check`.

HellaSwag's paper (arXiv 1905.07830, Supplemental B, read in a markdown copy in the code index)
names the writer of its wrong endings: OpenAI GPT (GPT-1), fine-tuned by the authors. Its weights
are catalogued as openai-community/openai-gpt under the MIT licence of its card, so the writer list
is complete and the generator is judged permitted; the dataset still needs review for its WikiHow
and ActivityNet contexts, whose terms are not on record."""

from __future__ import annotations

import pytest

from licensecheck.registry import Registry
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
    worst,
)

GPT1 = "openai-community/openai-gpt"
HELLASWAG = ["Rowan/hellaswag", "hellaswag"]


def test_gpt1_is_catalogued_under_mit() -> None:
    entry = Registry().model(GPT1)
    assert entry is not None
    assert entry.terms == ("mit",)


@pytest.mark.parametrize("name", HELLASWAG)
def test_hellaswag_names_gpt1_as_its_only_writer(name: str) -> None:
    entry = Registry().dataset(name)
    assert entry is not None and entry.generators_complete
    assert list(entry.generated_by) == [GPT1]


@pytest.mark.parametrize("name", HELLASWAG)
def test_hellaswag_generator_is_permitted_but_wikihow_keeps_it_in_review(
    manifest: WriteManifest, name: str
) -> None:
    # texts18: wikiHow's CC BY-NC-SA 3.0 now decides a commercial project (prohibited); for it the
    # WikiHow part is that licence's finding, and the ActivityNet part stays the named gap.
    report = judge(manifest, one(name), **COMMERCIAL)
    assert worst(generator(report, GPT1)) == "permitted"
    assert report["verdict"] == "prohibited"
    gap = dataset_gap(report, name)
    assert "WikiHow" in gap and "ActivityNet" in gap
    # The writer is on record now: no unnamed-writer gap.
    found = findings(report, name, "dataset")
    assert f"Not every model that wrote {name} is on record" not in reasons(found)
    assert worst(of_terms(found, "mit@")) == "permitted"


def test_hellaswag_stays_in_review_for_research_too(manifest: WriteManifest) -> None:
    report = judge(manifest, one("Rowan/hellaswag"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert worst(generator(report, GPT1)) == "permitted"


def test_legacy_openai_gpt_id_keeps_the_mit_card() -> None:
    entry = Registry().model("openai-gpt")
    assert entry is not None
    assert entry.terms == ("mit",)
    assert list(entry.base_models) == [GPT1]
