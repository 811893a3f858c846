"""Issue 12, session 18 (tulu18): the human-written prompts allenai/wildguardmix re-publishes
(users' turns from LMSYS-Chat-1M and WildChat, crowdworkers' prompts from Anthropic's HH-RLHF and
red-teaming data; the WildGuard paper, arXiv 2406.18495v3, section 3.1.1) are judged under those
sets' licences, so that part of its gap, and of allenai/tulu-3-sft-mixture's, is closed. The rest
of the gap (dolphin-2.8-gemma-7b, whose card was not found, and the models WildTeaming used to
write its adversarial prompts, which no source read names) stays, judged through `licensecheck
check`."""

from __future__ import annotations

from typing import Any

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    RESEARCH_INTERNAL,
    dataset_gap,
    generator,
    judge,
    one,
    sections,
    worst,
)

WILDGUARDMIX = "allenai/wildguardmix"
MIXTURE = "allenai/tulu-3-sft-mixture"
LMSYS_TERMS = "lmsys-chat-1m-dataset-license-agreement"
INTERNAL_CLASSIFIER = {"kind": "classifier", "release": "internal", "use": "research"}


def of_terms(report: dict[str, Any], subject: str, prefix: str) -> list[dict[str, Any]]:
    return [f for f in findings(report, subject, "dataset") if (f["terms"] or "").startswith(prefix)]


def test_wildguardmix_records_the_licences_of_its_human_prompts() -> None:
    entry = Registry().dataset(WILDGUARDMIX)
    assert entry is not None and not entry.generators_complete
    upstream = dict(entry.upstream_terms)
    assert "LMSYS-Chat-1M" in upstream[LMSYS_TERMS]
    assert "HH-RLHF" in upstream["mit"]
    # WildChat-1M's ODC-By is the set's own card licence too: judged once, as its own.
    assert "odc-by-1.0" in entry.terms
    gap = " ".join(entry.standing_gaps)
    assert "dolphin-2.8-gemma-7b" in gap and "WildTeaming" in gap
    assert "LMSYS" not in gap and "whose licences are not recorded" not in gap


def test_wildguardmix_lmsys_prompts_are_judged_under_the_lmsys_agreement(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(WILDGUARDMIX), **COMMERCIAL)
    assert report["verdict"] == "prohibited"  # its OpenAI and Llama writers decide a commercial LLM
    lmsys = of_terms(report, WILDGUARDMIX, LMSYS_TERMS)
    assert worst(lmsys) == "permitted" and "grant (closing paragraph)" in sections(lmsys)
    assert "LMSYS-Chat-1M" in lmsys[0]["lineage"][-1]
    mit = of_terms(report, WILDGUARDMIX, "mit")
    assert worst(mit) == "permitted" and "Anthropic/hh-rlhf" in mit[0]["lineage"][-1]
    gap = dataset_gap(report, WILDGUARDMIX)
    assert "dolphin-2.8-gemma-7b" in gap and "LMSYS" not in gap


def test_wildguardmix_internal_classifier_still_needs_review_for_the_missing_writers(
    manifest: WriteManifest,
) -> None:
    report = judge(manifest, one(WILDGUARDMIX), **INTERNAL_CLASSIFIER)
    assert report["verdict"] == "needs-review"
    assert worst(of_terms(report, WILDGUARDMIX, LMSYS_TERMS)) == "permitted"
    assert "WildTeaming" in dataset_gap(report, WILDGUARDMIX)


def test_tulu_mixture_carries_the_wildguardmix_prompt_licences(manifest: WriteManifest) -> None:
    commercial = judge(manifest, one(MIXTURE), **COMMERCIAL)
    assert commercial["verdict"] == "prohibited"
    no_robots = [
        f for f in findings(commercial, MIXTURE, "dataset") if "HuggingFaceH4/no_robots" in f["lineage"]
    ]
    assert worst(no_robots) == "prohibited" and "2(a)(1)" in sections(no_robots)
    lmsys = of_terms(commercial, MIXTURE, LMSYS_TERMS)
    assert worst(lmsys) == "permitted"
    assert lmsys[0]["lineage"] == [MIXTURE, WILDGUARDMIX]
    gap = dataset_gap(commercial, MIXTURE)
    assert "dolphin-2.8-gemma-7b" in gap and "whose licences are not recorded" not in gap

    research = judge(manifest, one(MIXTURE), **RESEARCH_INTERNAL)
    no_robots = [
        f for f in findings(research, MIXTURE, "dataset") if "HuggingFaceH4/no_robots" in f["lineage"]
    ]
    assert worst(no_robots) == "conditional"  # CC BY-NC allows non-commercial research
    # Its OpenAI and Llama writers still bar a general LLM, research or not.
    assert research["verdict"] == "prohibited"
    assert worst(generator(research, "meta-llama/Meta-Llama-3-8B-Instruct")) == "prohibited"
