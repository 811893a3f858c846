"""The facts a policy's rules read: project, subject and governing terms, flattened.

This is the one place that interprets provisions (docs/registry.md); the verdicts
they lead to live in the policy (policies/default.yaml), not here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from licensecheck.lineage import Resolution
from licensecheck.manifest import Project, Release, Use
from licensecheck.policy import FactValue
from licensecheck.terms import Terms
from licensecheck.verdict import Role


@dataclass(frozen=True)
class ProjectContext:
    project: Project
    regions: Mapping[str, tuple[str, ...]]
    # What the student's base model resolved to (empty when trained from scratch): its families,
    # the terms that govern it through its lineage, and the parts that could not be resolved.
    student: Resolution


@dataclass
class Facts:
    values: dict[str, FactValue]
    # provision kind (or "outputs.exception") -> clause ids that back it
    clauses: dict[str, list[str]] = field(default_factory=dict)
    # provision kind -> obligation sentences that bind this project
    obligations: dict[str, list[str]] = field(default_factory=dict)


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
    values = _base(ctx, subject, role, purpose)
    values.update({"subject.known": False, "subject.unknown_reason": reason, "terms.kind": "none"})
    return Facts(values)


def _binds(when: str, project: Project) -> bool:
    if when == "always":
        return True
    if when == "distributed":
        return project.release.distributed
    if when == "weights-released":
        return project.release is Release.OPEN_WEIGHTS
    if when == "commercial":
        return project.use is Use.COMMERCIAL
    return True  # an unknown condition binds: fail closed


def _applies(provision: Mapping[str, Any], role: Role) -> bool:
    roles = provision.get("roles")
    return roles is None or role.value in roles


def _data_is_outputs(role: Role, terms: Terms) -> bool:
    """A dataset published under a model's licence or a service's terms is that model's
    output (or its materials): the rules on outputs bind it as they bind a generator."""
    return role is Role.DATASET and terms.kind in ("model-license", "service-terms")


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
    p = ctx.project
    prov = terms.provisions
    values = _base(ctx, subject, role, purpose)
    # A dataset under a model's terms is judged like the generator that wrote it.
    acting = Role.GENERATOR if _data_is_outputs(role, terms) else role
    values.update(
        {
            "subject.known": True,
            "subject.unknown_reason": None,
            "terms.name": terms.name,
            "terms.kind": terms.kind,
            "terms.effective": terms.effective.isoformat(),
            "terms.covers_period": covers_period,
            "use.from": used_from.isoformat() if used_from else None,
        }
    )
    facts = Facts(values)

    def cite(kind: str, *clause_ids: str) -> None:
        facts.clauses.setdefault(kind, []).extend(c for c in clause_ids if c)

    grant = prov.get("grant")
    values["grant"] = "absent" if grant is None else "present"
    if grant is not None:
        cite("grant", grant["clause"])

    outputs = prov.get("outputs")
    # Whether the subject's outputs train the student: always for teachers and generators; for
    # data under a model's terms when those terms restrict outputs (else its grant decides).
    values["outputs.used"] = role in (Role.TEACHER, Role.GENERATOR) or (
        acting is Role.GENERATOR and outputs is not None and outputs["allows"] != "any"
    )
    if outputs is None:
        values["outputs"] = "absent"
    else:
        families = set(outputs.get("families") or ())
        values["outputs"] = outputs["allows"]
        values["outputs.families"] = ", ".join(sorted(families)) or None
        # A student under this licence through its lineage is a derivative work of its family.
        under_licence = any(g.terms_id == terms.id for g in ctx.student.governing)
        in_family = bool(families & ctx.student.families) or (bool(families) and under_licence)
        values["outputs.in_family"] = in_family
        # Part of the lineage unknown: its family cannot be ruled out.
        values["outputs.family_known"] = not ctx.student.gaps
        llm_only = outputs.get("scope") == "large-language-models"
        values["outputs.in_scope"] = "in-scope" if not llm_only or p.model_kind.is_llm else "unclear"
        values["outputs.competes"] = "competes" if p.model_kind.is_llm else "unclear"
        matching = [
            e
            for e in outputs.get("exceptions") or ()
            if p.model_kind.value in e.get("model_kind", [p.model_kind.value])
            and p.release.value in e.get("release", [p.release.value])
        ]
        values["outputs.exception"] = bool(matching)
        cite("outputs", outputs["clause"])
        cite("outputs.exception", *(e["clause"] for e in matching))

    for kind, text_key in (
        ("naming", "prefix"),
        ("attribution", "text"),
        ("share-alike", None),
        ("separate-licence", None),
    ):
        provision = prov.get(kind)
        if provision is None:
            values[kind] = "absent"
            continue
        required = _applies(provision, acting) and _binds(provision["when"], p)
        values[kind] = "required" if required else "not-required"
        if text_key:
            values[f"{kind}.{text_key}"] = provision[text_key]
        if required:
            facts.obligations[kind] = [provision["obligation"]]
            cite(kind, provision["clause"])
    if values["naming"] == "required":
        prefix = str(prov["naming"]["prefix"])
        name = p.student.name if p.student else None
        values["naming.met"] = "unknown" if not name else "met" if name_begins_with(name, prefix) else "unmet"

    threshold = prov.get("user-threshold")
    if threshold is None:
        values["users"] = "absent"
    else:
        limit = int(threshold["monthly_active_users"])
        counts = not threshold.get("commercial_only") or p.use.value == "commercial"
        values["users"] = "over" if counts and p.monthly_active_users > limit else "under"
        values["users.threshold"] = f"{limit:,}"
        # False: the registry holds only a predecessor's wording of this threshold.
        values["users.verified"] = bool(threshold.get("verified", True))
        cite("user-threshold", threshold["clause"])

    domicile = prov.get("excluded-domicile")
    values["via"] = "present" if via else "absent"
    if domicile is None or (domicile["models"] == "multimodal" and multimodal is False):
        values["domicile"] = "absent"
    else:
        excluded = countries(domicile["countries"], ctx.regions)
        values["domicile"] = (
            "unknown" if p.domicile is None else "excluded" if p.domicile in excluded else "allowed"
        )
        # Only multimodal models are excluded, and the record does not say whether this one is.
        values["domicile.modality_known"] = domicile["models"] == "all" or multimodal is not None
        # An end user of a product that incorporates the model (reached through a hosted
        # service) may be exempt; whether distilling through it counts is a reviewer's call.
        exemption = domicile.get("end_user_exemption")
        values["domicile.end_user"] = "possible" if exemption and via else "no"
        cite("excluded-domicile", domicile["clause"])
        if exemption and via:
            cite("excluded-domicile.end_user", exemption)

    non_commercial = prov.get("non-commercial")
    values["commercial"] = "allowed" if non_commercial is None else "not-allowed"
    if non_commercial is not None:
        cite("non-commercial", non_commercial["clause"])

    derivative = prov.get("derivative")
    if derivative is None:
        values["derivative"] = "absent"
    else:
        is_derivative = role is Role.BASE_MODEL or (
            acting in (Role.TEACHER, Role.GENERATOR) and bool(derivative["includes_distillation"])
        )
        binding = (
            [o for o in derivative["obligations"] if _binds(o["when"], p)]
            if is_derivative and _applies(derivative, acting)
            else []
        )
        values["derivative"] = "binds" if binding else "not-binding"
        if binding:
            facts.obligations["derivative"] = [o["text"] for o in binding]
            cite("derivative", derivative["clause"], *(o["clause"] for o in binding))

    no_derivatives = prov.get("no-derivatives")
    values["no-derivatives"] = "absent" if no_derivatives is None else "present"
    if no_derivatives is not None:
        cite("no-derivatives", no_derivatives["clause"])
    return facts


def name_begins_with(name: str, prefix: str) -> bool:
    """Whether a model name begins with a licensor's required prefix.

    The name is the model's own (an `org/` namespace is not part of it). Case is ignored, as
    on the Hub, and a space in the prefix may be written as `-`, `_`, `.` or nothing, since Hub
    names cannot hold spaces ("Llama 3" is met by "Llama-3-Acme"). A prefix ending in a digit
    must not run on into a longer number ("Llama 3" is not met by "Llama-30B").
    """
    own = name.rsplit("/", 1)[-1].strip()
    words = [re.escape(w) for w in prefix.split()]
    pattern = r"[\s_.\-]?".join(words) + (r"(?!\d)" if prefix[-1:].isdigit() else "")
    return re.match(pattern, own, re.IGNORECASE) is not None


def countries(names: list[str], regions: Mapping[str, tuple[str, ...]]) -> set[str]:
    # A group's own code counts too: a manifest that says `domicile: EU` is in the EU.
    out: set[str] = set(names)
    for name in names:
        out.update(regions.get(name, ()))
    return out
