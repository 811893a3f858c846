"""`check` must not import what it does not need: Click (for plain arguments), other commands,
the Hub client, jsonschema, the SPDX licence index, spdx-tools' document model, other report
formats. Asserted on the module table, not on timings (those are measured by
benchmarks/bench.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, WriteManifest, loaded_modules


def imported(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_check_does_not_import_heavy_libraries() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules  # the probe really ran a check
    heavy: tuple[str, ...] = ("huggingface_hub", "spdx_tools", "requests", "httpx", "jsonschema")
    heavy += ("license_expression",)
    # The SBOM formats' libraries load only on the sbom path, card reading only with the Hub.
    heavy += ("cyclonedx", "spdx_python_model", "pyshacl", "rdflib", "licensecheck.sbom_cyclonedx")
    heavy += ("licensecheck.sbom_spdx3", "licensecheck.cardprovenance", "licensecheck.quotes")
    heavy += ("licensecheck.scan",)  # the code and data scan loads only with --scan
    for name in (*heavy, "licensecheck.report.json", "licensecheck.report.sarif", "licensecheck.audit"):
        assert not imported(modules, name), name


def test_plain_check_arguments_run_without_click_or_other_commands() -> None:
    example = str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml")
    modules = loaded_modules("check", "--summary", "--as-of", "2026-01-01", example)
    assert "licensecheck.cli.checkrun" in modules and "licensecheck.engine" in modules
    assert not imported(modules, "click")
    others = ("audit", "sbom", "explain", "lock", "resolve", "init", "schema", "registry", "main")
    assert not any(f"licensecheck.cli.{name}" in modules for name in others)
    # Every id is in the catalogue: the Hub client, its cache and its thread pool stay unloaded.
    for name in ("licensecheck.hub", "licensecheck.hubcache", "concurrent.futures", "http.client"):
        assert not imported(modules, name), name


def test_anything_else_runs_through_click_and_only_its_command() -> None:
    example = str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml")
    modules = loaded_modules("check", "--help", example)
    assert imported(modules, "click") and "licensecheck.cli.check" in modules
    assert "licensecheck.cli.audit" not in modules and "licensecheck.engine" not in modules


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


def test_a_valid_manifest_is_checked_without_jsonschema_or_the_spdx_index(manifest: WriteManifest) -> None:
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    path = manifest(text)
    first = loaded_modules("check", str(path))  # a first run checks the policy, then remembers it
    assert "licensecheck.engine" in first and "license_expression" not in first
    assert "licensecheck.classcache" in first  # the record classes' methods come compiled
    again = loaded_modules("check", str(path))  # unchanged: the remembered answer (cli/replay.py)
    assert not imported(again, "licensecheck.engine") and not imported(again, "yaml")
    # ... which makes no record class, so neither dataclasses nor its compiled methods load.
    assert "dataclasses" not in again and "licensecheck.classcache" not in again
    path.write_text(text.replace("acme-reasoner", "acme-reasoner-2"))  # edited: judged afresh
    modules = loaded_modules("check", str(path))
    assert "licensecheck.engine" in modules  # the probe really ran a check
    assert "jsonschema" not in modules and "license_expression" not in modules
    # Regular expressions come compiled too (recache.py), and `inspect`, which dataclasses
    # imports for records without a docstring, stands deferred (deferred.py): not loaded.
    assert "licensecheck.recache" in modules and "licensecheck.deferred" in modules
    assert not {"ast", "dis", "tokenize", "linecache"} & modules
    # A manifest the schema rejects is still told so by jsonschema's errors, located.
    path.write_text(text.replace("release: hosted", "release: everywhere"))
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "release must be one of" in proc.stderr
    # An expression beyond the shipped id table is read by license-expression.
    path.write_text(text.replace("CC0-1.0", "(CC0-1.0 OR MIT)"))
    assert "license_expression" in loaded_modules("check", str(path))


def test_an_offline_lookup_loads_neither_the_hub_client_nor_threads(manifest: WriteManifest) -> None:
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    path = manifest(text.replace("  - model: deepseek-ai/DeepSeek-R1\n", "  - model: nobody/unknown-model\n", 1))
    modules = loaded_modules("check", "--offline", str(path))
    assert "licensecheck.engine" in modules and "licensecheck.hubsettings" in modules
    assert not {"licensecheck.hub", "threading", "http.client"} & modules  # nothing is asked
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", "check", "--offline", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "nobody/unknown-model is not in the registry, and its Hub lookup failed: offline" in proc.stdout


def test_a_plain_html_audit_loads_only_what_the_page_needs() -> None:
    """`audit --format html` without -o or --sign-off: no Click, no other format, and no
    sign-off reader until a run gives one."""
    example = str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml")
    modules = loaded_modules("audit", "--format", "html", "--as-of", "2026-01-01", example)
    assert "licensecheck.cli.fastaudit" in modules and "licensecheck.report.html" in modules
    assert "licensecheck.report.groups" in modules and "licensecheck.audit" in modules
    for name in ("click", "licensecheck.signoff", "licensecheck.report.markdown"):
        assert not imported(modules, name), name
    for name in ("licensecheck.report.audit_json", "licensecheck.sbom", "markdown_it", "spdx_tools"):
        assert not imported(modules, name), name
