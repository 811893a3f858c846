"""The training inputs as an SPDX 3.0.1 document (JSON-LD), built with spdx-python-model's
v3_0_1 binding and validated offline before it is written.

It states what `sbom.Inputs` derives from the Result, as the SPDX 2.3 document does: the
student and every model as an `ai_AIPackage`, every dataset as a `dataset_DatasetPackage`,
each with exactly one declared and one concluded licence (the licence of the terms
versions `check` applied; NOASSERTION where they are unknown), and the lineage in SPDX 3's
own training vocabulary:

    student    trainedOn    dataset, teacher   its training data; a teacher's outputs
    student    usesTool     teacher            a judge or reward model
    student    descendantOf base model         fine-tuned from its weights
    generator  generates    dataset            wrote the data
    model      descendantOf ancestor           the registry's lineage

The verdicts, terms versions and obligations are `licensecheck:` properties in the
CycloneDX-properties extension SPDX 3 defines, named as in the CycloneDX document.

Validation is what the SPDX project's validator does, offline: the document is read as RDF
through the shipped JSON-LD context and checked against the shipped SHACL model
(licensecheck/schemas/spdx3/).
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import warnings
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from licensecheck import __version__
from licensecheck.errors import LicensecheckError
from licensecheck.registry import Registry
from licensecheck.result import Result
from licensecheck.sbom import LICENSE_REF, Inputs, JsonDocument, Package, Relation, created_at, namespace
from licensecheck.sbom_facts import Property, package_properties, run_properties, student_properties
from licensecheck.visible import json_text

if TYPE_CHECKING:
    import rdflib
    from spdx_python_model.bindings.v3_0_1 import Element, SHACLObjectSet

E = TypeVar("E", bound="Element")

SPEC_VERSION = "3.0.1"
CONTEXT_URL = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
NO_ASSERTION_LICENSE = "https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense"


class _Builder:
    """The elements of one document, with ids derived from the inputs' fixed order."""

    def __init__(self, result: Result, registry: Registry, when: datetime.datetime) -> None:
        from spdx_python_model.bindings.v3_0_1 import CreationInfo, SoftwareAgent, Tool

        self.inputs = Inputs(result, registry)
        self.base = namespace(result.inputs, registry)
        self.elements: list[Element] = []
        self.counter: dict[str, int] = {}
        self.creation = CreationInfo(specVersion=SPEC_VERSION, created=when)
        agent = self.add(SoftwareAgent(spdxId=self.new_id("Agent"), name="licensecheck"))
        tool = self.add(Tool(spdxId=self.new_id("Tool"), name=f"licensecheck {__version__}"))
        self.creation.createdBy = [agent]
        self.creation.createdUsing = [tool]
        self.suppliers: dict[str, Element] = {}
        self.licences: dict[str, Element] = {}

    def new_id(self, kind: str) -> str:
        self.counter[kind] = self.counter.get(kind, 0) + 1
        return f"{self.base}/{kind}-{self.counter[kind]}"

    def add(self, element: E) -> E:
        element.creationInfo = self.creation
        self.elements.append(element)
        return element

    def package(self, pkg: Package, props: list[Property], training: str | None = None) -> Element:
        from spdx_python_model.bindings.v3_0_1 import (
            ai_AIPackage,
            dataset_DatasetPackage,
            dataset_DatasetType,
            software_SoftwarePurpose,
        )

        element: Any
        if pkg.kind == "dataset":
            # licensecheck does not know what the data holds: say so rather than guess.
            element = dataset_DatasetPackage(dataset_datasetType=[dataset_DatasetType.noAssertion])
            element.software_primaryPurpose = software_SoftwarePurpose.data
        else:
            element = ai_AIPackage(software_primaryPurpose=software_SoftwarePurpose.model)
            if training is not None:
                element.ai_informationAboutTraining = training
        element.spdxId = f"{self.base}/{pkg.spdx_id}"
        element.name = pkg.name
        if pkg.license_comment.strip():
            element.comment = pkg.license_comment.strip()
        if pkg.supplier:
            element.suppliedBy = self.supplier(pkg.supplier)
        if pkg.download and pkg.download.startswith(("https://", "http://")):
            element.software_downloadLocation = pkg.download
        if pkg.homepage:
            element.software_homePage = pkg.homepage
        if pkg.purl:
            element.software_packageUrl = pkg.purl
        element.extension = [_extension(props)]
        added: Element = self.add(element)
        # The AI profile asks for exactly one of each: NOASSERTION where nothing is known.
        self.relate(added, "hasDeclaredLicense", [self.licence(pkg.license)])
        self.relate(added, "hasConcludedLicense", [self.licence(pkg.concluded)])
        return added

    def supplier(self, name: str) -> Element:
        from spdx_python_model.bindings.v3_0_1 import Organization

        if name not in self.suppliers:
            self.suppliers[name] = self.add(Organization(spdxId=self.new_id("Organization"), name=name))
        return self.suppliers[name]

    def licence(self, expression: str | None) -> Any:
        """A licence expression element, one per expression; NOASSERTION for none (or for
        one that points into another SPDX 2 document, which SPDX 3 cannot name)."""
        from spdx_python_model.bindings.v3_0_1 import DictionaryEntry, simplelicensing_LicenseExpression

        if expression is None or "DocumentRef-" in expression:
            return NO_ASSERTION_LICENSE
        if expression not in self.licences:
            element = simplelicensing_LicenseExpression(
                spdxId=self.new_id("License"), simplelicensing_licenseExpression=expression
            )
            # Where to read each licence the SPDX list does not hold: the registry's source.
            element.simplelicensing_customIdToUri = [
                DictionaryEntry(key=ref, value=self.inputs.license_refs[ref].source)
                for ref in sorted(set(LICENSE_REF.findall(expression)))
                if ref in self.inputs.license_refs
            ]
            self.licences[expression] = self.add(element)
        return self.licences[expression]

    def relate(self, source: Any, kind: str, targets: list[Any], relation: Relation | None = None) -> None:
        from spdx_python_model.bindings.v3_0_1 import Relationship, RelationshipType

        element = Relationship(
            spdxId=self.new_id("Relationship"),
            from_=source,
            to=targets,
            relationshipType=getattr(RelationshipType, kind),
        )
        if relation is not None:
            element.comment = relation.comment
            if relation.start is not None:
                element.startTime = _start_of(relation.start)
            if relation.end is not None:
                element.endTime = _start_of(relation.end)
        self.add(element)


def build(result: Result, registry: Registry, *, when: datetime.datetime | None = None) -> SHACLObjectSet:
    """The SPDX 3 document of what `check` judged in `result` (on `registry`); raises
    LicensecheckError if it does not conform to the SPDX 3.0.1 model."""
    from spdx_python_model.bindings.v3_0_1 import ProfileIdentifierType, SHACLObjectSet, SpdxDocument

    builder = _Builder(result, registry, (when or created_at(result)).astimezone(datetime.timezone.utc))
    inputs = builder.inputs
    by_id: dict[str, Any] = {}
    student = builder.package(inputs.student, student_properties(result), _training(inputs))
    by_id[inputs.student.spdx_id] = student
    for pkg in inputs.packages.values():
        by_id[pkg.spdx_id] = builder.package(pkg, package_properties(pkg))
    for r in inputs.relations:
        source, kind, target = _training_relation(r)
        builder.relate(by_id[source], kind, [by_id[target]], r)
    p = result.inputs.project
    document = SpdxDocument(
        spdxId=f"{builder.base}/SPDXRef-DOCUMENT",
        name=f"{p.name} training inputs",
        comment=f"The training inputs declared in {result.manifest}, with the terms licensecheck"
        f" applied (registry {registry.version}, sha256 {registry.content_hash}).",
        creationInfo=builder.creation,
        rootElement=[student],
        element=builder.elements,
        # Not the AI and Dataset profiles: their release times, versions and builders are
        # not known to licensecheck, and it does not invent them. Nor `extension`: the 3.0.1
        # JSON-LD context reads that compact value as the `extension` property.
        profileConformance=[
            ProfileIdentifierType.core,
            ProfileIdentifierType.software,
            ProfileIdentifierType.simpleLicensing,
        ],
        extension=[_extension(run_properties(result))],
    )
    objects = SHACLObjectSet()
    for element in (document, *builder.elements):
        objects.add(element)
    problems = validate(to_json_text(objects))
    if problems:
        raise LicensecheckError(
            f"{result.manifest}: the SPDX 3 document is not valid: " + "; ".join(problems[:10])
        )
    return objects


def _training_relation(r: Relation) -> tuple[str, str, str]:
    """An SPDX 2.3 relationship of the inputs in SPDX 3's words: (from, type, to)."""
    if r.kind == "BUILD_TOOL_OF":
        kind = "usesTool" if r.purpose in ("judge", "reward-model") else "trainedOn"
        return r.target, kind, r.source
    if r.kind == "BUILD_DEPENDENCY_OF":
        return r.target, "trainedOn", r.source
    if r.kind == "GENERATES":
        return r.source, "generates", r.target
    return r.source, "descendantOf", r.target


def _training(inputs: Inputs) -> str:
    by_id = inputs.by_id()
    lines = [
        f"{r.comment}: {by_id[r.source].name}" for r in inputs.relations if r.target == inputs.student.spdx_id
    ]
    lines += [
        f"{r.comment}: {by_id[r.target].name}" for r in inputs.relations if r.source == inputs.student.spdx_id
    ]
    return "; ".join(lines) or "No training input is declared in licensecheck.yaml."


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.timezone.utc)


def _extension(props: list[Property]) -> Any:
    from spdx_python_model.bindings.v3_0_1 import extension_CdxPropertiesExtension, extension_CdxPropertyEntry

    return extension_CdxPropertiesExtension(
        extension_cdxProperty=[
            extension_CdxPropertyEntry(extension_cdxPropName=name, extension_cdxPropValue=value)
            for name, value in props
        ]
    )


def document(result: Result, registry: Registry) -> JsonDocument:
    objects = build(result, registry)
    return JsonDocument(to_json_text(objects), count(objects), "package", f"SPDX-{SPEC_VERSION}")


def to_json_text(objects: SHACLObjectSet) -> str:
    from spdx_python_model.bindings.v3_0_1 import JSONLDSerializer

    stream = io.BytesIO()
    JSONLDSerializer().write(objects, stream)
    data = json.loads(stream.getvalue())
    # Inputs' text is data: JSON escapes it, and json_text keeps it inert on a terminal.
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def count(objects: SHACLObjectSet) -> int:
    """The packages the document describes, the student included."""
    from spdx_python_model.bindings.v3_0_1 import software_Package

    return len(list(objects.foreach_type(software_Package)))


def validate(text: str) -> list[str]:
    """The problems SHACL validation against the SPDX 3.0.1 model finds; [] if it conforms."""
    import pyshacl
    import rdflib

    try:
        data = json.loads(text)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    if not isinstance(data, dict) or data.get("@context") != CONTEXT_URL:
        return [f"the @context is not {CONTEXT_URL}"]
    data["@context"] = _context()  # the shipped copy: nothing is fetched
    with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = rdflib.Graph().parse(data=json.dumps(data), format="json-ld")
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=_model(), ont_graph=_ontology())
    return [] if conforms else _messages(report)


def _messages(report: rdflib.Graph) -> list[str]:
    from rdflib.namespace import SH

    out = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus, path, message = (
            report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage)
        )
        out.append(f"{focus} {path}: {message}")
    return sorted(out)


def _data(name: str) -> str:
    return resources.files("licensecheck").joinpath(f"schemas/spdx3/{name}").read_text(encoding="utf-8")


@functools.cache
def _context() -> Any:
    return json.loads(_data("spdx-context.jsonld"))["@context"]


@functools.cache
def _model() -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(data=_data("spdx-model.ttl"), format="turtle")


@functools.cache
def _ontology() -> rdflib.Graph:
    """What a document's graph needs from the model to be checked: the class hierarchy (for
    class constraints) and the named individuals, such as NoAssertionLicense, with what they
    refer to. The whole model would give the same results ten times slower."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    model = _model()
    ontology = rdflib.Graph()
    for triple in model.triples((None, RDFS.subClassOf, None)):
        ontology.add(triple)
    todo = list(model.subjects(RDF.type, OWL.NamedIndividual))
    seen: set[Any] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in model.triples((node, None, None)):
            ontology.add(triple)
            if triple[1] != RDF.type and (triple[2], None, None) in model:
                todo.append(triple[2])
    return ontology
