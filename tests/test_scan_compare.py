"""The router table (registry/routers.yaml, licensecheck/scan/routers.py) and the comparison
with the manifest (licensecheck/scan/compare.py): the matching rule docs/scan.md states."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensecheck.manifest import loads
from licensecheck.registry import Registry
from licensecheck.scan import routers
from licensecheck.scan.compare import Declared, Status, compare, covers, ref_covers, through_reseller
from licensecheck.scan.model import Kind, Location, Use
from tests.conftest import project_yaml

TABLE = routers.load()


@pytest.mark.parametrize(
    ("url", "model", "ref", "via"),
    [
        ("https://openrouter.ai/api/v1", "openai/gpt-4o", "openai:gpt-4o", "openrouter"),
        (
            "https://openrouter.ai/api/v1",
            "anthropic/claude-3.5-sonnet:beta",
            "anthropic:claude-3-5-sonnet",
            "openrouter",
        ),
        ("https://openrouter.ai/api/v1", "google/gemini-pro-1.5", "google:gemini-pro-1.5", "openrouter"),
        ("https://openrouter.ai/api/v1", "x-ai/grok-2", "xai:grok-2", "openrouter"),
        (
            "https://openrouter.ai/api/v1",
            "deepseek/deepseek-r1:free",
            "deepseek-ai/deepseek-r1",
            "openrouter",
        ),
        (
            "https://openrouter.ai/api/v1",
            "meta-llama/llama-3.1-70b-instruct",
            "meta-llama/llama-3.1-70b-instruct",
            "openrouter",
        ),
        ("https://openrouter.ai/api/v1", "mistralai/mistral-large", "mistral:mistral-large", "openrouter"),
        ("https://openrouter.ai/api/v1", "gpt-4o", "openai:gpt-4o", "openrouter"),
        (
            "https://api.together.xyz/v1",
            "Qwen/Qwen2.5-72B-Instruct-Turbo",
            "Qwen/Qwen2.5-72B-Instruct-Turbo",
            "together",
        ),
        (
            "https://api.fireworks.ai/inference/v1",
            "accounts/fireworks/models/llama-v3p1-70b-instruct",
            "meta-llama/Llama-3.1-70B-Instruct",
            "fireworks",
        ),
        (
            "https://api.groq.com/openai/v1",
            "llama-3.1-8b-instant",
            "meta-llama/Llama-3.1-8B-Instruct",
            "groq",
        ),
        (
            "https://api.deepinfra.com/v1/openai",
            "meta-llama/Meta-Llama-3.1-8B-Instruct",
            "meta-llama/Meta-Llama-3.1-8B-Instruct",
            "deepinfra",
        ),
        ("https://acme.openai.azure.com/", "gpt-4o", "openai:gpt-4o", "azure"),
        (
            "https://bedrock-runtime.eu-west-1.amazonaws.com",
            "eu.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "anthropic:claude-3-5-sonnet-20240620",
            "bedrock",
        ),
        (
            "https://bedrock-runtime.us-east-1.amazonaws.com",
            "arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
            "anthropic:claude-3-haiku-20240307",
            "bedrock",
        ),
        (
            "https://bedrock-runtime.us-east-1.amazonaws.com",
            "meta.llama3-1-70b-instruct-v1:0",
            "meta-llama/Llama-3.1-70B-Instruct",
            "bedrock",
        ),
        (
            "https://us-east5-aiplatform.googleapis.com/v1",
            "publishers/anthropic/models/claude-3-5-sonnet@20240620",
            "anthropic:claude-3-5-sonnet-20240620",
            "vertex",
        ),
        (
            "https://us-central1-aiplatform.googleapis.com/v1beta1/openapi",
            "google/gemini-1.5-pro-002",
            "google:gemini-1.5-pro-002",
            "vertex",
        ),
        ("http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "local"),
        ("http://[::1]:11434/v1", "llama3", None, "local"),
        ("http://litellm.internal:4000", "gpt-4o", "openai:gpt-4o", "litellm-proxy"),
        ("https://api.deepseek.com", "deepseek-reasoner", "deepseek:deepseek-reasoner", None),
        ("https://api.x.ai/v1", "grok-2-latest", "xai:grok-2-latest", None),
        (
            "https://generativelanguage.googleapis.com/v1beta/openai/",
            "gemini-2.0-flash",
            "google:gemini-2.0-flash",
            None,
        ),
        ("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "qwen-max", "qwen:qwen-max", None),
    ],
)
def test_router_ids_map_to_the_provider_whose_terms_govern(
    url: str, model: str, ref: str | None, via: str | None
) -> None:
    endpoint = TABLE.endpoint(url)
    assert endpoint is not None, url
    mapped = TABLE.map(model, provider="openai", endpoint=endpoint)
    assert (mapped.ref, mapped.via) == (ref, via)


@pytest.mark.parametrize(
    ("model", "ref"),
    [
        ("gpt-4o", "openai:gpt-4o"),
        ("o1-mini", "openai:o1-mini"),
        ("ft:gpt-4o-mini-2024-07-18:acme::abc123", "openai:gpt-4o-mini-2024-07-18"),
        ("claude-3-5-haiku-latest", "anthropic:claude-3-5-haiku-latest"),
        ("gemini-1.5-flash", "google:gemini-1.5-flash"),
        ("mistral-small-latest", "mistral:mistral-small-latest"),
        ("command-r", "cohere:command-r"),
        ("grok-beta", "xai:grok-beta"),
        ("deepseek-chat", "deepseek:deepseek-chat"),
        ("openai:gpt-4.1", "openai:gpt-4.1"),
        ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B"),
        ("my-own-model", None),
    ],
)
def test_bare_names_by_their_provider(model: str, ref: str | None) -> None:
    assert TABLE.map(model).ref == ref


def test_unknown_hosts_and_aliases() -> None:
    assert TABLE.endpoint("https://llm.acme.example/v1") is None
    assert TABLE.endpoint("not a url") is None
    bedrock = TABLE.router("bedrock")
    assert bedrock is not None and bedrock.cloud
    assert all(bedrock.is_named(v) for v in ("bedrock", "aws-bedrock", "AWS Bedrock", "amazon-bedrock"))
    assert not bedrock.is_named("openrouter")
    openrouter = TABLE.router("openrouter")
    assert openrouter is not None and not openrouter.cloud


def test_every_router_is_named_once_and_every_rule_compiles() -> None:
    names = [r.name for r in TABLE.routers]
    assert len(names) == len(set(names))
    assert {
        "openrouter",
        "together",
        "fireworks",
        "groq",
        "deepinfra",
        "litellm-proxy",
        "azure",
        "bedrock",
        "vertex",
    } <= set(names)
    # Clouds are those routers.yaml marks and those registry.yaml's `clouds` names (resellers).
    clouds = Registry().is_cloud
    assert {"azure", "bedrock", "vertex"} <= {r.name for r in TABLE.routers if r.cloud}
    assert all(r.cloud for r in TABLE.routers if clouds(r.name))
    assert not any(r.cloud for r in TABLE.routers if r.name in ("openrouter", "litellm-proxy", "local"))
    for prefix, (provider, router) in TABLE.prefixes.items():
        assert (provider is None) != (router is None), prefix
        assert router is None or TABLE.router(router) is not None, prefix


@pytest.mark.parametrize(
    ("declared", "found", "covered"),
    [
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3-5-sonnet-20240620", True),
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3.5-sonnet", True),
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3-5-sonnet-latest", True),
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3-5-sonnet-v2@20241022", True),
        ("openai:gpt-4o", "openai:gpt-4o-2024-08-06", True),
        ("openai:gpt-4o", "OpenAI:GPT-4o", True),
        ("openai:gpt-4", "openai:gpt-4-0613", True),
        ("openai:o1", "openai:o1-2024-12-17", True),
        ("google:gemini-1.5-pro", "google:gemini-1.5-pro-002", True),
        ("qwen:qwen-max", "alibaba:qwen-max", True),
        ("Qwen/Qwen2.5-7B", "qwen/qwen2.5-7b", True),
        ("Qwen/Qwen2.5-72B-Instruct", "Qwen/qwen-2.5-72b-instruct", True),
        ("openai:gpt-4o", "openai:gpt-4o-mini", False),
        ("openai:gpt-4", "openai:gpt-4o", False),
        ("openai:gpt-4", "openai:gpt-4.1", False),
        ("openai:gpt-4", "openai:gpt-4-32k", False),
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3-5-haiku", False),
        ("anthropic:claude-3", "anthropic:claude-3-5-sonnet", False),
        ("openai:gpt-4o", "chatgpt:gpt-4o", False),
        ("openai:gpt-4o", "openai/gpt-4o", False),
        ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B-Instruct", False),
        ("meta-llama/Llama-3.1-8B", "acme/Llama-3.1-8B", False),
    ],
)
def test_the_matching_rule(declared: str, found: str, covered: bool) -> None:
    assert ref_covers(declared, found) is covered


def _use(
    ref: str | None, *, kind: Kind = Kind.API, via: str | None = None, local: bool = False, file: str = "x.py"
) -> Use:
    return Use(Location(file, 3), kind, "call", ref, ref, "teacher", via=via, local=local)


MANIFEST = loads(
    project_yaml(base="Qwen/Qwen2.5-7B", student="Acme-Chat-7B")
    + """teachers:
  - model: anthropic:claude-3-5-sonnet
    via: aws-bedrock
  - model: openai:gpt-4o
datasets:
  - id: tatsu-lab/alpaca
  - path: data/
    license: CC0-1.0
    generated_by: [deepseek-ai/DeepSeek-R1]
  - path: extra/notes.jsonl
    license: CC0-1.0
  - url: https://example.com/corpus.tar
    license: CC0-1.0
""",
    "/project/licensecheck.yaml",
)


def statuses(uses: list[Use]) -> list[tuple[Status, str | None]]:
    outcomes = compare(uses, MANIFEST, TABLE, root=Path("/project"), manifest_dir=Path("/project"))
    return [(o.status, o.declared.role if o.declared else None) for o in outcomes]


def test_models_against_teachers_base_generators_and_student() -> None:
    assert statuses(
        [
            _use("anthropic:claude-3-5-sonnet-20240620", via="bedrock"),
            _use("openai:gpt-4o", via="openrouter"),  # a router: the provider's terms, declared
            _use("openai:gpt-4o", via="azure"),  # a cloud the teacher's via does not name
            _use("Qwen/Qwen2.5-7B", kind=Kind.MODEL),
            _use("deepseek-ai/DeepSeek-R1", kind=Kind.MODEL),
            _use("acme/Acme-Chat-7B", kind=Kind.MODEL),
            _use("openai:gpt-4o-mini"),
            _use("./outputs/ckpt", kind=Kind.MODEL, local=True),
            _use(None),
        ]
    ) == [
        (Status.DECLARED, "teacher"),
        (Status.DECLARED, "teacher"),
        (Status.CLOUD, "teacher"),
        (Status.DECLARED, "base-model"),
        (Status.DECLARED, "generator"),
        (Status.DECLARED, "student"),
        (Status.UNDECLARED, None),
        (Status.LOCAL, None),
        (Status.UNRESOLVED, None),
    ]


def test_datasets_by_id_url_and_path() -> None:
    assert statuses(
        [
            _use("Tatsu-Lab/Alpaca", kind=Kind.DATASET),
            _use("https://example.com/corpus.tar", kind=Kind.DATASET),
            _use("data/train.jsonl", kind=Kind.DATASET, local=True),  # inside a declared directory
            _use(
                "../extra/notes.jsonl", kind=Kind.DATASET, local=True, file="src/train.py"
            ),  # from the file's folder
            _use("extra/*.jsonl", kind=Kind.DATASET, local=True),  # a glob a declared path matches
            _use("other/x.jsonl", kind=Kind.DATASET, local=True),
            _use("HuggingFaceH4/ultrachat_200k", kind=Kind.DATASET),
        ]
    ) == [
        (Status.DECLARED, "dataset"),
        (Status.DECLARED, "dataset"),
        (Status.DECLARED, "dataset"),
        (Status.DECLARED, "dataset"),
        (Status.DECLARED, "dataset"),
        (Status.UNDECLARED, None),
        (Status.UNDECLARED, None),
    ]


def test_without_a_manifest_everything_is_undeclared() -> None:
    outcomes = compare([_use("openai:gpt-4o")], None, TABLE, root=Path("/p"), manifest_dir=Path("/p"))
    assert [o.status for o in outcomes] == [Status.UNDECLARED]
    assert outcomes[0].reason == "`openai:gpt-4o` used in x.py:3, not declared"


def test_reseller_prefixed_references_declare_the_providers_model_through_the_reseller() -> None:
    declared = [
        through_reseller(Declared(ref, "teacher", 1), TABLE)
        for ref in (
            "bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0",
            "azure:gpt-4o",
            "together:meta-llama/Llama-3.3-70B-Instruct-Turbo",
            "aws-bedrock:us.anthropic.claude-3-haiku-20240307-v1:0",
            "openai:gpt-4o",
        )
    ]
    assert [(d.ref, d.via) for d in declared] == [
        ("anthropic:claude-3-5-sonnet-20240620", "bedrock"),
        ("openai:gpt-4o", "azure"),
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", "together"),
        ("anthropic:claude-3-haiku-20240307", "bedrock"),
        ("openai:gpt-4o", None),
    ]
    found = _use("anthropic:claude-3-5-sonnet-20240620", via="bedrock")
    assert covers(declared[0], found) and not covers(declared[1], found)
