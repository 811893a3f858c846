"""A finding: one judgement of one subject, in one role, under one terms version, with the
reasons, obligations and clauses behind it. The values every report reads."""

from __future__ import annotations

import datetime
import enum
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from licensecheck.verdict import Verdict

if TYPE_CHECKING:
    from licensecheck.manifest import Waiver
    from licensecheck.terms import Terms


class Role(enum.Enum):
    TEACHER = "teacher"
    GENERATOR = "generator"
    DATASET = "dataset"
    BASE_MODEL = "base-model"


@dataclass(frozen=True)
class Citation:
    """A clause as a report quotes it: terms version, section, quote and link."""

    terms: str
    section: str
    quote: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"terms": self.terms, "section": self.section, "quote": self.quote, "url": self.url}

    @property
    def where(self) -> str:
        return section_mark(self.section)


@functools.lru_cache(maxsize=1024)  # reports mark the same few sections many times
def section_mark(section: str) -> str:
    """A section as a reader cites it: "§3.3(e)" for a number, a heading as it is."""
    return f"§{section}" if section[:1].isdigit() else section


class ObligationKind(enum.Enum):
    """What an obligation asks for; the audit's checklist lists them in this order."""

    NOTICE = "notice"  # licence copies, notices, marking modified files
    NAME = "name"  # the released model's name
    ATTRIBUTION = "attribution"  # a notice such as "Built with Llama" on display
    USE_RESTRICTION = "use-restriction"  # uses to avoid, and to pass on to downstream users
    SHARE_ALIKE = "share-alike"
    LICENCE = "licence"  # a separate licence to obtain first
    OTHER = "other"


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Obligation:
    """One thing the team must do, the clauses that impose it and the subject it comes from."""

    kind: ObligationKind
    text: str
    clauses: tuple[Citation, ...]
    subject: str

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "clauses": [c.to_json() for c in self.clauses],
            "subject": self.subject,
        }


class WaiverState(enum.Enum):
    WAIVED = "waived"  # valid on the judging date: the finding is accepted
    EXPIRED = "expired"  # past its date: it changes nothing


@dataclass(frozen=True)
class WaiverOutcome:
    """What a manifest waiver did to one finding."""

    waiver: Waiver
    state: WaiverState
    original: Verdict  # the verdict the rules gave

    @property
    def waived(self) -> bool:
        return self.state is WaiverState.WAIVED


@dataclass(frozen=True)
class OrgNote:
    """What the organisation's policy or overlays did to a finding, and where they say so.

    `kind` is deny, allow or required (a finding the policy adds), or agreement, licensor,
    internal or licence (an overlay that changed the finding's verdict from `original`)."""

    kind: str
    ref: str  # the pattern, requirement, agreement reference, licence id or model pattern
    file: str
    line: int | None
    original: Verdict | None = None
    builtin: str | None = None  # the built-in terms version whose verdict an overlay changed

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    @property
    def label(self) -> str:
        """How a report qualifies the verdict an overlay gave: "by agreement CONTRACT-1"."""
        return {
            "agreement": f"by agreement {self.ref}",
            "licensor": "we are the licensor",
            "internal": "internal model",
            "licence": f"under the organisation's licence {self.ref}",
        }.get(self.kind, f"organisation policy {self.kind}")

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "ref": self.ref, "file": self.file, "line": self.line}
        if self.original is not None:
            out["original_verdict"] = self.original.value
            out["label"] = self.label
        out["changes_builtin"] = self.builtin is not None
        if self.builtin is not None:
            out["builtin_terms"] = self.builtin
        return out


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Governed:
    """One terms version the engine applied to a subject, and the part of the period of use it
    governed. `on_record` is False for the part before the earliest version the registry
    holds: that version was read only to say what is unknown."""

    terms: Terms
    path: tuple[str, ...]  # the subject first, then the lineage up to the model under these terms
    start: datetime.date
    end: datetime.date
    on_record: bool = True

    @property
    def full_id(self) -> str:
        return self.terms.full_id

    def to_json(self) -> dict[str, object]:
        return {
            "terms": self.terms.full_id,
            "from": self.start.isoformat(),
            "until": self.end.isoformat(),
            "lineage": list(self.path),
            "on_record": self.on_record,
        }


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Finding:
    """One judgement: a subject, in a role, under one governing terms version (or none known)."""

    subject: str
    role: Role
    verdict: Verdict
    governed: Governed | None  # None: no terms the registry holds govern it (a gap)
    reasons: tuple[str, ...]
    obligations: tuple[Obligation, ...] = ()
    citations: tuple[Citation, ...] = ()
    rules: tuple[str, ...] = ()
    line: int | None = None
    via: str | None = None
    waiver: WaiverOutcome | None = None
    lineage: tuple[str, ...] = ()
    # `check --scan`: where the code, a config or the data shows the use ("gen/make_data.py:42").
    found_in: tuple[str, ...] = ()
    # The organisation's policy list or overlay behind this finding or its verdict (orgapply.py).
    org: OrgNote | None = None

    @property
    def terms(self) -> str | None:
        """The governing terms version's full id (`id@version`), as the contract's JSON names it."""
        return self.governed.full_id if self.governed is not None else None

    @property
    def shown_verdict(self) -> Verdict:
        """The verdict a report shows beside a waiver: the one the rules gave."""
        return self.waiver.original if self.waiver is not None and self.waiver.waived else self.verdict

    @property
    def obligation_texts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.text for o in self.obligations))

    def sort_key(self) -> tuple[int, str, str, str, tuple[str, ...]]:
        # Worst first; the rest only makes the order independent of the manifest's order.
        return (-self.verdict.rank, self.role.value, self.subject.lower(), self.terms or "", self.reasons)
