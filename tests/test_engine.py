"""The engine on a small synthetic registry (tests/data/registry): each provision,
version choice by date, lineage, licence expressions, waivers and the fail-closed rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteManifest, findings, project_yaml, run_cli

REGISTRY = str(Path(__file__).parent / "data" / "registry")


def judge(manifest: WriteManifest, body: str, *extra: str, **project: Any) -> tuple[int, dict[str, Any]]:
    path = manifest(project_yaml(**project) + body)
    run = run_cli(
        "check", str(path), "--format", "json", "--registry", REGISTRY, "--as-of", "2026-01-01", *extra
    )
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


def only(report: dict[str, Any], subject: str, role: str) -> dict[str, Any]:
    found = findings(report, subject, role)
    assert len(found) == 1, found
    return found[0]


def test_unknown_teacher_needs_review_and_fails(manifest: WriteManifest) -> None:
    code, report = judge(manifest, "teachers:\n  - model: someone/unknown-model\n")
    f = only(report, "someone/unknown-model", "teacher")
    assert f["verdict"] == "needs-review"
    assert f["terms"] is None
    assert "not in the registry" in f["reasons"][0]
    assert code == 1 and report["verdict"] == "needs-review"


def test_permitted_teacher_exits_0_and_cites(manifest: WriteManifest) -> None:
    code, report = judge(manifest, "teachers:\n  - model: org/open-model\n")
    f = only(report, "org/open-model", "teacher")
    assert (code, f["verdict"], f["terms"]) == (0, "permitted", "open-license@1.0")
    assert f["citations"] == [
        {
            "terms": "open-license@1.0",
            "section": "1",
            "quote": "You may do anything.",
            "url": "https://example.test/open",
        }
    ]


def test_hub_ids_compare_case_insensitively(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: ORG/Open-Model\n")
    assert findings(report, "ORG/Open-Model", "teacher")[0]["verdict"] == "permitted"


@pytest.mark.parametrize(
    ("dates", "versions"),
    [
        ("from: 2023-02-01\n    until: 2023-12-31", ["closed-api@2023-01-01"]),
        ("from: 2024-07-01\n    until: 2024-08-01", ["closed-api@2024-06-01"]),
        ("from: 2024-01-01\n    until: 2024-08-01", ["closed-api@2023-01-01", "closed-api@2024-06-01"]),
        ("until: 2023-05-01", ["closed-api@2023-01-01"]),
        ("from: 2023-05-01", ["closed-api@2023-01-01", "closed-api@2024-06-01"]),
    ],
)
def test_dates_of_use_pick_the_versions_in_force(
    manifest: WriteManifest, dates: str, versions: list[str]
) -> None:
    _, report = judge(manifest, f"teachers:\n  - model: closed:big\n    {dates}\n")
    assert sorted(f["terms"] for f in findings(report, "closed:big", "teacher")) == versions


def test_no_dates_means_the_version_in_force_as_of(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: closed:big\n")
    assert [f["terms"] for f in findings(report, "closed:big")] == ["closed-api@2024-06-01"]
    _, old = judge(manifest, "teachers:\n  - model: closed:big\n", "--as-of", "2023-06-01")
    assert [f["terms"] for f in findings(old, "closed:big")] == ["closed-api@2023-01-01"]


def test_use_before_the_first_recorded_version_needs_review(manifest: WriteManifest) -> None:
    _, report = judge(
        manifest, "teachers:\n  - model: closed:big\n    from: 2022-01-01\n    until: 2022-06-01\n"
    )
    f = only(report, "closed:big", "teacher")
    assert f["verdict"] == "needs-review"
    assert "before the earliest version" in " ".join(f["reasons"])


def test_competing_student_is_prohibited_and_router_does_not_launder(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: closed:big\n    via: openrouter\n")
    f = only(report, "closed:big", "teacher")
    assert f["verdict"] == "prohibited"
    assert f["via"] == "openrouter"
    assert f["citations"][0]["section"] == "3(e)"


@pytest.mark.parametrize(
    ("kind", "release", "verdict"),
    [
        ("classifier", "internal", "permitted"),
        ("embedding", "internal", "permitted"),
        ("classifier", "hosted", "needs-review"),
        ("other", "internal", "needs-review"),
        ("code-llm", "internal", "prohibited"),
    ],
)
def test_non_competing_exception(manifest: WriteManifest, kind: str, release: str, verdict: str) -> None:
    _, report = judge(manifest, "teachers:\n  - model: closed:big\n", kind=kind, release=release)
    f = only(report, "closed:big", "teacher")
    assert f["verdict"] == verdict
    if verdict == "permitted":
        assert [c["section"] for c in f["citations"]] == ["3(e)", "9"]


@pytest.mark.parametrize(
    ("base", "kind", "verdict"),
    [
        ("fam/fam-base", "general-llm", "permitted"),
        ("org/fam-finetune", "general-llm", "permitted"),  # a fine-tune of a family member is in the family
        ("org/open-model", "general-llm", "prohibited"),
        (None, "general-llm", "prohibited"),
        ("org/open-model", "classifier", "needs-review"),  # "large language model" scope is unclear
    ],
)
def test_same_family_outputs(manifest: WriteManifest, base: str | None, kind: str, verdict: str) -> None:
    _, report = judge(
        manifest, "teachers:\n  - model: fam/fam-70b\n", base=base, kind=kind, release="internal"
    )
    assert only(report, "fam/fam-70b", "teacher")["verdict"] == verdict


@pytest.mark.parametrize(
    ("student", "release", "verdict"),
    [
        ("Fam-Acme-7B", "open-weights", "conditional"),
        ("fam-acme-7b", "hosted", "conditional"),
        ("Acme-7B", "open-weights", "prohibited"),
        ("Acme-7B", "internal", "permitted"),  # the duty binds only a model that is distributed
    ],
)
def test_naming_obligation(manifest: WriteManifest, student: str, release: str, verdict: str) -> None:
    _, report = judge(manifest, "", base="fam/fam-base", student=student, release=release)
    f = only(report, "fam/fam-base", "base-model")
    assert f["verdict"] == verdict
    if verdict != "permitted":
        assert f["obligations"] == ["Begin the model name with Fam."]
        assert f["citations"][0]["section"] == "1.b.i"


def test_naming_prefix_unmet_makes_run_prohibited(manifest: WriteManifest) -> None:
    code, report = judge(manifest, "", base="fam/fam-base", student="Acme-7B")
    assert (code, report["verdict"]) == (1, "prohibited")


@pytest.mark.parametrize(("mau", "verdict"), [(1000, "conditional"), (1001, "prohibited")])
def test_user_threshold(manifest: WriteManifest, mau: int, verdict: str) -> None:
    _, report = judge(manifest, "", base="fam/fam-base", student="Fam-X", mau=mau)
    assert only(report, "fam/fam-base", "base-model")["verdict"] == verdict


@pytest.mark.parametrize(
    ("model", "domicile", "verdict"),
    [
        ("fam/fam-vision", "DE", "prohibited"),
        ("fam/fam-vision", "EU", "prohibited"),  # the group's own code is in the group
        ("fam/fam-vision", "US", "permitted"),
        ("fam/fam-vision", None, "needs-review"),
        ("fam/fam-70b", "DE", "permitted"),  # the exclusion names multimodal models only
    ],
)
def test_excluded_domicile(manifest: WriteManifest, model: str, domicile: str | None, verdict: str) -> None:
    _, report = judge(
        manifest,
        f"teachers:\n  - model: {model}\n",
        base="fam/fam-base",
        domicile=domicile,
        release="internal",
    )
    assert only(report, model, "teacher")["verdict"] == verdict


@pytest.mark.parametrize(("use", "verdict"), [("commercial", "prohibited"), ("research", "conditional")])
def test_non_commercial_dataset(manifest: WriteManifest, use: str, verdict: str) -> None:
    _, report = judge(manifest, "datasets:\n  - id: org/nc-data\n", use=use)
    f = only(report, "org/nc-data", "dataset")
    assert f["verdict"] == verdict
    if use == "research":
        assert any("non-commercial research" in o for o in f["obligations"])


def test_catalogue_generators_are_judged(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "datasets:\n  - id: org/nc-data\n", use="research")
    # Undated: every version since the generator's first on record governs; today's forbids it.
    found = findings(report, "closed:big-model", "generator")
    assert [f["verdict"] for f in found if f["terms"] == "closed-api@2024-06-01"] == ["prohibited"]
    assert all("wrote the dataset org/nc-data" in " ".join(f["reasons"]) for f in found)


def test_declared_generators_are_judged(manifest: WriteManifest) -> None:
    _, report = judge(
        manifest, "datasets:\n  - path: d.jsonl\n    license: MIT\n    generated_by: [fam/fam-70b]\n"
    )
    assert only(report, "fam/fam-70b", "generator")["verdict"] == "prohibited"
    assert only(report, "d.jsonl", "dataset")["verdict"] == "permitted"


@pytest.mark.parametrize(
    ("expression", "verdict", "terms"),
    [
        ("MIT OR CC-BY-NC-4.0", "permitted", ["open-license@1.0"]),
        ("CC-BY-NC-4.0 OR MIT", "permitted", ["open-license@1.0"]),
        ("MIT AND CC-BY-NC-4.0", "prohibited", ["nc-data@1.0", "open-license@1.0"]),
        ("Apache-2.0", "needs-review", [None]),  # not in this registry
        ("LicenseRef-custom OR MIT", "permitted", ["open-license@1.0"]),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "needs-review", [None]),
    ],
)
def test_license_expressions(
    manifest: WriteManifest, expression: str, verdict: str, terms: list[str | None]
) -> None:
    _, report = judge(manifest, f"datasets:\n  - path: d.jsonl\n    license: {expression}\n")
    found = findings(report, "d.jsonl", "dataset")
    assert sorted(found, key=lambda f: f["terms"] or "") and [f["verdict"] for f in found].count(verdict) >= 1
    assert sorted((f["terms"] for f in found), key=str) == sorted(terms, key=str)
    assert report["verdict"] == verdict


def test_dataset_without_licence_or_catalogue_entry_needs_review(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "datasets:\n  - url: https://example.test/data.jsonl\n")
    f = only(report, "https://example.test/data.jsonl", "dataset")
    assert f["verdict"] == "needs-review"
    assert "declares no licence" in f["reasons"][0]


def test_lineage_loops_and_missing_terms_need_review(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: org/loop-a\n  - model: org/missing-terms\n")
    loop = [f for f in findings(report, "org/loop-a") if f["terms"] is None]
    assert loop and loop[0]["verdict"] == "needs-review" and "loops back" in loop[0]["reasons"][0]
    missing = only(report, "org/missing-terms", "teacher")
    assert missing["verdict"] == "needs-review" and "does not hold" in missing["reasons"][0]


def test_inherited_terms_travel_down_the_lineage(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: org/fam-finetune\n", base="org/open-model")
    by_terms = {f["terms"]: f for f in findings(report, "org/fam-finetune", "teacher")}
    assert set(by_terms) == {"open-license@1.0", "family-license@1"}
    assert by_terms["family-license@1"]["verdict"] == "prohibited"
    assert by_terms["family-license@1"]["lineage"] == ["org/fam-finetune", "fam/fam-base"]


def test_terms_silent_on_outputs_need_review(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: org/silent-model\n")
    assert only(report, "org/silent-model", "teacher")["verdict"] == "needs-review"


WAIVER = "waivers:\n  - subject: CLOSED:big\n    approved_by: legal@example.com\n    reason: signed agreement\n    expires: {expires}\n"


def test_valid_waiver_turns_finding_permitted(manifest: WriteManifest) -> None:
    code, report = judge(manifest, "teachers:\n  - model: closed:big\n" + WAIVER.format(expires="2026-06-01"))
    f = only(report, "closed:big", "teacher")
    assert f["verdict"] == "permitted"
    assert f["waiver"]["status"] == "waived" and f["waiver"]["original_verdict"] == "prohibited"
    assert (code, report["verdict"]) == (0, "permitted")


def test_expired_waiver_changes_nothing(manifest: WriteManifest) -> None:
    code, report = judge(manifest, "teachers:\n  - model: closed:big\n" + WAIVER.format(expires="2025-12-31"))
    f = only(report, "closed:big", "teacher")
    assert f["verdict"] == "prohibited" and f["waiver"]["status"] == "expired"
    assert code == 1


def test_waiver_expiry_is_checked_against_as_of(manifest: WriteManifest) -> None:
    body = "teachers:\n  - model: closed:big\n" + WAIVER.format(expires="2026-06-01")
    _, later = judge(manifest, body, "--as-of", "2026-06-02")
    assert only(later, "closed:big", "teacher")["waiver"]["status"] == "expired"


def test_unused_waiver_is_reported(manifest: WriteManifest) -> None:
    _, report = judge(
        manifest, "teachers:\n  - model: org/open-model\n" + WAIVER.format(expires="2027-01-01")
    )
    assert report["unused_waivers"] == ["CLOSED:big"]


def test_text_report_gives_one_block_per_subject_worst_first(manifest: WriteManifest) -> None:
    path = manifest(
        project_yaml() + "teachers:\n  - model: org/open-model\n  - model: closed:big\n  - model: x/unknown\n"
    )
    run = run_cli("check", str(path), "--registry", REGISTRY, "--as-of", "2026-01-01")
    out = run.stdout
    heads = [
        line
        for line in out.splitlines()
        if line.split(" ", 1)[0] in ("PROHIBITED", "NEEDS-REVIEW", "PERMITTED")
    ]
    assert [h.split()[:2] for h in heads] == [
        ["PROHIBITED", "closed:big"],
        ["NEEDS-REVIEW", "x/unknown"],
        ["PERMITTED", "org/open-model"],
    ]
    assert "3 subjects: 1 prohibited, 1 needs-review, 1 permitted" in out
    assert f"{path}:" in out and "§3(e)" in out and "\033[" not in out
    assert out.rstrip().endswith("Verdict: prohibited")


@pytest.mark.parametrize(
    ("dates", "terms"),
    [
        ("from: 2022-03-01\n    until: 2022-06-01", ["open-license@1.0"]),
        ("from: 2023-03-01\n    until: 2023-06-01", ["closed-api@2023-01-01"]),
        ("from: 2022-11-01\n    until: 2023-02-01", ["closed-api@2023-01-01", "open-license@1.0"]),
        ("from: 2024-07-01\n    until: 2024-08-01", ["closed-api@2024-06-01"]),
    ],
)
def test_catalogue_windows_pick_the_terms_that_governed_the_period(
    manifest: WriteManifest, dates: str, terms: list[str]
) -> None:
    _, report = judge(manifest, f"teachers:\n  - model: windowed:m\n    {dates}\n")
    assert sorted(f["terms"] for f in findings(report, "windowed:m", "teacher")) == terms


def test_use_outside_every_window_needs_review(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: windowed:old-only\n    from: 2024-01-01\n")
    f = only(report, "windowed:old-only", "teacher")
    assert f["verdict"] == "needs-review" and "No terms on record" in f["reasons"][0]


def test_catalogued_dataset_without_a_licence_needs_review_but_its_generators_are_judged(
    manifest: WriteManifest,
) -> None:
    _, report = judge(
        manifest, "datasets:\n  - id: org/unlicensed-chats\n", use="research", release="internal"
    )
    data = only(report, "org/unlicensed-chats", "dataset")
    assert data["verdict"] == "needs-review" and "records no licence" in data["reasons"][0]
    generator = findings(report, "closed:big-model", "generator")
    assert "prohibited" in [f["verdict"] for f in generator]
    _, declared = judge(
        manifest, "datasets:\n  - id: org/unlicensed-chats\n    license: MIT\n", use="research"
    )
    assert only(declared, "org/unlicensed-chats", "dataset")["verdict"] == "permitted"


def test_a_misspelt_provision_in_a_registry_is_an_error_not_a_dropped_restriction(
    manifest: WriteManifest, tmp_path: Path
) -> None:
    import shutil

    custom = tmp_path / "registry"
    shutil.copytree(REGISTRY, custom)
    terms = custom / "terms" / "open-license" / "1.0.yaml"
    terms.write_text(terms.read_text() + "  non_commercial: {clause: grant}\n")
    path = manifest(project_yaml() + "teachers:\n  - model: org/open-model\n")
    run = run_cli("check", str(path), "--registry", str(custom), "--as-of", "2026-01-01")
    assert run.exit_code == 2 and run.stdout == ""
    assert "unknown provision kind(s) non_commercial" in run.stderr and "1.0.yaml" in run.stderr


# --- data under a model's terms, generation dates, incomplete generators ----------------------


def test_data_under_a_model_licence_is_judged_like_that_models_outputs(manifest: WriteManifest) -> None:
    body = "datasets:\n  - path: family-chats.jsonl\n    license: LicenseRef-family\n"
    _, other = judge(manifest, body, base="org/open-model")
    f = only(other, "family-chats.jsonl", "dataset")
    assert f["verdict"] == "prohibited"
    assert "1.b.v" in [c["section"] for c in f["citations"]]
    _, same = judge(manifest, body, base="fam/fam-base", student="Fam-Chat")
    assert only(same, "family-chats.jsonl", "dataset")["verdict"] == "permitted"


def test_catalogue_generation_dates_pick_the_generators_terms(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "datasets:\n  - id: org/dated-chats\n")
    gen = findings(report, "windowed:gen", "generator")
    # Written in March 2022, under the terms that governed then, not today's.
    assert [g["terms"] for g in gen] == ["open-license@1.0"]


def test_manifest_generation_dates_override_the_catalogue(manifest: WriteManifest) -> None:
    body = "datasets:\n  - id: org/dated-chats\n    generated: {from: 2024-07-01, until: 2024-08-01}\n"
    _, report = judge(manifest, body, kind="general-llm")
    gen = findings(report, "windowed:gen", "generator")
    assert [(g["terms"], g["verdict"]) for g in gen] == [("closed-api@2024-06-01", "prohibited")]


def test_generation_dates_in_the_wrong_order_are_an_input_error(manifest: WriteManifest) -> None:
    path = manifest(
        project_yaml()
        + "datasets:\n  - path: d.jsonl\n    generated: {from: 2024-08-01, until: 2024-07-01}\n"
    )
    run = run_cli("check", str(path), "--registry", REGISTRY)
    assert run.exit_code == 2 and "generated" in run.stderr and ":" in run.stderr


def test_an_incomplete_generator_list_needs_review(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "datasets:\n  - id: org/some-gens-unknown\n    license: MIT\n")
    verdicts = [f["verdict"] for f in findings(report, "org/some-gens-unknown", "dataset")]
    assert "needs-review" in verdicts
    assert any(
        "Not every model that wrote" in r
        for f in findings(report, "org/some-gens-unknown")
        for r in f["reasons"]
    )


def test_a_hub_dataset_url_is_that_dataset(manifest: WriteManifest) -> None:
    # The address is only parsed into an id (tests run offline; nothing is fetched).
    body = "datasets:\n  - url: https://huggingface.co/datasets/org/nc-data/resolve/main/train.jsonl\n    license: MIT\n"
    _, report = judge(manifest, body)
    # The catalogue's non-commercial licence applies alongside the declared one.
    f = [x for x in findings(report, "org/nc-data", "dataset") if x["terms"] == "nc-data@1.0"]
    assert f and f[0]["verdict"] == "prohibited"


# --- terms by domicile, lineage families, exemptions ------------------------------------------


@pytest.mark.parametrize(
    ("domicile", "terms"),
    [
        ("DE", ["closed-api@2024-06-01"]),
        ("US", ["open-license@1.0"]),
        (None, ["closed-api@2024-06-01", "open-license@1.0"]),
    ],
)
def test_catalogue_terms_limited_by_domicile(
    manifest: WriteManifest, domicile: str | None, terms: list[str]
) -> None:
    _, report = judge(manifest, "teachers:\n  - model: regional:model\n", domicile=domicile)
    assert sorted(f["terms"] for f in findings(report, "regional:model", "teacher")) == terms


def test_a_student_under_the_family_licence_is_in_the_family(manifest: WriteManifest) -> None:
    _, report = judge(
        manifest, "teachers:\n  - model: fam/teacher\n", base="org/fam-licensed", student="Fam-X"
    )
    assert only(report, "fam/teacher", "teacher")["verdict"] == "permitted"


def test_a_student_of_unknown_lineage_is_not_ruled_out_of_the_family(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: fam/teacher\n", base="someone/unknown-base")
    f = only(report, "fam/teacher", "teacher")
    assert f["verdict"] == "needs-review"
    assert any("not fully known" in r for r in f["reasons"])


@pytest.mark.parametrize(("via", "verdict"), [(None, "prohibited"), ("some-host", "needs-review")])
def test_end_user_exemption_from_an_excluded_domicile(
    manifest: WriteManifest, via: str | None, verdict: str
) -> None:
    extra = f"    via: {via}\n" if via else ""
    _, report = judge(
        manifest, f"teachers:\n  - model: fam/fam-vision\n{extra}", base="fam/fam-base", domicile="FR"
    )
    f = only(report, "fam/fam-vision", "teacher")
    assert f["verdict"] == verdict
    if via:
        assert "AUP (end users)" in [c["section"] for c in f["citations"]]


def test_use_before_the_first_version_is_never_judged_by_a_later_clause(manifest: WriteManifest) -> None:
    # family-license takes effect 2023-07-01; its ban must not decide use in the months before.
    early = "teachers:\n  - model: fam/teacher\n    from: 2023-01-01\n    until: 2023-03-01\n"
    _, report = judge(manifest, early, base="org/open-model")
    f = only(report, "fam/teacher", "teacher")
    assert f["verdict"] == "needs-review" and f["citations"] == []
    # A period that runs into the version is judged under it for that part.
    spanning = "teachers:\n  - model: fam/teacher\n    from: 2023-01-01\n    until: 2023-12-01\n"
    _, report = judge(manifest, spanning, base="org/open-model")
    verdicts = sorted(f["verdict"] for f in findings(report, "fam/teacher", "teacher"))
    assert verdicts == ["needs-review", "prohibited"]


def test_name_prefixes_are_matched_as_hub_names_are_written() -> None:
    from licensecheck.provisions import name_begins_with

    assert name_begins_with("Llama-3-Acme-8B", "Llama 3")
    assert name_begins_with("acme/Llama3_Acme", "Llama 3")
    assert name_begins_with("LLAMA-acme", "Llama")
    assert not name_begins_with("Llama-30B-Acme", "Llama 3")
    assert not name_begins_with("Acme-Llama-3", "Llama 3")
    assert not name_begins_with("Meta-Llama-3-Acme", "Llama 3")


@pytest.mark.parametrize(("via", "cloud"), [("azure", True), ("aws-bedrock", True), ("openrouter", False)])
def test_a_cloud_reseller_adds_its_own_terms_to_check(manifest: WriteManifest, via: str, cloud: bool) -> None:
    _, report = judge(manifest, f"teachers:\n  - model: closed:big\n    via: {via}\n")
    f = only(report, "closed:big", "teacher")
    assert f["terms"].startswith("closed-api@")  # the provider's terms still govern
    assert any("cloud platform whose own service terms" in r for r in f["reasons"]) is cloud


def test_a_catalogue_gap_is_reported_beside_the_terms_it_has(manifest: WriteManifest) -> None:
    _, report = judge(manifest, "teachers:\n  - model: org/gapped\n")
    got = {(f["terms"], f["verdict"]) for f in findings(report, "org/gapped", "teacher")}
    assert got == {("open-license@1.0", "permitted"), (None, "needs-review")}
    assert report["verdict"] == "needs-review"


@pytest.mark.parametrize(
    ("expression", "verdict"),
    [("MIT+", "permitted"), ("NOASSERTION", "needs-review"), ("NONE", "needs-review")],
)
def test_spdx_or_later_and_no_assertion(manifest: WriteManifest, expression: str, verdict: str) -> None:
    # "X+" offers X among its choices; NOASSERTION / NONE say no licence was determined.
    _, report = judge(manifest, f"datasets:\n  - path: d.jsonl\n    license: {expression}\n")
    assert [f["verdict"] for f in findings(report, "d.jsonl", "dataset")] == [verdict]


# --- one judgement per dataset shape, fanned out ------------------------------------------

SHAPES = """\
licensecheck: 1
project:
  name: shapes
  use: commercial
  release: open-weights
  domicile: DE
  student:
    name: Llama-Shapes-8B
    base_model: meta-llama/Llama-3.1-8B-Instruct
datasets:
  - id: tatsu-lab/alpaca
  - id: Tatsu-Lab/Alpaca
  - id: tatsu-lab/alpaca
    license: MIT
  - url: https://huggingface.co/datasets/databricks/databricks-dolly-15k
  - url: https://example.com/data.jsonl
    license: CC-BY-SA-4.0
  - path: data/a.jsonl
    license: (MIT OR Apache-2.0) AND CC-BY-4.0
  - path: data/b.jsonl
    license: (MIT OR Apache-2.0) AND CC-BY-4.0
  - path: data/c.jsonl
    license: CC0-1.0 AND CC-BY-NC-4.0
    generated_by: [openai:gpt-4o, anthropic:claude-3-5-sonnet, meta-llama/Llama-3.1-70B-Instruct]
    generated: {from: 2023-06-01, until: 2024-06-01}
  - path: data/d.jsonl
    license: CC0-1.0 AND CC-BY-NC-4.0
    generated_by: [openai:gpt-4o, anthropic:claude-3-5-sonnet, meta-llama/Llama-3.1-70B-Instruct]
    generated: {from: 2023-06-01, until: 2024-06-01}
  - path: data/e.jsonl
    generated_by: [deepseek:deepseek-chat, deepseek:deepseek-chat]
  - path: data/f.jsonl
    generated_by: [deepseek:deepseek-chat, deepseek:deepseek-chat]
  - path: data/g.jsonl
    license: LicenseRef-custom
  - path: data/h.jsonl
    license: LicenseRef-custom
waivers:
  - subject: data/c.jsonl
    approved_by: legal@acme.example
    reason: "Separate agreement"
    expires: 2027-01-01
"""


def test_a_fanned_out_dataset_is_judged_as_if_on_its_own(manifest: WriteManifest) -> None:
    """Every field of every subject, finding and resolution is what judging each dataset
    under its own name gives: nothing is lost or shared wrongly by judging a shape once."""
    import datetime

    from licensecheck import engine
    from licensecheck import manifest as manifest_mod
    from licensecheck import policy as policy_mod
    from licensecheck.registry import Registry

    parsed = manifest_mod.load(manifest(SHAPES))
    registry, policy = Registry(), policy_mod.load()
    as_of = datetime.date(2026, 1, 1)
    fanned = engine.evaluate(parsed, registry, policy, as_of)
    assert len(fanned.subjects) > len(parsed.datasets)  # generators were judged too
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine._Judge, "dataset", lambda self, d: self._dataset(d, d.name))
        alone = engine.evaluate(parsed, registry, policy, as_of)
    assert fanned == alone
    assert [s.ref for s in fanned.subjects] == [s.ref for s in alone.subjects]
