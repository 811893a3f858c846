"""`licensecheck sbom --format cyclonedx`: CycloneDX 1.6 ML-BOMs, checked with
cyclonedx-python-lib's own validator and read back with its JSON deserialiser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cyclonedx.model.bom import Bom
from cyclonedx.schema import SchemaVersion
from cyclonedx.spdx import is_supported_id
from cyclonedx.validation.json import JsonValidator

from licensecheck import sbom_cyclonedx
from licensecheck.refs import normalise
from tests.conftest import EXAMPLES, run_cli
from tests.sbom_helpers import CASES, MIXED, Case, check_terms, own_terms, spdx2_terms, write_sbom


def read_valid(text: str) -> dict[str, Any]:
    assert JsonValidator(SchemaVersion.V1_6).validate_str(text) is None
    data: dict[str, Any] = json.loads(text)
    assert data["bomFormat"] == "CycloneDX" and data["specVersion"] == "1.6"
    return data


def props(item: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in item.get("properties", []) if p["name"] == f"licensecheck:{name}"]


def components(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in data["components"]}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_valid_names_the_terms_check_applied_and_round_trips(tmp_path: Path, case: Case) -> None:
    data = read_valid(write_sbom(case, tmp_path / "bom.cdx.json", "cyclonedx"))
    named = {t for c in data["components"] for t in props(c, "terms")}
    spdx2 = spdx2_terms(write_sbom(case, tmp_path / "bom.spdx.json", "spdx"))
    assert named == check_terms(case) == spdx2
    assert named  # every case applies some terms: the comparison is never of two empty sets

    # Parsed back by the library: the same components, and each judged input's licences are
    # the terms the engine applied to it (SPDX ids where the SPDX list has them).
    bom = Bom.from_json(data)  # type: ignore[attr-defined]
    result = case.result()
    student = result.inputs.project.student
    assert student is not None and bom.metadata.component.name == student.name
    judged = {normalise(s.ref) for s in result.subjects}
    names = {c.name for c in bom.components}
    assert judged <= {normalise(n) for n in names}
    applied = own_terms(result)
    for component in bom.components:
        listed = {lic.id or lic.name for lic in component.licenses}
        if normalise(component.name) in judged:
            expected = {
                t.spdx if is_supported_id(t.spdx) else t.name for t in applied[normalise(component.name)]
            }
            assert listed == expected, component.name
    assert {str(d.ref) for d in bom.dependencies} == {*(c.bom_ref.value for c in bom.components), "student"}


def test_model_card_components_licences_and_dependencies(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "alpaca-commercial")
    data = read_valid(write_sbom(case, tmp_path / "a.json", "cyclonedx"))
    student = data["metadata"]["component"]
    assert student["type"] == "machine-learning-model" and student["name"] == "Acme-Instruct-7B"
    found = components(data)
    alpaca, base, davinci = (
        found["tatsu-lab/alpaca"],
        found["Qwen/Qwen2.5-7B"],
        found["openai:text-davinci-003"],
    )
    assert alpaca["type"] == "data" and base["type"] == davinci["type"] == "machine-learning-model"
    card = student["modelCard"]
    assert card["modelParameters"]["datasets"] == [{"ref": alpaca["bom-ref"]}]
    # The obligations to meet are the card's considerations, each with the clause behind it.
    [risk] = card["considerations"]["ethicalConsiderations"]
    assert "attribution" in risk["name"] and "stanford-alpaca-data" in risk["mitigationStrategy"]
    assert props(alpaca, "obligation") == [risk["name"]]
    check = run_cli("check", str(case.manifest), "--format", "json", *case.args).json
    assert props(data["metadata"], "verdict") == props(student, "verdict") == [check["verdict"]]
    assert props(data["metadata"], "as-of") == [case.as_of]
    for finding in check["findings"]:
        assert finding["verdict"] in props(found[finding["subject"]], "verdict")
    assert base["licenses"] == [{"license": {"id": "Apache-2.0", "acknowledgement": "concluded"}}]
    [named] = davinci["licenses"]
    assert named["license"]["name"] == "OpenAI Terms of Use"
    assert named["license"]["url"].startswith("https://openai.com/")
    assert base["purl"] == "pkg:huggingface/Qwen/Qwen2.5-7B"
    depends = {d["ref"]: set(d.get("dependsOn", [])) for d in data["dependencies"]}
    assert depends["student"] == {alpaca["bom-ref"], base["bom-ref"]}
    assert depends[alpaca["bom-ref"]] == {davinci["bom-ref"]}  # the model that wrote it


def test_unknown_terms_fail_closed_and_waivers_are_stated(tmp_path: Path) -> None:
    data = read_valid(write_sbom(MIXED, tmp_path / "m.json", "cyclonedx"))
    found = components(data)
    unknown = found["nobody/unknown-model"]
    assert "licenses" not in unknown  # CycloneDX has no NOASSERTION: no licence, said so below
    assert props(unknown, "concluded-licence") == ["NOASSERTION"]
    assert props(unknown, "verdict") == ["needs-review"]
    assert props(found["https://example.test/data.tar"], "concluded-licence") == ["NOASSERTION"]
    judge = found["closed:big-model"]
    assert props(judge, "verdict") == ["permitted"]
    assert any("waived" in w and "legal@example.test" in w for w in props(judge, "waiver"))
    # Both versions in force while it was used, in the order they governed.
    assert props(found["windowed:chat"], "terms") == ["open-license@1.0", "closed-api@2023-01-01"]
    # A model of the lineage, not judged itself: the registry's record, declared.
    [lineage] = found["fam/fam-base"]["licenses"]
    assert lineage["license"]["acknowledgement"] == "declared"
    assert props(found["fam/fam-base"], "role") == ["lineage"] and not props(found["fam/fam-base"], "verdict")
    assert props(data["metadata"], "verdict") == ["prohibited"]


def test_the_validator_runs_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[0]
    text = write_sbom(case, tmp_path / "good.json", "cyclonedx")
    broken = json.loads(text)
    broken["components"][0]["type"] = "robot"
    assert any("robot" in p for p in sbom_cyclonedx.validate(json.dumps(broken)))
    assert sbom_cyclonedx.validate(text) == []
    # An empty bom-ref is not CycloneDX: the command refuses to write it.
    monkeypatch.setattr(sbom_cyclonedx, "_bom_ref", lambda pkg: "")
    out = tmp_path / "bad.json"
    run = run_cli("sbom", str(case.manifest), "--format", "cyclonedx", "-o", str(out), *case.args)
    assert run.exit_code == 2 and "the CycloneDX document is not valid" in run.stderr
    assert not out.exists()


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    case = CASES[1]
    first = write_sbom(case, tmp_path / "1.json", "cyclonedx")
    assert write_sbom(case, tmp_path / "2.json", "cyclonedx") == first
    pinned = read_valid(write_sbom(case, tmp_path / "3.json", "cyclonedx", "--as-of", "2026-01-02"))
    assert pinned["metadata"]["timestamp"] == "2026-01-02T00:00:00Z"
    assert pinned["serialNumber"] != json.loads(first)["serialNumber"]  # derived from the content
    run = run_cli(
        "sbom",
        str(case.manifest),
        "--format",
        "cyclonedx",
        "-o",
        "-",
        *case.args,
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert read_valid(run.stdout)["metadata"]["timestamp"] == "2023-11-14T22:13:20Z"


def test_text_from_inputs_is_data(manifest: Any, tmp_path: Path) -> None:
    text = (EXAMPLES / "alpaca-commercial" / "licensecheck.yaml").read_text()
    path = manifest(text.replace("name: Acme-Instruct-7B", 'name: "Acme \\e[2J\\u202e\\u0007 <b>"'))
    run = run_cli("sbom", str(path), "--format", "cyclonedx", "-o", "-", "--offline")
    assert run.exit_code == 0, run.stderr
    assert not any(ch in run.stdout for ch in "\x1b\u202e\x07")  # nothing acts on a terminal
    # The same text to a JSON reader: escaped, never altered.
    assert read_valid(run.stdout)["metadata"]["component"]["name"] == "Acme \x1b[2J\u202e\x07 <b>"


def test_json_only(tmp_path: Path) -> None:
    out = tmp_path / "bom.xml"
    run = run_cli("sbom", str(CASES[0].manifest), "--format", "cyclonedx", "-o", str(out))
    assert run.exit_code == 2 and "documents are JSON" in run.stderr and not out.exists()
