"""The training inputs as a CycloneDX 1.6 ML-BOM (JSON), validated with cyclonedx-python-lib's
JSON validator before it is written.

cyclonedx-python-lib has no typed model-card classes, so the document is built as JSON and
the library validates it. It states what `sbom.Inputs` derives from the Result, as the SPDX
2.3 document does (docs/sbom.md says what each field holds):

    metadata.component  the student, a machine-learning-model with a modelCard: its
                        datasets, and the obligations to meet as considerations
    components          each model (judged, or in a lineage) and each dataset (data)
    dependencies        student -> base model, teachers, datasets; dataset -> the models that
                        wrote it; model -> the models it derives from
    properties          the verdicts, terms versions and obligations, as licensecheck:…
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import uuid
from typing import Any

from licensecheck import __version__
from licensecheck.errors import LicensecheckError
from licensecheck.finding import Citation
from licensecheck.registry import Registry
from licensecheck.result import Result
from licensecheck.sbom import Inputs, JsonDocument, Package, created_at
from licensecheck.sbom_facts import (
    Property,
    licence_terms,
    obligations,
    package_properties,
    run_properties,
    student_properties,
)
from licensecheck.visible import json_text

SPEC_VERSION = "1.6"
# Dependencies point from what is built to what it is built from (CycloneDX has no kinds).
_DEPENDS = {"DESCENDANT_OF": False, "GENERATES": True, "BUILD_TOOL_OF": True, "BUILD_DEPENDENCY_OF": True}
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def build(result: Result, registry: Registry, *, when: datetime.datetime | None = None) -> dict[str, Any]:
    """The CycloneDX BOM of what `check` judged in `result` (on `registry`); raises
    LicensecheckError if the library's validator rejects it (nothing is written then)."""
    inputs = Inputs(result, registry)
    refs = {pkg.spdx_id: _bom_ref(pkg) for pkg in inputs.ordered()}
    created = (when or created_at(result)).astimezone(datetime.timezone.utc)
    bom: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "version": 1,
        "metadata": {
            "timestamp": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {
                "components": [{"type": "application", "name": "licensecheck", "version": __version__}]
            },
            "component": _student(result, inputs, refs),
            "properties": _properties(run_properties(result)),
        },
        "components": [_component(inputs, pkg, refs) for pkg in inputs.packages.values()],
        "dependencies": _dependencies(inputs, refs),
    }
    # Derived from the content, so the same inputs give the same serial number.
    digest = hashlib.sha256(json.dumps(bom, sort_keys=True).encode()).hexdigest()
    bom = {"serialNumber": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'licensecheck:' + digest)}", **bom}
    problems = validate(to_json_text(bom))
    if problems:
        raise LicensecheckError(
            f"{result.manifest}: the CycloneDX document is not valid: " + "; ".join(problems[:10])
        )
    return bom


def document(result: Result, registry: Registry) -> JsonDocument:
    bom = build(result, registry)
    return JsonDocument(to_json_text(bom), count(bom), "component", f"CycloneDX {SPEC_VERSION}")


def to_json_text(bom: dict[str, Any]) -> str:
    # Inputs' text is data: JSON escapes it, and json_text keeps it inert on a terminal.
    return json_text(json.dumps(bom, indent=2, ensure_ascii=False)) + "\n"


def validate(text: str) -> list[str]:
    """The problems cyclonedx-python-lib's CycloneDX 1.6 JSON schema finds; [] if valid."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonValidator

    errors = JsonValidator(SchemaVersion.V1_6).validate_str(text, all_errors=True)
    return [f"{e.data.json_path}: {e.data.message}" for e in errors or ()]


def count(bom: dict[str, Any]) -> int:
    """The components the BOM describes, the student included."""
    return len(bom["components"]) + 1


def _bom_ref(pkg: Package) -> str:
    return pkg.spdx_id.removeprefix("SPDXRef-").lower()


def _student(result: Result, inputs: Inputs, refs: dict[str, str]) -> dict[str, Any]:
    student = inputs.student
    by_id = inputs.by_id()
    datasets = [r.source for r in inputs.relations if r.kind == "BUILD_DEPENDENCY_OF"]
    card_props: list[Property] = []
    for r in inputs.relations:
        if r.target == student.spdx_id and r.kind == "BUILD_TOOL_OF":
            card_props.append(("licensecheck:teacher", f"{by_id[r.source].name} ({r.purpose})"))
        elif r.source == student.spdx_id and r.kind == "DESCENDANT_OF":
            card_props.insert(0, ("licensecheck:base-model", by_id[r.target].name))
    project = result.inputs.project
    considerations: dict[str, Any] = {
        "useCases": [
            f"{project.use.value} use, {project.release.value} release (as licensecheck.yaml"
            f" declares); licensecheck's verdict: {result.verdict.value}"
        ]
    }
    # The obligations the student's release must meet, each with the clauses that impose it.
    risks = [
        {
            "name": o.text,
            "mitigationStrategy": f"Meet this {o.kind.value} obligation of {o.subject}"
            + (f", imposed by {_cited(o.clauses)}" if o.clauses else "")
            + ".",
        }
        for o in obligations(result.findings)
    ]
    if risks:
        considerations["ethicalConsiderations"] = risks
    card: dict[str, Any] = {"considerations": considerations}
    if datasets:
        card["modelParameters"] = {"datasets": [{"ref": refs[d]} for d in datasets]}
    if card_props:
        card["properties"] = _properties(card_props)
    return {
        "type": "machine-learning-model",
        "bom-ref": refs[student.spdx_id],
        "name": student.name,
        "description": student.license_comment,
        "modelCard": card,
        "properties": _properties(student_properties(result)),
    }


def _component(inputs: Inputs, pkg: Package, refs: dict[str, str]) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "data" if pkg.kind == "dataset" else "machine-learning-model",
        "bom-ref": refs[pkg.spdx_id],
        "name": pkg.name,
    }
    if pkg.supplier:
        component["supplier"] = {"name": pkg.supplier}
    if pkg.license_comment.strip():
        component["description"] = pkg.license_comment.strip()
    licences = _licences(inputs, pkg)
    if licences:
        component["licenses"] = licences
    if pkg.purl:
        component["purl"] = pkg.purl
    url = pkg.homepage or pkg.download
    if url and _URL.fullmatch(url):
        kind = "website" if pkg.homepage else "distribution"
        component["externalReferences"] = [{"type": kind, "url": url}]
    if pkg.kind == "dataset":
        component["data"] = [{"type": "dataset", "name": pkg.name}]
    component["properties"] = _properties(package_properties(pkg))
    return component


def _licences(inputs: Inputs, pkg: Package) -> list[dict[str, Any]]:
    """SPDX ids where the SPDX list has the licence, else the registry's name and URL; a
    declared expression when no terms are known; nothing (NOASSERTION in the properties)
    when nothing is known."""
    from cyclonedx.spdx import is_supported_id

    terms, concluded = licence_terms(inputs, pkg)
    acknowledgement = "concluded" if concluded else "declared"
    out: dict[str, dict[str, Any]] = {}
    for t in terms:
        licence: dict[str, str] = {"id": t.spdx} if is_supported_id(t.spdx) else {"name": t.name}
        if "name" in licence and _URL.fullmatch(t.source):
            licence["url"] = t.source
        licence["acknowledgement"] = acknowledgement
        out.setdefault(json.dumps(licence, sort_keys=True), {"license": licence})
    if out:
        return list(out.values())
    if pkg.kind == "dataset" and pkg.license:
        return [{"expression": pkg.license, "acknowledgement": "declared"}]
    return []


def _dependencies(inputs: Inputs, refs: dict[str, str]) -> list[dict[str, Any]]:
    depends: dict[str, dict[str, None]] = {pkg.spdx_id: {} for pkg in inputs.ordered()}
    for r in inputs.relations:
        built, built_from = (r.target, r.source) if _DEPENDS[r.kind] else (r.source, r.target)
        depends[built].setdefault(built_from, None)
    return [
        {"ref": refs[spdx_id], **({"dependsOn": [refs[d] for d in on]} if on else {})}
        for spdx_id, on in depends.items()
    ]


def _cited(clauses: tuple[Citation, ...]) -> str:
    return "; ".join(dict.fromkeys(f"{c.terms} {c.where}" for c in clauses))


def _properties(props: list[Property]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in props]
