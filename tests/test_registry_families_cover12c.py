"""Third coverage pass of issue 12, each family judged through `licensecheck check`: Mistral's
revenue-limited Modified MIT (Devstral 2, Mistral Medium 3.5), MiniMax M2.1 (a display duty for
any commercial product) and M2.7 (non-commercial), LG's EXAONE licences 1.1 (no other model may
be trained on the outputs) and 1.2 (no competing model), and Stability AI's 2023 research
licence (a model derived from the outputs stays under it)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WriteManifest, findings
from tests.test_registry_families_2026 import OTHER, base_finding, cited, judge, judged_teacher, teacher, the
from tests.test_registry_families_cover12 import _rows

DEVSTRAL_2 = "mistralai/Devstral-2-123B-Instruct-2512"
RESEARCH = {"use": "research", "release": "internal"}

# (case id, teacher, terms id prefix, project, verdict, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # --- Mistral Modified MIT: no right at all above US$20M monthly revenue (the organisation's).
    (
        "devstral-2-under",
        DEVSTRAL_2,
        "mistral-modified-mit",
        {"base": OTHER, "org_revenue": 19_000_000},
        "conditional",
        "2",
    ),
    (
        "devstral-2-over",
        DEVSTRAL_2,
        "mistral-modified-mit",
        {"base": OTHER, "org_revenue": 21_000_000},
        "prohibited",
        "2",
    ),
    (
        "devstral-2-over-research",  # not limited to commercial use
        DEVSTRAL_2,
        "mistral-modified-mit",
        {"base": OTHER, "org_revenue": 21_000_000, **RESEARCH},
        "prohibited",
        "2",
    ),
    (
        "medium-3.5-over",
        "mistralai/Mistral-Medium-3.5-128B",
        "mistral-modified-mit",
        {"base": OTHER, "org_revenue": 25_000_000},
        "prohibited",
        "2",
    ),
    # --- MiniMax M2.1: outputs free; any commercial product shows "MiniMax M2.1".
    (
        "minimax-m2.1-commercial",
        "MiniMaxAI/MiniMax-M2.1",
        "minimax-m2.1-modified-mit",
        {"base": OTHER},
        "conditional",
        "Modification (final paragraph)",
    ),
    (
        "minimax-m2.1-research",
        "MiniMaxAI/MiniMax-M2.1",
        "minimax-m2.1-modified-mit",
        {"base": OTHER, **RESEARCH},
        "permitted",
        "MIT License",
    ),
    # --- MiniMax M2.7: non-commercial only.
    (
        "minimax-m2.7-commercial",
        "MiniMaxAI/MiniMax-M2.7",
        "minimax-m2.7-non-commercial",
        {"base": OTHER},
        "prohibited",
        "3",
    ),
    (
        "minimax-m2.7-research",
        "MiniMaxAI/MiniMax-M2.7",
        "minimax-m2.7-non-commercial",
        {"base": OTHER, **RESEARCH},
        "conditional",
        "3",
    ),
    # --- EXAONE 1.1: no other model, research included; 1.2: no competing model.
    (
        "exaone-3.5-research",
        "LGAI-EXAONE/EXAONE-3.5-7.8B-Instruct",
        "exaone-license-1.1-nc",
        {"base": OTHER, **RESEARCH},
        "prohibited",
        "3.1",
    ),
    (
        "exaone-deep-research-classifier",
        "LGAI-EXAONE/EXAONE-Deep-7.8B",
        "exaone-license-1.1-nc",
        {"base": OTHER, **RESEARCH, "kind": "classifier"},
        "prohibited",
        "3.1",
    ),
    (
        "exaone-4-research-llm",
        "LGAI-EXAONE/EXAONE-4.0-32B",
        "exaone-license-1.2-nc",
        {"base": OTHER, **RESEARCH},
        "prohibited",
        "3.1",
    ),
    (
        "exaone-4-research-classifier",
        "LGAI-EXAONE/EXAONE-4.0-1.2B",
        "exaone-license-1.2-nc",
        {"base": OTHER, **RESEARCH, "kind": "classifier"},
        "needs-review",
        "3.1",
    ),
    (
        "exaone-4-commercial-classifier",
        "LGAI-EXAONE/EXAONE-4.0-32B",
        "exaone-license-1.2-nc",
        {"base": OTHER, "kind": "classifier"},
        "prohibited",
        "3.1",
    ),
    # --- Stability AI's research licence: commercial use is not granted.
    (
        "stablelm-2-zephyr-commercial",
        "stabilityai/stablelm-2-zephyr-1_6b",
        "stability-ai-non-commercial-research-license",
        {"base": OTHER},
        "prohibited",
        "1(a)",
    ),
    (
        "stablelm-2-chat-research",
        "stabilityai/stablelm-2-12b-chat",
        "stability-ai-non-commercial-research-license",
        {"base": OTHER, **RESEARCH},
        "conditional",
        "1(a)",
    ),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(TEACHERS))
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    _, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_mistral_revenue_limit_needs_the_organisations_figure(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher(DEVSTRAL_2), base=OTHER, org_revenue=None, org_users=None)
    f = the(report, DEVSTRAL_2, "teacher", "mistral-modified-mit")
    assert f["verdict"] == "needs-review", f["reasons"]
    assert any("project.organization.monthly_revenue_usd" in r for r in f["reasons"]), f["reasons"]


def test_a_student_of_devstral_2_carries_the_revenue_limit(manifest: WriteManifest) -> None:
    # "applies to the Model and any derivatives ... based on it": read as reaching a student.
    report = judge(manifest, teacher(DEVSTRAL_2), base=OTHER, org_revenue=1_000_000)
    f = the(report, DEVSTRAL_2, "teacher", "mistral-modified-mit")
    assert any("US$20 million" in o for o in f["obligations"]), f["obligations"]


def test_devstral_small_2_stays_apache(manifest: WriteManifest) -> None:
    model = "mistralai/Devstral-Small-2-24B-Instruct-2512"
    report = judge(manifest, teacher(model), base=OTHER, org_revenue=50_000_000)
    assert the(report, model, "teacher", "apache-2.0")["verdict"] == "permitted"
    assert not any((f["terms"] or "").startswith("mistral-modified-mit") for f in findings(report, model))


def test_devstral_2_before_the_recorded_text_needs_review(manifest: WriteManifest) -> None:
    body = teacher(DEVSTRAL_2) + "    from: 2025-12-10\n    until: 2026-01-31\n"
    report = judge(manifest, body, base=OTHER)
    got = findings(report, DEVSTRAL_2, "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got), [f["reasons"] for f in got]


def test_minimax_m2_1_display_duty_names_the_model(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("MiniMaxAI/MiniMax-M2.1"), base=OTHER)
    f = the(report, "MiniMaxAI/MiniMax-M2.1", "teacher", "minimax-m2.1-modified-mit")
    assert any("“MiniMax M2.1”" in o for o in f["obligations"]), f["obligations"]


def test_minimax_m2_7_before_its_free_uses_item_is_judged_under_the_first_text(
    manifest: WriteManifest,
) -> None:
    body = teacher("MiniMaxAI/MiniMax-M2.7") + "    from: 2026-04-12\n    until: 2026-04-13\n"
    report = judge(manifest, body, base=OTHER)
    f = the(report, "MiniMaxAI/MiniMax-M2.7", "teacher", "minimax-m2.7-non-commercial@2026-04-11")
    assert f["verdict"] == "prohibited", f["reasons"]


def test_exaone_fine_tune_must_begin_with_exaone(manifest: WriteManifest) -> None:
    base = "LGAI-EXAONE/EXAONE-3.5-2.4B-Instruct"
    named = base_finding(
        manifest, base, "exaone-license-1.1-nc", {"use": "research", "student": "EXAONE-Acme"}
    )
    assert named["verdict"] == "conditional", named["reasons"]
    assert cited(named, "2.1(c)")
    unnamed = base_finding(manifest, base, "exaone-license-1.1-nc", {"use": "research"})
    assert unnamed["verdict"] == "prohibited", unnamed["reasons"]
    commercial = base_finding(manifest, base, "exaone-license-1.1-nc", {"student": "EXAONE-Acme"})
    assert commercial["verdict"] == "prohibited", commercial["reasons"]


def test_stability_research_student_of_outputs_stays_non_commercial(manifest: WriteManifest) -> None:
    model = "stabilityai/stablelm-2-zephyr-1_6b"
    report = judge(manifest, teacher(model), base=OTHER, use="research", release="open-weights")
    f = the(report, model, "teacher", "stability-ai-non-commercial-research-license")
    assert any("never in production" in o for o in f["obligations"]), f["obligations"]
    assert any("Non-Commercial Research Community License" in o for o in f["obligations"])


def test_stability_chat_models_bring_their_training_data(manifest: WriteManifest) -> None:
    # The card's datasets are followed: one whose writers are not all on record (Deita) leaves the
    # lineage for review; OpenChat's ShareGPT data (catalogued in new15a) brings its ChatGPT writers.
    model = "stabilityai/stablelm-2-12b-chat"
    report = judge(manifest, teacher(model), base=OTHER, use="research", release="internal")
    got = findings(report, model, "teacher")
    unknown = [f for f in got if any("hkust-nlp/deita-10k-v0" in r for r in f["reasons"])]
    assert unknown and all(f["verdict"] == "needs-review" for f in unknown), [f["reasons"] for f in got]
    sharegpt = [
        f
        for f in findings(report, "chatgpt:gpt-4", "generator")
        if any("openchat/openchat_sharegpt4_dataset" in r for r in f["reasons"])
    ]
    assert sharegpt and any(f["verdict"] == "prohibited" for f in sharegpt)
    # The data OpenAI models wrote (UltraChat, Capybara) brings OpenAI's terms along, as generators.
    openai = [f for f in findings(report, role="generator") if (f["terms"] or "").startswith("openai-")]
    assert any(f["verdict"] == "prohibited" for f in openai), [(f["subject"], f["verdict"]) for f in openai]


def test_aya_expanse_resolves_to_the_cohere_pair(manifest: WriteManifest) -> None:
    model = "CohereLabs/aya-expanse-32b"
    report = judge(manifest, teacher(model), base=OTHER)
    assert the(report, model, "teacher", "cc-by-nc-4.0")["verdict"] == "prohibited"
    assert the(report, model, "teacher", "c4ai-acceptable-use-policy")["verdict"] == "prohibited"


@pytest.mark.parametrize(
    ("ref", "terms"),
    [
        ("cohere:command-r-plus-08-2024", "cohere-saas-agreement@2024-02-29"),
        ("ai21:jamba-1.5-large", "ai21-studio-terms@2023-08-03"),
        ("minimax:MiniMax-M2", "minimax-terms-of-service@2026-04-15"),
    ],
)
def test_hosted_api_needs_review_against_its_named_terms(
    manifest: WriteManifest, ref: str, terms: str
) -> None:
    # Only each agreement's opening is recorded: the tool names the terms and asks for review,
    # even for a research classifier that no outputs rule on record would reach.
    report = judge(manifest, teacher(ref), base=OTHER, use="research", release="internal", kind="classifier")
    got = findings(report, ref, "teacher")
    assert [f["terms"] for f in got] == [terms]
    assert got[0]["verdict"] == "needs-review", got[0]["reasons"]
    assert "records no clause" in got[0]["reasons"][0], got[0]["reasons"]


@pytest.mark.parametrize(
    ("model", "missing"),
    [
        ("ai21labs/AI21-Jamba-1.5-Mini", "Jamba Open Model License"),
        ("ai21labs/AI21-Jamba-Large-1.5", "Jamba Open Model License"),
        ("tiiuae/falcon-180B-chat", "Falcon-180B TII License"),
    ],
)
def test_a_named_but_unrecorded_licence_is_the_reason_for_review(
    manifest: WriteManifest, model: str, missing: str
) -> None:
    # A catalogue entry with no terms on record but a gap: the finding names the missing text
    # instead of "not in the registry", and nothing is permitted.
    report = judge(
        manifest, teacher(model), base=OTHER, use="research", release="internal", kind="classifier"
    )
    got = findings(report, model, "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got)
    assert any(missing in r for f in got for r in f["reasons"]), [f["reasons"] for f in got]


@pytest.mark.parametrize(
    ("base", "verdict"),
    [
        ("Qwen/Qwen3.5-9B", "permitted"),
        ("Qwen/Qwen3.6-27B", "permitted"),
        ("meta-llama/Llama-3.1-8B", "prohibited"),
    ],
)
def test_tongyi_qianwen_outputs_may_improve_the_newest_qwen_releases(
    manifest: WriteManifest, base: str, verdict: str
) -> None:
    # "excluding Tongyi Qianwen or derivative works thereof": Qwen3.5 and Qwen3.6 are Qwen models.
    report = judge(manifest, teacher("Qwen/Qwen-72B-Chat"), base=base)
    f = the(report, "Qwen/Qwen-72B-Chat", "teacher", "qwen-tongyi-qianwen-license")
    assert f["verdict"] == verdict, f["reasons"]


# LFM Open License v1.0: commercial use licensed only under US$10M annual revenue (the
# organisation's, compared as twelve months); research use is not limited.
@pytest.mark.parametrize(
    ("project", "verdict"),
    [
        ({"org_revenue": 800_000}, "permitted"),  # US$9.6M a year
        ({"org_revenue": 900_000}, "prohibited"),  # US$10.8M a year
        ({"org_revenue": 900_000, "use": "research", "release": "internal"}, "permitted"),
    ],
)
def test_lfm_revenue_limit_binds_commercial_use(
    manifest: WriteManifest, project: dict[str, Any], verdict: str
) -> None:
    model = "LiquidAI/LFM2-1.2B"
    report = judge(manifest, teacher(model), base=OTHER, **project)
    f = the(report, model, "teacher", "lfm-open-license")
    assert f["verdict"] == verdict, f["reasons"]


def test_lfm_fine_tune_ships_the_licence(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "LiquidAI/LFM2.5-1.2B-Instruct", "lfm-open-license", {})
    assert f["verdict"] == "conditional", f["reasons"]
    assert any("copy of the LFM Open License v1.0" in o for o in f["obligations"]), f["obligations"]
