"""`licensecheck sbom`: SPDX 2.3 documents of the training inputs, read back and validated
with spdx-tools; every SPDX file a test writes passes spdx-tools' validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spdx_tools.spdx.model.document import Document
from spdx_tools.spdx.model.relationship import RelationshipType
from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
from spdx_tools.spdx.parser.parse_anything import parse_file
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from tests.conftest import EXAMPLES, WriteManifest, run_cli, run_subprocess

REGISTRY = str(Path(__file__).parent / "data" / "registry")
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "licensecheck.yaml").is_file())

SYNTH = """\
licensecheck: 1
project:
  name: synth
  use: research
  release: internal
  student:
    name: Fam-Student-7B
    base_model: org/fam-finetune
teachers:
  - model: closed:big-model
    via: router
    purpose: synthetic-data
    from: 2024-01-01
    until: 2024-02-01
  - model: nobody/unknown-model
datasets:
  - id: org/nc-data
  - path: data/local.jsonl
    license: MIT OR LicenseRef-house-terms
    generated_by: [org/open-model]
  - url: https://example.test/data.tar
"""


def read_valid(path: Path) -> Document:
    """Parse an SPDX file with spdx-tools and assert it passes full validation."""
    document = parse_file(str(path))
    messages = validate_full_spdx_document(document)
    assert not messages, [m.validation_message for m in messages]
    assert document.creation_info.spdx_version == "SPDX-2.3"
    return document


def sbom(manifest: Path, out: Path, *extra: str) -> Document:
    run = run_cli("sbom", str(manifest), "-o", str(out), *extra)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "" and f"wrote {out}" in run.stderr
    return read_valid(out)


def packages(document: Document) -> dict[str, Any]:
    return {p.name: p for p in document.packages}


def relations(document: Document) -> set[tuple[str, str, str]]:
    names = {p.spdx_id: p.name for p in document.packages}
    names["SPDXRef-DOCUMENT"] = "DOCUMENT"
    return {
        (names[r.spdx_element_id], r.relationship_type.name, names[str(r.related_spdx_element_id)])
        for r in document.relationships
    }


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_exports_a_valid_spdx_document(tmp_path: Path, name: str) -> None:
    manifest = EXAMPLES / name / "licensecheck.yaml"
    document = sbom(manifest, tmp_path / f"{name}.spdx.json")
    audit = run_cli("audit", str(manifest), "--format", "json", "--as-of", "2026-11-23").json
    # The same inputs as the audit's lineage: one package per node.
    assert sorted(packages(document)) == sorted(n["label"] for n in audit["lineage"]["nodes"])
    student = audit["project"]["student"]
    assert ("DOCUMENT", "DESCRIBES", student) in relations(document)


def test_packages_licences_and_relationships(tmp_path: Path) -> None:
    document = sbom(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml", tmp_path / "r1.spdx.json")
    pkgs = packages(document)
    teacher = pkgs["deepseek-ai/DeepSeek-R1"]
    assert str(teacher.license_declared) == "MIT"
    assert teacher.download_location == "https://huggingface.co/deepseek-ai/DeepSeek-R1"  # a recorded URL
    assert [r.locator for r in teacher.external_references] == ["pkg:huggingface/deepseek-ai/DeepSeek-R1"]
    assert "teacher" in teacher.comment and "generator" in teacher.comment  # one package, both roles
    assert str(pkgs["Qwen/Qwen2.5-7B"].license_declared) == "Apache-2.0"
    data = pkgs["data/r1-reasoning-traces.jsonl"]
    assert str(data.license_declared) == "CC0-1.0" and data.download_location == SpdxNoAssertion()
    assert data.file_name == "data/r1-reasoning-traces.jsonl"
    assert pkgs["Acme-Reasoner-7B"].license_declared == SpdxNoAssertion()
    assert relations(document) == {
        ("DOCUMENT", "DESCRIBES", "Acme-Reasoner-7B"),
        ("Acme-Reasoner-7B", "DESCENDANT_OF", "Qwen/Qwen2.5-7B"),
        ("deepseek-ai/DeepSeek-R1", "BUILD_TOOL_OF", "Acme-Reasoner-7B"),
        ("data/r1-reasoning-traces.jsonl", "BUILD_DEPENDENCY_OF", "Acme-Reasoner-7B"),
        ("deepseek-ai/DeepSeek-R1", "GENERATES", "data/r1-reasoning-traces.jsonl"),
    }
    comments = {
        r.relationship_type: r.comment or "" for r in document.relationships
    }  # None would fail below as ""
    assert "distillation" in comments[RelationshipType.BUILD_TOOL_OF]
    assert "2025-02-01 to 2025-03-15" in comments[RelationshipType.BUILD_TOOL_OF]


def test_service_terms_become_extracted_licences(tmp_path: Path) -> None:
    document = sbom(EXAMPLES / "gpt4o-chat-distill" / "licensecheck.yaml", tmp_path / "g.spdx.json")
    teacher = packages(document)["openai:gpt-4o"]
    assert str(teacher.license_declared) == "LicenseRef-openai-services-agreement"
    assert teacher.download_location == SpdxNoAssertion()
    [info] = document.extracted_licensing_info
    assert info.license_id == "LicenseRef-openai-services-agreement"
    assert info.license_name == "OpenAI Services Agreement"
    assert info.cross_references and info.cross_references[0].startswith("https://openai.com/")


def test_lineage_unknown_models_and_declared_licence_refs(manifest: WriteManifest, tmp_path: Path) -> None:
    # --offline: the unknown Hub id must not send the test to the internet.
    document = sbom(manifest(SYNTH), tmp_path / "s.spdx.json", "--registry", REGISTRY, "--offline")
    pkgs = packages(document)
    # The base model's registry lineage (org/fam-finetune <- fam/fam-base) is a package too.
    assert ("org/fam-finetune", "DESCENDANT_OF", "fam/fam-base") in relations(document)
    assert str(pkgs["fam/fam-base"].license_declared) == "LicenseRef-family"
    assert pkgs["nobody/unknown-model"].license_declared == SpdxNoAssertion()
    assert "Its terms are unknown" in pkgs["nobody/unknown-model"].license_comment
    assert str(pkgs["data/local.jsonl"].license_declared) == "MIT OR LicenseRef-house-terms"
    assert pkgs["https://example.test/data.tar"].download_location == "https://example.test/data.tar"
    assert pkgs["https://example.test/data.tar"].license_declared == SpdxNoAssertion()
    assert ("closed:big-model", "GENERATES", "org/nc-data") in relations(document)  # from the catalogue
    assert ("org/open-model", "GENERATES", "data/local.jsonl") in relations(document)
    refs = {i.license_id: i for i in document.extracted_licensing_info}
    assert refs["LicenseRef-house-terms"].license_name == SpdxNoAssertion()
    assert refs["LicenseRef-family"].license_name == "Family Licence"
    [teacher] = [
        r
        for r in document.relationships
        if r.relationship_type is RelationshipType.BUILD_TOOL_OF
        and pkgs["closed:big-model"].spdx_id == r.spdx_element_id
    ]
    assert (
        teacher.comment
        == "teacher (synthetic-data via router, 2024-01-01 to 2024-02-01): its outputs train the student"
    )


@pytest.mark.parametrize(
    ("dates", "declared"),
    [
        ("from: 2022-03-01\n    until: 2022-04-01", "LicenseRef-open"),
        ("from: 2024-03-01\n    until: 2024-04-01", "LicenseRef-closed"),
        ("from: 2022-12-01\n    until: 2023-02-01", "LicenseRef-open AND LicenseRef-closed"),
        ("from: 2020-01-01", "LicenseRef-open AND LicenseRef-closed"),  # in use until the as-of date
    ],
)
def test_terms_in_force_when_a_teacher_was_used(
    manifest: WriteManifest, tmp_path: Path, dates: str, declared: str
) -> None:
    text = SYNTH.split("teachers:")[0] + f"teachers:\n  - model: windowed:chat\n    {dates}\n"
    document = sbom(manifest(text), tmp_path / "w.spdx.json", "--registry", REGISTRY, "--as-of", "2025-01-01")
    assert str(packages(document)["windowed:chat"].license_declared) == declared


def test_as_of_chooses_the_terms_of_undated_use(manifest: WriteManifest, tmp_path: Path) -> None:
    text = SYNTH.split("teachers:")[0] + "teachers:\n  - model: windowed:chat\n"
    old = sbom(manifest(text), tmp_path / "old.spdx.json", "--registry", REGISTRY, "--as-of", "2022-06-01")
    new = sbom(manifest(text), tmp_path / "new.spdx.json", "--registry", REGISTRY, "--as-of", "2025-06-01")
    assert str(packages(old)["windowed:chat"].license_declared) == "LicenseRef-open"
    assert str(packages(new)["windowed:chat"].license_declared) == "LicenseRef-closed"


@pytest.mark.parametrize("suffix", [".spdx", ".yaml", ".xml"])
def test_other_serializations_are_valid_too(tmp_path: Path, suffix: str) -> None:
    document = sbom(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml", tmp_path / f"a{suffix}")
    assert "tatsu-lab/alpaca" in packages(document)


def test_deterministic_but_for_the_created_line(tmp_path: Path) -> None:
    manifest = EXAMPLES / "llama-teacher-named" / "licensecheck.yaml"
    outputs: list[str] = []
    for epoch in ("1700000000", "1800000000", "1700000000"):
        out = tmp_path / f"{epoch}-{len(outputs)}.spdx.json"
        run = run_cli("sbom", str(manifest), "-o", str(out), env={"SOURCE_DATE_EPOCH": epoch})
        assert run.exit_code == 0, run.stderr
        read_valid(out)
        outputs.append(out.read_text())
    assert outputs[0] == outputs[2]
    differ = [(a, b) for a, b in zip(outputs[0].splitlines(), outputs[1].splitlines(), strict=True) if a != b]
    assert differ == [
        ('        "created": "2023-11-14T22:13:20Z",', '        "created": "2027-01-15T08:00:00Z",')
    ]


def test_dated_from_the_as_of_day_so_two_runs_give_the_same_bytes(tmp_path: Path) -> None:
    manifest = EXAMPLES / "llama-teacher-named" / "licensecheck.yaml"
    outputs = []
    for n in range(2):
        out = tmp_path / f"{n}.spdx.json"
        sbom(manifest, out, "--as-of", "2026-03-04")
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["creationInfo"]["created"] == "2026-03-04T00:00:00Z"


def test_standard_output(tmp_path: Path) -> None:
    run = run_cli("sbom", str(EXAMPLES / "gpt4o-chat-distill" / "licensecheck.yaml"), "-o", "-")
    assert run.exit_code == 0, run.stderr
    out = tmp_path / "stdout.spdx.json"
    out.write_text(run.stdout)
    assert json.loads(run.stdout)["spdxVersion"] == "SPDX-2.3"
    read_valid(out)


def test_input_errors_write_nothing(manifest: WriteManifest, tmp_path: Path) -> None:
    bad = manifest(
        "licensecheck: 1\nproject:\n  name: x\n  use: commercial\n  release: hosted\nteacher: []\n"
    )
    out = tmp_path / "bad.spdx.json"
    run = run_cli("sbom", str(bad), "-o", str(out))
    assert run.exit_code == 2 and "unknown field 'teacher'" in run.stderr and not out.exists()
    good = EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"
    run = run_cli("sbom", str(good), "-o", str(tmp_path / "x.txt"))
    assert run.exit_code == 2 and "unknown SPDX file type" in run.stderr and not (tmp_path / "x.txt").exists()
    run = run_cli("sbom", str(good), "-o", str(tmp_path / "no" / "dir" / "x.spdx.json"))
    assert run.exit_code == 2 and "cannot write" in run.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "licensecheck.yaml"]  # no partial files left behind
    assert run_cli("sbom", str(good)).exit_code == 2  # -o is required


def test_sbom_in_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "inputs.spdx.json"
    run = run_subprocess("sbom", str(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml"), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    read_valid(out)
