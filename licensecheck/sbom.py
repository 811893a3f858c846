"""The training inputs as an SPDX 2.3 document, built with spdx-tools and validated before
it is written.

Built from the engine's Result, so it states exactly what `check` judged: the student,
its base model, the teachers, the datasets, the models that generated them, and the
models the engine found they derive from. A judged model declares the licence of the
terms versions `check` applied to it (after date windows and domicile), and its licence
comment names every version with the part of the period it governed; a dataset
declares the manifest's licence, else the registry's record. Relationships
(SPDX 2.3 has no training vocabulary; the nearest types, each with a comment):

    student  DESCENDANT_OF       base model      fine-tuned from its weights
    teacher  BUILD_TOOL_OF       student         its outputs train the student
    dataset  BUILD_DEPENDENCY_OF student         training data
    model    GENERATES           dataset         wrote the data
    model    DESCENDANT_OF       ancestor        the registry's lineage

`Inputs` (the packages, their licences and relationships) is what every SBOM format
writes: `sbom_cyclonedx` and `sbom_spdx3` render the same inputs as CycloneDX 1.6 and
SPDX 3.0.1 (spdx-tools 0.8 validates SPDX 2.2 and 2.3 only).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensecheck import __version__
from licensecheck.audit import generated_at
from licensecheck.errors import LicensecheckError
from licensecheck.finding import Finding, Governed, Role
from licensecheck.manifest import Manifest
from licensecheck.refs import ModelRef, normalise
from licensecheck.registry import DatasetEntry, Registry
from licensecheck.result import Result, SubjectResult
from licensecheck.terms import Terms
from licensecheck.visible import visible

if TYPE_CHECKING:
    from spdx_tools.spdx.model.document import Document

SPDX_VERSION = "SPDX-2.3"
LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


@dataclass
class Package:
    spdx_id: str
    name: str
    kind: str  # "model" | "dataset" | "student"
    roles: dict[str, None] = field(default_factory=dict)
    download: str | None = None
    homepage: str | None = None
    supplier: str | None = None
    file_name: str | None = None
    purl: str | None = None
    license: str | None = None  # an SPDX expression, or None for NOASSERTION
    license_comment: str = ""
    # The licence of the terms `check` applied to it as itself; None: unknown (NOASSERTION).
    concluded: str | None = None
    # The terms versions `check` applied to it in any role, each with its part of the period.
    governed: dict[Governed, None] = field(default_factory=dict)
    judged: list[SubjectResult] = field(default_factory=list)
    # Not judged itself: the series the registry lists for a model of a subject's lineage.
    ancestor_terms: dict[str, None] = field(default_factory=dict)

    @property
    def own_terms(self) -> tuple[Terms, ...]:
        """The terms versions that governed it as itself (not through a model it derives from)."""
        return tuple(dict.fromkeys(g.terms for g in self.governed if len(g.path) == 1))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.judged for f in s.findings)


@dataclass(frozen=True)
class Relation:
    source: str
    kind: str  # an SPDX 2.3 RelationshipType name; the other formats map it to their own
    target: str
    comment: str
    purpose: str | None = None  # a teacher's: distillation, judge, …
    start: datetime.date | None = None  # a teacher's declared dates of use
    end: datetime.date | None = None


class Inputs:
    """The packages and relationships of one result, in a fixed order: what `check` judged,
    with the terms it applied."""

    def __init__(self, result: Result, registry: Registry) -> None:
        self.registry = registry
        self.packages: dict[tuple[str, str], Package] = {}
        self.relations: dict[Relation, None] = {}
        self.counter = {"model": 0, "dataset": 0}
        self.license_refs: dict[str, Terms] = {}  # LicenseRef-… -> the registry terms it names
        p = result.inputs.project
        self.student = Package(
            "SPDXRef-Student",
            p.student.name if p.student else p.name,
            "student",
            license_comment="The trained model's own licence is not declared in licensecheck.yaml.",
        )
        self.student.roles["student"] = None
        datasets: dict[str, str] = {}
        # The base model first, then the rest in the manifest's order.
        for s in sorted(result.subjects, key=lambda s: s.role is not Role.BASE_MODEL):
            if s.role is Role.BASE_MODEL:
                base = self.model(s)
                self.relate(
                    self.student.spdx_id, "DESCENDANT_OF", base, "fine-tuned from the base model's weights"
                )
            elif s.role is Role.TEACHER:
                how = s.purpose + (f" via {s.via}" if s.via else "")
                start, end = s.declared
                if start or end:
                    how += f", {start or '…'} to {end or '…'}"
                self.relate(
                    self.model(s),
                    "BUILD_TOOL_OF",
                    self.student.spdx_id,
                    f"teacher ({how}): its outputs train the student",
                    purpose=s.purpose,
                    start=start,
                    end=end,
                )
            elif s.role is Role.DATASET:
                datasets[normalise(s.ref)] = data = self.dataset(s)
                self.relate(data, "BUILD_DEPENDENCY_OF", self.student.spdx_id, "training data of the student")
            elif s.wrote is not None:
                self.relate(
                    self.model(s), "GENERATES", datasets[normalise(s.wrote)], "a model that wrote the dataset"
                )
        for package in self.packages.values():
            if package.kind == "model":
                self._model_licence(package)
            if package.own_terms:
                package.concluded = self._terms_licence(list(package.own_terms))[0]

    def relate(self, source: str, kind: str, target: str, comment: str, **teacher: Any) -> None:
        if source != target:
            self.relations.setdefault(Relation(source, kind, target, comment, **teacher), None)

    def _new_id(self, kind: str) -> str:
        self.counter[kind] += 1
        return f"SPDXRef-{kind.capitalize()}-{self.counter[kind]}"

    def model(self, s: SubjectResult) -> str:
        """The package of a judged model, and of every model the engine found it derives from."""
        package = self._model_package(s.ref, s.role.value)
        package.judged.append(s)
        package.governed.update(dict.fromkeys(s.governed))
        for node in s.resolution.walk()[1:]:
            ancestor = self._model_package(node.ref, "lineage")
            if node.entry is not None:
                ancestor.ancestor_terms.update(dict.fromkeys(node.entry.terms))
        for child, base in s.resolution.edges:
            derived = (
                package if normalise(child) == normalise(s.ref) else self._model_package(child, "lineage")
            )
            parent = self._model_package(base, "lineage")
            self.relate(
                derived.spdx_id, "DESCENDANT_OF", parent.spdx_id, "derived from it (the registry's lineage)"
            )
        return package.spdx_id

    def _model_package(self, ref: str, role: str) -> Package:
        key = ("model", normalise(ref))
        package = self.packages.get(key)
        if package is None:
            package = Package(self._new_id("model"), ref, "model")
            self.packages[key] = package
            model = ModelRef(ref)
            if model.is_api:
                package.supplier = model.provider
            else:
                org, _, name = ref.partition("/")
                package.download = package.homepage = f"https://huggingface.co/{ref}"
                package.supplier = org
                package.purl = f"pkg:huggingface/{org}/{name}"
        package.roles.setdefault(role, None)
        return package

    def _model_licence(self, package: Package) -> None:
        if not package.judged:
            # An ancestor: the licence the registry lists for it, which `check` applied only
            # where it binds derivatives (then the judged model's comment names it).
            expression, comment = self._series_licence(tuple(package.ancestor_terms))
            package.license = expression
            package.license_comment = (
                "Not judged itself: a model in the lineage of what the student learns from. " + comment
            )
            return
        own = [g for g in package.governed if len(g.path) == 1]
        if not own:
            entry = package.judged[0].resolution.entry
            if entry is None:
                package.license_comment = "Not in the licensecheck registry: its terms are unknown."
            elif entry.gap is not None or not entry.terms:
                # e.g. a Hub lookup that failed or was not made (--offline): unknown, said so.
                standing = entry.standing_gaps if isinstance(entry, DatasetEntry) else ()
                gap = " ".join(g for g in (entry.gap, *standing) if g)
                package.license_comment = f"Its terms are unknown: {gap or 'none are recorded'}"
            else:
                package.license_comment = "No terms on record govern it for the period it was used."
            package.license_comment += applied(package.governed)
            return
        package.license, comment = self._terms_licence([g.terms for g in own])
        package.license_comment = comment + applied(package.governed)

    def dataset(self, s: SubjectResult) -> str:
        key = ("dataset", normalise(s.ref))
        known = self.packages.get(key)
        if known is not None:
            return known.spdx_id
        package = Package(self._new_id("dataset"), s.ref, "dataset")
        package.roles["dataset"] = None
        package.judged.append(s)
        self.packages[key] = package
        package.governed.update(dict.fromkeys(s.governed))
        d = s.dataset.declared if s.dataset is not None else None
        if d is not None and d.id:
            package.download = package.homepage = f"https://huggingface.co/datasets/{d.id}"
            package.supplier = d.id.partition("/")[0]
        elif d is not None and d.url:
            package.download = d.url
        else:
            package.file_name = d.path if d is not None else s.ref
        entry = s.dataset.entry if s.dataset is not None else None
        notes = []
        if d is not None and d.license is not None:
            package.license = d.license.normalized
            notes.append("Declared in licensecheck.yaml.")
        if entry is not None and (entry.license or entry.terms):
            recorded, comment = (entry.license, "") if entry.license else self._series_licence(entry.terms)
            if package.license is None:
                package.license = recorded
            notes.append(f"The licensecheck registry records: {recorded or 'NOASSERTION'}. {comment}".strip())
        if package.license is None:
            notes.append("Neither the manifest nor the licensecheck registry declares its licence.")
        package.license_comment = " ".join(notes) + applied(package.governed)
        return package.spdx_id

    def _terms_licence(self, versions: list[Terms]) -> tuple[str | None, str]:
        ids = []
        names = []
        for terms in dict.fromkeys(versions):
            if not terms.spdx:
                return None, f"Governed by '{terms.id}', which has no SPDX id in the licensecheck registry."
            ids.append(terms.spdx)
            self.license_refs.setdefault(terms.spdx, terms)
            names.append(f"{terms.name} ({terms.id})")
        expression = " AND ".join(dict.fromkeys(ids)) or None
        return expression, "Governed by, per the licensecheck registry: " + "; ".join(
            dict.fromkeys(names)
        ) + "."

    def _series_licence(self, series_ids: tuple[str, ...]) -> tuple[str | None, str]:
        """The licence of terms series the registry lists (their latest versions)."""
        versions = []
        for series_id in series_ids:
            terms = self.registry.terms(series_id)
            if terms is None:
                return None, f"Governed by '{series_id}', which the licensecheck registry does not hold."
            versions.append(terms)
        if not versions:
            return None, "The licensecheck registry records no terms for it."
        return self._terms_licence(versions)

    def ordered(self) -> list[Package]:
        return [self.student, *self.packages.values()]

    def recorded_terms(self, package: Package) -> tuple[Terms, ...]:
        """A lineage model's licence as the registry lists it (the latest version of each
        series); () when a series is not in the registry, so nothing partial is stated."""
        versions = tuple(self.registry.terms(series_id) for series_id in package.ancestor_terms)
        return () if None in versions else tuple(v for v in versions if v is not None)

    def by_id(self) -> dict[str, Package]:
        return {p.spdx_id: p for p in self.ordered()}


def applied(governed: dict[Governed, None]) -> str:
    """The terms versions `check` applied, each with the part of the period it governed, in the
    words the audit and `check --format json` use (`id@version`)."""
    if not governed:
        return ""
    parts = []
    for g in governed:
        through = f", through {' <- '.join(g.path)}" if len(g.path) > 1 else ""
        unknown = ", before the earliest version on record" if not g.on_record else ""
        parts.append(f"{g.full_id} ({g.start.isoformat()} to {g.end.isoformat()}{through}{unknown})")
    return " licensecheck judged it under: " + "; ".join(dict.fromkeys(parts)) + "."


def created_at(result: Result) -> datetime.datetime:
    """When an SBOM says it was made: SOURCE_DATE_EPOCH (reproducible builds) if set, else the
    start of the day the result was judged as of, so two runs give the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return generated_at()
    return datetime.datetime.combine(result.as_of, datetime.time(), tzinfo=datetime.timezone.utc)


def build(
    result: Result,
    registry: Registry,
    *,
    when: datetime.datetime | None = None,
) -> Document:
    """The SPDX document of the training inputs `check` judged in `result` (on `registry`, Hub
    entries included), with the terms it applied; raises LicensecheckError if it is invalid."""
    from spdx_tools.spdx.model.actor import Actor, ActorType
    from spdx_tools.spdx.model.document import CreationInfo, Document
    from spdx_tools.spdx.model.relationship import Relationship, RelationshipType

    manifest = result.inputs
    inputs = Inputs(result, registry)
    refs: dict[str, None] = {}  # the LicenseRef-… ids the document uses
    packages = [_spdx_package(pkg, refs) for pkg in inputs.ordered()]
    relationships = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, inputs.student.spdx_id)]
    relationships += [
        Relationship(r.source, RelationshipType[r.kind], r.target, comment=_clean(r.comment))
        for r in inputs.relations
    ]
    p = manifest.project
    creation = CreationInfo(
        spdx_version=SPDX_VERSION,
        spdx_id="SPDXRef-DOCUMENT",
        name=_clean(f"{p.name} training inputs"),
        document_namespace=namespace(manifest, registry),
        creators=[Actor(ActorType.TOOL, f"licensecheck-{__version__}")],
        created=(when or created_at(result)).astimezone(datetime.timezone.utc).replace(tzinfo=None),
        creator_comment=_clean(
            f"The training inputs declared in {manifest.file}, with licences from the licensecheck"
            f" registry {registry.version} (sha256 {registry.content_hash})."
        ),
        document_comment=(
            "Declared licences only: no licence is concluded here. Relationships use the nearest"
            " SPDX 2.3 types; each carries a comment saying what it means for training."
        ),
    )
    document = Document(
        creation,
        packages=packages,
        relationships=relationships,
        extracted_licensing_info=[_extracted(ref, inputs.license_refs, registry) for ref in sorted(refs)],
    )
    problems = validate(document)
    if problems:
        raise LicensecheckError(
            f"{manifest.file}: the SPDX document is not valid: " + "; ".join(problems[:10])
        )
    return document


def _spdx_package(pkg: Package, refs: dict[str, None]) -> Any:
    """An spdx-tools Package; adds the LicenseRef-… ids its declared licence uses to `refs`."""
    from spdx_tools.spdx.model.actor import Actor, ActorType
    from spdx_tools.spdx.model.package import (
        ExternalPackageRef,
        ExternalPackageRefCategory,
        Package,
        PackagePurpose,
    )
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
    from spdx_tools.spdx.validation.uri_validators import validate_download_location, validate_url

    declared = _expression(pkg.license) if pkg.license else None
    if pkg.license and declared is None:
        pkg.license_comment += f" The declared expression {pkg.license!r} is not valid SPDX 2.3 here."
    if declared is not None:
        refs.update(dict.fromkeys(LICENSE_REF.findall(pkg.license or "")))
    download: Any = SpdxNoAssertion()
    if pkg.download and not validate_download_location(pkg.download):
        download = pkg.download
    external = []
    if pkg.purl:
        external.append(ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", pkg.purl))
    return Package(
        spdx_id=pkg.spdx_id,
        name=_clean(pkg.name),
        download_location=download,
        file_name=_clean(pkg.file_name) if pkg.file_name else None,
        supplier=Actor(ActorType.ORGANIZATION, _clean(pkg.supplier)) if pkg.supplier else None,
        files_analyzed=False,
        homepage=pkg.homepage if pkg.homepage and not validate_url(pkg.homepage) else None,
        license_concluded=SpdxNoAssertion(),
        license_declared=declared if declared is not None else SpdxNoAssertion(),
        license_comment=_clean(pkg.license_comment.strip()) or None,
        copyright_text=SpdxNoAssertion(),
        comment=_clean(_roles_comment(pkg)),
        external_references=external,
        primary_package_purpose=PackagePurpose.OTHER,
    )


def _clean(text: str) -> str:
    """A value for any SPDX serialisation: no line break or control character (tag-value is
    line-based: a line break in a value would start a forged tag), and no `</text>` that
    would close a multi-line tag-value field early."""
    return re.sub("(?i)</text>", "<\\/text>", visible(text))


def validate(document: Document) -> list[str]:
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    return [m.validation_message for m in validate_full_spdx_document(document, SPDX_VERSION)]


def _expression(text: str) -> Any:
    from license_expression import ExpressionError

    # The licence index spdx-tools validates with: building another costs as much again.
    from spdx_tools.common.spdx_licensing import spdx_licensing  # type: ignore[import-untyped]

    if "DocumentRef-" in text:
        return None  # would need an external document reference this document cannot name
    try:
        return spdx_licensing.parse(text)
    except ExpressionError:
        return None


def _extracted(license_ref: str, known: dict[str, Terms], registry: Registry) -> Any:
    from spdx_tools.spdx.model.extracted_licensing_info import ExtractedLicensingInfo
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
    from spdx_tools.spdx.validation.uri_validators import validate_url

    # A LicenseRef the manifest declares may still be one of the registry's: look it up.
    terms = known.get(license_ref) or next(
        (
            t
            for series_id in registry.series_ids()
            if (t := registry.terms(series_id)) is not None and t.spdx == license_ref
        ),
        None,
    )
    if terms is None:
        return ExtractedLicensingInfo(
            license_id=license_ref,
            extracted_text="A licence named in licensecheck.yaml; licensecheck does not hold its text.",
            license_name=SpdxNoAssertion(),
        )
    return ExtractedLicensingInfo(
        license_id=license_ref,
        extracted_text=f"{terms.name}, published by {terms.publisher.rstrip('.')}."
        f" The text is not reproduced here; it is at {terms.source}",
        license_name=terms.name,
        cross_references=[terms.source] if not validate_url(terms.source) else [],
        comment=f"licensecheck registry terms {terms.id} (latest version {terms.version}).",
    )


def _roles_comment(pkg: Package) -> str:
    roles = ", ".join(pkg.roles)
    if pkg.kind == "student":
        return "The student: the model this training run produces."
    return f"Training input of the student; role: {roles}."


def namespace(manifest: Manifest, registry: Registry) -> str:
    """Unique per content, and the same for the same manifest, registry and tool."""
    try:
        data = Path(manifest.file).read_bytes()
    except OSError:
        data = manifest.file.encode()
    digest = hashlib.sha256(data + b"\0" + registry.content_hash.encode() + b"\0" + __version__.encode())
    slug = re.sub(r"[^A-Za-z0-9.-]+", "-", manifest.project.name).strip("-") or "project"
    return f"https://spdx.org/spdxdocs/licensecheck-{slug}-{uuid.UUID(bytes=digest.digest()[:16])}"


def to_json_text(document: Document) -> str:
    import io

    from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

    stream = io.StringIO()
    write_document_to_stream(document, stream, validate=False)
    return stream.getvalue() + "\n"


def write(document: Document, output: str) -> None:
    """Write in the serialization the file name asks for; a failed write leaves no partial file."""
    from spdx_tools.spdx.formats import file_name_to_format
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.writer.write_anything import write_file

    path = Path(output)
    try:
        file_name_to_format(path.name)
    except SPDXParsingError:
        raise LicensecheckError(
            f"{output}: unknown SPDX file type; use .json, .yaml, .yml, .xml, .spdx or .rdf.xml"
        ) from None
    # Validated once, in build().
    write_atomically(output, lambda partial: write_file(document, str(partial), validate=False))


@dataclass(frozen=True)
class JsonDocument:
    """A validated document in a JSON format (CycloneDX, SPDX 3), ready to write."""

    text: str
    count: int  # the components or packages it describes, the student included
    noun: str  # what `count` counts
    spec: str  # the format and version, as the "wrote …" line names it

    def write(self, output: str) -> None:
        write_atomically(output, lambda partial: partial.write_text(self.text, encoding="utf-8"))


def write_atomically(output: str, write_to: Callable[[Path], object]) -> None:
    """Write through a temporary file beside `output`: a failed write leaves no partial file."""
    path = Path(output)
    partial = path.with_name(f".licensecheck-{os.getpid()}-{path.name}")
    try:
        write_to(partial)
        os.replace(partial, path)
    except OSError as exc:
        raise LicensecheckError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
