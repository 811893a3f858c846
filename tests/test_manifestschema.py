"""manifestschema.py: the manifest's JSON Schema decided in plain Python agrees with jsonschema.
It may doubt (and leave the document to jsonschema) but never accepts what the schema refuses."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from licensecheck import jsonschemas, manifestschema
from licensecheck.manifest import SCHEMA

VALIDATOR = Draft202012Validator(jsonschemas.schema(SCHEMA))

MODELS = st.sampled_from(["openai:gpt-4o", "meta-llama/Llama-3.1-8B", "Qwen/Qwen2.5-7B", "a:b", "x/y"])
DATES = st.sampled_from(["2024-01-01", "2025-12-31", "1999-02-29"])
TEXT = st.text(min_size=1, max_size=6)

TEACHERS = st.fixed_dictionaries(
    {"model": MODELS},
    optional={
        "via": TEXT,
        "purpose": st.sampled_from(["distillation", "synthetic-data", "judge", "reward-model"]),
        "license": st.sampled_from(["MIT", "LicenseRef-custom", ""]),
        "from": DATES,
        "until": DATES,
    },
)
SOURCES = st.one_of(
    st.fixed_dictionaries({"id": st.sampled_from(["org/data", "tatsu-lab/alpaca"])}),
    st.fixed_dictionaries({"path": TEXT}),
    st.fixed_dictionaries({"url": st.sampled_from(["https://example.com/x", "http://h/y"])}),
)
EXTRA = st.fixed_dictionaries(
    {},
    optional={
        "license": st.sampled_from(["MIT", "CC-BY-4.0 OR MIT"]),
        "generated_by": st.lists(MODELS, max_size=2),
        "generated": st.fixed_dictionaries({"from": DATES}, optional={"until": DATES}),
        "human_written": st.booleans(),
    },
)
DATASETS = st.tuples(SOURCES, EXTRA).map(lambda pair: {**pair[0], **pair[1]})
WAIVERS = st.fixed_dictionaries(
    {"subject": TEXT, "approved_by": TEXT, "reason": TEXT, "expires": DATES},
    optional={
        "approved_on": DATES,
        "rule": st.sampled_from(["outputs-competing", "policy-deny", "Bad_Rule", "-x"]),
        "terms": st.sampled_from(["openai-terms-of-use@2024-01-31", "mit"]),
    },
)
PROJECTS = st.fixed_dictionaries(
    {
        "name": TEXT,
        "use": st.sampled_from(["commercial", "research"]),
        "release": st.sampled_from(["open-weights", "hosted", "internal"]),
    },
    optional={
        "model_kind": st.sampled_from(["general-llm", "code-llm", "classifier", "embedding", "other"]),
        "monthly_active_users": st.integers(min_value=0, max_value=10**9),
        "domicile": st.sampled_from(["US", "DE", "EEA"]),
        "student": st.fixed_dictionaries(
            {"name": TEXT},
            optional={"base_model": MODELS, "base_model_license": st.sampled_from(["MIT", ""])},
        ),
        "organization": st.fixed_dictionaries(
            {},
            optional={
                "monthly_active_users": st.integers(min_value=-1, max_value=10**9),
                "monthly_revenue_usd": st.one_of(st.integers(min_value=-1, max_value=10**9), st.just(1.5)),
            },
        ),
    },
)
MANIFESTS = st.fixed_dictionaries(
    {"licensecheck": st.just(1), "project": PROJECTS},
    optional={
        "teachers": st.lists(TEACHERS, max_size=3),
        "datasets": st.lists(DATASETS, max_size=3),
        "waivers": st.lists(WAIVERS, max_size=2),
        "policy": st.sampled_from(["policy.yaml", ".licensecheck/org.yaml"]),
    },
)
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=False),
    st.just(1.0),
    st.text(max_size=4),
    st.just("US\n"),
    st.just("openai:gpt-4o\n"),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def schema_accepts(data: Any) -> bool:
    return not any(True for _ in VALIDATOR.iter_errors(data))


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += paths(value, (*prefix, i))
    return out


def mutated(data: Any, where: tuple[Any, ...], how: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    if not where:
        return value
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if how == "delete" and isinstance(parent, dict):
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent["unknown"] = value
    else:
        parent[last] = value
    return data


@settings(max_examples=400, deadline=None)
@given(data=MANIFESTS)
def test_a_manifest_the_schema_accepts_is_decided_without_jsonschema(data: dict[str, Any]) -> None:
    assert manifestschema.valid(data) == schema_accepts(data)


@settings(max_examples=1500, deadline=None)
@given(
    data=MANIFESTS, pick=st.integers(min_value=0), how=st.sampled_from(["set", "delete", "add"]), value=ODD
)
def test_never_accepts_what_the_schema_refuses(data: dict[str, Any], pick: int, how: str, value: Any) -> None:
    where = paths(data)
    bad = mutated(data, where[pick % len(where)], how, value)
    if manifestschema.valid(bad):
        assert schema_accepts(bad), bad


def test_it_decides_the_shipped_schema_only() -> None:
    shipped = hashlib.sha256(manifestschema.SCHEMA_PATH.read_bytes()).hexdigest()
    assert shipped == manifestschema.SCHEMA_SHA256, "manifest.schema.json changed: update manifestschema.py"
    assert manifestschema.in_force()


def test_a_changed_schema_leaves_every_decision_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    manifestschema.in_force.cache_clear()
    monkeypatch.setattr(manifestschema, "SCHEMA_SHA256", "0" * 64)
    try:
        assert not manifestschema.valid(
            {"licensecheck": 1, "project": {"name": "a", "use": "research", "release": "internal"}}
        )
    finally:
        manifestschema.in_force.cache_clear()
