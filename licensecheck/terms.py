"""The registry's vocabulary: a versioned licence or terms document and its clauses."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck.verdict import Citation

# Provision kinds the engine understands (docs/registry.md); anything else is a registry error.
PROVISION_KINDS = (
    "grant",
    "outputs",
    "naming",
    "attribution",
    "user-threshold",
    "excluded-domicile",
    "non-commercial",
    "derivative",
    "share-alike",
    "no-derivatives",
    "separate-licence",
)


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    quote: str
    url: str
    reference: str | None


@dataclass(frozen=True)
class Terms:
    """One version of one licence or service terms."""

    id: str
    version: str
    name: str
    kind: str
    publisher: str
    effective: datetime.date
    source: str
    reference: str | None
    spdx: str
    inherited: bool
    summary: str
    clauses: Mapping[str, Clause]
    provisions: Mapping[str, Mapping[str, Any]]

    @property
    def full_id(self) -> str:
        return f"{self.id}@{self.version}"

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
        provisions = dict(data.get("provisions") or {})
        unknown = sorted(set(provisions) - set(PROVISION_KINDS))
        if unknown:
            # A misspelt restriction must never be dropped silently: that would fail open.
            raise ValueError(
                f"unknown provision kind(s) {', '.join(unknown)}; known: {', '.join(PROVISION_KINDS)}"
            )
        effective = data["effective"]
        if not isinstance(effective, datetime.date):
            effective = datetime.date.fromisoformat(str(effective))
        return Terms(
            id=str(data["id"]),
            version=str(data["version"]),
            name=str(data["name"]),
            kind=str(data["kind"]),
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
