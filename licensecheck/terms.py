"""The registry's vocabulary: a versioned licence or terms document and its clauses."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck import provisions as provisions_table
from licensecheck.finding import Citation


class TermsKind(enum.Enum):
    MODEL_LICENSE = "model-license"
    SERVICE_TERMS = "service-terms"
    DATA_LICENSE = "data-license"
    # A policy that restricts the use of what another licence grants (an acceptable use policy
    # published beside open weights): it grants nothing itself.
    USAGE_POLICY = "usage-policy"


UNVERSIONED = "unversioned"  # a text that has only ever had one form (MIT): no version to name


def titled(name: str, version: str) -> str:
    """A terms document's name with its version, said once: "OpenAI Terms of Use 2023-03-14",
    "Apache License, Version 2.0", "MIT License"."""
    return name if version == UNVERSIONED or version in name else f"{name} {version}"


@dataclass(frozen=True)
class Clause:
    """One clause, quoted verbatim, with its section and source."""

    id: str
    section: str
    quote: str
    url: str
    reference: str | None


# eq=False: a loaded document is compared (and hashed) by identity; its mappings cannot hash.
@dataclass(frozen=True, eq=False)
class Terms:
    """One version of one licence or service terms."""

    id: str
    version: str
    name: str
    kind: TermsKind
    publisher: str
    effective: datetime.date
    source: str
    reference: str | None
    spdx: str
    inherited: bool
    summary: str
    clauses: Mapping[str, Clause]
    # provision kind -> its parsed record (provisions.KINDS says which record each kind is)
    provisions: Mapping[str, object]

    @property
    def full_id(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def title(self) -> str:
        return titled(self.name, self.version)

    def cite(self, clause_id: str) -> Citation:
        clause = self.clauses[clause_id]
        return Citation(terms=self.full_id, section=clause.section, quote=clause.quote, url=clause.url)

    @staticmethod
    def from_data(data: Mapping[str, Any]) -> Terms:
        source = str(data["source"])
        reference = data.get("reference")
        clauses = {
            c["id"]: Clause(
                id=c["id"],
                section=str(c["section"]),
                quote=str(c["quote"]),
                url=str(c.get("url", source)),
                reference=c.get("reference", reference),
            )
            for c in data["clauses"]
        }
        provisions = provisions_table.parse(data.get("provisions") or {})
        effective = data["effective"]
        if not isinstance(effective, datetime.date):
            effective = datetime.date.fromisoformat(str(effective))
        return Terms(
            id=str(data["id"]),
            version=str(data["version"]),
            name=str(data["name"]),
            kind=TermsKind(data["kind"]),
            publisher=str(data.get("publisher", "")),
            effective=effective,
            source=source,
            reference=reference,
            spdx=str(data.get("spdx", "")),
            inherited=bool(data.get("inherited", False)),
            summary=str(data.get("summary", "")),
            clauses=clauses,
            provisions=provisions,
        )
