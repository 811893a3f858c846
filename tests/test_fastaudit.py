"""cli/fastaudit.py reads `audit`'s plain arguments exactly as Click does, and leaves all else to
Click: the same run, the same bytes, the same exit code, with or without Click."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from licensecheck.cli import fastaudit
from licensecheck.cli.audit import audit
from licensecheck.report import AUDIT_FORMATS
from tests.conftest import EXAMPLES, run_cli, run_subprocess

EXAMPLE = str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml")
OTHER = str(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml")


def click_params(args: list[str]) -> dict[str, object]:
    with audit.make_context("audit", list(args)) as ctx:
        return dict(ctx.params)


@pytest.mark.parametrize(
    "args",
    [
        [],
        [EXAMPLE],
        [EXAMPLE, "other.yaml"],
        ["--format", "html", EXAMPLE],
        ["--format=json", EXAMPLE, "--fail-on", "conditional"],
        ["--as-of", "2025-01-01", "--offline", "--locked", EXAMPLE],
        ["--policy", "policies/default.yaml", "--registry", "registry", EXAMPLE],
        ["--", EXAMPLE],
        ["--fail-on=prohibited", "--format", "markdown", "--as-of=2026-11-23"],
    ],
)
def test_plain_arguments_read_as_click_reads_them(args: list[str]) -> None:
    options = fastaudit.parse(args)
    assert options is not None
    assert options == click_params(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["-o", "audit.html"],
        ["--output=audit.html"],
        ["--sign-off", "signoff.yaml"],
        ["--format", "text"],
        ["--format", "HTML"],
        ["--format"],
        ["--fail-on", "maybe"],
        ["--as-of", "2025-13-01"],
        ["--format", "json", "--format", "html"],
        ["--offline=yes"],
        ["--all"],
        ["--nonsense"],
        ["-"],
        ["--policy", "policies"],  # a directory: Click says so
        ["--registry", "README.md"],  # a file where a directory is wanted
        ["--", "-x.yaml"],
    ],
)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert fastaudit.parse(args) is None


def test_the_formats_are_the_report_table() -> None:
    assert set(AUDIT_FORMATS) == set(fastaudit.FORMATS)
    assert fastaudit.parse([])["as_of"] == datetime.date.today()  # type: ignore[index]


@pytest.mark.parametrize(
    "args",
    [
        ["audit", EXAMPLE, "--as-of", "2026-01-01"],
        ["audit", EXAMPLE, "--as-of", "2026-01-01", "--format", "html"],
        ["audit", EXAMPLE, OTHER, "--as-of", "2026-01-01", "--format", "html", "--fail-on", "prohibited"],
        ["audit", EXAMPLE, "--as-of", "2026-01-01", "--format", "json"],
        ["audit", "absent.yaml", "--format", "html"],
        ["audit", "--format", "pdf", EXAMPLE],
    ],
)
def test_without_click_the_run_is_the_same(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # (the page says when it was made)
    fast = run_subprocess(*args, cwd=tmp_path if "absent.yaml" in args else None)
    slow = run_cli(*args)
    assert (fast.exit_code, fast.stdout) == (slow.exit_code, slow.stdout)
    # Click names the program as it was started: `cli` in its test runner.
    assert fast.stderr.replace("python -m licensecheck", "cli") == slow.stderr


def test_plain_arguments_run_without_importing_click(tmp_path: Path) -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['licensecheck', 'audit', {EXAMPLE!r}, '--format', 'html', '--as-of', '2026-01-01']\n"
        "try:\n"
        "    runpy.run_module('licensecheck', run_name='__main__')\n"
        "except SystemExit:\n"
        "    print('click' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert proc.stderr.strip().splitlines()[-1] == "False"
    assert "<html" in proc.stdout
