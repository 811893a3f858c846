"""Several manifests in one run (`check a.yaml b.yaml`, `check --all`): one report per
manifest, one combined exit code, and the single-manifest JSON left exactly as it is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from licensecheck.discover import manifests
from tests.conftest import AS_OF, REPO, run_cli, run_subprocess

CI = REPO / "tests" / "data" / "ci"


def place(root: Path, name: str, where: str) -> Path:
    target = root / where / "licensecheck.yaml" if where else root / "licensecheck.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CI / name / "licensecheck.yaml", target)
    return target


def single(path: str) -> dict[str, Any]:
    report: dict[str, Any] = run_cli("check", path, "--format", "json", "--as-of", AS_OF).json
    return report


def test_one_manifest_keeps_the_contract_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    report = single("tests/data/ci/mixed/licensecheck.yaml")
    assert report["licensecheck"] == 1 and "findings" in report and "manifests" not in report


def test_several_manifests_in_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CI)
    paths = ["passing/licensecheck.yaml", "mixed/licensecheck.yaml", "review/licensecheck.yaml"]
    run = run_cli("check", *paths, "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 1
    report = run.json
    assert set(report) == {"licensecheck", "verdict", "failed", "manifests"}
    assert report["licensecheck"] == 1 and report["verdict"] == "prohibited" and report["failed"] is True
    assert [m["manifest"] for m in report["manifests"]] == paths
    # Each element is exactly what judging that manifest alone prints.
    assert report["manifests"] == [single(p) for p in paths]


@pytest.mark.parametrize(
    ("names", "code"),
    [
        (["passing", "conditional"], 0),
        (["passing", "review"], 1),
        (["review", "passing"], 1),
        (["conditional", "mixed", "passing"], 1),
    ],
)
def test_the_exit_code_is_the_worst_of_the_manifests(names: list[str], code: int) -> None:
    paths = [str(CI / n / "licensecheck.yaml") for n in names]
    run = run_cli("check", *paths, "--as-of", AS_OF)
    assert run.exit_code == code


def test_text_gives_one_report_per_manifest_and_the_overall_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CI)
    run = run_cli("check", "passing/licensecheck.yaml", "review/licensecheck.yaml", "--as-of", AS_OF)
    assert run.stdout.count("licensecheck: passing/licensecheck.yaml (project reasoner") == 1
    assert run.stdout.count("licensecheck: review/licensecheck.yaml (project lab") == 1
    assert run.stdout.index("Verdict: permitted") < run.stdout.index("Verdict: needs-review")
    assert run.stdout.rstrip().endswith(
        "Overall verdict (2 manifests): needs-review; failing: review/licensecheck.yaml"
    )


def test_a_bad_manifest_among_good_ones_is_exit_2_and_nothing_is_judged(tmp_path: Path) -> None:
    good = place(tmp_path, "mixed", "good")
    bad = tmp_path / "bad" / "licensecheck.yaml"
    bad.parent.mkdir()
    bad.write_text("licensecheck: 1\nproject: {name: x, use: research, release: internal}\nteacher: []\n")
    missing = tmp_path / "missing.yaml"
    run = run_cli("check", str(good), str(bad), str(missing), "--format", "json")
    assert run.exit_code == 2 and run.stdout == ""
    assert f"{bad}:3:" in run.stderr and "teacher" in run.stderr
    assert f"{missing}: file not found" in run.stderr


def test_the_same_file_twice_is_judged_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    place(tmp_path, "passing", "")
    run = run_cli(
        "check", "licensecheck.yaml", "./licensecheck.yaml", "--all", "--format", "json", "--as-of", AS_OF
    )
    assert run.exit_code == 0 and "findings" in run.json  # one manifest: the contract object


def test_all_finds_every_manifest_below_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    place(tmp_path, "passing", "")
    place(tmp_path, "review", "research/lab")
    place(tmp_path, "conditional", "models/base")
    # Not the project's: hidden directories, virtual environments, node_modules.
    place(tmp_path, "mixed", ".git/x")
    place(tmp_path, "mixed", "node_modules/pkg")
    place(tmp_path, "mixed", "env/lib/site")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert [p.as_posix() for p in manifests(tmp_path)] == [
        "licensecheck.yaml",
        "models/base/licensecheck.yaml",
        "research/lab/licensecheck.yaml",
    ]
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "--all", "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 1  # the research manifest needs review
    assert [m["manifest"] for m in run.json["manifests"]] == [str(p) for p in manifests(tmp_path)]
    assert run.json["verdict"] == "needs-review"


def test_all_in_a_directory_without_manifests_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "--all")
    assert run.exit_code == 2 and "no licensecheck.yaml under" in run.stderr


def test_sarif_holds_every_manifest_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    place(tmp_path, "mixed", "chat")
    place(tmp_path, "review", "lab")
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "--all", "--format", "sarif", "--as-of", AS_OF)
    (sarif_run,) = json.loads(run.stdout)["runs"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"]}
    assert uris == {"chat/licensecheck.yaml", "lab/licensecheck.yaml"}
    assert [m["uri"] for m in sarif_run["properties"]["manifests"]] == [
        "chat/licensecheck.yaml",
        "lab/licensecheck.yaml",
    ]
    # The unknown API appears in both manifests: one rule, two results.
    unknown = [r for r in sarif_run["results"] if r["properties"]["subject"] == "acme:mystery-model"]
    assert len(unknown) == 2 and len({r["ruleIndex"] for r in unknown}) == 1


def test_several_manifests_in_a_real_process(tmp_path: Path) -> None:
    place(tmp_path, "passing", "a")
    place(tmp_path, "conditional", "b")
    run = run_subprocess("check", "--all", "--as-of", AS_OF, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "Overall verdict (2 manifests): conditional" in run.stdout


def test_check_help_names_the_ci_options() -> None:
    run = run_cli("check", "--help")
    assert run.exit_code == 0 and "[MANIFEST]..." in run.stdout
    for option in ("--all", "--output", "--fail-on", "sarif|github|junit"):
        assert option in run.stdout, option


def test_all_skips_what_git_ignores_and_what_exclude_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    source = REPO / "tests" / "data" / "ci" / "passing" / "licensecheck.yaml"
    for folder in ("models/chat", "models/vision", "build/copy", "vendor/lib"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(source, tmp_path / folder / "licensecheck.yaml")
    (tmp_path / ".gitignore").write_text("build/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    found = [p.as_posix() for p in manifests(tmp_path)]
    assert found == [
        "models/chat/licensecheck.yaml",
        "models/vision/licensecheck.yaml",
        "vendor/lib/licensecheck.yaml",
    ]
    kept = [p.as_posix() for p in manifests(tmp_path, ("vendor/*", "models/vision"))]
    assert kept == ["models/chat/licensecheck.yaml"]
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "--all", "--exclude", "vendor/*", "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 0
    assert sorted(m["manifest"] for m in run.json["manifests"]) == [
        "models/chat/licensecheck.yaml",
        "models/vision/licensecheck.yaml",
    ]
