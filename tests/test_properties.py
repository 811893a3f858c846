"""Property tests of the fail-closed invariants, on generated manifests.

Run against both the synthetic test registry and the shipped one, so the
invariants hold for the engine and for the real data it reads.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.engine import Result, evaluate
from licensecheck.registry import Registry
from licensecheck.report.json import finding_to_json
from licensecheck.verdict import Verdict

TEST_REGISTRY = Registry(Path(__file__).parent / "data" / "registry")
SHIPPED = Registry()
POLICY = policy_mod.load()
AS_OF = datetime.date(2026, 11, 23)

KNOWN_MODELS = [
    "org/open-model",
    "closed:big",
    "fam/fam-70b",
    "fam/fam-vision",
    "org/fam-finetune",
    "org/silent-model",
    "org/loop-a",
    "org/missing-terms",
    "deepseek-ai/DeepSeek-R1",
    "openai:gpt-4o",
    "anthropic:claude-3-5-sonnet",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.3-70B-Instruct",
    "Qwen/Qwen2.5-7B",
    "google:gemini-1.5-pro",
    "deepseek:deepseek-chat",
    "mistral:mistral-large",
]
UNKNOWN_MODELS = ["nobody/unknown-7b", "acme/private-model", "madeup:model-x", "zz/zz"]
DATASETS = [
    {"id": "org/nc-data"},
    {"id": "tatsu-lab/alpaca"},
    {"id": "nobody/unknown-data"},
    {"path": "a.jsonl", "license": "MIT"},
    {"path": "b.jsonl", "license": "CC-BY-NC-4.0 OR MIT"},
    {"path": "c.jsonl", "license": "LicenseRef-mystery"},
    {"url": "https://example.test/d"},
    {"path": "e.jsonl", "license": "CC0-1.0", "generated_by": ["nobody/unknown-7b"]},
]

projects = st.fixed_dictionaries(
    {
        "name": st.just("p"),
        "use": st.sampled_from(["commercial", "research"]),
        "release": st.sampled_from(["open-weights", "hosted", "internal"]),
        "model_kind": st.sampled_from(["general-llm", "code-llm", "classifier", "embedding", "other"]),
        "monthly_active_users": st.sampled_from([0, 5000, 150_000_000, 800_000_000]),
        "domicile": st.sampled_from(["US", "DE", "FR", "CN"]),
        "student": st.fixed_dictionaries(
            {
                "name": st.sampled_from(["Acme-7B", "Llama-Acme-7B", "Fam-Acme"]),
                "base_model": st.sampled_from([*KNOWN_MODELS[:6], "Qwen/Qwen2.5-7B", "nobody/unknown-7b"]),
            }
        ),
    }
)
teachers = st.lists(
    st.builds(
        lambda m, p: {"model": m, "purpose": p},
        st.sampled_from(KNOWN_MODELS + UNKNOWN_MODELS),
        st.sampled_from(["distillation", "synthetic-data", "judge", "reward-model"]),
    ),
    max_size=5,
)
datasets = st.lists(st.sampled_from(DATASETS), max_size=4, unique_by=lambda d: str(d))
registries = st.sampled_from([TEST_REGISTRY, SHIPPED])


def judge(
    registry: Registry, project: dict[str, Any], teach: list[dict[str, Any]], data: list[dict[str, Any]]
) -> Result:
    doc = {"licensecheck": 1, "project": project, "teachers": teach, "datasets": data}
    parsed = manifest_mod.loads(yaml.safe_dump(doc, sort_keys=False))
    return evaluate(parsed, registry, POLICY, AS_OF)


def known(registry: Registry, ref: str) -> bool:
    return registry.model(ref) is not None


relaxed = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(registries, projects, teachers, datasets)
def test_unknown_subject_never_permitted(
    registry: Registry, project: dict[str, Any], teach: list[dict[str, Any]], data: list[dict[str, Any]]
) -> None:
    result = judge(registry, project, teach, data)
    for f in result.findings:
        if f.terms is None:
            assert f.verdict in (Verdict.NEEDS_REVIEW, Verdict.PROHIBITED), f
        if f.role.value in ("teacher", "generator") and not known(registry, f.subject):
            assert f.verdict is not Verdict.PERMITTED, f
    unknown_teachers = [t for t in teach if not known(registry, t["model"])]
    if unknown_teachers:
        assert result.verdict >= Verdict.NEEDS_REVIEW
        assert result.failed


@relaxed
@given(
    registries,
    projects,
    teachers,
    datasets,
    st.sampled_from(KNOWN_MODELS + UNKNOWN_MODELS),
    st.sampled_from(DATASETS),
)
def test_adding_a_subject_never_improves_the_verdict(
    registry: Registry,
    project: dict[str, Any],
    teach: list[dict[str, Any]],
    data: list[dict[str, Any]],
    extra_teacher: str,
    extra_data: dict[str, Any],
) -> None:
    before = judge(registry, project, teach, data).verdict
    more_teachers = judge(registry, project, [*teach, {"model": extra_teacher}], data).verdict
    more_data = judge(
        registry, project, teach, [*data, extra_data] if extra_data not in data else data
    ).verdict
    assert more_teachers >= before
    assert more_data >= before


def _comparable(result: Result) -> list[str]:
    out = []
    for f in result.findings:
        j = finding_to_json(f)
        j.pop("line")
        out.append(repr(sorted(j.items())))
    return out  # in report order: the order itself must not depend on the manifest's


@relaxed
@given(registries, projects, teachers, datasets, st.randoms(use_true_random=False))
def test_output_does_not_depend_on_entry_order(
    registry: Registry,
    project: dict[str, Any],
    teach: list[dict[str, Any]],
    data: list[dict[str, Any]],
    rnd: random.Random,
) -> None:
    first = judge(registry, project, teach, data)
    shuffled_teachers, shuffled_data = list(teach), list(data)
    rnd.shuffle(shuffled_teachers)
    rnd.shuffle(shuffled_data)
    second = judge(registry, project, shuffled_teachers, shuffled_data)
    assert first.verdict is second.verdict
    assert _comparable(first) == _comparable(second)


waivers = st.lists(
    st.fixed_dictionaries(
        {
            "subject": st.sampled_from([*KNOWN_MODELS, *UNKNOWN_MODELS, "org/nc-data", "tatsu-lab/alpaca"]),
            "approved_by": st.just("legal@example.test"),
            "reason": st.just("reviewed"),
            "expires": st.sampled_from(["2020-01-01", "2030-01-01"]),  # expired and valid
        }
    ),
    max_size=3,
    unique_by=lambda w: w["subject"].lower(),
)


@relaxed
@given(registries, projects, teachers, datasets, waivers, st.integers(min_value=0, max_value=2))
def test_removing_a_waiver_never_improves_the_verdict(
    registry: Registry,
    project: dict[str, Any],
    teach: list[dict[str, Any]],
    data: list[dict[str, Any]],
    waived: list[dict[str, Any]],
    which: int,
) -> None:
    def run(ws: list[dict[str, Any]]) -> Result:
        doc = {"licensecheck": 1, "project": project, "teachers": teach, "datasets": data, "waivers": ws}
        return evaluate(manifest_mod.loads(yaml.safe_dump(doc, sort_keys=False)), registry, POLICY, AS_OF)

    with_all = run(waived)
    fewer = [w for i, w in enumerate(waived) if i != which]
    assert run(fewer).verdict >= with_all.verdict
    assert run([]).verdict >= with_all.verdict
    # A waiver never hides what it waived: the finding says what the rules gave.
    for f in with_all.findings:
        if f.waiver is not None and f.waiver.waived:
            assert f.verdict is Verdict.PERMITTED and f.shown_verdict is f.waiver.original
