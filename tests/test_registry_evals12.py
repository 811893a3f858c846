"""Issue 12, evals12 pass: the LMSYS-Chat-1M Dataset License Agreement (recorded verbatim from a copy
of the lmsys/lmsys-chat-1m card, registry/terms/lmsys-chat-1m-dataset-license-agreement), and the
evaluation, multimodal and other datasets of datasets-evals12.yaml, judged through
`licensecheck check`.
"""

from __future__ import annotations

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import (
    COMMERCIAL,
    NOT_OPEN,
    RESEARCH_INTERNAL,
    judge,
    of_terms,
    one,
    reasons,
    sections,
    worst,
)

CHAT_1M = "lmsys/lmsys-chat-1m"
AGREEMENT = "lmsys-chat-1m-dataset-license-agreement"
OPENHERMES = "teknium/OpenHermes-2.5"


# --- the LMSYS-Chat-1M Dataset License Agreement ------------------------------------------------


def test_lmsys_agreement_is_mapped_and_grants_training() -> None:
    registry = Registry()
    entry = registry.dataset(CHAT_1M)
    assert entry is not None and entry.license == f"LicenseRef-{AGREEMENT}"
    terms = registry.terms(AGREEMENT)
    assert terms is not None and terms.kind.value == "data-license"
    assert "grant" in terms.provisions and "non-commercial" not in terms.provisions
    assert registry.terms_for_spdx(f"LicenseRef-{AGREEMENT}") == AGREEMENT


def test_lmsys_chat_1m_licence_is_judged_not_a_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M), **COMMERCIAL)
    mine = findings(report, CHAT_1M, "dataset")
    agreement = of_terms(mine, f"{AGREEMENT}@")
    # Training models is granted "for both research and commercial purposes".
    assert agreement and worst(agreement) == "permitted"
    assert "grant (closing paragraph)" in sections(agreement)
    assert f"The licence LicenseRef-{AGREEMENT} of {CHAT_1M} is not in the registry" not in reasons(mine)
    # The writers still decide (Llama 1 models and OpenAI's terms forbid a commercial LLM) ...
    assert report["verdict"] == "prohibited"
    # ... and the list of 25 models stays incomplete.
    assert f"Not every model that wrote {CHAT_1M} is on record" in reasons(mine)


def test_lmsys_chat_1m_research_project_still_needs_review_for_its_writers(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M), **RESEARCH_INTERNAL)
    mine = findings(report, CHAT_1M, "dataset")
    assert worst(of_terms(mine, f"{AGREEMENT}@")) == "permitted"
    assert report["verdict"] in ("needs-review", "prohibited")


def test_a_declared_licence_does_not_replace_the_agreement(manifest: WriteManifest) -> None:
    report = judge(manifest, one(CHAT_1M, "MIT"), release="internal", base=NOT_OPEN)
    mine = findings(report, CHAT_1M, "dataset")
    assert of_terms(mine, f"{AGREEMENT}@")


def test_openhermes_upstream_agreement_is_judged(manifest: WriteManifest) -> None:
    report = judge(manifest, one(OPENHERMES), **RESEARCH_INTERNAL)
    mine = findings(report, OPENHERMES, "dataset")
    assert worst(of_terms(mine, f"{AGREEMENT}@")) == "permitted"
    assert f"LicenseRef-{AGREEMENT}" not in reasons([f for f in mine if f["verdict"] == "needs-review"])
