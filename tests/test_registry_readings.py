"""Readings of the shipped registry that a clause-by-clause review corrected (issue 12), each
through `licensecheck check`: the verdict, the terms versions judged and the clause cited."""

from __future__ import annotations

from typing import Any

from tests.conftest import AS_OF, WriteManifest, findings, project_yaml, run_cli

ORDER = ["permitted", "conditional", "needs-review", "prohibited"]


def check(manifest: WriteManifest, body: str, **project: Any) -> dict[str, Any]:
    run = run_cli(
        "check", str(manifest(project_yaml(**project) + body)), "--format", "json", "--as-of", AS_OF
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
    assert [(f["terms"], f["verdict"]) for f in got] == [("openai-services-agreement@2026-01-01", "permitted")]
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
