"""`check` must not import what it does not need: the Hub client, spdx-tools' document
model, other report formats. Asserted on the module table, not on timings (those are
measured by benchmarks/bench_check.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, WriteManifest, loaded_modules


def test_check_does_not_import_heavy_libraries() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules  # the probe really ran a check
    for heavy in (
        "huggingface_hub",
        "spdx_tools",
        "requests",
        "httpx",
        "licensecheck.report.json",
        # The SBOM formats' libraries load only on the sbom path.
        "cyclonedx",
        "spdx_python_model",
        "pyshacl",
        "rdflib",
        "licensecheck.sbom_cyclonedx",
        "licensecheck.sbom_spdx3",
        # The code and data scan loads only with --scan (or the scan command).
        "licensecheck.scan",
    ):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_check_loads_the_scan_only_when_asked(tmp_path: Path) -> None:
    manifest = tmp_path / "licensecheck.yaml"
    manifest.write_text((EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text())
    (tmp_path / "train.py").write_text(
        'from datasets import load_dataset\nload_dataset("tatsu-lab/alpaca")\n'
    )
    without = loaded_modules("check", str(manifest))
    assert "licensecheck.engine" in without and not any(m.startswith("licensecheck.scan") for m in without)
    scanned = loaded_modules("check", "--scan", str(manifest))
    assert {"licensecheck.scan.gate", "licensecheck.scan.code", "licensecheck.scan.data"} <= scanned


def test_check_without_licence_expressions_does_not_load_the_spdx_index() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "gpt4o-chat-distill" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules
    assert "license_expression" not in modules


def test_a_repeated_check_skips_validation_and_spdx_parsing_it_already_did(manifest: WriteManifest) -> None:
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    path = manifest(text)
    first = loaded_modules("check", str(path))
    assert {"jsonschema", "license_expression"} <= first  # a first run does the work
    again = loaded_modules("check", str(path))
    assert "licensecheck.engine" in again
    assert "jsonschema" not in again and "license_expression" not in again
    # Any change to what was validated is validated afresh: an error is never remembered away.
    path.write_text(text.replace("release: hosted", "release: everywhere"))
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "release must be one of" in proc.stderr
    path.write_text(text.replace("CC0-1.0", "CC0-1.0 OR MIT"))
    assert "license_expression" in loaded_modules("check", str(path))
