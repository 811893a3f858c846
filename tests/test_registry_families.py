"""Each family in the shipped registry, judged through `licensecheck check` on small
manifests: distillation into another family and into the same family, commercial vs
research, open weights vs internal, user counts either side of a threshold, and an EU
domicile where a clause depends on it. Each case asserts the verdict and the section cited."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import findings, project_yaml, run_cli


def judge(manifest, body: str, **project: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    path = manifest(project_yaml(**project) + body)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def teacher(model: str, extra: str = "") -> str:
    return f"teachers:\n  - model: {model}\n{extra}"


def the(report: dict[str, Any], subject: str, role: str, terms: str) -> dict[str, Any]:
    found = [f for f in findings(report, subject, role) if (f["terms"] or "").startswith(terms)]
    assert len(found) == 1, [(f["terms"], f["verdict"]) for f in findings(report, subject)]
    return found[0]


def sections(f: dict[str, Any]) -> list[str]:
    return [c["section"] for c in f["citations"]]


OTHER = "Qwen/Qwen2.5-7B"  # an Apache-2.0 student base of another family

# (case id, teacher, terms id prefix, project, expected verdict, a section that must be cited)
TEACHERS = [
    # --- hosted services -------------------------------------------------------
    ("openai-general", "openai:gpt-4o", "openai-services-agreement@2026", {}, "prohibited", "3.3(e)"),
    (
        "openai-via-router",
        "openai:gpt-4o\n    via: openrouter",
        "openai-services-agreement@2026",
        {},
        "prohibited",
        "3.3(e)",
    ),
    (
        "openai-internal-classifier",
        "openai:gpt-4o",
        "openai-services-agreement@2026",
        {"kind": "classifier", "release": "internal"},
        "permitted",
        "3.3(e)",
    ),
    (
        "openai-hosted-classifier",
        "openai:gpt-4o",
        "openai-services-agreement@2026",
        {"kind": "classifier", "release": "hosted"},
        "needs-review",
        "3.3(e)",
    ),
    (
        "openai-research-internal-llm",
        "openai:gpt-4o",
        "openai-services-agreement@2026",
        {"use": "research", "release": "internal"},
        "prohibited",
        "3.3(e)",
    ),
    (
        "openai-2023-terms",
        "openai:gpt-4\n    from: 2023-04-01\n    until: 2023-06-30",
        "openai-terms-of-use@2023-03-14",
        {},
        "prohibited",
        "2(c)(iii)",
    ),
    (
        "chatgpt-2024-terms",
        "chatgpt:gpt-4\n    from: 2024-03-01\n    until: 2024-04-01",
        "openai-terms-of-use@2024-01-31",
        {},
        "prohibited",
        "What You Cannot Do",
    ),
    (
        "anthropic-commercial",
        "anthropic:claude-3-5-sonnet",
        "anthropic-commercial-terms",
        {},
        "prohibited",
        "D.4",
    ),
    (
        "anthropic-usage-policy",
        "anthropic:claude-3-5-sonnet",
        "anthropic-usage-policy",
        {"kind": "classifier", "release": "internal"},
        "prohibited",
        "Do Not Abuse our Platform",
    ),
    (
        "gemini-api",
        "google:gemini-1.5-pro",
        "google-gemini-api-additional-terms",
        {},
        "prohibited",
        "Use Restrictions",
    ),
    (
        "gemini-api-embedding",
        "google:gemini-1.5-pro",
        "google-gemini-api-additional-terms",
        {"kind": "embedding"},
        "needs-review",
        "Use Restrictions",
    ),
    (
        "xai-enterprise",
        "xai:grok-3",
        "xai-enterprise-terms-of-service",
        {"release": "internal"},
        "prohibited",
        "3.2",
    ),
    ("mistral-api", "mistral:mistral-large-latest", "mistral-commercial-terms", {}, "permitted", "3.1"),
    ("deepseek-api", "deepseek:deepseek-reasoner", "deepseek-open-platform-terms", {}, "permitted", "4.2(3)"),
    (
        "qwen-chat",
        "qwen:qwen-max",
        "qwen-chat-terms-of-service",
        {"use": "research", "release": "internal"},
        "prohibited",
        "II.2(c)",
    ),
    ("meta-api", "meta:llama-4-maverick", "meta-api-terms-of-service", {}, "prohibited", "10.1(ix)"),
    # --- Llama -----------------------------------------------------------------
    (
        "llama2-other-family",
        "meta-llama/Llama-2-70b-chat-hf",
        "llama-2-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
    (
        "llama2-same-family",
        "meta-llama/Llama-2-70b-chat-hf",
        "llama-2-community-license",
        {"base": "meta-llama/Llama-2-7b-hf", "release": "internal"},
        "permitted",
        "1.b.v",
    ),
    (
        "llama2-classifier-student",
        "meta-llama/Llama-2-70b-chat-hf",
        "llama-2-community-license",
        {"base": OTHER, "kind": "classifier"},
        "needs-review",
        "1.b.v",
    ),
    (
        "llama2-over-threshold",
        "meta-llama/Llama-2-70b-chat-hf",
        "llama-2-community-license",
        {"base": "meta-llama/Llama-2-7b-hf", "release": "internal", "mau": 700_000_001},
        "prohibited",
        "2",
    ),
    (
        "llama3-other-family",
        "meta-llama/Meta-Llama-3-70B-Instruct",
        "llama-3-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
    (
        "llama3-into-llama3.1",
        "meta-llama/Meta-Llama-3-70B-Instruct",
        "llama-3-community-license",
        {"base": "meta-llama/Llama-3.1-8B"},
        "prohibited",
        "1.b.v",
    ),
    (
        "llama3.1-named",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Llama-Acme-7B"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3.1-unnamed-open",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Acme-7B"},
        "prohibited",
        "1.b.i",
    ),
    (
        "llama3.1-unnamed-hosted",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Acme-7B", "release": "hosted"},
        "prohibited",
        "1.b.i",
    ),
    (
        "llama3.1-unnamed-internal",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Acme-7B", "release": "internal"},
        "permitted",
        "1.b.i",
    ),
    (
        "llama3.1-over-threshold",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Llama-X", "mau": 800_000_000},
        "prohibited",
        "2",
    ),
    (
        "llama3.1-under-threshold",
        "meta-llama/Llama-3.1-405B-Instruct",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Llama-X", "mau": 600_000_000},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3.2-vision-eu",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "llama-3.2-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "FR"},
        "prohibited",
        "Acceptable Use Policy",
    ),
    (
        "llama3.2-vision-us",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "llama-3.2-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "US"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3.2-vision-no-domicile",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "llama-3.2-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": None},
        "needs-review",
        "Acceptable Use Policy",
    ),
    (
        "llama3.2-text-eu",
        "meta-llama/Llama-3.2-3B-Instruct",
        "llama-3.2-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "DE"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3.3-eu-text-only",
        "meta-llama/Llama-3.3-70B-Instruct",
        "llama-3.3-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "DE"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama4-eu",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "llama-4-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "IT"},
        "prohibited",
        "Acceptable Use Policy",
    ),
    (
        "llama4-us",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "llama-4-community-license",
        {"base": OTHER, "student": "Llama-X", "domicile": "US"},
        "conditional",
        "1.b.i",
    ),
    # --- Qwen --------------------------------------------------------------------
    (
        "tongyi-other-family",
        "Qwen/Qwen-72B-Chat",
        "qwen-tongyi-qianwen-license",
        {"base": "meta-llama/Llama-3.1-8B", "student": "Llama-X", "release": "internal"},
        "prohibited",
        "5.b",
    ),
    (
        "tongyi-same-family",
        "Qwen/Qwen-72B-Chat",
        "qwen-tongyi-qianwen-license",
        {"base": OTHER, "release": "internal"},
        "permitted",
        "5.b",
    ),
    (
        "tongyi-over-threshold",
        "Qwen/Qwen-72B-Chat",
        "qwen-tongyi-qianwen-license",
        {"base": OTHER, "release": "internal", "mau": 150_000_000},
        "prohibited",
        "4",
    ),
    (
        "tongyi-research-over-threshold",
        "Qwen/Qwen-72B-Chat",
        "qwen-tongyi-qianwen-license",
        {"base": OTHER, "release": "internal", "use": "research", "mau": 150_000_000},
        "permitted",
        "5.b",
    ),
    (
        "qwen-research-commercial",
        "Qwen/Qwen2.5-3B-Instruct",
        "qwen-research-license",
        {"base": OTHER, "release": "internal"},
        "prohibited",
        "2.a",
    ),
    (
        "qwen-research-research",
        "Qwen/Qwen2.5-3B-Instruct",
        "qwen-research-license",
        {"base": OTHER, "release": "internal", "use": "research"},
        "conditional",
        "2.a",
    ),
    ("qwen-2024-outputs", "Qwen/Qwen2.5-72B-Instruct", "qwen-license", {"base": OTHER}, "conditional", ""),
    # The 2024 text's threshold is known only through its predecessor's wording: review, not a ban.
    (
        "qwen-2024-over-threshold",
        "Qwen/Qwen2.5-72B-Instruct",
        "qwen-license",
        {"base": OTHER, "mau": 150_000_000},
        "needs-review",
        "4 (of the Tongyi Qianwen LICENSE AGREEMENT, 2023-08-03; this version's wording not verified)",
    ),
    (
        "qwen-2024-research-over-threshold",
        "Qwen/Qwen2.5-72B-Instruct",
        "qwen-license",
        {"base": OTHER, "mau": 150_000_000, "use": "research", "release": "internal"},
        "permitted",
        "",
    ),
    ("qwen3-apache", "Qwen/Qwen3-32B", "apache-2.0", {"base": OTHER}, "permitted", "2"),
    # --- DeepSeek ------------------------------------------------------------------
    (
        "r1-mit",
        "deepseek-ai/DeepSeek-R1",
        "deepseek-r1-mit",
        {"base": OTHER},
        "permitted",
        "README §7 License",
    ),
    (
        "r1-distill-llama-unnamed",
        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        "llama-3.1-community-license",
        {"base": OTHER, "student": "Acme-7B"},
        "prohibited",
        "1.b.i",
    ),
    (
        "r1-distill-qwen",
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "deepseek-r1-mit",
        {"base": OTHER},
        "permitted",
        "README §7 License",
    ),
    (
        "deepseek-license-v3-open",
        "deepseek-ai/DeepSeek-V3",
        "deepseek-license",
        {"base": OTHER},
        "conditional",
        "1",
    ),
    # Use restrictions bind the derivative (the student) even when it is never released.
    (
        "deepseek-license-v3-internal",
        "deepseek-ai/DeepSeek-V3",
        "deepseek-license",
        {"base": OTHER, "release": "internal"},
        "conditional",
        "1",
    ),
    # --- Gemma ----------------------------------------------------------------------
    ("gemma-open", "google/gemma-2-27b-it", "gemma-terms-of-use", {"base": OTHER}, "conditional", "1.1(e)"),
    (
        "gemma-internal",
        "google/gemma-2-27b-it",
        "gemma-terms-of-use",
        {"base": OTHER, "release": "internal"},
        "conditional",
        "1.1(e)",
    ),
    # --- Mistral ----------------------------------------------------------------------
    (
        "mistral-apache",
        "mistralai/Mixtral-8x22B-Instruct-v0.1",
        "apache-2.0",
        {"base": OTHER},
        "permitted",
        "2",
    ),
    (
        "mistral-mrl-commercial",
        "mistralai/Mistral-Large-Instruct-2407",
        "mistral-research-license",
        {"base": OTHER, "release": "internal"},
        "prohibited",
        "3.2",
    ),
    (
        "mistral-mrl-research",
        "mistralai/Mistral-Large-Instruct-2407",
        "mistral-research-license",
        {"base": OTHER, "release": "internal", "use": "research"},
        "conditional",
        "3.2",
    ),
    (
        "mistral-mnpl-commercial",
        "mistralai/Codestral-22B-v0.1",
        "mistral-non-production-license",
        {"base": OTHER, "kind": "code-llm"},
        "prohibited",
        "",
    ),
    # --- others -------------------------------------------------------------------------
    ("phi-mit", "microsoft/phi-4", "mit", {"base": OTHER}, "permitted", "paragraph 1"),
    (
        "falcon3",
        "tiiuae/Falcon3-10B-Instruct",
        "falcon-3-tii-falcon-license",
        {"base": OTHER},
        "conditional",
        "",
    ),
    (
        "grok2-other-family",
        "xai-org/grok-2",
        "xai-grok-2-community-license",
        {"base": OTHER},
        "prohibited",
        "2.b",
    ),
    (
        "starcoder-openrail",
        "bigcode/starcoder",
        "bigcode-openrail-m",
        {"base": OTHER, "kind": "code-llm"},
        "conditional",
        "",
    ),
    ("gpt-oss-apache", "openai/gpt-oss-120b", "apache-2.0", {"base": OTHER}, "permitted", "2"),
]


@pytest.mark.parametrize(
    ("model", "terms", "project", "verdict", "section"),
    [c[1:] for c in TEACHERS],
    ids=[c[0] for c in TEACHERS],
)
def test_teacher(
    manifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:  # type: ignore[no-untyped-def]
    report = judge(manifest, teacher(model), **project)
    subject = model.split("\n")[0]
    f = the(report, subject, "teacher", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert any(
            section == s or s.startswith(section + ",") or section in s.split(": ") for s in sections(f)
        ), sections(f)
    if verdict in ("prohibited", "needs-review"):
        assert report["verdict"] in ("prohibited", "needs-review")


# (case id, base model, terms id prefix, project, expected verdict, section)
BASES = [
    (
        "llama3.1-base-named",
        "meta-llama/Llama-3.1-8B",
        "llama-3.1-community-license",
        {"student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3.1-base-unnamed",
        "meta-llama/Llama-3.1-8B",
        "llama-3.1-community-license",
        {"student": "Acme"},
        "prohibited",
        "1.b.i",
    ),
    (
        "llama3-base-prefix",
        "meta-llama/Meta-Llama-3-8B",
        "llama-3-community-license",
        {"student": "Llama 3 Acme"},
        "conditional",
        "1.b.i",
    ),
    (
        "llama3-base-wrong-prefix",
        "meta-llama/Meta-Llama-3-8B",
        "llama-3-community-license",
        {"student": "Llama-Acme"},
        "prohibited",
        "1.b.i",
    ),
    (
        "llama2-base-internal",
        "meta-llama/Llama-2-7b-hf",
        "llama-2-community-license",
        {"release": "internal"},
        "conditional",
        "1.a",
    ),
    ("qwen-apache-base-open", OTHER, "apache-2.0", {}, "conditional", "4(a)"),
    ("qwen-apache-base-hosted", OTHER, "apache-2.0", {"release": "hosted"}, "permitted", "2"),
    ("gemma-base-open", "google/gemma-2-9b", "gemma-terms-of-use", {}, "conditional", "1.1(e)"),
    ("qwen-research-base-commercial", "Qwen/Qwen2.5-3B", "qwen-research-license", {}, "prohibited", "2.a"),
    ("unknown-base", "someone/private-base", "", {}, "needs-review", ""),
]


@pytest.mark.parametrize(
    ("base", "terms", "project", "verdict", "section"), [c[1:] for c in BASES], ids=[c[0] for c in BASES]
)
def test_base_model(
    manifest, base: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:  # type: ignore[no-untyped-def]
    report = judge(manifest, "", base=base, **project)
    f = the(report, base, "base-model", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert any(
            section == s or s.startswith(section + ",") or section in s.split(": ") for s in sections(f)
        ), sections(f)


# (case id, licence expression, project, verdict, terms prefix, section)
DATASETS = [
    ("cc-by-open", "CC-BY-4.0", {}, "conditional", "cc-by-4.0", "3(a)(1)"),
    ("cc-by-internal", "CC-BY-4.0", {"release": "internal"}, "permitted", "cc-by-4.0", "2(a)(1)"),
    ("cc-by-sa", "CC-BY-SA-4.0", {}, "conditional", "cc-by-sa-4.0", "3(b)"),
    ("cc-by-nc-commercial", "CC-BY-NC-4.0", {}, "prohibited", "cc-by-nc-4.0", "2(a)(1)"),
    ("cc-by-nc-research", "CC-BY-NC-4.0", {"use": "research"}, "conditional", "cc-by-nc-4.0", "2(a)(1)"),
    (
        "cc-by-nc-sa-research",
        "CC-BY-NC-SA-4.0",
        {"use": "research"},
        "conditional",
        "cc-by-nc-sa-4.0",
        "3(b)",
    ),
    ("cc-by-nd", "CC-BY-ND-4.0", {}, "needs-review", "cc-by-nd-4.0", "3(a)(2)"),
    ("cc0", "CC0-1.0", {}, "permitted", "cc0-1.0", "2"),
    ("odc-by", "ODC-By-1.0", {}, "conditional", "odc-by-1.0", "4.3"),
    ("odbl", "ODbL-1.0", {}, "conditional", "odbl-1.0", "4.4(a)"),
    ("mit-data", "MIT", {"release": "hosted"}, "permitted", "mit", "paragraph 1"),
    # Training on Apache-2.0 data redistributes no copy of it: the notice duties do not bind.
    ("apache-data-open", "Apache-2.0", {}, "permitted", "apache-2.0", "2"),
    ("or-picks-the-free-side", "CC-BY-NC-4.0 OR CC0-1.0", {}, "permitted", "cc0-1.0", "2"),
    ("and-takes-both", "CC0-1.0 AND CC-BY-NC-4.0", {}, "prohibited", "cc-by-nc-4.0", "2(a)(1)"),
    ("cc-by-3.0", "CC-BY-3.0", {}, "conditional", "cc-by-3.0", "4(b)"),
    ("unregistered-licence", "GPL-3.0-only", {}, "needs-review", "", ""),
    ("custom-licence", "LicenseRef-acme-data", {}, "needs-review", "", ""),
]


@pytest.mark.parametrize(
    ("expression", "project", "verdict", "terms", "section"),
    [c[1:] for c in DATASETS],
    ids=[c[0] for c in DATASETS],
)
def test_dataset_licence(
    manifest, expression: str, project: dict[str, Any], verdict: str, terms: str, section: str
) -> None:  # type: ignore[no-untyped-def]
    report = judge(manifest, f"datasets:\n  - path: data.jsonl\n    license: {expression}\n", **project)
    f = the(report, "data.jsonl", "dataset", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert any(
            section == s or s.startswith(section + ",") or section in s.split(": ") for s in sections(f)
        ), sections(f)


# (case id, dataset id, project, dataset verdict, a generator that must be judged and its verdict)
CATALOGUE_DATASETS = [
    ("alpaca-commercial", "tatsu-lab/alpaca", {}, "prohibited", ("openai:text-davinci-003", "prohibited")),
    (
        "alpaca-research",
        "tatsu-lab/alpaca",
        {"use": "research", "release": "internal"},
        "conditional",
        ("openai:text-davinci-003", "prohibited"),
    ),
    ("dolly", "databricks/databricks-dolly-15k", {}, "conditional", None),
    ("oasst1", "OpenAssistant/oasst1", {"release": "internal"}, "permitted", None),
    ("unknown-dataset", "someone/unknown-data", {}, "needs-review", None),
]


@pytest.mark.parametrize(
    ("dataset", "project", "verdict", "generator"),
    [c[1:] for c in CATALOGUE_DATASETS],
    ids=[c[0] for c in CATALOGUE_DATASETS],
)
def test_catalogued_dataset(
    manifest, dataset: str, project: dict[str, Any], verdict: str, generator: tuple[str, str] | None
) -> None:  # type: ignore[no-untyped-def]
    report = judge(manifest, f"datasets:\n  - id: {dataset}\n", **project)
    got = [f["verdict"] for f in findings(report, dataset, "dataset")]
    order = ["permitted", "conditional", "needs-review", "prohibited"]
    assert max(got, key=order.index) == verdict
    if generator:
        gen = findings(report, generator[0], "generator")
        assert gen and max((f["verdict"] for f in gen), key=order.index) == generator[1]


def test_bloom_rail_makes_a_distilled_student_a_derivative(manifest) -> None:  # type: ignore[no-untyped-def]
    hosted = judge(manifest, teacher("bigscience/bloom-7b1"), base=OTHER, release="hosted")
    f = the(hosted, "bigscience/bloom-7b1", "teacher", "bigscience-bloom-rail@1.0")
    assert f["verdict"] == "conditional"
    assert {"1 (“Derivatives of the Model”)", "4.a", "5"} <= set(sections(f))
    # Hosting is "Distribution" under this licence: the pass-through duty binds a hosted student.
    assert any("Attachment A use restrictions into the licence" in o for o in f["obligations"])
    internal = judge(manifest, teacher("bigscience/bloom-7b1"), base=OTHER, release="internal")
    g = the(internal, "bigscience/bloom-7b1", "teacher", "bigscience-bloom-rail@1.0")
    assert g["verdict"] == "conditional" and sections(g) == ["1 (“Derivatives of the Model”)", "5"]
