"""A fresh `pip install .` in a new virtual environment finds the registry and policies
inside the package (no path back into the checkout) and judges every example."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

EXPECTED = {
    "r1-reasoning-distill": "permitted",
    "gpt4o-chat-distill": "prohibited",
    "llama-teacher-named": "conditional",
    "alpaca-commercial": "prohibited",
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fresh")
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(REPO)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root


def test_examples_from_a_fresh_install(installed: Path, tmp_path: Path) -> None:
    exe = installed / "venv" / "bin" / "licensecheck"
    for name, verdict in EXPECTED.items():
        # Run from an empty directory so nothing can be found through the checkout.
        proc = subprocess.run(
            [str(exe), "check", str(EXAMPLES / name / "licensecheck.yaml"), "--format", "json"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert json.loads(proc.stdout)["verdict"] == verdict, name


@pytest.mark.parametrize("output_format", ["cyclonedx", "spdx3"])
def test_bills_of_materials_from_a_fresh_install(installed: Path, tmp_path: Path, output_format: str) -> None:
    exe = installed / "venv" / "bin" / "licensecheck"
    out = tmp_path / "inputs.json"
    manifest = EXAMPLES / "llama-teacher-named" / "licensecheck.yaml"
    proc = subprocess.run(
        [str(exe), "sbom", str(manifest), "--format", output_format, "-o", str(out), "--offline"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    # Validated in the installed package (its shipped schemas and SPDX 3 model), then written.
    assert proc.returncode == 0, proc.stderr
    assert '"meta-llama/Llama-3.3-70B-Instruct"' in out.read_text()


def test_data_ships_inside_the_package(installed: Path) -> None:
    python = installed / "venv" / "bin" / "python"
    probe = "from licensecheck.registry import data_root; print(data_root())"
    out = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, cwd=installed, check=True
    )
    root = Path(out.stdout.strip())
    assert root.name == "_data" and "site-packages" in str(root)
    assert (root / "registry" / "registry.yaml").is_file()
    assert (root / "policies" / "default.yaml").is_file()


def test_wheel_contains_registry_policies_and_schemas(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("licensecheck_ml-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "licensecheck/_data/registry/registry.yaml" in names
    assert "licensecheck/_data/policies/default.yaml" in names
    assert "licensecheck/schemas/manifest.schema.json" in names
    # What SPDX 3 validation reads instead of fetching it.
    assert "licensecheck/schemas/spdx3/spdx-context.jsonld" in names
    assert "licensecheck/schemas/spdx3/spdx-model.ttl" in names
    assert any(n.startswith("licensecheck/_data/registry/terms/") for n in names)
