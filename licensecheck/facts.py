"""The facts a policy's rules read: project, subject and governing terms, flattened.

The facts every finding has (who the subject is, what the project is, which terms
govern) are here; each provision kind adds its own (provisions.KINDS). `VOCABULARY` is
the closed list a policy may test, with the values each fact can take.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck import provisions
from licensecheck.finding import Role
from licensecheck.lineage import Resolution
from licensecheck.manifest import ModelKind, Project, Purpose, Release, Use
from licensecheck.provisions import Facts, FactValue, Scalar, enum_values
from licensecheck.terms import Terms, TermsKind

__all__ = ["VOCABULARY", "FactValue", "Facts", "ProjectContext", "Scalar", "for_terms", "for_unknown"]

NO_PURPOSE = "none"  # a base model or dataset is used directly, not for its outputs

# The facts every finding has; provisions add theirs (see `VOCABULARY`).
BASE_VOCABULARY: provisions.Vocabulary = {
    "role": enum_values(Role),
    "purpose": enum_values(Purpose, NO_PURPOSE),
    "subject": None,
    "subject.known": (True, False),
    "subject.unknown_reason": None,
    "project.use": enum_values(Use),
    "project.release": enum_values(Release),
    "project.model_kind": enum_values(ModelKind),
    "project.distributed": (True, False),
    "project.monthly_active_users": None,
    "project.domicile": None,
    "student.name": None,
    "student.base_model": None,
    "terms.name": None,
    "terms.kind": enum_values(TermsKind, "none"),
    "terms.effective": None,
    "terms.covers_period": (True, False),
    "use.from": None,
    "via": ("present", "absent"),
}


def _vocabulary() -> dict[str, tuple[Scalar, ...] | None]:
    merged = dict(BASE_VOCABULARY)
    for kind in provisions.KINDS.values():
        clash = set(merged) & set(kind.facts)
        if clash:
            raise AssertionError(f"provision {kind.name} redefines the facts {sorted(clash)}")
        merged.update(kind.facts)
    return merged


# name -> allowed values (None: free text, usable in reasons only).
VOCABULARY: Mapping[str, tuple[Scalar, ...] | None] = _vocabulary()


@dataclass(frozen=True)
class ProjectContext:
    """What every finding of one manifest shares: the project, the regions and the student's lineage."""

    project: Project
    regions: Mapping[str, tuple[str, ...]]
    # What the student's base model resolved to (empty when trained from scratch): its families,
    # the terms that govern it through its lineage, and the parts that could not be resolved.
    student: Resolution


def _base(ctx: ProjectContext, subject: str, role: Role, purpose: str) -> dict[str, FactValue]:
    p = ctx.project
    student = p.student
    return {
        "role": role.value,
        "purpose": purpose,
        "subject": subject,
        "project.use": p.use.value,
        "project.release": p.release.value,
        "project.model_kind": p.model_kind.value,
        "project.distributed": p.release.distributed,
        "project.monthly_active_users": p.monthly_active_users,
        "project.domicile": p.domicile,
        "student.name": student.name if student else None,
        "student.base_model": student.base_model.text if student and student.base_model else None,
    }


def for_unknown(ctx: ProjectContext, subject: str, role: Role, purpose: str, reason: str) -> Facts:
    known = _base(ctx, subject, role, purpose)
    known.update({"subject.known": False, "subject.unknown_reason": reason, "terms.kind": "none"})
    return Facts(known)


def for_terms(
    ctx: ProjectContext,
    *,
    subject: str,
    role: Role,
    purpose: str,
    terms: Terms,
    multimodal: bool | None,
    covers_period: bool,
    via: str | None = None,
    used_from: datetime.date | None,
) -> Facts:
    found: dict[str, Any] = _base(ctx, subject, role, purpose)
    found.update(
        {
            "subject.known": True,
            "subject.unknown_reason": None,
            "terms.name": terms.name,
            "terms.kind": terms.kind.value,
            "terms.effective": terms.effective.isoformat(),
            "terms.covers_period": covers_period,
            "use.from": used_from.isoformat() if used_from else None,
            "via": "present" if via else "absent",
        }
    )
    out = Facts(found)
    # A dataset published under a model's licence or a service's terms is that model's output
    # (or its materials): the rules on outputs bind it as they bind a generator.
    model_terms = terms.kind in (TermsKind.MODEL_LICENSE, TermsKind.SERVICE_TERMS)
    acting = Role.GENERATOR if role is Role.DATASET and model_terms else role
    provisions.emit(
        terms.provisions,
        provisions.Context(
            project=ctx.project,
            subject=subject,
            role=role,
            acting=acting,
            terms=terms,
            via=via,
            multimodal=multimodal,
            regions=ctx.regions,
            student_families=ctx.student.families,
            student_terms=frozenset(g.terms_id for g in ctx.student.governing),
            student_lineage_known=not ctx.student.gaps,
            purpose=purpose,
        ),
        out,
    )
    return out
