"""cli/replay.py: a check whose every input is as it was answers as it did, without judging;
any change to what it reads judges again, and a remembered answer is never trusted unless
this machine wrote it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from licensecheck import memo
from tests.conftest import EXAMPLES, REPO, loaded_modules, run_subprocess

EXAMPLE = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "licensecheck.yaml").write_text(EXAMPLE)
    return tmp_path


def entries() -> list[Path]:
    return sorted((memo.cache_root() / "memo" / "run").glob("*.json"))


def judged(*args: str, cwd: Path) -> bool:
    """Whether `check ARGS` judged (imported the engine) rather than answering from memory."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return "licensecheck.engine" in loaded_modules("check", *args)
    finally:
        os.chdir(previous)


def test_an_unchanged_check_answers_as_before_without_judging(project: Path) -> None:
    first = run_subprocess("check", "--as-of", "2026-01-01", cwd=project)
    assert entries()
    again = run_subprocess("check", "--as-of", "2026-01-01", cwd=project)
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert not judged("--as-of", "2026-01-01", cwd=project)


@pytest.mark.parametrize(
    "change",
    ["manifest", "comment", "lock", "policy-arg", "format", "date", "env", "registry"],
)
def test_any_change_to_what_it_reads_judges_again(project: Path, change: str) -> None:
    args = ["--as-of", "2026-01-01"]
    run_subprocess("check", *args, cwd=project)
    assert not judged(*args, cwd=project)
    env: dict[str, str] = {}
    manifest = project / "licensecheck.yaml"
    if change == "manifest":
        manifest.write_text(EXAMPLE.replace("acme-reasoner", "acme-reasoner-2"))
    elif change == "comment":
        manifest.write_text(EXAMPLE + "# a comment\n")
    elif change == "lock":
        (project / "licensecheck.lock").write_text("{}")
    elif change == "policy-arg":
        shutil.copy(REPO / "policies" / "default.yaml", project / "policy.yaml")
        args += ["--policy", "policy.yaml"]
    elif change == "format":
        args += ["--format", "json"]
    elif change == "date":
        args = ["--as-of", "2026-01-02"]
    elif change == "env":
        env["LICENSECHECK_HUB_TIMEOUT"] = "3"
    else:
        registry = project / "registry"
        shutil.copytree(REPO / "registry", registry, ignore=shutil.ignore_patterns("texts"))
        run_subprocess("check", *args, "--registry", str(registry), cwd=project)
        (registry / "registry.yaml").write_text((registry / "registry.yaml").read_text() + "# edited\n")
        args += ["--registry", str(registry)]
    previous = dict(os.environ)
    os.environ.update(env)
    try:
        assert judged(*args, cwd=project)
    finally:
        os.environ.clear()
        os.environ.update(previous)


@pytest.mark.parametrize("damage", ["edit", "foreign"])
def test_a_remembered_answer_is_never_trusted_unless_this_machine_wrote_it(
    project: Path, damage: str
) -> None:
    first = run_subprocess("check", "--as-of", "2026-01-01", cwd=project)
    (entry,) = entries()
    stored = json.loads(entry.read_text())
    if damage == "edit":  # a forged pass
        stored["value"]["out"] = "Verdict: permitted\n"
        stored["value"]["code"] = 0
    else:
        stored["mac"] = "0" * 64
    entry.write_text(json.dumps(stored))
    again = run_subprocess("check", "--as-of", "2026-01-01", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert judged("--as-of", "2026-01-01", cwd=project) is False  # remembered afresh


def test_an_offline_miss_is_replayed_only_while_the_cache_has_no_entry(project: Path) -> None:
    (project / "licensecheck.yaml").write_text(
        EXAMPLE.replace("deepseek-ai/DeepSeek-R1\n", "nobody/unknown-model\n", 1)
    )
    first = run_subprocess("check", "--as-of", "2026-01-01", cwd=project)
    assert "offline" in first.stdout
    assert not judged("--as-of", "2026-01-01", cwd=project)
    (absent,) = json.loads(entries()[0].read_text())["value"]["absent"]
    Path(absent).parent.mkdir(parents=True, exist_ok=True)
    Path(absent).write_text("{}")  # an entry appears: the Hub step would read it
    assert judged("--as-of", "2026-01-01", cwd=project)


def test_errors_are_never_remembered(project: Path) -> None:
    (project / "licensecheck.yaml").write_text(EXAMPLE.replace("release: hosted", "release: everywhere"))
    assert run_subprocess("check", cwd=project).exit_code == 2
    assert entries() == []
