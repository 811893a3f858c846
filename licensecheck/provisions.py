"""Every provision kind the registry may state, declared once.

A provision is the machine-readable reading of one clause (docs/registry.md). Each kind
is one `ProvisionKind` entry in `KINDS`: how its YAML is parsed (into a frozen dataclass),
its part of the registry schema, the facts it gives the policy (with their values) and how
it computes them. Adding a kind is adding one entry here, plus its data and tests; the
schema (`terms_schema`), the policy vocabulary (`facts.VOCABULARY`) and the engine read
this table. The verdicts the facts lead to live in the policy, not here.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from licensecheck.finding import Citation, Obligation, ObligationKind, Role
from licensecheck.manifest import ModelKind, Project, Purpose, Release, Use

if TYPE_CHECKING:
    from licensecheck.terms import Terms

Scalar = str | bool | int
FactValue = str | bool | int | None
# fact name -> the values a rule may test it for (None: free text, for reasons only)
Vocabulary = Mapping[str, tuple[Scalar, ...] | None]

PRESENCE: tuple[Scalar, ...] = ("required", "not-required", "absent")


def enum_values(enum_type: type[enum.Enum], *extra: Scalar) -> tuple[Scalar, ...]:
    """An enum's values as fact values, so the vocabulary never retypes them."""
    return (*(str(member.value) for member in enum_type), *extra)


# --- what a provision is read against, and what it gives ----------------------


@dataclass(frozen=True)
class Context:
    """The project, the subject and the terms version a provision is read against."""

    project: Project
    subject: str
    role: Role
    # The role provisions' `roles` are matched as: a dataset under a model's terms is that
    # model's output, so it acts as a generator.
    acting: Role
    terms: Terms
    via: str | None
    multimodal: bool | None  # of the subject's lineage; None: not on record
    regions: Mapping[str, tuple[str, ...]]
    # The student's base model: its families, the terms series that govern it, and whether
    # every model of its lineage is known.
    student_families: frozenset[str] = frozenset()
    student_terms: frozenset[str] = frozenset()
    student_lineage_known: bool = True
    # What a teacher was used for (the manifest's default: distillation); unread for other roles.
    purpose: str = Purpose.DISTILLATION.value

    def cite(self, clause_id: str) -> Citation:
        return self.terms.cite(clause_id)


@dataclass
class Facts:
    """The facts of one finding, the clauses behind them and the obligations they bring."""

    values: dict[str, FactValue]
    # citation key (a provision kind, or e.g. "outputs.exception") -> clause ids that back it
    clauses: dict[str, list[str]] = field(default_factory=dict)
    # provision kind -> obligations that bind this project through it
    obligations: dict[str, list[Obligation]] = field(default_factory=dict)

    def cite(self, key: str, *clause_ids: str) -> None:
        self.clauses.setdefault(key, []).extend(c for c in clause_ids if c)

    def oblige(self, key: str, obligation: Obligation) -> None:
        self.obligations.setdefault(key, []).append(obligation)


P = TypeVar("P")


@dataclass(frozen=True)
class ProvisionKind(Generic[P]):
    """One provision kind: its YAML name, parser, schema, facts and how they are computed."""

    name: str
    parse: Callable[[Mapping[str, Any]], P]
    emit: Callable[[P | None, Context, Facts], None]
    schema: Mapping[str, Any]  # its part of registry-terms.schema.json (under provisions)
    facts: Vocabulary  # every fact `emit` may set, with its values
    # Citation keys a policy rule may `cite` beyond the kind's own name.
    extra_citations: tuple[str, ...] = ()
    # Whether a rule may take its obligations (`obligation_from: <name>`).
    obliges: bool = False

    @property
    def citations(self) -> tuple[str, ...]:
        return (self.name, *self.extra_citations)


# --- shared parts -------------------------------------------------------------


class Binding(enum.Enum):
    """When an obligation binds the project."""

    ALWAYS = "always"
    DISTRIBUTED = "distributed"  # released as open weights or hosted: "distributed or made available"
    WEIGHTS_RELEASED = "weights-released"
    COMMERCIAL = "commercial"

    def binds(self, project: Project) -> bool:
        if self is Binding.DISTRIBUTED:
            return project.release.distributed
        if self is Binding.WEIGHTS_RELEASED:
            return project.release is Release.OPEN_WEIGHTS
        if self is Binding.COMMERCIAL:
            return project.use is Use.COMMERCIAL
        return True


def _roles(data: Mapping[str, Any]) -> frozenset[Role] | None:
    roles = data.get("roles")
    return None if roles is None else frozenset(Role(r) for r in roles)


def _applies(roles: frozenset[Role] | None, role: Role) -> bool:
    return roles is None or role in roles


_CLAUSE = {"type": "string"}
_ROLES = {"$ref": "#/$defs/roles"}
_WHEN = {"$ref": "#/$defs/when"}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {**properties, "clause": _CLAUSE},
    }


# Shared definitions of the schema, from the enums they name.
DEFINITIONS: Mapping[str, Any] = {
    "roles": {"type": "array", "minItems": 1, "items": {"enum": list(enum_values(Role))}},
    "when": {"enum": list(enum_values(Binding))},
    "model_kind": {"enum": list(enum_values(ModelKind))},
    "release": {"enum": list(enum_values(Release))},
}


# --- flags: a clause that is there or not (grant, non-commercial, no-derivatives) ---------


@dataclass(frozen=True)
class Flag:
    """A provision that says only that its clause is there."""

    clause: str


def _flag(name: str, fact: str, present: str, absent: str) -> ProvisionKind[Flag]:
    """A kind whose one fact says whether the terms have the clause (`present`) or not."""

    def emit(p: Flag | None, ctx: Context, out: Facts) -> None:
        out.values[fact] = absent if p is None else present
        if p is not None:
            out.cite(name, p.clause)

    return ProvisionKind(
        name=name,
        parse=lambda d: Flag(clause=d["clause"]),
        emit=emit,
        schema=_object(["clause"]),
        facts={fact: (present, absent)},
    )


# The right to use the weights or data (to fine-tune or train on them).
GRANT = _flag("grant", "grant", "present", "absent")
# Commercial use is not granted (research or evaluation only).
NON_COMMERCIAL = _flag("non-commercial", "commercial", "not-allowed", "allowed")
# Adapted material may not be shared.
NO_DERIVATIVES = _flag("no-derivatives", "no-derivatives", "present", "absent")


# --- outputs ------------------------------------------------------------------


class Allows(enum.Enum):
    """What the terms allow of training other models on the outputs."""

    ANY = "any"
    SAME_FAMILY = "same-family"
    NON_COMPETING = "non-competing"
    NONE = "none"
    UNCLEAR = "unclear"  # a clause that may reach it: for a reviewer


class Scope(enum.Enum):
    ANY_MODEL = "any-model"
    LARGE_LANGUAGE_MODELS = "large-language-models"


@dataclass(frozen=True)
class OutputsException:
    """A clause that exempts some projects from an outputs restriction."""

    clause: str
    model_kind: tuple[ModelKind, ...] | None = None  # None: any kind
    release: tuple[Release, ...] | None = None  # None: any release

    def covers(self, project: Project) -> bool:
        return (self.model_kind is None or project.model_kind in self.model_kind) and (
            self.release is None or project.release in self.release
        )


@dataclass(frozen=True)
class Outputs:
    """What the terms allow of training other models on their outputs."""

    allows: Allows
    clause: str
    families: tuple[str, ...] = ()
    scope: Scope = Scope.ANY_MODEL
    exceptions: tuple[OutputsException, ...] = ()


def _parse_outputs(d: Mapping[str, Any]) -> Outputs:
    return Outputs(
        allows=Allows(d["allows"]),
        clause=d["clause"],
        families=tuple(d.get("families") or ()),
        scope=Scope(d.get("scope", Scope.ANY_MODEL.value)),
        exceptions=tuple(
            OutputsException(
                clause=e["clause"],
                model_kind=tuple(ModelKind(k) for k in e["model_kind"]) if "model_kind" in e else None,
                release=tuple(Release(r) for r in e["release"]) if "release" in e else None,
            )
            for e in d.get("exceptions") or ()
        ),
    )


def _outputs(p: Outputs | None, ctx: Context, out: Facts) -> None:
    v = out.values
    project = ctx.project
    # Whether the subject's outputs train the student: always for teachers and generators; for
    # data under a model's terms when those terms restrict outputs (else its grant decides).
    v["outputs.used"] = ctx.role in (Role.TEACHER, Role.GENERATOR) or (
        ctx.acting is Role.GENERATOR and p is not None and p.allows is not Allows.ANY
    )
    if p is None:
        v["outputs"] = "absent"
        return
    families = set(p.families)
    v["outputs"] = p.allows.value
    v["outputs.families"] = ", ".join(sorted(families)) or None
    # A student under this licence through its lineage is a derivative work of its family.
    under_licence = ctx.terms.id in ctx.student_terms
    v["outputs.in_family"] = bool(families & ctx.student_families) or (bool(families) and under_licence)
    # Part of the lineage unknown: its family cannot be ruled out.
    v["outputs.family_known"] = ctx.student_lineage_known
    llm_only = p.scope is Scope.LARGE_LANGUAGE_MODELS
    v["outputs.in_scope"] = "in-scope" if not llm_only or project.model_kind.is_llm else "unclear"
    v["outputs.competes"] = "competes" if project.model_kind.is_llm else "unclear"
    matching = [e for e in p.exceptions if e.covers(project)]
    v["outputs.exception"] = bool(matching)
    out.cite("outputs", p.clause)
    out.cite("outputs.exception", *(e.clause for e in matching))


OUTPUTS: ProvisionKind[Outputs] = ProvisionKind(
    name="outputs",
    parse=_parse_outputs,
    emit=_outputs,
    schema=_object(
        ["allows", "clause"],
        allows={"enum": list(enum_values(Allows))},
        families={"type": "array", "items": {"type": "string"}},
        scope={"enum": list(enum_values(Scope))},
        exceptions={
            "type": "array",
            "items": _object(
                ["clause"],
                model_kind={"type": "array", "items": {"$ref": "#/$defs/model_kind"}},
                release={"type": "array", "items": {"$ref": "#/$defs/release"}},
            ),
        },
    ),
    facts={
        "outputs.used": (True, False),
        "outputs": enum_values(Allows, "absent"),
        "outputs.families": None,
        "outputs.in_family": (True, False),
        "outputs.family_known": (True, False),
        "outputs.in_scope": ("in-scope", "unclear"),
        "outputs.competes": ("competes", "unclear"),
        "outputs.exception": (True, False),
    },
    extra_citations=("outputs.exception",),
)


# --- duties: one obligation each (naming, attribution, share-alike, separate licence) --


@dataclass(frozen=True)
class Duty:
    """A provision that imposes one obligation on the roles it names, when it binds."""

    clause: str
    obligation: str
    when: Binding
    roles: frozenset[Role] | None  # None: every role

    def binds(self, ctx: Context) -> bool:
        return _applies(self.roles, ctx.acting) and self.when.binds(ctx.project)


def _duty_parts(d: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "clause": d["clause"],
        "obligation": d["obligation"],
        "when": Binding(d["when"]),
        "roles": _roles(d),
    }


def _duty_schema(required: list[str], **properties: Any) -> dict[str, Any]:
    return _object(
        [*required, "when", "obligation", "clause"],
        **properties,
        roles=_ROLES,
        when=_WHEN,
        obligation={"type": "string"},
    )


def _emit_duty(name: str, kind: ObligationKind, p: Duty | None, ctx: Context, out: Facts) -> bool:
    """Sets `<name>` to required / not-required / absent; returns whether it is required."""
    if p is None:
        out.values[name] = "absent"
        return False
    required = p.binds(ctx)
    out.values[name] = "required" if required else "not-required"
    if required:
        out.oblige(name, Obligation(kind, p.obligation, (ctx.cite(p.clause),), ctx.subject))
        out.cite(name, p.clause)
    return required


@dataclass(frozen=True)
class Naming(Duty):
    """A required prefix of the released model's name."""

    prefix: str


def _naming(p: Naming | None, ctx: Context, out: Facts) -> None:
    required = _emit_duty("naming", ObligationKind.NAME, p, ctx, out)
    if p is None:
        return
    out.values["naming.prefix"] = p.prefix
    if required:
        student = ctx.project.student
        name = student.name if student else None
        met = "unknown" if not name else "met" if name_begins_with(name, p.prefix) else "unmet"
        out.values["naming.met"] = met


NAMING: ProvisionKind[Naming] = ProvisionKind(
    name="naming",
    parse=lambda d: Naming(**_duty_parts(d), prefix=d["prefix"]),
    emit=_naming,
    schema=_duty_schema(["prefix"], prefix={"type": "string", "minLength": 1}),
    facts={"naming": PRESENCE, "naming.met": ("met", "unmet", "unknown"), "naming.prefix": None},
    obliges=True,
)


@dataclass(frozen=True)
class Attribution(Duty):
    """A notice to display, such as "Built with Llama"."""

    text: str


def _attribution(p: Attribution | None, ctx: Context, out: Facts) -> None:
    _emit_duty("attribution", ObligationKind.ATTRIBUTION, p, ctx, out)
    if p is not None:
        out.values["attribution.text"] = p.text


ATTRIBUTION: ProvisionKind[Attribution] = ProvisionKind(
    name="attribution",
    parse=lambda d: Attribution(**_duty_parts(d), text=d["text"]),
    emit=_attribution,
    schema=_duty_schema(["text"], text={"type": "string"}),
    facts={"attribution": PRESENCE, "attribution.text": None},
    obliges=True,
)


@dataclass(frozen=True)
class ShareAlike(Duty):
    """Adapted material must carry the same licence."""

    pass


def _share_alike(p: ShareAlike | None, ctx: Context, out: Facts) -> None:
    _emit_duty("share-alike", ObligationKind.SHARE_ALIKE, p, ctx, out)


SHARE_ALIKE: ProvisionKind[ShareAlike] = ProvisionKind(
    name="share-alike",
    parse=lambda d: ShareAlike(**_duty_parts(d)),
    emit=_share_alike,
    schema=_duty_schema([]),
    facts={"share-alike": PRESENCE},
    obliges=True,
)


@dataclass(frozen=True)
class SeparateLicence(Duty):
    """A licence to obtain before this use."""

    applies_to: str  # who needs the separate licence, in our words


def _separate_licence(p: SeparateLicence | None, ctx: Context, out: Facts) -> None:
    _emit_duty("separate-licence", ObligationKind.LICENCE, p, ctx, out)


SEPARATE_LICENCE: ProvisionKind[SeparateLicence] = ProvisionKind(
    name="separate-licence",
    parse=lambda d: SeparateLicence(**_duty_parts(d), applies_to=d["applies_to"]),
    emit=_separate_licence,
    schema=_duty_schema(
        ["applies_to"],
        applies_to={
            "type": "string",
            "minLength": 1,
            "description": "who needs the separate licence, in our words",
        },
    ),
    facts={"separate-licence": PRESENCE},
    obliges=True,
)


# --- user and revenue threshold ------------------------------------------------


class Counts(enum.Enum):
    """Whose figures a threshold reads."""

    ORGANIZATION = (
        "organization"  # every product of the licensee (and, where the text says so, its affiliates)
    )
    PRODUCT = "product"  # the product or service the model is used for


class Measured(enum.Enum):
    """When a threshold is measured."""

    RELEASE_DATE = "release-date"  # on the version's release date, over the preceding calendar month
    CONTINUING = "continuing"  # whenever the product has those figures


class Consequence(enum.Enum):
    """What a licensee over the threshold must do."""

    LICENCE = "licence"  # obtain a licence first: the terms grant nothing without it
    DUTY = "duty"  # meet a duty (display the model's name, say)


@dataclass(frozen=True)
class UserThreshold:
    """Figures (monthly active users, revenue) above which a clause binds the licensee."""

    clause: str
    monthly_active_users: int | None = None
    monthly_revenue_usd: int | None = None
    annual_revenue_usd: int | None = None  # annual recurring revenue: compared with 12 months
    counts: Counts = Counts.PRODUCT
    measured: Measured = Measured.CONTINUING
    consequence: Consequence = Consequence.LICENCE
    obligation: str | None = None  # the duty, for `consequence: duty`
    commercial_only: bool = False
    # False: only a predecessor's wording could be quoted; over the threshold needs review.
    verified: bool = True
    note: str | None = None

    def limits(self) -> str:
        parts = []
        if self.monthly_active_users is not None:
            parts.append(f"{self.monthly_active_users:,} monthly active users")
        if self.monthly_revenue_usd is not None:
            parts.append(f"US${self.monthly_revenue_usd:,} monthly revenue")
        if self.annual_revenue_usd is not None:
            parts.append(f"US${self.annual_revenue_usd:,} annual recurring revenue")
        return " or ".join(parts)


def _figures(p: UserThreshold, project: Project) -> tuple[list[str], list[str], list[str]]:
    """What the manifest says against each limit: (over, under, missing), each a description.

    Organisation users: the declared figure, or the product's own users where larger (the
    organisation's include them; undeclared and under the limit, they say nothing of it). A
    product's revenue: the organisation's, which bounds it (under it, so is the product;
    over it, the product may be too: read as over, fail closed)."""
    over: list[str] = []
    under: list[str] = []
    missing: list[str] = []
    users_limit = p.monthly_active_users
    if users_limit is not None:
        if p.counts is Counts.PRODUCT:
            figure: int | None = project.monthly_active_users
            name = "project.monthly_active_users"
        else:
            figure = project.organization_users
            name = "project.organization.monthly_active_users"
            if project.monthly_active_users > (figure or 0) and (
                figure is not None or project.monthly_active_users > users_limit
            ):
                figure, name = project.monthly_active_users, "project.monthly_active_users"
        if figure is None:
            missing.append(name)
        else:
            (over if figure > users_limit else under).append(f"{name}: {figure:,}")
    revenue = project.organization_revenue
    name = "project.organization.monthly_revenue_usd"
    for limit, months in ((p.monthly_revenue_usd, 1), (p.annual_revenue_usd, 12)):
        if limit is None:
            continue
        if revenue is None:
            missing.append(name)
            continue
        shown = f"{name}: US${revenue:,}" + (f", US${revenue * 12:,} a year" if months == 12 else "")
        (over if revenue * months > limit else under).append(shown)
    return over, under, list(dict.fromkeys(missing))


def _user_threshold(p: UserThreshold | None, ctx: Context, out: Facts) -> None:
    v = out.values
    if p is None:
        v["users"] = "absent"
        return
    project = ctx.project
    v["users.threshold"] = p.limits()
    v["users.verified"] = p.verified
    v["users.consequence"] = p.consequence.value
    whose = "the licensee and its affiliates" if p.counts is Counts.ORGANIZATION else "the product or service"
    v["users.figure"] = f"the figures of {whose}"
    v["users.measured"] = (
        f"on the version's release date ({ctx.terms.effective.isoformat()}), over the preceding"
        " calendar month"
        if p.measured is Measured.RELEASE_DATE
        else "while the product or service has them"
    )
    out.cite("user-threshold", p.clause)
    if p.commercial_only and project.use is not Use.COMMERCIAL:
        v["users"] = "not-binding"  # the clause speaks of commercial use only
        return
    over, under, missing = _figures(p, project)
    v["users.declared"] = "; ".join(over or under) or None
    v["users.missing"] = " and ".join(missing) or None
    # A figure the clause needs and the manifest lacks matters only where the clause could
    # bind: the project is commercial or makes the model available to others.
    could_bind = project.use is Use.COMMERCIAL or project.release.distributed
    state = "over" if over else "unknown" if missing and could_bind else "under"
    v["users"] = state
    if p.consequence is Consequence.DUTY and p.obligation and state in ("over", "unknown"):
        out.oblige(
            "user-threshold",
            Obligation(ObligationKind.ATTRIBUTION, p.obligation, (ctx.cite(p.clause),), ctx.subject),
        )


def _parse_user_threshold(d: Mapping[str, Any]) -> UserThreshold:
    def number(key: str) -> int | None:
        return int(d[key]) if key in d else None

    return UserThreshold(
        clause=d["clause"],
        monthly_active_users=number("monthly_active_users"),
        monthly_revenue_usd=number("monthly_revenue_usd"),
        annual_revenue_usd=number("annual_revenue_usd"),
        counts=Counts(d.get("counts", Counts.PRODUCT.value)),
        measured=Measured(d.get("measured", Measured.CONTINUING.value)),
        consequence=Consequence(d.get("consequence", Consequence.LICENCE.value)),
        obligation=d.get("obligation"),
        commercial_only=bool(d.get("commercial_only", False)),
        verified=bool(d.get("verified", True)),
        note=d.get("note"),
    )


_LIMIT = {"type": "integer", "minimum": 1}

USER_THRESHOLD: ProvisionKind[UserThreshold] = ProvisionKind(
    name="user-threshold",
    parse=_parse_user_threshold,
    emit=_user_threshold,
    schema={
        **_object(
            ["clause"],
            monthly_active_users=_LIMIT,
            monthly_revenue_usd=_LIMIT,
            annual_revenue_usd={
                **_LIMIT,
                "description": "annual recurring revenue; compared with 12 months of revenue",
            },
            counts={
                "enum": list(enum_values(Counts)),
                "description": "whose figures: the licensee and its affiliates (organization) or the product",
            },
            measured={"enum": list(enum_values(Measured))},
            consequence={"enum": list(enum_values(Consequence))},
            obligation={
                "type": "string",
                "description": "the duty a licensee over the threshold has (consequence: duty)",
            },
            commercial_only={"type": "boolean"},
            verified={
                "type": "boolean",
                "description": "false: the threshold's wording in this version was not seen; the clause"
                " quoted is its predecessor's. Over the threshold is then needs-review, not prohibited.",
            },
            note={"type": "string"},
        ),
        "anyOf": [
            {"required": ["monthly_active_users"]},
            {"required": ["monthly_revenue_usd"]},
            {"required": ["annual_revenue_usd"]},
        ],
        "if": {"properties": {"consequence": {"const": "duty"}}, "required": ["consequence"]},
        "then": {"required": ["obligation"]},
    },
    facts={
        "users": ("over", "under", "unknown", "not-binding", "absent"),
        "users.threshold": None,
        "users.verified": (True, False),
        "users.consequence": enum_values(Consequence),
        "users.figure": None,
        "users.measured": None,
        "users.declared": None,
        "users.missing": None,
    },
    obliges=True,
)


# --- excluded domicile --------------------------------------------------------


class Models(enum.Enum):
    MULTIMODAL = "multimodal"
    ALL = "all"


@dataclass(frozen=True)
class ExcludedDomicile:
    """Licensees domiciled in these places are not licensed."""

    clause: str
    countries: tuple[str, ...]  # ISO codes or region groups of registry.yaml
    models: Models
    end_user_exemption: str | None = None  # the clause exempting end users of a product


def _excluded_domicile(p: ExcludedDomicile | None, ctx: Context, out: Facts) -> None:
    if p is None or (p.models is Models.MULTIMODAL and ctx.multimodal is False):
        out.values["domicile"] = "absent"
        return
    domicile = ctx.project.domicile
    excluded = countries(p.countries, ctx.regions)
    out.values["domicile"] = (
        "unknown" if domicile is None else "excluded" if domicile in excluded else "allowed"
    )
    # Only multimodal models are excluded, and the record does not say whether this one is.
    out.values["domicile.modality_known"] = p.models is Models.ALL or ctx.multimodal is not None
    # An end user of a product that incorporates the model (reached through a hosted
    # service) may be exempt; whether distilling through it counts is a reviewer's call.
    end_user = p.end_user_exemption is not None and ctx.via is not None
    out.values["domicile.end_user"] = "possible" if end_user else "no"
    out.cite("excluded-domicile", p.clause)
    if end_user and p.end_user_exemption:
        out.cite("excluded-domicile.end_user", p.end_user_exemption)


EXCLUDED_DOMICILE: ProvisionKind[ExcludedDomicile] = ProvisionKind(
    name="excluded-domicile",
    parse=lambda d: ExcludedDomicile(
        clause=d["clause"],
        countries=tuple(d["countries"]),
        models=Models(d["models"]),
        end_user_exemption=d.get("end_user_exemption"),
    ),
    emit=_excluded_domicile,
    schema=_object(
        ["countries", "models", "clause"],
        countries={"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[A-Z]{2,3}$"}},
        models={"enum": list(enum_values(Models))},
        end_user_exemption={
            "type": "string",
            "description": "clause exempting end users of a product or service that incorporates the model",
        },
    ),
    facts={
        "domicile": ("excluded", "allowed", "unknown", "absent"),
        "domicile.modality_known": (True, False),
        "domicile.end_user": ("possible", "no"),
    },
    extra_citations=("excluded-domicile.end_user",),
)


# --- derivative ---------------------------------------------------------------


@dataclass(frozen=True)
class DerivativeObligation:
    """One duty the terms put on a derivative model."""

    text: str
    kind: ObligationKind
    when: Binding
    clause: str


@dataclass(frozen=True)
class Derivative:
    """What the terms require of models derived from the subject."""

    clause: str
    # The terms count a model trained on the outputs as a derivative too.
    includes_distillation: bool
    obligations: tuple[DerivativeObligation, ...]
    roles: frozenset[Role] | None = None
    # The teacher purposes the definition reaches (None: every purpose). A definition that
    # counts a model trained on outputs only when they teach it "to perform similarly" to the
    # model reaches distillation and synthetic data, not a judge or reward model.
    purposes: frozenset[Purpose] | None = None


def _parse_derivative(d: Mapping[str, Any]) -> Derivative:
    return Derivative(
        clause=d["clause"],
        includes_distillation=bool(d["includes_distillation"]),
        roles=_roles(d),
        purposes=frozenset(Purpose(x) for x in d["purposes"]) if "purposes" in d else None,
        obligations=tuple(
            DerivativeObligation(
                text=o["text"], kind=ObligationKind(o["kind"]), when=Binding(o["when"]), clause=o["clause"]
            )
            for o in d["obligations"]
        ),
    )


def _derivative(p: Derivative | None, ctx: Context, out: Facts) -> None:
    if p is None:
        out.values["derivative"] = "absent"
        return
    # A fine-tune of the weights always is one; a student of the outputs only if the terms say so,
    # and only for the purposes their definition reaches (a generator's data is synthetic data).
    # A model trained on a dataset is not treated as a derivative of the data.
    purpose = Purpose(ctx.purpose) if ctx.role is Role.TEACHER else Purpose.SYNTHETIC_DATA
    through_outputs = ctx.acting in (Role.TEACHER, Role.GENERATOR) and p.includes_distillation
    excluded = through_outputs and p.purposes is not None and purpose not in p.purposes
    is_derivative = ctx.role is Role.BASE_MODEL or (through_outputs and not excluded)
    binding = (
        [o for o in p.obligations if o.when.binds(ctx.project)]
        if is_derivative and _applies(p.roles, ctx.acting)
        else []
    )
    if excluded and ctx.role is not Role.BASE_MODEL:
        out.values["derivative"] = "purpose-excluded"
        out.cite("derivative", p.clause)
        return
    out.values["derivative"] = "binds" if binding else "not-binding"
    for o in binding:
        out.oblige("derivative", Obligation(o.kind, o.text, (ctx.cite(o.clause),), ctx.subject))
    if binding:
        out.cite("derivative", p.clause, *(o.clause for o in binding))


DERIVATIVE: ProvisionKind[Derivative] = ProvisionKind(
    name="derivative",
    parse=_parse_derivative,
    emit=_derivative,
    schema=_object(
        ["includes_distillation", "obligations", "clause"],
        includes_distillation={"type": "boolean"},
        roles=_ROLES,
        purposes={
            "type": "array",
            "minItems": 1,
            "items": {"enum": list(enum_values(Purpose))},
            "description": "the teacher purposes the definition reaches (default: every purpose)",
        },
        obligations={
            "type": "array",
            "items": _object(
                ["text", "kind", "when", "clause"],
                text={"type": "string"},
                kind={"enum": list(enum_values(ObligationKind))},
                when=_WHEN,
            ),
        },
    ),
    facts={"derivative": ("binds", "not-binding", "purpose-excluded", "absent")},
    obliges=True,
)


# --- the table ----------------------------------------------------------------

# Every kind the engine understands, in the order the facts are computed.
KINDS: Mapping[str, ProvisionKind[Any]] = {
    kind.name: kind
    for kind in (
        GRANT,
        OUTPUTS,
        NAMING,
        ATTRIBUTION,
        SHARE_ALIKE,
        SEPARATE_LICENCE,
        USER_THRESHOLD,
        EXCLUDED_DOMICILE,
        NON_COMMERCIAL,
        DERIVATIVE,
        NO_DERIVATIVES,
    )
}


def parse(data: Mapping[str, Any]) -> dict[str, object]:
    """A terms document's `provisions:` mapping, each parsed by its kind."""
    unknown = sorted(set(data) - set(KINDS))
    if unknown:
        # A misspelt restriction must never be dropped silently: that would fail open.
        raise ValueError(f"unknown provision kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    return {name: KINDS[name].parse(data[name]) for name in KINDS if name in data}


def emit(provisions: Mapping[str, object], ctx: Context, out: Facts) -> None:
    """Every kind's facts about `ctx`; a kind the terms do not state says so ("absent")."""
    for kind in KINDS.values():
        kind.emit(provisions.get(kind.name), ctx, out)


def citation_keys() -> tuple[str, ...]:
    return tuple(key for kind in KINDS.values() for key in kind.citations)


def obligation_sources() -> tuple[str, ...]:
    return tuple(name for name, kind in KINDS.items() if kind.obliges)


def terms_schema() -> dict[str, Any]:
    """The registry's terms-document schema: the document's frame, shipped as JSON, with each
    provision kind's part and the shared definitions filled in from this table."""
    from licensecheck import jsonschemas

    frame = json.loads(jsonschemas.text("registry-terms.schema.json"))
    frame["properties"]["provisions"]["properties"] = {name: dict(k.schema) for name, k in KINDS.items()}
    frame.setdefault("$defs", {}).update(DEFINITIONS)
    schema: dict[str, Any] = frame
    return schema


def to_data(provision: object) -> Any:
    """A parsed provision as plain data (YAML names and values), for `explain` and `registry show`."""
    if dataclasses.is_dataclass(provision) and not isinstance(provision, type):
        return {
            f.name: to_data(value)
            for f in dataclasses.fields(provision)
            if (value := getattr(provision, f.name)) is not None
        }
    if isinstance(provision, enum.Enum):
        return provision.value
    if isinstance(provision, frozenset):
        return sorted(to_data(v) for v in provision)
    if isinstance(provision, tuple | list):
        return [to_data(v) for v in provision]
    return provision


# --- helpers the facts use ------------------------------------------------------


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


def countries(names: tuple[str, ...] | list[str], regions: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Every code `names` covers: the countries of the regions named, the regions' own codes
    (a manifest may say `domicile: EU`), and any region wholly inside them (the EU is in the
    EEA, so `domicile: EU` falls under an EEA exclusion)."""
    out: set[str] = set(names)
    for name in names:
        out.update(regions.get(name, ()))
    out.update(region for region, members in regions.items() if members and set(members) <= out)
    return out
