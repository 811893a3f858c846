"""policyschema.py: the policy's JSON Schema decided in plain Python agrees with jsonschema, and
never accepts what the schema refuses."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from licensecheck import jsonschemas, policyschema
from licensecheck.yamlio import load_file
from tests.conftest import REPO
from tests.test_manifestschema import ODD, mutated, paths

VALIDATOR = Draft202012Validator(jsonschemas.schema("policy.schema.json"))
SCALARS = st.one_of(st.text(max_size=4), st.booleans(), st.integers(-3, 3))
RULES = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "rule-1", "x9"]),
        "when": st.dictionaries(
            st.text(min_size=1, max_size=5),
            SCALARS | st.lists(SCALARS, min_size=1, max_size=3),
            min_size=1,
            max_size=3,
        ),
        "verdict": st.sampled_from(["permitted", "conditional", "needs-review", "prohibited"]),
        "reason": st.text(min_size=1, max_size=8),
    },
    optional={
        "obligation": st.text(max_size=5),
        "obligation_kind": st.text(max_size=5),
        "obligation_from": st.text(max_size=5),
        "cite": st.lists(st.text(max_size=4), max_size=2),
    },
)
PATTERNS = st.lists(st.sampled_from(["openai:*", "meta-llama/*", "MIT", ""]), min_size=0, max_size=2)
POLICIES = st.fixed_dictionaries(
    {"policy": st.just(1), "name": st.text(max_size=5)},
    optional={
        "rules": st.lists(RULES, min_size=1, max_size=3),
        "needs_review": st.sampled_from(["error", "warning"]),
        "fail_on": st.sampled_from(["prohibited", "needs-review", "conditional"]),
        "waivers": st.fixed_dictionaries({}, optional={"max_text_length": st.integers(1, 500)}),
        "extends": st.sampled_from(["default", "none", "other"]),
        "verdicts": st.dictionaries(
            st.sampled_from(["outputs-competing", "Bad", "x-1"]),
            st.sampled_from(["permitted", "prohibited", "maybe"]),
            max_size=2,
        ),
        "allow": st.dictionaries(st.sampled_from(["teachers", "licenses", "models"]), PATTERNS, max_size=2),
        "deny": st.dictionaries(st.sampled_from(["providers", "datasets", "generators"]), PATTERNS, max_size=2),
        "require": st.fixed_dictionaries(
            {},
            optional={
                "dataset_origin": st.sampled_from([True, False, "needs-review", "permitted", 1]),
                "teacher_dates": st.sampled_from([True, "prohibited"]),
            },
        ),
        "contact": st.text(max_size=4),
        "overlays": st.lists(st.sampled_from(["overlays", ""]), max_size=2),
    },
)


def schema_accepts(data: Any) -> bool:
    return not any(True for _ in VALIDATOR.iter_errors(data))


@settings(max_examples=300, deadline=None)
@given(data=POLICIES)
def test_a_policy_the_schema_accepts_is_decided_without_jsonschema(data: dict[str, Any]) -> None:
    assert policyschema.valid(data) == schema_accepts(data)


@settings(max_examples=1000, deadline=None)
@given(data=POLICIES, pick=st.integers(min_value=0), how=st.sampled_from(["set", "delete", "add"]), value=ODD)
def test_never_accepts_what_the_schema_refuses(data: dict[str, Any], pick: int, how: str, value: Any) -> None:
    where = paths(data)
    bad = mutated(copy.deepcopy(data), where[pick % len(where)], how, value)
    if policyschema.valid(bad):
        assert schema_accepts(bad), bad


def test_the_shipped_policy_is_decided_without_jsonschema() -> None:
    assert policyschema.valid(load_file(REPO / "policies" / "default.yaml").data)


def test_it_decides_the_shipped_schema_only() -> None:
    shipped = hashlib.sha256(policyschema.SCHEMA_PATH.read_bytes()).hexdigest()
    assert shipped == policyschema.SCHEMA_SHA256, "policy.schema.json changed: update policyschema.py"
