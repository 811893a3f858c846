"""The families added for issue 12 (coverage), each judged through `licensecheck check` on small
manifests, as tests/test_registry_families.py does for the older ones: distillation into another
family and into the same family, commercial vs research, open weights vs hosted vs internal, user
counts either side of a threshold, and a domicile where a clause depends on it. Each case asserts
the verdict and a section that must be cited."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SMALL_ORG, WriteManifest, findings, project_yaml, run_cli

OTHER = "Qwen/Qwen2.5-7B"  # an Apache-2.0 student base of another family


def judge(manifest: WriteManifest, body: str, **project: Any) -> dict[str, Any]:
    path = manifest(project_yaml(**{**SMALL_ORG, **project}) + body)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def teacher(model: str) -> str:
    return f"teachers:\n  - model: {model}\n"


def the(report: dict[str, Any], subject: str, role: str, terms: str) -> dict[str, Any]:
    found = [f for f in findings(report, subject, role) if (f["terms"] or "").startswith(terms)]
    assert len(found) == 1, [(f["terms"], f["verdict"]) for f in findings(report, subject)]
    return found[0]


def judged_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report of a project with teacher `model` (which may carry more teacher keys on its
    lines), and the teacher's one finding under `terms`: the family tables' shared step."""
    report = judge(manifest, teacher(model), **project)
    return report, the(report, model.split("\n")[0], "teacher", terms)


def base_finding(manifest: WriteManifest, base: str, terms: str, project: dict[str, Any]) -> dict[str, Any]:
    """The base model's finding under `terms`, for a project with no teacher or dataset."""
    return the(judge(manifest, "", base=base, **project), base, "base-model", terms)


def cited(f: dict[str, Any], section: str) -> bool:
    if not section:
        return True
    return any(section == c["section"] or c["section"].startswith(section + ",") for c in f["citations"])


# (case id, teacher (with any extra teacher keys), terms id prefix, project, verdict, cited section)
TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    # --- Kimi K2: modified MIT, silent on outputs; a display duty for large commercial products --
    (
        "kimi-commercial",
        "moonshotai/Kimi-K2-Instruct",
        "kimi-k2-modified-mit",
        {},
        "permitted",
        "MIT License",
    ),
    # The display duty binds a product over 100 million users or US$20 million a month.
    (
        "kimi-commercial-large-product",
        "moonshotai/Kimi-K2-Instruct",
        "kimi-k2-modified-mit",
        {"mau": 150_000_000},
        "conditional",
        "Modification (final paragraph)",
    ),
    (
        "kimi-commercial-revenue-undeclared",
        "moonshotai/Kimi-K2-Instruct",
        "kimi-k2-modified-mit",
        {"org_revenue": None},
        "needs-review",
        "Modification (final paragraph)",
    ),
    (
        "kimi-research",
        "moonshotai/Kimi-K2-Instruct",
        "kimi-k2-modified-mit",
        {"use": "research"},
        "permitted",
        "MIT License",
    ),
    (
        "kimi-thinking",
        "moonshotai/Kimi-K2-Thinking",
        "kimi-k2-modified-mit",
        {"release": "internal", "use": "research"},
        "permitted",
        "MIT License",
    ),
    # --- MiniMax -----------------------------------------------------------------------------
    (
        "minimax-m2-modified",
        "MiniMaxAI/MiniMax-M2",
        "minimax-m2-modified-mit",
        {},
        "permitted",
        "MIT License",
    ),
    # US$3 million a month is US$36 million a year, over the US$30 million ARR limit.
    (
        "minimax-m2-over-annual-revenue",
        "MiniMaxAI/MiniMax-M2",
        "minimax-m2-modified-mit",
        {"org_revenue": 3_000_000},
        "conditional",
        "Modification (final paragraph)",
    ),
    (
        "minimax-m2-before-modification",
        "MiniMaxAI/MiniMax-M2\n    from: 2025-10-28\n    until: 2025-11-10",
        "mit",
        {},
        "permitted",
        "paragraph 1",
    ),
    ("minimax-01-teacher", "MiniMaxAI/MiniMax-Text-01", "minimax-model-license", {}, "permitted", "2.a"),
    ("minimax-m1-apache", "MiniMaxAI/MiniMax-M1-80k", "apache-2.0", {}, "permitted", "2"),
    # --- Tencent Hunyuan: outputs only for Hunyuan, and no rights in the EU, UK or South Korea --
    (
        "hunyuan-other-family",
        "tencent/Hunyuan-A13B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": OTHER},
        "prohibited",
        "5.b",
    ),
    (
        "hunyuan-other-family-classifier",
        "tencent/Hunyuan-7B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": OTHER, "kind": "classifier", "release": "internal"},
        "prohibited",
        "5.b",
    ),
    (
        "hunyuan-same-family",
        "tencent/Hunyuan-A13B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain"},
        "conditional",
        "1.g",
    ),
    (
        "hunyuan-same-family-uk",
        "tencent/Hunyuan-A13B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain", "domicile": "GB"},
        "prohibited",
        "1.l",
    ),
    (
        "hunyuan-same-family-korea",
        "tencent/Hunyuan-4B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain", "domicile": "KR"},
        "prohibited",
        "1.l",
    ),
    (
        "hunyuan-same-family-over-threshold",
        "tencent/Hunyuan-A13B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain", "mau": 150_000_000},
        "prohibited",
        "4",
    ),
    (
        "hunyuan-same-family-under-threshold",
        "tencent/Hunyuan-A13B-Instruct",
        "tencent-hunyuan-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain", "mau": 90_000_000},
        "conditional",
        "1.g",
    ),
    # The 2024 text: only the EU is excluded, and only large language models are protected.
    (
        "hunyuan-large-uk",
        "tencent/Tencent-Hunyuan-Large",
        "tencent-hunyuan-large-community-license",
        {"base": "tencent/Hunyuan-7B-Pretrain", "domicile": "GB"},
        "conditional",
        "1.g",
    ),
    (
        "hunyuan-large-classifier",
        "tencent/Tencent-Hunyuan-Large",
        "tencent-hunyuan-large-community-license",
        {"base": OTHER, "kind": "classifier", "release": "internal"},
        "needs-review",
        "5.b",
    ),
    # --- Yi: the community licence until 2024-05-29, Apache-2.0 since -------------------------
    (
        "yi-2024-commercial",
        "01-ai/Yi-34B-Chat\n    from: 2024-01-01\n    until: 2024-02-01",
        "yi-series-models-community-license",
        {},
        "conditional",
        "2 (closing paragraph)",
    ),
    (
        "yi-2024-research-internal",
        "01-ai/Yi-34B-Chat\n    from: 2024-01-01\n    until: 2024-02-01",
        "yi-series-models-community-license",
        {"use": "research", "release": "internal"},
        "conditional",
        "2.2)",
    ),
    ("yi-today", "01-ai/Yi-34B-Chat", "apache-2.0", {}, "permitted", "2"),
    ("yi-1.5", "01-ai/Yi-1.5-34B-Chat", "apache-2.0", {}, "permitted", "2"),
    # --- GLM-4.5 (MIT) and InternLM (Apache-2.0 since 2025-01-15) -----------------------------
    ("glm-4.5", "zai-org/GLM-4.5-Air", "mit", {}, "permitted", "paragraph 1"),
    ("internlm3", "internlm/internlm3-8b-instruct", "apache-2.0", {}, "permitted", "2"),
]


# Catalogue additions under licences the registry already held (models-2026.yaml).
CATALOGUED_TEACHERS: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    ("qwen3-coder", "Qwen/Qwen3-Coder-30B-A3B-Instruct", "apache-2.0", {}, "permitted", "2"),
    ("qwen3-vl", "Qwen/Qwen3-VL-8B-Instruct", "apache-2.0", {"release": "hosted"}, "permitted", "2"),
    (
        "qwen2.5-vl-72b",
        "Qwen/Qwen2.5-VL-72B-Instruct",
        "qwen-license",
        {},
        "needs-review",
        "Rules of use (number not verified; secondary sources: 5.b)",
    ),  # the output clause is known only from a forum quotation
    (
        "qwen2.5-vl-3b-commercial",
        "Qwen/Qwen2.5-VL-3B-Instruct",
        "qwen-research-license",
        {},
        "prohibited",
        "2.a",
    ),
    (
        "deepseek-coder-v2",
        "deepseek-ai/DeepSeek-Coder-V2-Instruct",
        "deepseek-license",
        {},
        "conditional",
        "1",
    ),
    ("deepseek-v3.2-exp", "deepseek-ai/DeepSeek-V3.2-Exp", "mit", {}, "permitted", "paragraph 1"),
    (
        "deepseek-v3.1",
        "deepseek-ai/DeepSeek-V3.1",
        "mit",
        {"release": "internal"},
        "permitted",
        "paragraph 1",
    ),
    ("mistral-small-3", "mistralai/Mistral-Small-24B-Instruct-2501", "apache-2.0", {}, "permitted", "2"),
    (
        "ministral-commercial",
        "mistralai/Ministral-8B-Instruct-2410",
        "mistral-research-license",
        {},
        "prohibited",
        "3.2",
    ),
    ("gemma-4", "google/gemma-4-E4B-it", "apache-2.0", {}, "permitted", "2"),
    ("falcon-40b", "tiiuae/falcon-40b-instruct", "apache-2.0", {}, "permitted", "2"),
    (
        "starcoder2",
        "bigcode/starcoder2-15b",
        "bigcode-openrail-m",
        {"kind": "code-llm"},
        "conditional",
        "1.i",
    ),
    ("olmo-3", "allenai/Olmo-3-7B-Instruct", "apache-2.0", {}, "permitted", "2"),
    ("smollm3", "HuggingFaceTB/SmolLM3-3B", "apache-2.0", {}, "permitted", "2"),
    ("granite-3.3", "ibm-granite/granite-3.3-8b-instruct", "apache-2.0", {}, "permitted", "2"),
    ("pythia", "EleutherAI/pythia-6.9b", "apache-2.0", {}, "permitted", "2"),
    # Nemotron Super: the NVIDIA licence leaves outputs free; the Llama 3.3 licence names the student.
    (
        "nemotron-super-nvidia",
        "nvidia/Llama-3_3-Nemotron-Super-49B-v1",
        "nvidia-open-model-license",
        {},
        "permitted",
        "IP Ownership",
    ),
    (
        "nemotron-super-llama-unnamed",
        "nvidia/Llama-3_3-Nemotron-Super-49B-v1",
        "llama-3.3-community-license",
        {},
        "prohibited",
        "1.b.i",
    ),
    (
        "nemotron-super-llama-named",
        "nvidia/Llama-3_3-Nemotron-Super-49B-v1",
        "llama-3.3-community-license",
        {"student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    (
        "nemotron-reward-judge",
        "nvidia/Llama-3.1-Nemotron-70B-Reward-HF\n    purpose: judge",
        "llama-3.1-community-license",
        {"student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    # Reward models used as judges: ArmoRM is a Llama 3 model, whose outputs improve no other family.
    (
        "armorm-judge-other-family",
        "RLHFlow/ArmoRM-Llama3-8B-v0.1\n    purpose: judge",
        "llama-3-community-license",
        {"base": OTHER},
        "prohibited",
        "1.b.v",
    ),
    (
        "skywork-reward",
        "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2\n    purpose: reward-model",
        "llama-3.1-community-license",
        {"student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
]


def _rows(rows: list[tuple[str, str, str, dict[str, Any], str, str]]) -> list[Any]:
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


@pytest.mark.parametrize(
    ("model", "terms", "project", "verdict", "section"), _rows(TEACHERS + CATALOGUED_TEACHERS)
)
def test_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    report, f = judged_teacher(manifest, model, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]
    if verdict in ("prohibited", "needs-review"):
        assert report["verdict"] in ("prohibited", "needs-review")


# (case id, base model, terms id prefix, project, verdict, cited section)
BASES: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    (
        "kimi-base-open",
        "moonshotai/Kimi-K2-Base",
        "kimi-k2-modified-mit",
        {"use": "research"},
        "conditional",
        "MIT License",
    ),
    (
        "kimi-base-hosted",
        "moonshotai/Kimi-K2-Base",
        "kimi-k2-modified-mit",
        {"use": "research", "release": "hosted"},
        "permitted",
        "MIT License",
    ),
    (
        "minimax-01-base-open",
        "MiniMaxAI/MiniMax-Text-01",
        "minimax-model-license",
        {},
        "conditional",
        "2.b.ii",
    ),
    (
        "minimax-01-base-hosted",
        "MiniMaxAI/MiniMax-Text-01",
        "minimax-model-license",
        {"release": "hosted"},
        "conditional",
        "2.b.i",
    ),
    (
        "hunyuan-base-us",
        "tencent/Hunyuan-7B-Instruct",
        "tencent-hunyuan-community-license",
        {},
        "conditional",
        "3.d",
    ),
    (
        "hunyuan-base-eu",
        "tencent/Hunyuan-7B-Instruct",
        "tencent-hunyuan-community-license",
        {"domicile": "FR"},
        "prohibited",
        "1.l",
    ),
    (
        "hunyuan-base-no-domicile",
        "tencent/Hunyuan-7B-Instruct",
        "tencent-hunyuan-community-license",
        {"domicile": None},
        "needs-review",
        "1.l",
    ),
    ("yi-base-today", "01-ai/Yi-6B", "apache-2.0", {}, "conditional", "4(a)"),
    (
        "internlm2.5-base",
        "internlm/internlm2_5-7b-chat",
        "apache-2.0",
        {"release": "internal"},
        "permitted",
        "2",
    ),
]


@pytest.mark.parametrize(("base", "terms", "project", "verdict", "section"), _rows(BASES))
def test_base_model(
    manifest: WriteManifest, base: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    f = base_finding(manifest, base, terms, project)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]


def test_internlm2_before_its_apache_relicensing_needs_review(manifest: WriteManifest) -> None:
    body = teacher("internlm/internlm2_5-7b-chat") + "    from: 2024-08-01\n    until: 2024-09-01\n"
    report = judge(manifest, body)
    got = findings(report, "internlm/internlm2_5-7b-chat", "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got)


def test_yi_distilled_student_carries_the_licence_duties(manifest: WriteManifest) -> None:
    body = teacher("01-ai/Yi-34B-Chat") + "    from: 2024-01-01\n    until: 2024-02-01\n"
    report = judge(manifest, body, base=OTHER)
    f = the(report, "01-ai/Yi-34B-Chat", "teacher", "yi-series-models-community-license")
    # 1: a model trained on synthetic data from Yi is a Derivative; 2.4) binds its distribution.
    assert cited(f, "1") and cited(f, "2.4)")
    assert any("01.AI" in o for o in f["obligations"])


# --- resellers, clouds and Bedrock ids (services-2026.yaml, registry.yaml `clouds`) -------------
CLOUD_NOTE = "cloud platform whose own service terms also apply"

# (case id, teacher, terms id prefix, project, verdict, cited section)
RESOLD: list[tuple[str, str, str, dict[str, Any], str, str]] = [
    (
        "bedrock-claude",
        "bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic-commercial-terms",
        {},
        "prohibited",
        "D.4",
    ),
    (
        "bedrock-claude-cross-region",
        "bedrock:us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "anthropic-usage-policy",
        {"kind": "classifier", "release": "internal"},
        "prohibited",
        "Universal Usage Standards: Do Not Abuse our Platform",
    ),
    (
        "bedrock-llama-3.1-named",
        "bedrock:meta.llama3-1-70b-instruct-v1:0",
        "llama-3.1-community-license",
        {"student": "Llama-Acme"},
        "conditional",
        "1.b.i",
    ),
    # Through a hosted service, the Llama 3.2 end-user exemption may apply: needs review, not prohibited.
    (
        "bedrock-llama-3.2-vision-eu",
        "bedrock:us.meta.llama3-2-90b-instruct-v1:0",
        "llama-3.2-community-license",
        {"student": "Llama-Acme", "domicile": "DE"},
        "needs-review",
        "Acceptable Use Policy, Prohibited Uses (closing paragraph)",
    ),
    (
        "bedrock-llama-3.2-text-eu",
        "bedrock:meta.llama3-2-3b-instruct-v1:0",
        "llama-3.2-community-license",
        {"student": "Llama-Acme", "domicile": "DE"},
        "conditional",
        "1.b.i",
    ),
    (
        "bedrock-deepseek-r1",
        "bedrock:us.deepseek.r1-v1:0",
        "deepseek-r1-mit",
        {},
        "permitted",
        "README §7 License",
    ),
    # An open-weight model named by its Hub id after the reseller's prefix takes that id's entry.
    (
        "together-hub-id",
        "together:meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "llama-3.3-community-license",
        {},
        "prohibited",
        "1.b.i",
    ),
    ("groq-hub-id", "groq:openai/gpt-oss-120b", "apache-2.0", {}, "permitted", "2"),
    (
        "groq-own-name",
        "groq:llama-3.3-70b-versatile",
        "llama-3.3-community-license",
        {"student": "Llama-X"},
        "conditional",
        "1.b.i",
    ),
    (
        "fireworks-kimi",
        "fireworks:accounts/fireworks/models/kimi-k2-instruct",
        "kimi-k2-modified-mit",
        {"use": "research"},
        "permitted",
        "MIT License",
    ),
    ("azure-openai", "azure:gpt-4o", "openai-services-agreement", {}, "prohibited", "3.3(e)"),
    (
        "azure-openai-internal-classifier",
        "azure:gpt-4o",
        "openai-services-agreement",
        {"kind": "classifier", "release": "internal"},
        "permitted",
        "3.3(e)",
    ),
    (
        "vertex-gemini",
        "vertex:gemini-2.5-pro",
        "google-gemini-api-additional-terms",
        {},
        "prohibited",
        "Use Restrictions",
    ),
    (
        "vertex-claude",
        "vertex:claude-sonnet-4@20250514",
        "anthropic-commercial-terms",
        {},
        "prohibited",
        "D.4",
    ),
    ("gemma-4-via-api", "google:gemma-4-31b-it", "apache-2.0", {}, "permitted", "2"),
]


@pytest.mark.parametrize(("model", "terms", "project", "verdict", "section"), _rows(RESOLD))
def test_resold_teacher(
    manifest: WriteManifest, model: str, terms: str, project: dict[str, Any], verdict: str, section: str
) -> None:
    report = judge(manifest, teacher(model), **project)
    f = the(report, model, "teacher", terms)
    assert f["verdict"] == verdict, f["reasons"]
    assert cited(f, section), [c["section"] for c in f["citations"]]
    if ":" in model and model.split(":")[0] not in ("google",):
        assert any(CLOUD_NOTE in r for r in f["reasons"]), f["reasons"]


def test_a_bedrock_id_with_its_version_suffix_is_accepted_but_not_any_colon(manifest: WriteManifest) -> None:
    ok = manifest(project_yaml() + teacher("bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0"))
    assert run_cli("check", str(ok), "--format", "json").exit_code == 1
    bad = manifest(project_yaml() + teacher("bedrock:anthropic:claude:latest"), name="bad.yaml")
    run = run_cli("check", str(bad), "--format", "json")
    assert run.exit_code == 2, run.stdout


def test_an_unlisted_reseller_model_is_unknown(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("bedrock:amazon.nova-pro-v1:0"))
    f = findings(report, "bedrock:amazon.nova-pro-v1:0", "teacher")
    assert f and all(x["verdict"] == "needs-review" for x in f)
    # A reseller prefix before an unknown Hub id resolves nothing either.
    report = judge(manifest, teacher("together:someone/unknown-model"))
    assert all(x["verdict"] == "needs-review" for x in findings(report, "together:someone/unknown-model"))


@pytest.mark.parametrize(
    ("model", "terms", "verdict"),
    [
        ("openrouter:openai/gpt-4o", "openai-services-agreement", "prohibited"),
        ("openrouter:anthropic/claude-3.5-sonnet", "anthropic-commercial-terms", "prohibited"),
        ("openrouter:meta-llama/llama-3.3-70b-instruct", "llama-3.3-community-license", "prohibited"),
        ("openrouter:deepseek/deepseek-r1", "deepseek-r1-mit", "permitted"),
    ],
)
def test_a_routers_prefix_names_the_model_it_routes_to(
    manifest: WriteManifest, model: str, terms: str, verdict: str
) -> None:
    """`openrouter:openai/gpt-4o` is OpenAI's model reached through a router: the provider's
    terms govern and the finding says the outputs came through the router (no cloud note)."""
    report = judge(manifest, teacher(model), use="commercial", release="open-weights")
    got = [f for f in findings(report, model, "teacher") if f["terms"] and f["terms"].startswith(terms)]
    assert got, [f["terms"] for f in findings(report, model, "teacher")]
    assert max((f["verdict"] for f in got), key=ORDER.index) == verdict, [f["reasons"] for f in got]
    reasons = " ".join(r for f in got for r in f["reasons"])
    assert "came through openrouter" in reasons
    assert CLOUD_NOTE not in reasons


def test_a_routers_prefix_before_an_unknown_model_is_unknown(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("openrouter:someone/unknown-model"))
    got = findings(report, "openrouter:someone/unknown-model", "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got)


def test_the_qwen_api_needs_review_not_the_chat_apps_ban(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("qwen:qwen-max"), use="research", release="internal")
    got = findings(report, "qwen:qwen-max", "teacher")
    assert [f["terms"].split("@")[0] for f in got] == ["alibaba-model-studio-terms"]
    assert got[0]["verdict"] == "needs-review"


# --- datasets: legacy single-name Hub ids and post-training sets (datasets-post-training.yaml) ---
ORDER = ["permitted", "conditional", "needs-review", "prohibited"]

# (case id, dataset id, project, worst dataset verdict, (generator, its worst verdict) or None)
DATASETS: list[tuple[str, str, dict[str, Any], str, tuple[str, str] | None]] = [
    ("squad-legacy-open", "squad", {}, "conditional", None),
    ("squad-legacy-internal", "squad", {"release": "internal"}, "permitted", None),
    ("squad-v2", "rajpurkar/squad_v2", {}, "conditional", None),
    ("gsm8k-legacy", "gsm8k", {}, "permitted", None),
    ("gsm8k", "openai/gsm8k", {"use": "research"}, "permitted", None),
    # classic17b: GLUE's MRPC task is non-commercial (Microsoft Research Shared Source licence).
    ("glue-legacy-prohibited", "glue", {}, "prohibited", None),
    (
        "glue-legacy-research-needs-review",
        "glue",
        {"use": "research", "release": "internal"},
        "needs-review",
        None,
    ),
    # Its problems come from AI-MO/NuminaMath-1.5, whose Orca-Math rows bring CC BY-NC 4.0 seed
    # licences and whose OpenAI writers are on record since reason13 (not all its writers are).
    ("openr1-math", "open-r1/OpenR1-Math-220k", {}, "prohibited", ("deepseek-ai/DeepSeek-R1", "permitted")),
    # CAMEL's science questions carry CC BY-NC 4.0; GPT-4 wrote them (test_registry_datasets.py).
    (
        "openthoughts-nc-questions",
        "open-thoughts/OpenThoughts-114k",
        {},
        "prohibited",
        ("openai:gpt-4", "prohibited"),
    ),
    (
        "openthoughts-research",
        "open-thoughts/OpenThoughts-114k",
        {"use": "research", "release": "internal"},
        "conditional",  # its own terms (CC BY-NC 4.0 upstream); the API generator needs review
        ("deepseek:deepseek-reasoner", "needs-review"),
    ),
    ("nemotron-post-training", "nvidia/Llama-Nemotron-Post-Training-Dataset", {}, "needs-review", None),
    ("smoltalk-no-licence", "HuggingFaceTB/smoltalk", {"use": "research"}, "needs-review", None),
    ("glaive-function-calling", "glaiveai/glaive-function-calling-v2", {}, "needs-review", None),
    # Not catalogued: a legacy name is accepted, looked up on the Hub (offline here), and needs review.
    ("uncatalogued-legacy-name", "imdb", {}, "needs-review", None),
]


@pytest.mark.parametrize(
    ("dataset", "project", "verdict", "generator"),
    [pytest.param(*row[1:], id=row[0]) for row in DATASETS],
)
def test_dataset(
    manifest: WriteManifest,
    dataset: str,
    project: dict[str, Any],
    verdict: str,
    generator: tuple[str, str] | None,
) -> None:
    report = judge(manifest, f"datasets:\n  - id: {dataset}\n", **project)
    got = [f["verdict"] for f in findings(report, dataset, "dataset")]
    assert got and max(got, key=ORDER.index) == verdict, [
        (f["terms"], f["reasons"]) for f in findings(report)
    ]
    if generator:
        gen = [f["verdict"] for f in findings(report, generator[0], "generator")]
        assert gen and max(gen, key=ORDER.index) == generator[1]


def test_squad_under_its_legacy_id_cites_the_share_alike_clause(manifest: WriteManifest) -> None:
    report = judge(manifest, "datasets:\n  - id: squad\n")
    f = the(report, "squad", "dataset", "cc-by-sa-4.0")
    assert cited(f, "3(b)")


def test_falcon_before_its_apache_relicensing_needs_review(manifest: WriteManifest) -> None:
    body = teacher("tiiuae/falcon-7b-instruct") + "    from: 2023-05-27\n    until: 2023-05-29\n"
    report = judge(manifest, body)
    got = findings(report, "tiiuae/falcon-7b-instruct", "teacher")
    assert got and all(f["verdict"] == "needs-review" for f in got)
