"""Verdicts, roles and findings: the values every other module passes around."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Verdict(enum.Enum):
    """Ordered from best to worst; a run takes the worst of its findings."""

    PERMITTED = "permitted"
    CONDITIONAL = "conditional"
    NEEDS_REVIEW = "needs-review"
    PROHIBITED = "prohibited"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.rank <= other.rank

    @staticmethod
    def worst(verdicts: list[Verdict] | tuple[Verdict, ...]) -> Verdict:
        return max(verdicts, key=lambda v: v.rank, default=Verdict.PERMITTED)


_RANK = {
    Verdict.PERMITTED: 0,
    Verdict.CONDITIONAL: 1,
    Verdict.NEEDS_REVIEW: 2,
    Verdict.PROHIBITED: 3,
}


class Role(enum.Enum):
    TEACHER = "teacher"
    GENERATOR = "generator"
    DATASET = "dataset"
    BASE_MODEL = "base-model"


@dataclass(frozen=True)
class Citation:
    terms: str
    section: str
    quote: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"terms": self.terms, "section": self.section, "quote": self.quote, "url": self.url}

    @property
    def where(self) -> str:
        return section_mark(self.section)


def section_mark(section: str) -> str:
    """A section as a reader cites it: "§3.3(e)" for a number, a heading as it is."""
    return f"§{section}" if section[:1].isdigit() else section


@dataclass(frozen=True)
class Waiver:
    subject: str
    approved_by: str
    reason: str
    expires: str  # ISO date
    line: int | None = None


@dataclass(frozen=True)
class Finding:
    """One judgement: a subject, in a role, under one governing terms version."""

    subject: str
    role: Role
    verdict: Verdict
    terms: str | None
    reasons: tuple[str, ...]
    obligations: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    rules: tuple[str, ...] = ()
    line: int | None = None
    via: str | None = None
    waiver: Waiver | None = None
    waiver_status: str | None = None  # "waived" | "expired"
    # The verdict the rules gave before a waiver turned it into `permitted`.
    original_verdict: Verdict | None = None
    lineage: tuple[str, ...] = field(default=())

    def sort_key(self) -> tuple[int, str, str, str, tuple[str, ...]]:
        # Worst first; the rest only makes the order independent of the manifest's order.
        return (-self.verdict.rank, self.role.value, self.subject.lower(), self.terms or "", self.reasons)
