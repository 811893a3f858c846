"""cli/fastcheck.py reads `check`'s plain arguments exactly as Click does, and leaves all else to
Click: the same run, the same bytes, the same exit code, with or without Click."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from licensecheck.cli import fastcheck
from licensecheck.cli.check import check
from licensecheck.report import CHECK_FORMATS
from tests.conftest import EXAMPLES, run_cli, run_subprocess

EXAMPLE = str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml")


def click_params(args: list[str]) -> dict[str, object]:
    with check.make_context("check", list(args)) as ctx:
        return dict(ctx.params)


@pytest.mark.parametrize(
    "args",
    [
        [],
        [EXAMPLE],
        [EXAMPLE, "other.yaml"],
        ["--summary", EXAMPLE],
        ["--verbose"],
        ["--format", "json", EXAMPLE],
        ["--format=sarif", EXAMPLE, "--fail-on", "conditional"],
        ["--as-of", "2025-01-01", "--offline", "--locked", EXAMPLE],
        ["--all", "--exclude", "a/*", "--exclude=b/*"],
        ["--policy", "policies/default.yaml", "--registry", "registry", EXAMPLE],
        ["--", EXAMPLE],
        ["--fail-on=prohibited", "--format", "junit", "--summary"],
    ],
)
def test_plain_arguments_read_as_click_reads_them(args: list[str]) -> None:
    options = fastcheck.parse(args)
    assert options is not None
    assert options == click_params(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--output", "x.sarif"],
        ["--format", "xml"],
        ["--format"],
        ["--fail-on", "maybe"],
        ["--as-of", "2025-13-01"],
        ["--as-of", "yesterday"],
        ["--summary", "--verbose"],
        ["--format", "json", "--format", "text"],
        ["--offline=yes"],
        ["--nonsense"],
        ["-"],
        ["--policy", "policies"],  # a directory: Click says so
        ["--registry", "README.md"],  # a file where a directory is wanted
        ["--", "-x.yaml"],
    ],
)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert fastcheck.parse(args) is None


def test_the_formats_are_the_report_table() -> None:
    assert tuple(CHECK_FORMATS) == fastcheck.FORMATS
    assert fastcheck.parse([])["as_of"] == datetime.date.today()  # type: ignore[index]


@pytest.mark.parametrize(
    "args",
    [
        ["check", EXAMPLE, "--as-of", "2026-01-01"],
        ["check", EXAMPLE, "--as-of", "2026-01-01", "--format", "json"],
        ["check", EXAMPLE, "--as-of", "2026-01-01", "--summary", "--fail-on", "prohibited"],
        ["check", "absent.yaml"],
        ["check", "--format", "xml", EXAMPLE],
    ],
)
def test_without_click_the_run_is_the_same(args: list[str], tmp_path: Path) -> None:
    fast = run_subprocess(*args, cwd=tmp_path if "absent.yaml" in args else None)
    slow = run_cli(*args)
    assert (fast.exit_code, fast.stdout) == (slow.exit_code, slow.stdout)
    # Click names the program as it was started: `cli` in its test runner.
    assert fast.stderr.replace("python -m licensecheck", "cli") == slow.stderr


def test_a_usage_error_found_late_is_worded_by_click(tmp_path: Path) -> None:
    run = run_subprocess("check", "--all", cwd=tmp_path)
    assert run.exit_code == 2
    assert "Usage:" in run.stderr and "--all: no licensecheck.yaml under" in run.stderr
    assert os.listdir(tmp_path) == []
