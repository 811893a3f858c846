"""`licensecheck init`: a commented starter manifest that `check` accepts; questions on a
terminal only."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from licensecheck import manifest as manifest_mod
from licensecheck.manifest import ModelKind, Release, Use
from tests.conftest import read_until_closed, run_cli


def test_init_off_a_terminal_asks_nothing_and_writes_strict_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "acme-chat"
    project.mkdir()
    monkeypatch.chdir(project)
    run = run_cli("init")  # Click's runner: stdin is no terminal and holds no answers
    assert run.exit_code == 0, run.stderr
    assert "?" not in run.stdout and "Wrote licensecheck.yaml" in run.stdout
    text = Path("licensecheck.yaml").read_text()
    assert (
        text.startswith("# licensecheck.yaml")
        and "\nteachers: []\n" in text
        and "#   - model: openai:gpt-4o" in text
    )
    parsed = manifest_mod.load("licensecheck.yaml")
    assert parsed.project.name == "acme-chat" and parsed.project.student is not None
    assert parsed.project.student.name == "acme-chat" and parsed.project.student.base_model is None
    assert (parsed.project.use, parsed.project.release, parsed.project.model_kind) == (
        Use.COMMERCIAL,
        Release.OPEN_WEIGHTS,
        ModelKind.GENERAL_LLM,
    )
    assert parsed.teachers == () and parsed.datasets == () and parsed.waivers == ()
    check = run_cli("check")
    # A fresh manifest declares nothing yet: that is not a pass.
    assert check.exit_code == 1 and "declares no training inputs" in check.stdout


def test_init_takes_its_options(tmp_path: Path) -> None:
    path = tmp_path / "ml" / "licensecheck.yaml"
    path.parent.mkdir()
    run = run_cli(
        "init", str(path), "--name", "2024", "--use", "research", "--release", "internal",
        "--model-kind", "classifier", "--student", "yes", "--base-model", "Qwen/Qwen2.5-7B", "--domicile", "de",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    parsed = manifest_mod.load(path)
    # Values YAML would read as a number or a boolean stay strings.
    assert parsed.project.name == "2024" and parsed.project.student and parsed.project.student.name == "yes"
    assert parsed.project.student.base_model and parsed.project.student.base_model.text == "Qwen/Qwen2.5-7B"
    assert parsed.project.use is Use.RESEARCH and parsed.project.release is Release.INTERNAL
    assert parsed.project.model_kind is ModelKind.CLASSIFIER and parsed.project.domicile == "DE"
    assert run_cli("check", str(path)).exit_code == 0


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.write_text("mine\n")
    run = run_cli("init", str(path))
    assert run.exit_code == 2 and "already exists; pass --force" in run.stderr
    assert path.read_text() == "mine\n"
    assert run_cli("init", str(path), "--force", "--name", "p").exit_code == 0
    assert manifest_mod.load(path).project.name == "p"


def test_init_writes_nothing_it_would_reject(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    run = run_cli("init", str(path), "--domicile", "Germany")
    assert run.exit_code == 2 and "domicile" in run.stderr
    assert not path.exists()


def init_on_a_terminal(tmp_path: Path, answers: list[str]) -> tuple[int, str]:
    """`licensecheck init` on a pseudo-terminal, the answers typed ahead (the terminal queues
    the lines and each prompt reads the next): its exit code and what it showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "licensecheck", "init"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(slave)
    # If a prompt kept refusing, the child would wait for input for ever: end it instead.
    guard = threading.Timer(60, proc.kill)
    guard.start()
    os.write(master, ("\n".join(answers) + "\n").encode())
    shown = read_until_closed(master)
    guard.cancel()
    code = proc.wait(timeout=60)
    os.close(master)
    return code, shown


def test_init_on_a_terminal_asks(tmp_path: Path) -> None:
    answers = [
        "acme-support",
        "research",
        "hosted",
        "code-llm",
        "Llama-Acme-8B",
        "meta-llama/Llama-3.1-8B",
        "US",
    ]
    code, shown = init_on_a_terminal(tmp_path, answers)
    assert code == 0, shown
    assert "Project name [" in shown and "Use (commercial, research) [commercial]" in shown
    parsed = manifest_mod.load(tmp_path / "licensecheck.yaml")
    assert parsed.project.name == "acme-support" and parsed.project.use is Use.RESEARCH
    assert parsed.project.release is Release.HOSTED and parsed.project.model_kind is ModelKind.CODE_LLM
    assert parsed.project.student and parsed.project.student.name == "Llama-Acme-8B"
    assert (
        parsed.project.student.base_model
        and parsed.project.student.base_model.text == "meta-llama/Llama-3.1-8B"
    )
    assert parsed.project.domicile == "US"


def test_yes_asks_nothing_even_on_a_terminal(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", "init", "--yes"],
        stdin=slave,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    os.close(slave)
    os.close(master)
    assert proc.returncode == 0 and "[" not in proc.stdout
    assert manifest_mod.load(tmp_path / "licensecheck.yaml").project.use is Use.COMMERCIAL


def test_init_has_help() -> None:
    run = run_cli("init", "--help")
    assert run.exit_code == 0 and "--base-model" in run.stdout and "--force" in run.stdout


def test_init_asks_again_after_a_bad_answer(tmp_path: Path) -> None:
    answers = [
        "acme",
        "commercial",
        "open-weights",
        "general-llm",
        "Acme-8B",
        "gpt-4o",
        "Qwen/Qwen2.5-7B",
        "XX",
        "de",
    ]
    code, shown = init_on_a_terminal(tmp_path, answers)
    assert code == 0, shown
    # Each bad answer is refused with its reason and asked again; the good one is kept.
    assert "did you mean openai:gpt-4o?" in shown and "'XX'" in shown
    assert (
        shown.count("Base model (empty: from scratch)") == 2
        and shown.count("Domicile, ISO country code") == 2
    )
    parsed = manifest_mod.load(tmp_path / "licensecheck.yaml")
    assert parsed.project.student and parsed.project.student.base_model
    assert parsed.project.student.base_model.text == "Qwen/Qwen2.5-7B" and parsed.project.domicile == "DE"
