"""Issue 12, session 18 (texts18): the licences of the content that catalogued datasets carry, read
from primary sources and judged through `licensecheck check` (entries edited in place; new terms in
registry/terms/ag-corpus-terms and flickr30k-image-terms, mapped in datasets-texts18.yaml).

HellaSwag's WikiHow contexts are wikiHow's CC BY-NC-SA 3.0 text, so a commercial project is
prohibited while ActivityNet Captions stays a named gap. Stack Exchange posts are CC BY-SA 2.5, 3.0
or 4.0 by date (Stack Exchange's staff statement): OpenThoughts3's CodeGolf and Physics questions
lose their gap, and the H4 preference set (with its paired copy) carries all three versions. The
Flickr30K images are provided only for non-commercial research and education, and AG's corpus only
for research and other non-commercial activity: both are prohibited for a commercial project and
still need review for a non-commercial one (nothing grants the third parties' text or images)."""

from __future__ import annotations

import pytest

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

# --- HellaSwag: wikiHow's CC BY-NC-SA 3.0 ---------------------------------------------------------


def test_hellaswag_is_prohibited_for_a_commercial_project_by_wikihows_licence(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one("Rowan/hellaswag"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    wikihow = of_terms(findings(report, "Rowan/hellaswag", "dataset"), "cc-by-nc-sa-3.0@")
    assert worst(wikihow) == "prohibited"
    assert "4(c)" in sections(wikihow)
    assert any("WikiHow" in end for end in lineage_ends(wikihow))


def test_hellaswag_still_names_activitynet_for_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one("Rowan/hellaswag"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, "Rowan/hellaswag")
    assert "ActivityNet Captions" in gap
    assert "WikiHow articles and ActivityNet captions, whose terms are not on record" not in gap


# --- Stack Exchange: CC BY-SA 2.5 / 3.0 / 4.0 by post date ------------------------------------------


def test_openthoughts3_stack_exchange_questions_carry_every_cc_by_sa_version(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one("open-thoughts/OpenThoughts3-1.2M"), **RESEARCH_INTERNAL)
    mine = findings(report, "open-thoughts/OpenThoughts3-1.2M", "dataset")
    for version in ("2.5", "3.0", "4.0"):
        found = of_terms(mine, f"cc-by-sa-{version}@")
        assert found, version
        assert any("CodeGolf and Physics" in end for end in lineage_ends(found))
    assert "Stack Exchange users' posts" not in reasons(mine)


@pytest.mark.parametrize(
    ("name", "through"),
    [
        ("HuggingFaceH4/stack-exchange-preferences", "its Stack Exchange posts"),
        ("lvwerra/stack-exchange-paired", "HuggingFaceH4/stack-exchange-preferences"),
    ],
)
def test_stack_exchange_preferences_carry_the_older_versions_too(
    manifest: WriteManifest, name: str, through: str
) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    for version in ("2.5", "3.0"):
        found = of_terms(mine, f"cc-by-sa-{version}@")
        assert worst(found) == "conditional", version
        assert any(through in end for end in lineage_ends(found))
    assert report["verdict"] == "conditional"


# --- Flickr30K images: non-commercial research and education only ------------------------------------


def test_flickr30k_images_bar_a_commercial_project(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nlphuji/flickr30k"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    images = of_terms(findings(report, "nlphuji/flickr30k", "dataset"), "flickr30k-image-terms@")
    assert worst(images) == "prohibited"
    assert "README: images" in sections(images)


def test_flickr30k_still_needs_review_for_non_commercial_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nlphuji/flickr30k"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert "Flickr Terms of Use" in dataset_gap(report, "nlphuji/flickr30k")


# --- AG's corpus: research and other non-commercial activity -------------------------------------------


@pytest.mark.parametrize("name", ["fancyzhx/ag_news", "ag_news"])
def test_ag_news_is_prohibited_for_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    corpus = of_terms(findings(report, name, "dataset"), "ag-corpus-terms@")
    assert worst(corpus) == "prohibited"
    assert "ORIGIN" in sections(corpus)


def test_ag_news_needs_review_for_research_naming_its_news_sources(manifest: WriteManifest) -> None:
    report = judge(manifest, one("fancyzhx/ag_news"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    assert "2000 news sources" in dataset_gap(report, "fancyzhx/ag_news")
    assert "is not in the registry" not in dataset_gap(report, "fancyzhx/ag_news")
