"""Python sources (licensecheck/scan/code.py): each call the scan knows, the values it follows
within a file, and what it leaves unresolved."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from licensecheck.scan import code, notebooks, prefilter, routers
from licensecheck.scan.model import Kind, Use

TABLE = routers.load()


def found(source: str) -> list[Use]:
    return code.uses(textwrap.dedent(source), "f.py", TABLE)


def refs(source: str) -> list[tuple[str | None, str | None, int]]:
    """(ref, via, line) of each use with a value."""
    return [(u.ref, u.via, u.where.line) for u in found(source) if u.value is not None]


def test_hub_loads() -> None:
    uses = found(
        """
        from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
        from datasets import load_dataset, load_from_disk
        from huggingface_hub import snapshot_download, hf_hub_download
        from sentence_transformers import SentenceTransformer
        from peft import PeftModel
        m = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B")
        t = AutoTokenizer.from_pretrained(pretrained_model_name_or_path="Qwen/Qwen2.5-7B")
        d = load_dataset("tatsu-lab/alpaca", split="train")
        snapshot_download("meta-llama/Llama-3.1-8B")
        snapshot_download(repo_id="HuggingFaceH4/ultrachat_200k", repo_type="dataset")
        hf_hub_download("google/gemma-2-9b", "config.json")
        e = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
        a = PeftModel.from_pretrained(m, "acme/lora-adapter")
        p = pipeline("text-generation", model="HuggingFaceTB/SmolLM2-1.7B")
        local = load_from_disk("cache/processed")
        """
    )
    got = [(u.kind, u.ref, u.where.line, u.local) for u in uses]
    assert got == [
        (Kind.MODEL, "Qwen/Qwen2.5-7B", 7, False),
        (Kind.MODEL, "Qwen/Qwen2.5-7B", 8, False),
        (Kind.DATASET, "tatsu-lab/alpaca", 9, False),
        (Kind.MODEL, "meta-llama/Llama-3.1-8B", 10, False),
        (Kind.DATASET, "HuggingFaceH4/ultrachat_200k", 11, False),
        (Kind.MODEL, "google/gemma-2-9b", 12, False),
        (Kind.MODEL, "sentence-transformers/all-MiniLM-L6-v2", 13, False),
        (Kind.MODEL, "acme/lora-adapter", 14, False),
        (Kind.MODEL, "HuggingFaceTB/SmolLM2-1.7B", 15, False),
        (Kind.DATASET, "cache/processed", 16, True),
    ]


def test_vllm_and_trainers_given_ids() -> None:
    assert refs(
        """
        from vllm import LLM
        from trl import SFTTrainer, GKDTrainer
        llm = LLM(model="deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")
        SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds)
        GKDTrainer(model=student, teacher_model="Qwen/Qwen2.5-7B-Instruct")
        """
    ) == [
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", None, 4),
        ("Qwen/Qwen2.5-0.5B", None, 5),
        ("Qwen/Qwen2.5-7B-Instruct", None, 6),
    ]


def test_load_dataset_builders_name_their_files() -> None:
    uses = found(
        """
        from datasets import load_dataset
        FILES = {"train": "data/train.jsonl", "test": ["data/a.jsonl", "data/b.jsonl"]}
        load_dataset("json", data_files=FILES)
        load_dataset("csv", data_files="data/x.csv")
        load_dataset("parquet")
        """
    )
    assert [(u.ref, u.local, u.where.line) for u in uses if u.value] == [
        ("data/train.jsonl", True, 4),
        ("data/a.jsonl", True, 4),
        ("data/b.jsonl", True, 4),
        ("data/x.csv", True, 5),
    ]
    (unresolved,) = [u for u in uses if u.value is None]
    assert unresolved.where.line == 6 and "without data_files" in (unresolved.unresolved or "")


def test_api_clients_and_their_models() -> None:
    assert refs(
        """
        import openai, anthropic, cohere
        from google import genai
        from mistralai import Mistral
        oa = openai.OpenAI()
        oa.chat.completions.create(model="gpt-4o", messages=[])
        oa.responses.create(model="o3-mini", input="hi")
        anthropic.Anthropic().messages.create(model="claude-3-5-sonnet-20240620", max_tokens=1, messages=[])
        genai.Client().models.generate_content(model="gemini-2.0-flash", contents="hi")
        Mistral(api_key="k").chat.complete(model="mistral-large-latest", messages=[])
        cohere.ClientV2().chat(model="command-r-plus", messages=[])
        openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
        """
    ) == [
        ("openai:gpt-4o", None, 6),
        ("openai:o3-mini", None, 7),
        ("anthropic:claude-3-5-sonnet-20240620", None, 8),
        ("google:gemini-2.0-flash", None, 9),
        ("mistral:mistral-large-latest", None, 10),
        ("cohere:command-r-plus", None, 11),
        ("openai:gpt-3.5-turbo", None, 12),
    ]


def test_routers_resolve_to_the_provider() -> None:
    assert refs(
        """
        import os
        import boto3
        from openai import OpenAI, AzureOpenAI
        from anthropic import AnthropicBedrock, AnthropicVertex
        import litellm
        router = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_KEY"])
        router.chat.completions.create(model="openai/gpt-4o", messages=[])
        router.chat.completions.create(model="anthropic/claude-3.5-sonnet", messages=[])
        together = OpenAI(base_url="https://api.together.xyz/v1")
        together.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[])
        AzureOpenAI(azure_endpoint="https://acme.openai.azure.com").chat.completions.create(model="gpt-4o", messages=[])
        AnthropicBedrock().messages.create(model="anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])
        AnthropicVertex().messages.create(model="claude-3-5-sonnet@20240620", messages=[])
        boto3.client("bedrock-runtime").converse(modelId="us.anthropic.claude-3-haiku-20240307-v1:0", messages=[])
        litellm.completion(model="bedrock/anthropic.claude-3-opus-20240229-v1:0", messages=[])
        litellm.completion(model="openrouter/google/gemini-1.5-pro", messages=[])
        proxy = OpenAI(base_url="http://localhost:4000")
        proxy.chat.completions.create(model="gpt-4o-mini", messages=[])
        vllm_server = OpenAI(base_url="http://127.0.0.1:8000/v1")
        vllm_server.chat.completions.create(model="Qwen/Qwen2.5-72B-Instruct", messages=[])
        """
    ) == [
        ("openai:gpt-4o", "openrouter", 8),
        ("anthropic:claude-3-5-sonnet", "openrouter", 9),
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", "together", 11),
        ("openai:gpt-4o", "azure", 12),
        ("anthropic:claude-3-5-sonnet-20240620", "bedrock", 13),
        ("anthropic:claude-3-5-sonnet-20240620", "vertex", 14),
        ("anthropic:claude-3-haiku-20240307", "bedrock", 15),
        ("anthropic:claude-3-opus-20240229", "bedrock", 16),
        ("google:gemini-1.5-pro", "openrouter", 17),
        ("openai:gpt-4o-mini", "litellm-proxy", 19),
        ("Qwen/Qwen2.5-72B-Instruct", "local", 21),
    ]


def test_a_base_url_on_an_unknown_host_or_computed_is_said() -> None:
    uses = found(
        """
        from openai import OpenAI
        a = OpenAI(base_url="https://llm.internal.example/v1")
        a.chat.completions.create(model="gpt-4o", messages=[])
        b = OpenAI(base_url=settings.endpoint)
        b.chat.completions.create(model="gpt-4o", messages=[])
        """
    )
    first, second = uses
    assert (first.ref, first.via) == ("openai:gpt-4o", "llm.internal.example")
    assert "not in the router table" in (first.note or "")
    assert second.ref == "openai:gpt-4o" and "settings.endpoint" in (second.note or "")


def test_clients_followed_through_self_factories_and_the_environment() -> None:
    assert refs(
        """
        import os
        import openai
        from openai import OpenAI

        os.environ["OPENAI_BASE_URL"] = "https://openrouter.ai/api/v1"

        def make_client():
            return OpenAI(api_key="k")

        class Generator:
            def __init__(self):
                self.client = OpenAI(base_url="https://api.groq.com/openai/v1")
                self.model = "llama-3.3-70b-versatile"

            def run(self):
                return self.client.chat.completions.create(model=self.model, messages=[])

        make_client().chat.completions.create(model="anthropic/claude-3-opus", messages=[])
        """
    ) == [
        ("meta-llama/Llama-3.3-70B-Instruct", "groq", 17),
        ("anthropic:claude-3-opus", "openrouter", 19),
    ]


def test_values_followed_within_the_file() -> None:
    uses = found(
        """
        import argparse, os
        from dataclasses import dataclass, field
        from openai import OpenAI
        from transformers import AutoModelForCausalLM
        client = OpenAI()
        MODEL = os.environ.get("MODEL", "gpt-4o")
        VERSION = "2024-08-06"
        TEACHERS = {"big": "gpt-4.1", "small": "gpt-4o-mini"}
        parser = argparse.ArgumentParser()
        parser.add_argument("--teacher-model", default="Qwen/Qwen2.5-72B-Instruct")
        args = parser.parse_args()

        @dataclass
        class ModelArguments:
            model_name_or_path: str = field(default="meta-llama/Llama-3.1-8B")

        def call(model=os.getenv("JUDGE") or "o1"):
            return client.chat.completions.create(model=model, messages=[])

        client.chat.completions.create(model=MODEL, messages=[])
        client.chat.completions.create(model=f"{MODEL}-{VERSION}", messages=[])
        client.chat.completions.create(model="gpt-" + "4o", messages=[])
        client.chat.completions.create(model=TEACHERS["big"], messages=[])
        for name in ["gpt-4-turbo", "o3"]:
            client.chat.completions.create(model=name, messages=[])
        AutoModelForCausalLM.from_pretrained(args.teacher_model)
        AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path)
        client.chat.completions.create(model="claude-3-haiku" if fast else "claude-3-opus", messages=[])
        """
    )
    got = [(u.ref, u.where.line, u.note) for u in uses]
    assert got == [
        ("openai:o1", 19, "the default of call()'s parameter model"),
        ("openai:gpt-4o", 21, "the default of $MODEL"),
        ("openai:gpt-4o-2024-08-06", 22, "the default of $MODEL"),
        ("openai:gpt-4o", 23, None),
        ("openai:gpt-4.1", 24, None),
        ("openai:gpt-4-turbo", 26, "name, looping over line 25"),
        ("openai:o3", 26, "name, looping over line 25"),
        ("Qwen/Qwen2.5-72B-Instruct", 27, "the default of --teacher-model"),
        ("meta-llama/Llama-3.1-8B", 28, "the default of field model_name_or_path"),
        ("anthropic:claude-3-haiku", 29, None),
        ("anthropic:claude-3-opus", 29, None),
    ]


@pytest.mark.parametrize(
    ("expression", "why"),
    [
        ("pick_model()", "`pick_model()` is computed when the code runs"),
        ('os.environ["MODEL"]', "environment variable $MODEL has no default"),
        ("sys.argv[1]", "is a command-line argument"),
        ("config.model", "`config.model` is computed"),
        ('f"gpt-{version()}"', "`version()` is computed when the code runs"),
        ("settings.MODEL", "`settings.MODEL` is computed"),
        ("imported_name", "`imported_name` is imported from models"),
        ("unknown_name", "`unknown_name` is not assigned in this file"),
        ("model", "`model` is a parameter of call()"),
    ],
)
def test_computed_values_are_unresolved_with_their_expression(expression: str, why: str) -> None:
    source = f"""
    import os, sys
    from openai import OpenAI
    from models import imported_name
    client = OpenAI()

    def call(model):
        return client.chat.completions.create(model={expression}, messages=[])
    """
    (use,) = found(source)
    assert use.value is None and use.ref is None and use.kind is Kind.API
    assert why in (use.unresolved or ""), use.unresolved
    assert use.where.line == 8


def test_a_value_partly_known_gives_both() -> None:
    uses = found(
        """
        from openai import OpenAI
        model = "gpt-4o"
        if args.big:
            model = args.model
        OpenAI().chat.completions.create(model=model, messages=[])
        """
    )
    assert [(u.ref, u.unresolved is not None) for u in uses] == [("openai:gpt-4o", False), (None, True)]


def test_objects_are_not_ids_and_local_checkpoints_are_local() -> None:
    uses = found(
        """
        from transformers import AutoModelForCausalLM, pipeline
        from peft import get_peft_model
        model = AutoModelForCausalLM.from_pretrained("./checkpoints/sft")
        lora = get_peft_model(model, config)
        pipe = pipeline("text-generation", model=lora)
        again = AutoModelForCausalLM.from_pretrained(os.path.join(out, "final"))
        """
    )
    assert [(u.ref, u.local, u.where.line, u.unresolved is not None) for u in uses] == [
        ("./checkpoints/sft", True, 4, False),
        (None, False, 7, True),  # a path computed at run time: unresolved, not skipped
    ]


def test_an_ignore_comment_marks_the_use() -> None:
    uses = found(
        """
        from openai import OpenAI
        OpenAI().chat.completions.create(model="gpt-4o", messages=[])  # licensecheck: ignore
        OpenAI().chat.completions.create(
            model=pick(),  # licensecheck: ignore (checked by legal, ACME-12)
            messages=[],
        )
        OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])
        """
    )
    assert [u.ignored for u in uses] == [True, True, False]


def test_names_and_imports_are_resolved_without_running_anything(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    source = f"""
    import pathlib
    pathlib.Path({str(marker)!r}).write_text("the scan ran this")
    from openai import OpenAI as Client
    import openai as oai
    Client().chat.completions.create(model="gpt-4o", messages=[])
    oai.OpenAI().chat.completions.create(model="gpt-4.1", messages=[])
    """
    assert [r for r, _, _ in refs(source)] == ["openai:gpt-4o", "openai:gpt-4.1"]
    assert not marker.exists()


def test_a_client_made_elsewhere_is_judged_by_the_call_shape() -> None:
    assert refs(
        """
        from myproject.clients import get_client
        get_client().chat.completions.create(model="gpt-4o", messages=[])
        get_client().messages.create(model="claude-3-5-haiku-20241022", messages=[])
        get_client().fetch(model="gpt-4o")
        """
    ) == [("openai:gpt-4o", None, 3), ("anthropic:claude-3-5-haiku-20241022", None, 4)]


def test_langchain_distilabel_and_litellm_router() -> None:
    assert refs(
        """
        from langchain_openai import ChatOpenAI
        from langchain_anthropic import ChatAnthropic
        from langchain.chat_models import init_chat_model
        from distilabel.models import OpenAILLM, InferenceEndpointsLLM
        from litellm import Router
        ChatOpenAI(model="gpt-4o", base_url="https://openrouter.ai/api/v1")
        ChatAnthropic(model="claude-3-5-sonnet-latest")
        init_chat_model("anthropic:claude-3-opus-20240229")
        init_chat_model("gemini-1.5-pro", model_provider="google_vertexai")
        OpenAILLM(model="gpt-4o-mini")
        InferenceEndpointsLLM(model_id="meta-llama/Llama-3.1-70B-Instruct")
        Router(model_list=[{"model_name": "fast", "litellm_params": {"model": "groq/llama3-70b-8192"}}])
        """
    ) == [
        ("openai:gpt-4o", "openrouter", 7),
        ("anthropic:claude-3-5-sonnet-latest", None, 8),
        ("anthropic:claude-3-opus-20240229", None, 9),
        ("google:gemini-1.5-pro", "vertex", 10),
        ("openai:gpt-4o-mini", None, 11),
        ("meta-llama/Llama-3.1-70B-Instruct", "huggingface", 12),
        ("meta-llama/Meta-Llama-3-70B-Instruct", "groq", 13),
    ]


def test_candidate_bytes() -> None:
    assert prefilter.is_candidate(b"from transformers import AutoModel\nAutoModel.from_pretrained('x')")
    assert not prefilter.is_candidate(b"def add(a, b):\n    return a + b\n")


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "(" * 300 + "1" + ")" * 300,
        "x = " + "1+" * 200_000 + "1",
        "x = " + "-" * 200_000 + "1",
        "f" + "(1)" * 100_000,
        "def f(:\n    return from_pretrained('x')\n",
        "x = 1\0\n",
    ],
)
def test_hostile_sources_raise_a_source_error(source: str) -> None:
    with pytest.raises(code.SourceError):
        code.uses(source, "f.py", TABLE)


def test_deep_but_parseable_values_stop_at_the_bound() -> None:
    chain = " + ".join(['"a"'] * 400)
    (use,) = found(
        f"from openai import OpenAI\nOpenAI().chat.completions.create(model={chain}, messages=[])\n"
    )
    assert use.value is None and "too deeply" in (use.unresolved or "")
    names = "\n".join(f"n{i} = n{i + 1}" for i in range(200)) + '\nn200 = "gpt-4o"\n'
    (use,) = found(
        f"from openai import OpenAI\n{names}OpenAI().chat.completions.create(model=n0, messages=[])\n"
    )
    assert use.value is None and "too deeply" in (use.unresolved or "")


def test_notebook_cells_map_back_to_their_lines() -> None:
    import json

    nb = {
        "nbformat": 4,
        "cells": [
            {"cell_type": "markdown", "source": ["# notes"]},
            {"cell_type": "code", "source": ["!pip install openai\n", "from openai import OpenAI\n"]},
            {"cell_type": "code", "source": "%%bash\necho from_pretrained\n"},
            {"cell_type": "code", "source": "this is ( not python from_pretrained"},
            {
                "cell_type": "code",
                "source": [
                    "if True:\n",
                    "    %time x = 1\n",
                    "c = OpenAI()\n",
                    'c.chat.completions.create(model="gpt-4o")',
                ],
            },
        ],
    }
    cells = notebooks.read(json.dumps(nb).encode())
    assert cells.skipped and cells.skipped[0].startswith("cell 4:")
    (use,) = code.uses(cells.source, "n.ipynb", TABLE, cells=cells.lines)
    assert (use.ref, use.where.cell, use.where.line, str(use.where)) == (
        "openai:gpt-4o",
        5,
        4,
        "n.ipynb[cell 5]:4",
    )
    with pytest.raises(notebooks.NotebookError):
        notebooks.read(b"\x89PNG not a notebook")
    with pytest.raises(notebooks.NotebookError):
        notebooks.read(b'{"cells": 3}')
    assert notebooks.read(json.dumps({"worksheets": [{"cells": []}]}).encode()).source == "\n"


def test_functions_without_a_use_are_blanked_before_parsing_and_lines_hold() -> None:
    source = textwrap.dedent(
        '''
        """Module docstring.
        def not_code(): a line of the docstring at column 0
        """
        import os
        from openai import OpenAI

        @decorator
        def helper(
            a,
            b,
        ):
            text = """
        def inside_a_string():
            """
            return a + b

        def configure():
            os.environ["OPENAI_BASE_URL"] = "https://openrouter.ai/api/v1"

        def teacher_name(default="gpt-4o"):
            return default

        MODEL = "gpt-4o-mini"
        OpenAI().chat.completions.create(model=MODEL, messages=[])
        '''
    )
    hot = prefilter.Hot(source)
    pruned = prefilter.prune(source, hot)
    assert len(pruned.splitlines()) == len(source.splitlines())
    kept = [line for line in pruned.splitlines() if line.strip()]
    assert "def helper(" not in pruned and "@decorator" not in pruned and "return a + b" not in pruned
    assert 'def teacher_name(default="gpt-4o"):' not in pruned  # no use or binding inside it
    assert "def configure():" in pruned and 'MODEL = "gpt-4o-mini"' in kept
    assert "def not_code(): a line of the docstring at column 0" in pruned
    (use,) = code.uses(source, "f.py", TABLE)
    line = next(i for i, text in enumerate(source.split("\n"), 1) if "create(model=MODEL" in text)
    assert (use.ref, use.via, use.where.line) == ("openai:gpt-4o-mini", "openrouter", line)


def test_a_prune_that_breaks_the_syntax_falls_back_to_the_whole_file() -> None:
    # An unbalanced quote count makes the crude string tracking wrong; the whole file is parsed.
    source = 'x = """"""\ndef f():\n    return 1\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'
    (use,) = code.uses(source, "f.py", TABLE)
    assert use.ref == "openai:gpt-4o" and use.where.line == 5
