"""Contract §1 "Bad input": exit 2, file and line named, nothing judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WriteManifest, run_cli, run_subprocess

GOOD = """\
licensecheck: 1
project:
  name: t
  use: research
  release: internal
teachers:
  - model: openai:gpt-4o
datasets:
  - id: tatsu-lab/alpaca
    license: CC-BY-NC-4.0
waivers:
  - subject: openai:gpt-4o
    approved_by: legal@example.com
    reason: contract
    expires: 2030-01-01
"""


def _bad(manifest: WriteManifest, text: str) -> tuple[Path, str]:
    path = manifest(text)
    run = run_cli("check", str(path), "--format", "json")
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert run.stdout == "", "nothing may be reported when the input is bad"
    return path, run.stderr


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        # YAML syntax error
        (GOOD.replace("  use: research", "  use: [research"), 5, "flow sequence that starts on line 4"),
        # duplicate key
        (
            GOOD.replace("  release: internal", "  release: internal\n  use: commercial"),
            6,
            "duplicate key 'use'",
        ),
        # unknown field: the typo `teacher:` must never drop the teachers silently
        (GOOD.replace("teachers:", "teacher:"), 6, "unknown field 'teacher'"),
        # unknown field nested in a teacher
        (
            GOOD.replace("  - model: openai:gpt-4o", "  - model: openai:gpt-4o\n    purpse: judge"),
            8,
            "unknown field 'purpse'",
        ),
        # wrong type
        (
            GOOD.replace("  release: internal", "  release: internal\n  monthly_active_users: lots"),
            6,
            "must be of type integer",
        ),
        # wrong enum value
        (GOOD.replace("use: research", "use: commerical"), 4, "must be one of: commercial, research"),
        # missing required field
        (GOOD.replace("  use: research\n", ""), 2, "missing the required field 'use'"),
        # missing format version
        (GOOD.replace("licensecheck: 1\n", ""), 1, "missing the required field 'licensecheck'"),
        # wrong format version
        (GOOD.replace("licensecheck: 1", "licensecheck: 2"), 1, "must be 1"),
        # invalid SPDX expression
        (GOOD.replace("CC-BY-NC-4.0", "CC-BY-NC-4.0 OR"), 10, "invalid SPDX license expression"),
        # unknown SPDX id
        (GOOD.replace("CC-BY-NC-4.0", "CC-BY-NC-4"), 10, "unknown SPDX license id"),
        # waiver without expires
        (GOOD.replace("    expires: 2030-01-01\n", ""), 12, "missing the required field 'expires'"),
        # impossible date
        (GOOD.replace("2030-01-01", "2030-02-30"), 15, "2030-02-30"),
        # not a model reference
        (GOOD.replace("openai:gpt-4o\ndatasets", "gpt-4o\ndatasets"), 7, "model reference"),
        # a dataset needs exactly one of id, path, url
        (
            GOOD.replace("  - id: tatsu-lab/alpaca", "  - id: tatsu-lab/alpaca\n    path: data.jsonl"),
            9,
            "exactly one of 'id', 'path' or 'url'",
        ),
        # teachers must be a list
        (
            GOOD.replace("teachers:\n  - model: openai:gpt-4o", "teachers: openai:gpt-4o"),
            6,
            "must be of type array",
        ),
        # a manifest that is not a mapping
        ("- just a list\n", 1, "must be a YAML mapping"),
        # until before from
        (
            GOOD.replace(
                "  - model: openai:gpt-4o",
                "  - model: openai:gpt-4o\n    from: 2025-02-01\n    until: 2025-01-01",
            ),
            9,
            "'until' is before 'from'",
        ),
    ],
    ids=[
        "yaml-syntax",
        "duplicate-key",
        "unknown-top-field",
        "unknown-nested-field",
        "wrong-type",
        "wrong-enum",
        "missing-required",
        "missing-version",
        "wrong-version",
        "invalid-spdx",
        "unknown-spdx-id",
        "waiver-without-expires",
        "invalid-date",
        "bad-model-ref",
        "dataset-two-sources",
        "teachers-not-list",
        "not-a-mapping",
        "until-before-from",
    ],
)
def test_bad_input_is_exit_2_with_file_line_and_problem(
    manifest: WriteManifest, text: str, line: int, needle: str
) -> None:
    path, stderr = _bad(manifest, text)
    assert f"{path}:{line}:" in stderr, stderr
    assert needle in stderr, stderr


def test_good_manifest_is_judged(manifest: WriteManifest) -> None:
    path = manifest(GOOD)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    assert run.json["licensecheck"] == 1


def test_unknown_field_suggests_the_right_name(manifest: WriteManifest) -> None:
    _, stderr = _bad(manifest, GOOD.replace("teachers:", "teacher:"))
    assert "did you mean 'teachers'?" in stderr


def test_every_problem_is_reported(manifest: WriteManifest) -> None:
    text = GOOD.replace("use: research", "use: commerical").replace("teachers:", "teacher:")
    path, stderr = _bad(manifest, text)
    assert f"{path}:4:" in stderr and f"{path}:6:" in stderr
    # One problem per line, as an editor or CI log reads them.
    lines = stderr.splitlines()
    assert lines[0].startswith(f"licensecheck: error: {path}:4:") and lines[1].startswith(f"{path}:6:")


def test_a_file_name_cannot_start_a_line_of_its_own(tmp_path: Path) -> None:
    # A line break in a file name would forge a line (a CI workflow command) of its own.
    path = tmp_path / "bad\n::error::forged.yaml"
    path.write_text(GOOD.replace("use: research", "use: commerical").replace("teachers:", "teacher:"))
    run = run_cli("check", str(path))
    assert run.exit_code == 2
    assert not any(line.startswith("::error::") for line in run.stderr.splitlines())
    assert "bad\\n::error::forged.yaml:6:" in run.stderr


def test_missing_manifest_file(tmp_path: Path) -> None:
    run = run_cli("check", str(tmp_path / "nope.yaml"))
    assert run.exit_code == 2
    assert "nope.yaml: file not found" in run.stderr


def test_default_manifest_is_read_from_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "licensecheck.yaml").write_text(GOOD.replace("teachers:", "teacher:"))
    run = run_subprocess("check", cwd=tmp_path)
    assert run.exit_code == 2
    assert "licensecheck.yaml:6: unknown field 'teacher'" in run.stderr


def test_usage_error_is_exit_2() -> None:
    run = run_cli("check", "--format", "yaml")
    assert run.exit_code == 2


def test_yaml_aliases_cannot_blow_up(manifest: WriteManifest) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 8):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    _, stderr = _bad(manifest, bomb)
    assert "document too large" in stderr


def test_only_true_and_false_are_booleans() -> None:
    # YAML 1.1 would read NO (Norway), yes and off as booleans; users mean the words.
    from licensecheck.yamlio import load_text

    data = load_text("a: NO\nb: [yes, Off]\nc: true\nd: False\ne: 'no'\n", "t.yaml").data
    assert data == {"a": "NO", "b": ["yes", "Off"], "c": True, "d": False, "e": "no"}


PROJECT_ONLY = "licensecheck: 1\nproject: {name: x, use: research, release: internal}\n"


@pytest.mark.parametrize(
    ("entry", "line", "fix"),
    [
        ("teachers:\n  - model: OpenAI:gpt-4o\n", 4, "provider names are lower case: openai:gpt-4o"),
        ("teachers:\n  - model: gpt-4o\n", 4, "did you mean openai:gpt-4o?"),
        ("teachers:\n  - model: claude-3-5-sonnet\n", 4, "did you mean anthropic:claude-3-5-sonnet?"),
        ("datasets:\n  - path: a.jsonl\n    license: Apache2\n", 5, "Apache2 (did you mean Apache-2.0?)"),
        ("datasets:\n  - path: a.jsonl\n    license: cc-by-nc\n", 5, "(did you mean CC-BY-NC-4.0?)"),
        (
            "teachers:\n  - model: openai:gpt-4o\n    from: 2024-13-01\n",
            5,
            "teachers[0].from: '2024-13-01' is not a valid date",
        ),
    ],
)
def test_an_almost_right_value_is_told_its_fix(
    manifest: WriteManifest, entry: str, line: int, fix: str
) -> None:
    path = manifest(PROJECT_ONLY + entry)
    run = run_cli("check", str(path))
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert f"{path}:{line}:" in run.stderr and fix in run.stderr, run.stderr


def test_a_hub_model_address_is_read_as_its_repo_id(manifest: WriteManifest) -> None:
    path = manifest(
        PROJECT_ONLY
        + "teachers:\n  - model: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct\n"
        + "  - model: https://hf.co/deepseek-ai/DeepSeek-R1/tree/main\n"
    )
    run = run_cli("check", str(path), "--format", "json", "--offline")
    subjects = {f["subject"] for f in run.json["findings"]}
    assert subjects == {"meta-llama/Llama-3.1-8B-Instruct", "deepseek-ai/DeepSeek-R1"}


def test_problems_of_every_kind_are_reported_at_once(manifest: WriteManifest) -> None:
    # A bad domicile, an impossible date, an unknown licence and an almost-right model id: one
    # run names them all, each with its line and fix, not one run per problem.
    path = manifest(
        "licensecheck: 1\n"
        "project: {name: x, use: commercial, release: open-weights, domicile: XX}\n"
        "teachers:\n"
        "  - model: openai:gpt-4o\n"
        "    from: 2024-13-01\n"
        "  - model: anthropic:claude-3-5-sonnet\n"
        "datasets:\n"
        "  - path: a.jsonl\n"
        "    license: Apache2\n"
    )
    run = run_cli("check", str(path))
    assert run.exit_code == 2
    lines = run.stderr.splitlines()
    assert lines[0].startswith(f"licensecheck: error: {path}:2: project.domicile: 'XX'")
    assert lines[1].startswith(f"{path}:5: teachers[0].from: '2024-13-01' is not a valid date")
    assert lines[2].startswith(f"{path}:9: ") and "did you mean Apache-2.0?" in lines[2]
    assert len(lines) == 3
