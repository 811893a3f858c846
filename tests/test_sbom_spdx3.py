"""`licensecheck sbom --format spdx3`: SPDX 3.0.1 JSON-LD documents, checked offline against
the SPDX 3.0.1 SHACL model and read back with spdx-python-model's JSON-LD deserialiser."""

from __future__ import annotations

import io
import json
import socket
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from spdx_python_model.bindings import v3_0_1 as spdx3

from licensecheck import sbom_spdx3
from licensecheck.refs import normalise
from tests.conftest import run_cli
from tests.sbom_helpers import CASES, MIXED, Case, check_terms, own_terms, spdx2_terms, write_sbom

NO_ASSERTION = sbom_spdx3.NO_ASSERTION_LICENSE


def read_valid(text: str) -> spdx3.SHACLObjectSet:
    """Conforms to the SPDX 3.0.1 model, and the binding reads it back."""
    assert sbom_spdx3.validate(text) == []
    objects = spdx3.SHACLObjectSet()
    spdx3.JSONLDDeserializer().read(io.BytesIO(text.encode()), objects)
    [document] = objects.foreach_type(spdx3.SpdxDocument)
    info = document.creationInfo
    assert isinstance(info, spdx3.CreationInfo) and info.specVersion == "3.0.1"
    return objects


def packages(objects: spdx3.SHACLObjectSet) -> dict[str, Any]:
    return {str(p.name): p for p in objects.foreach_type(spdx3.software_Package)}


def props(element: Any, name: str) -> list[str]:
    return [
        entry.extension_cdxPropValue
        for ext in element.extension
        for entry in ext.extension_cdxProperty
        if entry.extension_cdxPropName == f"licensecheck:{name}"
    ]


def relations(objects: spdx3.SHACLObjectSet) -> dict[str, set[tuple[str, str]]]:
    """relationship type -> {(from, to)}, by name; licences by their expression."""

    def label(element: Any) -> str:
        if isinstance(element, str):
            return "NOASSERTION" if element == NO_ASSERTION else element
        if isinstance(element, spdx3.simplelicensing_LicenseExpression):
            return str(element.simplelicensing_licenseExpression)
        return str(element.name)

    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in objects.foreach_type(spdx3.Relationship):
        kind = str(r.relationshipType).rsplit("/", 1)[-1]
        out[kind] |= {(label(r.from_), label(to)) for to in r.to}
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_conforms_names_the_terms_check_applied_and_round_trips(tmp_path: Path, case: Case) -> None:
    objects = read_valid(write_sbom(case, tmp_path / "doc.spdx3.json", "spdx3"))
    found = packages(objects)
    named = {t for p in found.values() for t in props(p, "terms")}
    spdx2 = spdx2_terms(write_sbom(case, tmp_path / "doc.spdx.json", "spdx"))
    assert named and named == check_terms(case) == spdx2

    result = case.result()
    student = result.inputs.project.student
    assert student is not None and isinstance(found[student.name], spdx3.ai_AIPackage)
    for s in result.subjects:
        kind = spdx3.dataset_DatasetPackage if s.role.value == "dataset" else spdx3.ai_AIPackage
        assert isinstance(found[s.ref], kind), s.ref
    # Exactly one declared and one concluded licence each; concluded = the terms applied.
    rels = relations(objects)
    for licence in ("hasDeclaredLicense", "hasConcludedLicense"):
        assert sorted(name for name, _ in rels[licence]) == sorted(found)
    concluded = dict(rels["hasConcludedLicense"])
    for ref, terms in own_terms(result).items():
        name = next(n for n in found if normalise(n) == ref)
        if terms and all(t.spdx for t in terms):
            assert set(concluded[name].split(" AND ")) == {t.spdx for t in terms}, name
        else:
            assert concluded[name] == "NOASSERTION", name
    assert concluded[student.name] == "NOASSERTION"  # the student's licence is not declared


def test_training_relationships_and_licences(tmp_path: Path) -> None:
    objects = read_valid(write_sbom(MIXED, tmp_path / "m.json", "spdx3"))
    rels = relations(objects)
    student = "Mixed-Student-7B"
    assert rels["trainedOn"] == {
        (student, "windowed:chat"),  # a teacher's outputs
        (student, "nobody/unknown-model"),
        (student, "org/nc-data"),
        (student, "data/local.jsonl"),
        (student, "https://example.test/data.tar"),
    }
    assert rels["usesTool"] == {(student, "closed:big-model")}  # a judge
    assert rels["descendantOf"] == {(student, "org/fam-finetune"), ("org/fam-finetune", "fam/fam-base")}
    assert rels["generates"] == {("closed:big-model", "org/nc-data"), ("org/open-model", "data/local.jsonl")}
    [dated] = [r for r in objects.foreach_type(spdx3.Relationship) if r.startTime is not None]
    assert dated.startTime is not None and dated.endTime is not None
    assert (dated.startTime.date().isoformat(), dated.endTime.date().isoformat()) == (
        "2022-12-01",
        "2023-02-01",
    )

    found = packages(objects)
    declared, concluded = dict(rels["hasDeclaredLicense"]), dict(rels["hasConcludedLicense"])
    # Fail closed: unknown terms are NOASSERTION, never a permissive licence.
    assert declared["nobody/unknown-model"] == concluded["nobody/unknown-model"] == "NOASSERTION"
    assert props(found["nobody/unknown-model"], "verdict") == ["needs-review"]
    # Declared as the manifest says; concluded as the registry terms judged (MIT's, there).
    assert declared["data/local.jsonl"] == "MIT OR LicenseRef-house-terms"
    assert concluded["data/local.jsonl"] == "LicenseRef-open"
    assert concluded["fam/fam-base"] == "NOASSERTION" and declared["fam/fam-base"] == "LicenseRef-family"
    [family] = [
        e
        for e in objects.foreach_type(spdx3.simplelicensing_LicenseExpression)
        if e.simplelicensing_licenseExpression == "LicenseRef-family"
    ]
    assert [(d.key, d.value) for d in family.simplelicensing_customIdToUri if not isinstance(d, str)] == [
        ("LicenseRef-family", "https://example.test/family")
    ]
    data = found["org/nc-data"]
    assert data.dataset_datasetType == [spdx3.dataset_DatasetType.noAssertion]
    assert found["org/open-model"].software_packageUrl == "pkg:huggingface/org/open-model"
    [document] = objects.foreach_type(spdx3.SpdxDocument)
    assert props(document, "verdict") == ["prohibited"] and props(document, "as-of") == ["2025-01-01"]


def test_the_validator_rejects_what_breaks_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = write_sbom(CASES[0], tmp_path / "good.json", "spdx3")
    data = json.loads(text)
    [dataset] = [e for e in data["@graph"] if e["type"] == "dataset_DatasetPackage"]
    dataset["dataset_datasetType"] = ["chatlogs"]
    assert any("datasetType" in p for p in sbom_spdx3.validate(json.dumps(data)))
    del dataset["dataset_datasetType"]  # required
    assert any("datasetType" in p for p in sbom_spdx3.validate(json.dumps(data)))
    assert sbom_spdx3.validate(json.dumps({**json.loads(text), "@context": "https://example.test/ctx"}))
    # A relationship to something that is not an element: the command writes nothing.
    monkeypatch.setattr(sbom_spdx3, "NO_ASSERTION_LICENSE", "https://example.test/not-a-licence")
    out = tmp_path / "bad.json"
    run = run_cli("sbom", str(MIXED.manifest), "--format", "spdx3", "-o", str(out), *MIXED.args)
    assert run.exit_code == 2 and "the SPDX 3 document is not valid" in run.stderr
    assert not out.exists()


def test_validation_never_reaches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    objects = read_valid(write_sbom(CASES[0], tmp_path / "x.json", "spdx3"))
    assert list(objects.foreach_type(spdx3.ai_AIPackage))  # validated in full, offline


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    first = write_sbom(MIXED, tmp_path / "1.json", "spdx3")
    assert write_sbom(MIXED, tmp_path / "2.json", "spdx3") == first
    [info] = [e for e in json.loads(first)["@graph"] if e["type"] == "CreationInfo"]
    assert info["created"] == "2025-01-01T00:00:00Z"
    run = run_cli("sbom", str(MIXED.manifest), "--format", "spdx3", "-o", "-", *MIXED.args)
    assert run.exit_code == 0 and run.stdout == first
