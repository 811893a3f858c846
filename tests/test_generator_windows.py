"""A dated generation window shared by several writers starts, for each writer, no earlier than
that writer's release: terms in force before a model existed never governed its outputs."""

from __future__ import annotations

import json

from tests.conftest import SMALL_ORG, WriteManifest, findings, project_yaml, run_cli

DATA = """datasets:
  - path: data.jsonl
    license: MIT
    generated_by: [anthropic:claude-3-7-sonnet-20250219, openai:gpt-4o]
    generated: {from: 2024-06-01, until: 2025-08-01}
"""


def reasons_of(manifest: WriteManifest, ref: str) -> str:
    path = manifest(project_yaml(use="research", release="internal", kind="classifier", **SMALL_ORG) + DATA)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    return " ".join(r for f in findings(json.loads(run.stdout), ref, "generator") for r in f["reasons"])


def test_a_writer_released_inside_the_window_is_judged_from_its_release(manifest: WriteManifest) -> None:
    said = reasons_of(manifest, "anthropic:claude-3-7-sonnet-20250219")
    assert "used from 2025-02-24" in said  # Claude 3.7 Sonnet's release, as the catalogue records it
    assert "2024-06-01" not in said


def test_a_writer_released_before_the_window_keeps_the_windows_start(manifest: WriteManifest) -> None:
    assert "used from 2024-06-01" in reasons_of(manifest, "openai:gpt-4o")
