"""ModelRef: `provider:model` API references vs `org/name` Hub repos, and the comparison key."""

from __future__ import annotations

import dataclasses

import pytest

from licensecheck.refs import ModelRef, normalise


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        ("openai:gpt-4o", "openai"),
        ("anthropic:claude-3-5-sonnet-20241022", "anthropic"),
        # The provider is a namespace and compares case-insensitively.
        ("OpenAI:GPT-4o", "openai"),
        # Only the first colon separates: a model name may hold more (an Ollama tag).
        ("ollama:llama3:8b", "ollama"),
        # A slash after the colon is part of the model name, not a Hub repo.
        ("together:meta-llama/Llama-3-70b", "together"),
    ],
)
def test_provider_colon_model_is_an_api_reference(text: str, provider: str) -> None:
    ref = ModelRef(text)
    assert ref.is_api
    assert ref.provider == provider


@pytest.mark.parametrize(
    "text",
    [
        "meta-llama/Llama-3.1-8B",
        # A colon after the slash (a revision-like suffix) does not make a Hub repo an API.
        "org/name:tag",
        "org/name:with:colons",
        # No colon at all: a bare name is not an API either.
        "gpt4",
        "",
    ],
)
def test_reference_without_a_slash_free_prefix_is_not_an_api(text: str) -> None:
    ref = ModelRef(text)
    assert not ref.is_api
    assert ref.provider is None


def test_key_ignores_case_and_surrounding_whitespace() -> None:
    # The Hub compares repo ids case-insensitively, and so must every lookup.
    assert ModelRef("  Meta-Llama/Llama-3.1-8B\t").key == "meta-llama/llama-3.1-8b"
    assert ModelRef("OpenAI:GPT-4o").key == ModelRef("openai:gpt-4o").key


def test_key_keeps_inner_characters() -> None:
    # Only case and the ends change: separators and inner spaces are significant.
    assert ModelRef("Org/Name:Tag").key == "org/name:tag"
    assert ModelRef("a b/c").key == "a b/c"


def test_str_is_the_text_as_written() -> None:
    # Reports quote the user's spelling, not the normalised key.
    assert str(ModelRef(" Meta-Llama/Llama-3 ")) == " Meta-Llama/Llama-3 "


def test_refs_differing_only_in_case_are_distinct_values_with_the_same_key() -> None:
    # Equality is on the text as written; comparisons that should ignore case use `key`.
    a, b = ModelRef("Org/Model"), ModelRef("org/model")
    assert a != b
    assert a.key == b.key


def test_model_ref_is_an_immutable_hashable_value() -> None:
    # Refs are used as set members and dict keys, so they must not change under them.
    ref = ModelRef("org/model")
    assert {ref, ModelRef("org/model")} == {ref}
    field = "text"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(ref, field, "other/model")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Org/Name", "org/name"),
        ("  org/name  ", "org/name"),
        ("\norg/name\t", "org/name"),
        ("OPENAI:GPT-4O", "openai:gpt-4o"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
