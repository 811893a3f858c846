"""provisions.py: each provision kind declared once, and the schema, the policy vocabulary
and the facts the engine computes agreeing with that table."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from licensecheck import facts as facts_module
from licensecheck import policy as policy_mod
from licensecheck import provisions
from licensecheck.errors import InputError
from licensecheck.facts import BASE_VOCABULARY, VOCABULARY
from licensecheck.finding import ObligationKind, Role
from licensecheck.manifest import ModelKind, Project, Release, Student, Use
from licensecheck.refs import ModelRef
from licensecheck.registry import Registry
from licensecheck.terms import Terms
from tests.conftest import REPO

CLAUSES = [
    "grant",
    "out",
    "exc",
    "name",
    "attr",
    "users",
    "eu",
    "end-user",
    "nc",
    "der",
    "notice",
    "sa",
    "sep",
]


def terms(provisions_data: dict[str, Any], kind: str = "model-license") -> Terms:
    return Terms.from_data(
        {
            "id": "test-licence",
            "version": "1",
            "name": "Test Licence",
            "kind": kind,
            "effective": "2024-01-01",
            "source": "https://example.test/licence",
            "clauses": [{"id": c, "section": "1", "quote": f"quote {c}"} for c in CLAUSES],
            "provisions": provisions_data,
        }
    )


def project(
    *,
    use: Use = Use.COMMERCIAL,
    release: Release = Release.OPEN_WEIGHTS,
    kind: ModelKind = ModelKind.GENERAL_LLM,
    users: int = 0,
    domicile: str | None = "US",
    student: str | None = "Acme-7B",
) -> Project:
    return Project(
        name="p",
        use=use,
        release=release,
        model_kind=kind,
        monthly_active_users=users,
        domicile=domicile,
        student=Student(student, ModelRef("org/base"), 3) if student else None,
    )


def facts(
    t: Terms,
    p: Project,
    role: Role = Role.TEACHER,
    *,
    via: str | None = None,
    multimodal: bool | None = False,
    families: frozenset[str] = frozenset(),
) -> provisions.Facts:
    acting = Role.GENERATOR if role is Role.DATASET and t.kind.value != "data-license" else role
    out = provisions.Facts({})
    ctx = provisions.Context(
        project=p,
        subject="org/model",
        role=role,
        acting=acting,
        terms=t,
        via=via,
        multimodal=multimodal,
        regions={"EU": ("DE", "FR")},
        student_families=families,
    )
    provisions.emit(t.provisions, ctx, out)
    return out


# --- the table, the schema and the vocabulary agree ---------------------------


def test_the_schema_has_one_part_per_kind_and_nothing_else() -> None:
    schema = provisions.terms_schema()
    assert set(schema["properties"]["provisions"]["properties"]) == set(provisions.KINDS)
    assert schema["properties"]["provisions"]["additionalProperties"] is False
    # Enum values in the schema come from the enums, not from a second list.
    assert schema["$defs"]["roles"]["items"]["enum"] == [r.value for r in Role]
    assert schema["$defs"]["model_kind"]["enum"] == [k.value for k in ModelKind]


def test_the_policy_vocabulary_is_the_base_facts_plus_each_kinds_facts() -> None:
    expected = dict(BASE_VOCABULARY)
    for kind in provisions.KINDS.values():
        assert not set(kind.facts) & set(expected), f"{kind.name} redefines a fact"
        expected.update(kind.facts)
    assert dict(VOCABULARY) == expected
    assert policy_mod.FACTS is VOCABULARY
    assert VOCABULARY["role"] == tuple(r.value for r in Role)


def test_the_default_policy_speaks_only_the_tables_language() -> None:
    policy = policy_mod.load()
    for rule in policy.rules:
        assert set(rule.when) <= set(VOCABULARY)
        assert set(rule.cite) <= set(provisions.citation_keys()), rule.id
        assert rule.obligation_from is None or rule.obligation_from in provisions.obligation_sources()


def _all_registry_facts() -> dict[str, set[Any]]:
    """Every fact value the engine computes for every terms version, role and a spread of projects."""
    seen: dict[str, set[Any]] = {}
    registry = Registry()
    projects = [
        project(),
        project(use=Use.RESEARCH, release=Release.INTERNAL, kind=ModelKind.CLASSIFIER, domicile=None),
        project(users=10**9, domicile="DE", student="Llama-Acme"),
        project(release=Release.HOSTED, student=None, domicile="FR"),
    ]
    for series in registry.series_ids():
        for t in registry.series(series):
            for p in projects:
                for role in Role:
                    for via, multimodal in ((None, False), ("router", None), (None, True)):
                        out = facts(
                            t, p, role, via=via, multimodal=multimodal, families=frozenset({"llama-3.1"})
                        )
                        for name, value in out.values.items():
                            seen.setdefault(name, set()).add(value)
    return seen


def test_every_fact_the_provisions_compute_is_in_the_vocabulary_with_an_allowed_value() -> None:
    seen = _all_registry_facts()
    provision_facts = {name for kind in provisions.KINDS.values() for name in kind.facts}
    assert set(seen) <= provision_facts
    for name, values in seen.items():
        allowed = VOCABULARY[name]
        if allowed is not None:
            assert values <= set(allowed) | {None}, (name, values - set(allowed))
    # Every condition a policy may test is reachable from the shipped registry.
    conditions = {n for kind in provisions.KINDS.values() for n, v in kind.facts.items() if v is not None}
    assert conditions <= set(seen)


def test_every_shipped_terms_document_parses_into_typed_records() -> None:
    registry = Registry()
    kinds_used: set[str] = set()
    for series in registry.series_ids():
        for t in registry.series(series):
            for name, record in t.provisions.items():
                assert type(record).__module__ == "licensecheck.provisions"
                # What `explain` and `registry show` print reads back as the same record.
                assert provisions.KINDS[name].parse(provisions.to_data(record)) == record
                kinds_used.add(name)
    assert kinds_used == set(provisions.KINDS)  # no kind is dead


# --- parsing ------------------------------------------------------------------


def test_parsing_gives_frozen_typed_records() -> None:
    t = terms(
        {
            "outputs": {
                "allows": "non-competing",
                "clause": "out",
                "exceptions": [{"clause": "exc", "model_kind": ["classifier"]}],
            },
            "derivative": {
                "includes_distillation": True,
                "clause": "der",
                "obligations": [
                    {"text": "Ship a notice.", "kind": "notice", "when": "distributed", "clause": "notice"}
                ],
            },
        }
    )
    outputs = t.provisions["outputs"]
    assert isinstance(outputs, provisions.Outputs)
    assert outputs.allows is provisions.Allows.NON_COMPETING
    assert (
        outputs.exceptions[0].model_kind == (ModelKind.CLASSIFIER,) and outputs.exceptions[0].release is None
    )
    derivative = t.provisions["derivative"]
    assert isinstance(derivative, provisions.Derivative)
    assert derivative.obligations[0].kind is ObligationKind.NOTICE
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(outputs, "allows", provisions.Allows.ANY)  # noqa: B010 - mypy would refuse the assignment


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outputz": {"clause": "out"}}, "unknown provision kind"),
        ({"outputs": {"allows": "sometimes", "clause": "out"}}, "sometimes"),
        ({"naming": {"prefix": "X", "when": "never", "obligation": "o", "clause": "name"}}, "never"),
        (
            {
                "derivative": {
                    "includes_distillation": False,
                    "clause": "der",
                    "obligations": [{"text": "t", "when": "always", "clause": "der"}],
                }
            },
            "kind",
        ),
    ],
)
def test_a_malformed_provision_is_an_error_never_dropped(data: dict[str, Any], message: str) -> None:
    with pytest.raises((ValueError, KeyError), match=message):
        terms(data)


# --- what each kind computes ----------------------------------------------------


def test_an_absent_kind_says_so() -> None:
    out = facts(terms({}), project())
    assert out.values["grant"] == "absent" and out.values["outputs"] == "absent"
    assert out.values["naming"] == "absent" and out.values["derivative"] == "absent"
    assert out.values["domicile"] == "absent" and out.values["commercial"] == "allowed"
    assert not out.obligations and not any(out.clauses.values())


@pytest.mark.parametrize(
    ("student", "release", "expected"),
    [
        ("Llama-Acme-8B", Release.OPEN_WEIGHTS, ("required", "met")),
        ("Acme-8B", Release.HOSTED, ("required", "unmet")),
        (None, Release.OPEN_WEIGHTS, ("required", "unknown")),
        ("Acme-8B", Release.INTERNAL, ("not-required", None)),
    ],
)
def test_naming_binds_when_distributed_and_checks_the_students_name(
    student: str | None, release: Release, expected: tuple[str, str | None]
) -> None:
    t = terms(
        {
            "naming": {
                "prefix": "Llama",
                "when": "distributed",
                "obligation": "Begin with Llama.",
                "clause": "name",
            }
        }
    )
    out = facts(t, project(student=student, release=release))
    assert (out.values["naming"], out.values.get("naming.met")) == expected
    assert out.values["naming.prefix"] == "Llama"
    if expected[0] == "required":
        [obligation] = out.obligations["naming"]
        assert obligation.kind is ObligationKind.NAME and obligation.text == "Begin with Llama."
        assert [c.quote for c in obligation.clauses] == ["quote name"] and obligation.subject == "org/model"
    else:
        assert "naming" not in out.obligations


def test_a_duty_binds_only_the_roles_it_names() -> None:
    t = terms(
        {
            "attribution": {
                "text": "Built with X",
                "roles": ["base-model"],
                "when": "always",
                "obligation": "Show it.",
                "clause": "attr",
            }
        }
    )
    assert facts(t, project(), Role.BASE_MODEL).values["attribution"] == "required"
    assert facts(t, project(), Role.TEACHER).values["attribution"] == "not-required"


def test_separate_licence_and_share_alike_obligations_have_their_kinds() -> None:
    t = terms(
        {
            "separate-licence": {
                "applies_to": "MaaS",
                "when": "commercial",
                "obligation": "Get a licence.",
                "clause": "sep",
            },
            "share-alike": {"when": "distributed", "obligation": "Share alike.", "clause": "sa"},
        },
        kind="data-license",
    )
    out = facts(t, project(), Role.DATASET)
    assert out.obligations["separate-licence"][0].kind is ObligationKind.LICENCE
    assert out.obligations["share-alike"][0].kind is ObligationKind.SHARE_ALIKE
    assert facts(t, project(use=Use.RESEARCH), Role.DATASET).values["separate-licence"] == "not-required"


def test_outputs_facts_and_their_exception() -> None:
    t = terms(
        {
            "outputs": {
                "allows": "non-competing",
                "clause": "out",
                "exceptions": [{"clause": "exc", "model_kind": ["classifier"], "release": ["internal"]}],
            }
        }
    )
    llm = facts(t, project())
    assert llm.values["outputs"] == "non-competing" and llm.values["outputs.exception"] is False
    assert llm.values["outputs.competes"] == "competes" and llm.clauses["outputs"] == ["out"]
    internal = facts(t, project(kind=ModelKind.CLASSIFIER, release=Release.INTERNAL))
    assert internal.values["outputs.exception"] is True and internal.clauses["outputs.exception"] == ["exc"]


def test_a_dataset_under_a_models_terms_is_judged_as_its_outputs() -> None:
    t = terms({"outputs": {"allows": "none", "clause": "out"}, "grant": {"clause": "grant"}})
    assert facts(t, project(), Role.DATASET).values["outputs.used"] is True
    data_licence = terms({"outputs": {"allows": "none", "clause": "out"}}, kind="data-license")
    assert facts(data_licence, project(), Role.DATASET).values["outputs.used"] is False


def test_same_family_outputs_follow_the_students_lineage() -> None:
    t = terms({"outputs": {"allows": "same-family", "families": ["llama-3.1"], "clause": "out"}})
    assert facts(t, project(), families=frozenset({"llama-3.1"})).values["outputs.in_family"] is True
    assert facts(t, project(), families=frozenset({"qwen"})).values["outputs.in_family"] is False


@pytest.mark.parametrize(
    ("domicile", "multimodal", "via", "expected"),
    [
        ("DE", False, None, ("absent", None, None)),  # only multimodal models are excluded
        ("DE", True, None, ("excluded", True, "no")),
        ("DE", None, None, ("excluded", False, "no")),  # modality not on record
        ("DE", True, "router", ("excluded", True, "possible")),  # reached through a product
        ("US", True, None, ("allowed", True, "no")),
        (None, True, None, ("unknown", True, "no")),
        ("EU", True, None, ("excluded", True, "no")),  # a region's own code is in it
    ],
)
def test_excluded_domicile(
    domicile: str | None, multimodal: bool | None, via: str | None, expected: tuple[Any, ...]
) -> None:
    t = terms(
        {
            "excluded-domicile": {
                "countries": ["EU"],
                "models": "multimodal",
                "clause": "eu",
                "end_user_exemption": "end-user",
            }
        }
    )
    out = facts(t, project(domicile=domicile), via=via, multimodal=multimodal)
    got = (
        out.values["domicile"],
        out.values.get("domicile.modality_known"),
        out.values.get("domicile.end_user"),
    )
    assert got == expected
    if expected[2] == "possible":
        assert out.clauses["excluded-domicile.end_user"] == ["end-user"]


@pytest.mark.parametrize(
    ("commercial_only", "use", "users", "expected"),
    [
        (False, Use.COMMERCIAL, 800_000_000, "over"),
        (False, Use.COMMERCIAL, 700_000_000, "under"),  # at the threshold is not above it
        (True, Use.RESEARCH, 800_000_000, "not-binding"),
        (True, Use.COMMERCIAL, 800_000_000, "over"),
    ],
)
def test_user_threshold(commercial_only: bool, use: Use, users: int, expected: str) -> None:
    t = terms(
        {
            "user-threshold": {
                "monthly_active_users": 700_000_000,
                "commercial_only": commercial_only,
                "clause": "users",
            }
        }
    )
    out = facts(t, project(use=use, users=users))
    assert out.values["users"] == expected
    assert out.values["users.threshold"] == "700,000,000 monthly active users"
    assert out.values["users.verified"] is True


ORG_LIMIT = {
    "monthly_active_users": 700_000_000,
    "counts": "organization",
    "measured": "release-date",
    "clause": "users",
}


@pytest.mark.parametrize(
    ("organization", "product", "use", "release", "expected"),
    [
        (None, 0, Use.COMMERCIAL, Release.INTERNAL, "unknown"),  # commercial: it could bind
        (None, 0, Use.RESEARCH, Release.OPEN_WEIGHTS, "unknown"),  # distributed: it could bind
        (None, 0, Use.RESEARCH, Release.INTERNAL, "under"),  # neither: the figure is not asked for
        (None, 800_000_000, Use.RESEARCH, Release.INTERNAL, "over"),  # the product alone exceeds it
        (5_000_000, 0, Use.COMMERCIAL, Release.OPEN_WEIGHTS, "under"),
        (5_000_000, 800_000_000, Use.COMMERCIAL, Release.OPEN_WEIGHTS, "over"),  # it includes the product
        (800_000_000, 0, Use.RESEARCH, Release.INTERNAL, "over"),
    ],
)
def test_an_organisation_threshold_reads_the_organisation_and_asks_for_it_only_where_it_could_bind(
    organization: int | None, product: int, use: Use, release: Release, expected: str
) -> None:
    p = dataclasses.replace(project(use=use, release=release, users=product), organization_users=organization)
    out = facts(terms({"user-threshold": ORG_LIMIT}), p)
    assert out.values["users"] == expected
    assert (
        out.values["users.measured"]
        == "on the version's release date (2024-01-01), over the preceding calendar month"
    )
    if expected == "unknown":
        assert out.values["users.missing"] == "project.organization.monthly_active_users"


@pytest.mark.parametrize(
    ("revenue", "expected", "duty"),
    [(None, "unknown", True), (1_000_000, "under", False), (2_600_000, "over", True)],
)
def test_a_revenue_threshold_with_a_duty(revenue: int | None, expected: str, duty: bool) -> None:
    limit = {
        "annual_revenue_usd": 30_000_000,  # 12 x 2.6 million is over it
        "consequence": "duty",
        "obligation": "Display the name.",
        "commercial_only": True,
        "clause": "users",
    }
    p = dataclasses.replace(project(), organization_revenue=revenue)
    out = facts(terms({"user-threshold": limit}), p)
    assert out.values["users"] == expected and out.values["users.consequence"] == "duty"
    assert [o.text for o in out.obligations.get("user-threshold", [])] == (
        ["Display the name."] if duty else []
    )


def test_derivative_obligations_bind_a_base_model_and_a_distilled_student_only_if_the_terms_say_so() -> None:
    def derivative(distillation: bool, kind: str = "model-license") -> Terms:
        return terms(
            {
                "derivative": {
                    "includes_distillation": distillation,
                    "clause": "der",
                    "obligations": [
                        {
                            "text": "Ship the notice.",
                            "kind": "notice",
                            "when": "weights-released",
                            "clause": "notice",
                        },
                        {
                            "text": "Respect the use policy.",
                            "kind": "use-restriction",
                            "when": "always",
                            "clause": "der",
                        },
                    ],
                }
            },
            kind=kind,
        )

    base = facts(derivative(False), project(release=Release.HOSTED), Role.BASE_MODEL)
    assert base.values["derivative"] == "binds"
    assert [(o.kind, o.text) for o in base.obligations["derivative"]] == [
        (ObligationKind.USE_RESTRICTION, "Respect the use policy.")
    ]
    assert facts(derivative(False), project(), Role.TEACHER).values["derivative"] == "not-binding"
    distilled = facts(derivative(True), project(), Role.TEACHER)
    assert [o.kind for o in distilled.obligations["derivative"]] == [
        ObligationKind.NOTICE,
        ObligationKind.USE_RESTRICTION,
    ]
    assert distilled.clauses["derivative"] == ["der", "notice", "der"]
    # A model trained on a dataset is not a derivative of the data; a dataset under a model's
    # terms is that model's output, and binds as a generator does.
    assert (
        facts(derivative(True, "data-license"), project(), Role.DATASET).values["derivative"] == "not-binding"
    )
    assert facts(derivative(True), project(), Role.DATASET).values["derivative"] == "binds"


def test_to_data_gives_the_registry_names_back() -> None:
    t = terms(
        {
            "naming": {
                "prefix": "Llama",
                "roles": ["teacher"],
                "when": "distributed",
                "obligation": "o",
                "clause": "name",
            }
        }
    )
    assert provisions.to_data(t.provisions["naming"]) == {
        "clause": "name",
        "obligation": "o",
        "when": "distributed",
        "roles": ["teacher"],
        "prefix": "Llama",
    }


# --- the policy is checked against the table ---------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("cite: [outputz]", "cite 'outputz' is unknown"),
        ("obligation_from: grant", "obligation_from 'grant' is unknown"),
        ("obligation: 'Do it.'\n    obligation_kind: chores", "obligation_kind 'chores' is unknown"),
    ],
)
def test_a_policy_naming_what_the_table_does_not_hold_is_rejected(
    tmp_path: Path, extra: str, message: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        f"policy: 1\nname: p\nrules:\n  - id: r\n    when: {{role: teacher}}\n    verdict: conditional\n"
        f"    reason: x\n    {extra}\n"
    )
    with pytest.raises(InputError, match=message) as caught:
        policy_mod.load(path)
    assert caught.value.line is not None and caught.value.line >= 4


def test_the_shipped_policy_file_is_the_default() -> None:
    assert (REPO / "policies" / "default.yaml").is_file()
    assert policy_mod.load().rules[0].obligation_kind is ObligationKind.OTHER
    research = next(r for r in policy_mod.load().rules if r.id == "research-use-only")
    assert research.obligation_kind is ObligationKind.USE_RESTRICTION


def test_the_documented_new_kind_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/registry.md's example, added to the table, reaches the schema, the vocabulary, the
    parser and the facts with nothing else changed."""
    doc = (REPO / "docs" / "registry.md").read_text(encoding="utf-8")
    section = doc.split("## Adding a provision kind", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace = dict(vars(provisions))
    exec(code, namespace)  # the documented entry, in the module it would be written in
    kind = namespace["TERRITORY"]
    monkeypatch.setattr(provisions, "KINDS", {**provisions.KINDS, kind.name: kind})

    assert "territory" in provisions.terms_schema()["properties"]["provisions"]["properties"]
    assert facts_module._vocabulary()["territory"] == ("excluded", "allowed", "absent")
    assert "territory" in provisions.citation_keys()
    t = terms({"territory": {"countries": ["EU"], "clause": "eu"}})
    out = facts(t, project(domicile="DE"))
    assert out.values["territory"] == "excluded" and out.clauses["territory"] == ["eu"]
    assert facts(t, project(domicile="US")).values["territory"] == "allowed"


def test_the_policy_docs_name_every_fact() -> None:
    doc = (REPO / "docs" / "policy.md").read_text(encoding="utf-8")
    missing = [name for name in VOCABULARY if f"`{name}`" not in doc]
    assert not missing, f"docs/policy.md does not describe {missing}"
