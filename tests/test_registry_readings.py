"""Readings of the shipped registry that a clause-by-clause review corrected (issue 12), each
through `licensecheck check`: the verdict, the terms versions judged and the clause cited."""

from __future__ import annotations

from typing import Any

from tests.conftest import AS_OF, SMALL_ORG, WriteManifest, findings, project_yaml, run_cli

ORDER = ["permitted", "conditional", "needs-review", "prohibited"]


def check(manifest: WriteManifest, body: str, **project: Any) -> dict[str, Any]:
    run = run_cli(
        "check", str(manifest(project_yaml(**{**SMALL_ORG, **project}) + body)), "--format", "json", "--as-of", AS_OF
    )
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def worst(fs: list[dict[str, Any]]) -> str:
    return str(max((f["verdict"] for f in fs), key=ORDER.index))


# --- undated generated data fails closed ---------------------------------------------------

CLASSIFIER = {"kind": "classifier", "release": "internal"}
GPT4_DATA = "datasets:\n  - path: gpt4.jsonl\n    license: MIT\n    generated_by: [openai:gpt-4]\n"


def test_undated_data_is_judged_under_every_version_since_the_generator_and_the_worst_decides(
    manifest: WriteManifest,
) -> None:
    report = check(manifest, GPT4_DATA, **CLASSIFIER)
    got = findings(report, "openai:gpt-4", "generator")
    versions = [f["terms"] for f in got]
    # Today's Services Agreement alone would permit an internal classifier (its Permitted
    # Exception); the 2023 Terms of Use in force when the data may have been written do not.
    assert "openai-terms-of-use@2023-03-14" in versions
    assert "openai-services-agreement@2026-01-01" in versions
    old = next(f for f in got if f["terms"] == "openai-terms-of-use@2023-03-14")
    assert old["verdict"] == "needs-review"
    assert [c["section"] for c in old["citations"]] == ["2(c)(iii)"]
    assert old["period"]["from"] == "2023-03-14"
    assert any("does not say when openai:gpt-4 wrote it" in r for r in old["reasons"])
    assert worst(got) == "needs-review" and report["verdict"] == "needs-review"


def test_dated_data_is_judged_only_under_the_terms_in_force_then(manifest: WriteManifest) -> None:
    dated = GPT4_DATA + "    generated: {from: 2026-02-01, until: 2026-03-01}\n"
    report = check(manifest, dated, **CLASSIFIER)
    got = findings(report, "openai:gpt-4", "generator")
    assert [(f["terms"], f["verdict"]) for f in got] == [
        ("openai-services-agreement@2026-01-01", "permitted")
    ]
    assert report["verdict"] == "permitted"


def test_undated_data_of_a_model_released_before_its_first_recorded_terms_needs_review(
    manifest: WriteManifest,
) -> None:
    body = "datasets:\n  - path: d.jsonl\n    license: MIT\n    generated_by: [openai:text-davinci-003]\n"
    report = check(manifest, body, **CLASSIFIER)
    got = findings(report, "openai:text-davinci-003", "generator")
    # The catalogue records its release (2022-11-28), before the first Terms of Use on record.
    gap = [f["period"] for f in got if "terms-version-gap" in f["rules"]]
    assert {"from": "2022-11-28", "until": "2023-03-13", "on_record": False} in gap
    assert worst(got) == "needs-review"


# --- roles: a judge or reward model is no distilled derivative; "Built with Llama" ----------


def teachers(*entries: tuple[str, str | None]) -> str:
    out = "teachers:\n"
    for model, purpose in entries:
        out += f"  - model: {model}\n" + (f"    purpose: {purpose}\n" if purpose else "")
    return out


def test_a_judge_or_reward_model_is_not_distilled_under_a_perform_similarly_definition(
    manifest: WriteManifest,
) -> None:
    body = teachers(
        ("google/gemma-2-9b-it", "judge"),
        ("deepseek-ai/deepseek-llm-7b-chat", "reward-model"),
        ("google/gemma-2-27b-it", "distillation"),
    )
    report = check(manifest, body, student="Acme-8B")
    for judge in ("google/gemma-2-9b-it", "deepseek-ai/deepseek-llm-7b-chat"):
        (f,) = findings(report, judge, "teacher")
        assert f["verdict"] == "permitted" and f["obligations"] == []
        assert "derivative-not-reached" in f["rules"]
        # The definition that decides it is cited: "... to perform similarly to ...".
        assert any("perform similarly" in c["quote"] for c in f["citations"])
    (distilled,) = findings(report, "google/gemma-2-27b-it", "teacher")
    assert distilled["verdict"] == "conditional" and "derivative-obligations" in distilled["rules"]
    assert any("Gemma use restrictions" in o for o in distilled["obligations"])


def test_built_with_llama_binds_a_model_built_on_the_weights_not_a_student_of_the_outputs(
    manifest: WriteManifest,
) -> None:
    body = teachers(("meta-llama/Llama-3.3-70B-Instruct", None))
    report = check(manifest, body, student="Llama-Acme-8B", base="meta-llama/Llama-3.1-8B")
    (teacher,) = findings(report, "meta-llama/Llama-3.3-70B-Instruct", "teacher")
    # Outputs: the naming duty ("outputs or results"), not the display duty (Llama Materials).
    assert "name-prefix-met" in teacher["rules"] and "attribution-required" not in teacher["rules"]
    assert not any("Built with Llama" in o for o in teacher["obligations"])
    (base,) = findings(report, "meta-llama/Llama-3.1-8B", "base-model")
    assert "attribution-required" in base["rules"]
    assert any("Built with Llama" in o for o in base["obligations"])


# --- scope of exclusions: Llama 4's EU clause names multimodal models only -----------------


def test_llama_4_eu_exclusion_binds_multimodal_models_only(manifest: WriteManifest) -> None:
    body = teachers(("meta-llama/Llama-Prompt-Guard-2-86M", None), ("meta-llama/Llama-Guard-4-12B", None))
    report = check(manifest, body, domicile="DE", release="internal", student="Llama-Acme")
    (text_only,) = findings(report, "meta-llama/Llama-Prompt-Guard-2-86M", "teacher")
    assert not any(r.startswith("domicile") for r in text_only["rules"])
    assert text_only["verdict"] == "permitted"
    (vision,) = findings(report, "meta-llama/Llama-Guard-4-12B", "teacher")
    assert vision["verdict"] == "prohibited" and "domicile-excluded" in vision["rules"]
    assert any("multimodal models included in Llama 4" in c["quote"] for c in vision["citations"])


# --- whose users and revenue count ---------------------------------------------------------

LLAMA_BASE = {"base": "meta-llama/Llama-3.1-8B", "student": "Llama-Acme-8B"}


def base_finding(report: dict[str, Any]) -> dict[str, Any]:
    (f,) = findings(report, "meta-llama/Llama-3.1-8B", "base-model")
    return f


def test_llamas_threshold_reads_the_organisations_users_on_the_release_date(manifest: WriteManifest) -> None:
    undeclared = base_finding(check(manifest, "", org_users=None, **LLAMA_BASE))
    assert undeclared["verdict"] == "needs-review" and "user-threshold-unknown" in undeclared["rules"]
    reason = next(r for r in undeclared["reasons"] if "700,000,000" in r)
    assert "the licensee and its affiliates" in reason and "release date (2024-07-23)" in reason
    assert "project.organization.monthly_active_users" in reason
    assert "2" in [c["section"] for c in undeclared["citations"]]

    small = base_finding(check(manifest, "", org_users=5_000_000, **LLAMA_BASE))
    assert small["verdict"] == "conditional" and not any(
        r.startswith("user-threshold") for r in small["rules"]
    )

    large = base_finding(check(manifest, "", org_users=800_000_000, **LLAMA_BASE))
    assert large["verdict"] == "prohibited" and "user-threshold-exceeded" in large["rules"]
    assert any("800,000,000" in r for r in large["reasons"])


def test_a_missing_figure_is_asked_for_only_where_the_clause_could_bind(manifest: WriteManifest) -> None:
    # Non-commercial research kept internal: the Llama threshold is not asked about.
    report = check(manifest, "", org_users=None, use="research", release="internal", **LLAMA_BASE)
    f = base_finding(report)
    assert f["verdict"] == "conditional" and not any(r.startswith("user-threshold") for r in f["rules"])


def test_kimi_k2s_display_duty_reads_revenue(manifest: WriteManifest) -> None:
    body = teachers(("moonshotai/Kimi-K2-Instruct", None))
    small = findings(check(manifest, body, org_revenue=1_000_000), "moonshotai/Kimi-K2-Instruct", "teacher")
    assert [f["verdict"] for f in small] == ["permitted"]
    large = findings(check(manifest, body, org_revenue=25_000_000), "moonshotai/Kimi-K2-Instruct", "teacher")
    assert [f["verdict"] for f in large] == ["conditional"] and "user-threshold-duty" in large[0]["rules"]
    assert any("“Kimi K2”" in o for o in large[0]["obligations"])
    assert any("US$25,000,000" in r for r in large[0]["reasons"])
    research = check(manifest, body, org_revenue=None, use="research")
    assert [f["verdict"] for f in findings(research, "moonshotai/Kimi-K2-Instruct", "teacher")] == [
        "permitted"
    ]


# --- a licence for what the registry does not know -------------------------------------------


def test_a_declared_licence_is_judged_for_a_model_the_registry_does_not_know(manifest: WriteManifest) -> None:
    body = "teachers:\n  - model: private-lab/teacher-7b\n    license: MIT\n"
    head = project_yaml(student="Acme-7B", **SMALL_ORG)
    head += "    base_model: private-lab/base-7b\n    base_model_license: Apache-2.0\n"
    path = manifest(head + body)
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF, "--offline")
    assert run.exit_code == 0, run.stdout + run.stderr
    (teacher,) = findings(run.json, "private-lab/teacher-7b", "teacher")
    assert (teacher["verdict"], teacher["terms"]) == ("permitted", "mit@unversioned")
    assert any("private-lab/teacher-7b, MIT, is declared by the project" in r for r in teacher["reasons"])
    (based,) = findings(run.json, "private-lab/base-7b", "base-model")
    assert (based["verdict"], based["terms"]) == ("conditional", "apache-2.0@2.0")
    # Without the declaration the same teacher is unknown: needs review.
    bare = manifest(head + "teachers:\n  - model: private-lab/teacher-7b\n", "bare.yaml")
    unknown = run_cli("check", str(bare), "--format", "json", "--as-of", AS_OF, "--offline").json
    assert [f["verdict"] for f in findings(unknown, "private-lab/teacher-7b", "teacher")] == ["needs-review"]


def test_a_declared_licence_never_loosens_what_the_registry_knows(manifest: WriteManifest) -> None:
    # Llama 2 forbids improving other LLMs with its outputs; declaring MIT changes nothing.
    body = "teachers:\n  - model: meta-llama/Llama-2-70b-chat-hf\n    license: MIT\n"
    report = check(manifest, body, base="Qwen/Qwen2.5-7B", release="internal")
    got = findings(report, "meta-llama/Llama-2-70b-chat-hf", "teacher")
    assert {f["terms"] for f in got} == {"llama-2-community-license@2023-07-18", "mit@unversioned"}
    assert worst(got) == "prohibited" and report["verdict"] == "prohibited"
    assert all(any("both are judged and the stricter governs" in r for r in f["reasons"]) for f in got)


def test_an_invalid_declared_licence_is_an_input_error(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + "teachers:\n  - model: private-lab/t\n    license: Apache2 AND\n")
    run = run_cli("check", str(path))
    line = path.read_text().splitlines().index("    license: Apache2 AND") + 1
    assert run.exit_code == 2
    assert f"{path}:{line}: invalid SPDX license expression" in run.stderr


# --- Qwen's API: Model Studio's own terms are not recorded -----------------------------------


def test_a_qwen_api_teacher_needs_review_not_the_consumer_terms_prohibition(manifest: WriteManifest) -> None:
    report = check(manifest, teachers(("qwen:qwen-max", None), ("qwen-chat:qwen3-max", None)))
    (api,) = findings(report, "qwen:qwen-max", "teacher")
    assert api["verdict"] == "needs-review" and api["terms"].startswith("alibaba-model-studio-terms@")
    assert "outputs-unrecorded" in api["rules"]
    # The consumer service's terms govern only the consumer service.
    consumer = findings(report, "qwen-chat:qwen3-max", "teacher")
    assert {f["terms"].split("@")[0] for f in consumer} == {"qwen-chat-terms-of-service"}
