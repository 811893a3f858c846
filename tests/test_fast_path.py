"""`check` must not import what it does not need: the Hub client, spdx-tools' document
model, other report formats. Asserted on the module table, not on timings (those are
measured by benchmarks/bench_check.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES, WriteManifest, loaded_modules


def test_check_does_not_import_heavy_libraries() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules  # the probe really ran a check
    for heavy in ("huggingface_hub", "spdx_tools", "requests", "httpx", "licensecheck.report.json"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_check_without_licence_expressions_does_not_load_the_spdx_index() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "gpt4o-chat-distill" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules
    assert "license_expression" not in modules


def test_a_valid_manifest_is_checked_without_jsonschema_or_the_spdx_index(manifest: WriteManifest) -> None:
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    path = manifest(text)
    first = loaded_modules("check", str(path))  # a first run checks the policy, then remembers it
    assert "licensecheck.engine" in first and "license_expression" not in first
    for edit in (text, text.replace("acme-reasoner", "acme-reasoner-2")):  # again, and once edited
        path.write_text(edit)
        modules = loaded_modules("check", str(path))
        assert "licensecheck.engine" in modules  # the probe really ran a check
        assert "jsonschema" not in modules and "license_expression" not in modules
    # A manifest the schema rejects is still told so by jsonschema's errors, located.
    path.write_text(text.replace("release: hosted", "release: everywhere"))
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "release must be one of" in proc.stderr
    # An expression beyond the shipped id table is read by license-expression.
    path.write_text(text.replace("CC0-1.0", "(CC0-1.0 OR MIT)"))
    assert "license_expression" in loaded_modules("check", str(path))
