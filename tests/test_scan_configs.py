"""Trainer configs (licensecheck/scan/configs.py): the keys of TRL, Axolotl, LLaMA-Factory,
torchtune, OpenRLHF, alignment-handbook and a LiteLLM proxy."""

from __future__ import annotations

import json
import textwrap

import pytest

from licensecheck.scan import configs, routers
from licensecheck.scan.model import Kind

TABLE = routers.load()


def found(text: str, catalogue: configs.Catalogue | None = None) -> list[tuple[str, str, int, str]]:
    """(kind, ref or "? why unresolved", line, role) of each use."""
    uses = configs.uses(textwrap.dedent(text), "c.yaml", TABLE, catalogue)
    return [(u.kind.value, u.ref or f"? {u.unresolved}", u.where.line, u.role) for u in uses]


def test_trl_and_openrlhf_keys() -> None:
    assert found(
        """
        model_name_or_path: Qwen/Qwen2.5-1.5B
        teacher_model_name_or_path: Qwen/Qwen2.5-72B-Instruct
        dataset_name: trl-lib/chatbot_arena_completions
        reward_pretrain: OpenRLHF/Llama-3-8b-rm-mixture
        prompt_data: OpenRLHF/prompt-collection-v0.1
        learning_rate: 1.0e-5
        """
    ) == [
        ("model", "Qwen/Qwen2.5-1.5B", 2, "base-model"),
        ("model", "Qwen/Qwen2.5-72B-Instruct", 3, "teacher"),
        ("dataset", "trl-lib/chatbot_arena_completions", 4, "dataset"),
        ("model", "OpenRLHF/Llama-3-8b-rm-mixture", 5, "teacher"),
        ("dataset", "OpenRLHF/prompt-collection-v0.1", 6, "dataset"),
    ]


def test_axolotl_datasets_and_base_model() -> None:
    assert found(
        """
        base_model: meta-llama/Llama-3.1-8B
        datasets:
          - path: tatsu-lab/alpaca
            type: alpaca
          - path: ./data/local.jsonl
            type: chat_template
        output_dir: ./outputs/out
        """
    ) == [
        ("model", "meta-llama/Llama-3.1-8B", 2, "base-model"),
        ("dataset", "tatsu-lab/alpaca", 4, "dataset"),
        ("dataset", "./data/local.jsonl", 6, "dataset"),
    ]


def test_llama_factory_names_through_dataset_info() -> None:
    catalogue = configs.Catalogue(
        {
            **configs.read_catalogue(
                json.dumps(
                    {
                        "alpaca_en": {"hf_hub_url": "llamafactory/alpaca_en"},
                        "identity": {"file_name": "identity.json"},
                    }
                ),
                "data/dataset_info.json",
            )
        }
    )
    got = found(
        """
        model_name_or_path: Qwen/Qwen2.5-7B-Instruct
        stage: sft
        finetuning_type: lora
        template: qwen
        dataset: alpaca_en,identity,mystery
        """,
        catalogue,
    )
    assert got[:3] == [
        ("model", "Qwen/Qwen2.5-7B-Instruct", 2, "base-model"),
        ("dataset", "llamafactory/alpaca_en", 6, "dataset"),
        ("dataset", "data/identity.json", 6, "dataset"),
    ]
    assert got[3][1].startswith("? LLaMA-Factory dataset `mystery` is not in any dataset_info.json")


def test_torchtune_builders_sources_and_download_comments() -> None:
    assert found(
        """
        # Config for single device LoRA finetuning
        #   tune download meta-llama/Meta-Llama-3.1-8B-Instruct --output-dir /tmp/Meta-Llama-3.1-8B-Instruct
        model:
          _component_: torchtune.models.llama3_1.lora_llama3_1_8b
        checkpointer:
          checkpoint_dir: /tmp/Meta-Llama-3.1-8B-Instruct/
        dataset:
          _component_: torchtune.datasets.alpaca_cleaned_dataset
        """
    ) == [
        ("dataset", "yahma/alpaca-cleaned", 9, "dataset"),  # the builder's default source
        ("model", "meta-llama/Meta-Llama-3.1-8B-Instruct", 3, "base-model"),  # the weights' origin
    ]
    uses = configs.uses(
        "dataset:\n  _component_: torchtune.datasets.chat_dataset\n  source: HuggingFaceH4/no_robots\n",
        "c.yaml",
        TABLE,
    )
    assert [(u.ref, u.where.line) for u in uses] == [("HuggingFaceH4/no_robots", 3)]
    uses = configs.uses("dataset:\n  _component_: torchtune.datasets.instruct_dataset\n", "c.yaml", TABLE)
    assert uses[0].value is None and "names no source" in (uses[0].unresolved or "")


def test_torchtune_download_comment_is_a_model_use() -> None:
    uses = configs.uses(
        "# tune download meta-llama/Meta-Llama-3.1-8B-Instruct --output-dir /tmp/x\nmodel:\n  _component_: x\n",
        "c.yaml",
        TABLE,
    )
    assert [(u.ref, u.where.line, u.local) for u in uses] == [
        ("meta-llama/Meta-Llama-3.1-8B-Instruct", 1, False)
    ]


def test_alignment_handbook_mixer_and_trl_mixture() -> None:
    assert found(
        """
        dataset_mixer:
          HuggingFaceH4/ultrachat_200k: 1.0
          HuggingFaceH4/ultrafeedback_binarized: 0.5
        dataset_mixture:
          datasets:
            - id: trl-lib/tldr
              split: train
        """
    ) == [
        ("dataset", "HuggingFaceH4/ultrachat_200k", 3, "dataset"),
        ("dataset", "HuggingFaceH4/ultrafeedback_binarized", 4, "dataset"),
        ("dataset", "trl-lib/tldr", 7, "dataset"),
    ]


def test_litellm_proxy_model_list() -> None:
    uses = configs.uses(
        textwrap.dedent(
            """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openrouter/openai/gpt-4o
              - model_name: claude
                litellm_params:
                  model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
              - model_name: local
                litellm_params:
                  model: openai/Qwen/Qwen2.5-7B-Instruct
                  api_base: http://localhost:8000/v1
            """
        ),
        "proxy.yaml",
        TABLE,
    )
    assert [(u.kind, u.ref, u.via, u.where.line) for u in uses] == [
        (Kind.API, "openai:gpt-4o", "openrouter", 5),
        (Kind.API, "anthropic:claude-3-5-sonnet-20240620", "bedrock", 8),
        (Kind.API, "Qwen/Qwen2.5-7B-Instruct", "local", 11),
    ]


def test_a_generic_model_key_needs_an_unmistakable_id() -> None:
    assert found(
        """
        generation:
          model: gpt-4o
        judge:
          model: anthropic:claude-3-5-sonnet
        service:
          model: small
          image: nginx
        other:
          model: acme/model-7b
        """
    ) == [
        ("api", "openai:gpt-4o", 3, "teacher"),
        ("api", "anthropic:claude-3-5-sonnet", 5, "teacher"),
        ("model", "acme/model-7b", 10, "base-model"),
    ]


@pytest.mark.parametrize("value", ["${MODEL}", "{{ model }}", "$TEACHER_MODEL"])
def test_templated_values_are_unresolved(value: str) -> None:
    ((kind, shown, line, _),) = found(f"teacher_model: '{value}'\n")
    assert kind == "model" and shown.startswith("? ") and "filled in at run time" in shown and line == 1


def test_bad_configs_raise_a_config_error() -> None:
    with pytest.raises(configs.ConfigError):
        configs.uses("model_name_or_path: [unclosed\n", "c.yaml", TABLE)
    with pytest.raises(configs.ConfigError):
        configs.uses("a: &a [*a, *a]\nmodel: x\nmodel: y\n", "c.yaml", TABLE)


def test_candidate_bytes() -> None:
    assert configs.is_candidate(b"base_model: x\n")
    assert configs.is_candidate(b'{"model_name_or_path": "x"}')
    assert not configs.is_candidate(b"name: ci\non: [push]\njobs: {}\n")
