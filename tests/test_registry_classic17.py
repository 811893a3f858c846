"""Issue 12, classic17 pass: classic NLP datasets the registry knew only through the Data Provenance
Initiative's placeholders, judged through `licensecheck check` (new ids in datasets-classic17.yaml;
MultiNLI, lighteval/mmlu and four copies of catalogued sets edited in place).

RACE's notes and WikiQA's Microsoft Research Data License Agreement are encoded from their verbatim
texts: both grant research use and bar commercial use, so a commercial project is prohibited and a
non-commercial research one is not. CoQA carries RACE's terms for its exam passages (the worst part
decides a commercial project) and names MCTest's unread licence; P3 re-publishes RACE and WikiQA
among its sources. MathQA and Amazon polarity are Apache 2.0 on their cards. Copies that add no
content of their own are judged under their upstream's licence; one that adds model-written text
and declares no licence still needs review. Legacy single-name ids keep the facts of the repository
the Hub serves them from."""

from __future__ import annotations

import pytest

from tests.catalogue_files import legacy_facts_differ, unresolved_datasets
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    generator,
    judge,
    lineage_ends,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

FILE = "datasets-classic17.yaml"


def test_every_new_dataset_resolves_with_a_source() -> None:
    assert unresolved_datasets(FILE, gap_when_incomplete=True) == []


LEGACY = [
    ("race", "ehovy/race"),
    ("wiki_qa", "microsoft/wiki_qa"),
    ("coqa", "stanfordnlp/coqa"),
    ("social_i_qa", "allenai/social_i_qa"),
    ("math_qa", "allenai/math_qa"),
    ("tweet_eval", "cardiffnlp/tweet_eval"),
    ("amazon_polarity", "fancyzhx/amazon_polarity"),
    ("rotten_tomatoes", "cornell-movie-review-data/rotten_tomatoes"),
    ("wmt16", "wmt/wmt16"),
    ("ai2_arc", "allenai/ai2_arc"),
    ("multi_nli", "nyu-mll/multi_nli"),
]


@pytest.mark.parametrize(("legacy", "repo"), LEGACY, ids=[legacy for legacy, _ in LEGACY])
def test_a_legacy_id_keeps_the_facts_of_todays_repository(legacy: str, repo: str) -> None:
    assert legacy_facts_differ(legacy, repo) == []


# --- RACE: non-commercial research only -----------------------------------------------------------


@pytest.mark.parametrize("name", ["race", "ehovy/race"])
def test_race_is_prohibited_for_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = of_terms(findings(report, name, "dataset"), "race-dataset-terms")
    assert worst(mine) == "prohibited"
    assert "Notes 3" in sections(mine)


@pytest.mark.parametrize("name", ["race", "ehovy/race"])
def test_race_is_allowed_for_non_commercial_research(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    mine = findings(report, name, "dataset")
    assert worst(mine) in ("permitted", "conditional")
    assert report["verdict"] in ("permitted", "conditional")


def test_a_declared_licence_does_not_replace_races_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, one("ehovy/race", "MIT"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"


# --- WikiQA: Microsoft Research Data License Agreement --------------------------------------------


@pytest.mark.parametrize("name", ["wiki_qa", "microsoft/wiki_qa"])
def test_wikiqa_agreement_bars_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = of_terms(findings(report, name, "dataset"), "msr-data-license-wikiqa")
    assert worst(mine) == "prohibited"
    assert "1.b" in sections(mine)


def test_wikiqa_agreement_allows_internal_research(manifest: WriteManifest) -> None:
    report = judge(manifest, one("microsoft/wiki_qa"), **RESEARCH_INTERNAL)
    assert worst(findings(report, "microsoft/wiki_qa", "dataset")) in ("permitted", "conditional")


def test_wikiqa_agreement_binds_its_same_terms_rule_on_release(manifest: WriteManifest) -> None:
    report = judge(manifest, one("microsoft/wiki_qa"), use="research", release="open-weights")
    mine = findings(report, "microsoft/wiki_qa", "dataset")
    assert worst(mine) in ("conditional", "needs-review")
    assert "2.a" in sections(mine)


# --- CoQA: per-domain licences, the worst decides ------------------------------------------------


@pytest.mark.parametrize("name", ["coqa", "stanfordnlp/coqa"])
def test_coqa_exam_passages_bar_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    assert worst(of_terms(findings(report, name, "dataset"), "race-dataset-terms")) == "prohibited"


def test_coqa_research_use_names_the_unread_mctest_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, one("stanfordnlp/coqa"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"
    gap = dataset_gap(report, "stanfordnlp/coqa")
    assert "MCTest" in gap
    assert "LicenseRef-mctest-msr-la" in gap


# --- permissive licences from the cards ---------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["math_qa", "allenai/math_qa", "amazon_polarity", "fancyzhx/amazon_polarity"]
)
def test_apache_cards_are_permitted_for_a_commercial_project(manifest: WriteManifest, name: str) -> None:
    report = judge(manifest, one(name), **COMMERCIAL)
    mine = findings(report, name, "dataset")
    assert worst(mine) in ("permitted", "conditional")
    assert {f["terms"].split("@")[0] for f in mine} == {"apache-2.0"}
    assert report["verdict"] in ("permitted", "conditional")


def test_arc_is_judged_from_its_card(manifest: WriteManifest) -> None:
    report = judge(manifest, one("allenai/ai2_arc"), **COMMERCIAL)
    mine = findings(report, "allenai/ai2_arc", "dataset")
    assert {f["terms"].split("@")[0] for f in mine} == {"cc-by-sa-4.0"}
    assert worst(mine) == "conditional"  # share-alike on release


# --- named gaps: no licence of their own -------------------------------------------------------


GAPS = [
    ("social_i_qa", "allenai.org/data/socialiqa"),
    ("cardiffnlp/tweet_eval", "HateEval"),
    ("rotten_tomatoes", "movie-review-data"),
    ("wmt/wmt16", "Europarl"),
    ("nyu-mll/multi_nli", "www.anc.org/OANC/license.txt"),
]


@pytest.mark.parametrize(("name", "words"), GAPS, ids=[name for name, _ in GAPS])
def test_a_dataset_without_a_licence_on_record_names_what_is_missing(
    manifest: WriteManifest, name: str, words: str
) -> None:
    report = judge(manifest, one(name, "MIT"), **RESEARCH_INTERNAL)
    assert report["verdict"] == "needs-review"  # a declaration cannot settle the catalogue's gap
    assert words in dataset_gap(report, name)


def test_tweeteval_sentiment_licence_is_judged_beside_the_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("tweet_eval"), **COMMERCIAL)
    mine = findings(report, "tweet_eval", "dataset")
    assert of_terms(mine, "cc-by-3.0")
    assert worst(mine) == "needs-review"


# --- P3 re-publishes RACE and WikiQA -------------------------------------------------------------


def test_p3_carries_races_terms_to_a_commercial_project(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigscience/P3"), **COMMERCIAL)
    assert report["verdict"] == "prohibited"
    mine = findings(report, "bigscience/P3", "dataset")
    assert worst(of_terms(mine, "race-dataset-terms")) == "prohibited"
    assert {"race", "wiki_qa"} <= lineage_ends(mine)
    assert "DREAM" in reasons(mine)  # the uncatalogued sources stay a named gap


def test_p3_is_no_longer_judged_from_the_dpi_labels(manifest: WriteManifest) -> None:
    report = judge(manifest, one("bigscience/P3"), **RESEARCH_INTERNAL)
    assert not findings(report, "openai:gpt-3", "generator")
    assert "Data Provenance Initiative" not in reasons(findings(report, "bigscience/P3", "dataset"))


# --- copies judged under their upstream's licence --------------------------------------------------

COPIES = [
    ("Dahoas/full-hh-rlhf", "Anthropic/hh-rlhf", "mit"),
    ("Dahoas/rm-static", "Anthropic/hh-rlhf", "mit"),
    ("lvwerra/stack-exchange-paired", "HuggingFaceH4/stack-exchange-preferences", "cc-by-sa-4.0"),
    ("mlabonne/guanaco-llama2-1k", "timdettmers/openassistant-guanaco", "apache-2.0"),
    ("lighteval/mmlu", "cais/mmlu", "mit"),
]


@pytest.mark.parametrize(("copy", "upstream", "terms"), COPIES, ids=[c for c, _, _ in COPIES])
def test_a_copy_that_adds_nothing_takes_its_upstreams_verdict(
    manifest: WriteManifest, copy: str, upstream: str, terms: str
) -> None:
    copied = judge(manifest, one(copy), **COMMERCIAL)
    original = judge(manifest, one(upstream), **COMMERCIAL)
    mine = findings(copied, copy, "dataset")
    assert "records no licence" not in reasons(mine)
    assert of_terms(mine, terms)
    assert worst(mine) == worst(findings(original, upstream, "dataset"))
    assert worst(mine) != "needs-review"


def test_a_copy_adding_model_text_without_a_licence_still_needs_review(manifest: WriteManifest) -> None:
    name = "HuggingFaceH4/cai-conversation-harmless"
    report = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert "records no licence" in dataset_gap(report, name)
    assert generator(report, "mistralai/Mistral-7B-Instruct-v0.1")
