"""Python sources, read with `ast` (never imported, never run): the models, datasets and
model APIs a file uses, each with its line.

What is found: Hub loads (`*.from_pretrained`, `load_dataset`, `load_from_disk`,
`snapshot_download`, `hf_hub_download`, vLLM's `LLM`, sentence-transformers,
`transformers.pipeline`, trainers given a model id), and calls of the OpenAI, Anthropic,
Google GenAI, Mistral, Cohere, Groq, Together, LiteLLM, LangChain and distilabel clients
with their `model=`. A client variable made with `OpenAI(base_url=...)` is followed to its
calls, and its base URL decides the router (routers.py).

Values are followed within the file only: a name assigned a constant string (in the
function, its class's `self.x`, or the module), `os.environ.get("X", "default")` and
`os.getenv` defaults, argparse and dataclass-field defaults, parameters' defaults, loops over
literal lists, dict literals indexed by a constant, f-strings and `+` of constants. Anything
else is unresolved, with the expression that computes it: never guessed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from licensecheck.scan.model import Kind, Location, Use
from licensecheck.scan.prefilter import Hot, prune
from licensecheck.scan.routers import Endpoint, Mapped, Table, host_of
from licensecheck.scan.values import Binding, Bindings, Known, Values, dotted_name, keyword, last_name

PRAGMA = re.compile(r"#\s*licensecheck:\s*ignore\b")


@dataclass
class _Client:
    name: str  # the constructor as written ("OpenAI", "AnthropicBedrock")
    provider: str | None
    endpoint: Endpoint | None = None
    host: str | None = None  # a base URL host the router table does not know
    url_unknown: str | None = None  # the base URL is computed: how
    litellm: bool = False  # a LiteLLM router: model strings carry their provider prefix


# Constructors of API clients: qualified name -> (provider, router, base-URL keywords).
_CLIENTS: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {
    "openai.OpenAI": ("openai", None, ("base_url", "api_base")),
    "openai.AsyncOpenAI": ("openai", None, ("base_url", "api_base")),
    "openai.AzureOpenAI": ("openai", "azure", ()),
    "openai.AsyncAzureOpenAI": ("openai", "azure", ()),
    "anthropic.Anthropic": ("anthropic", None, ("base_url",)),
    "anthropic.AsyncAnthropic": ("anthropic", None, ("base_url",)),
    "anthropic.AnthropicBedrock": ("anthropic", "bedrock", ()),
    "anthropic.AsyncAnthropicBedrock": ("anthropic", "bedrock", ()),
    "anthropic.AnthropicVertex": ("anthropic", "vertex", ()),
    "anthropic.AsyncAnthropicVertex": ("anthropic", "vertex", ()),
    "google.genai.Client": ("google", None, ()),
    "google.genai.client.Client": ("google", None, ()),
    "mistralai.Mistral": ("mistral", None, ("server_url",)),
    "mistralai.client.MistralClient": ("mistral", None, ("endpoint",)),
    "mistralai.async_client.MistralAsyncClient": ("mistral", None, ("endpoint",)),
    "cohere.Client": ("cohere", None, ("base_url",)),
    "cohere.ClientV2": ("cohere", None, ("base_url",)),
    "cohere.AsyncClient": ("cohere", None, ("base_url",)),
    "cohere.AsyncClientV2": ("cohere", None, ("base_url",)),
    "groq.Groq": (None, "groq", ()),
    "groq.AsyncGroq": (None, "groq", ()),
    "together.Together": (None, "together", ()),
    "together.AsyncTogether": (None, "together", ()),
    "litellm.Router": (None, None, ()),
}
# Names distinctive enough to recognise without their import (a notebook cell may lack it).
_CLIENT_NAMES = {q.rsplit(".", 1)[1]: q for q in _CLIENTS if q.rsplit(".", 1)[1] not in ("Client", "Router")}


# Constructors and functions that take the model themselves: qualified name -> how.
class _Spec(NamedTuple):
    provider: str | None
    router: str | None
    keywords: tuple[str, ...]  # the model's keyword names
    position: int | None = None  # the model's position, if it may be positional
    url_keywords: tuple[str, ...] = ()  # the base URL's keyword names
    prefixed: bool = False  # LiteLLM-style ids ("bedrock/anthropic.claude-…")


_MODEL_CALLS: dict[str, _Spec] = {
    "google.generativeai.GenerativeModel": _Spec("google", None, ("model_name", "model"), position=0),
    "vertexai.generative_models.GenerativeModel": _Spec("google", "vertex", ("model_name",), position=0),
    "vertexai.preview.generative_models.GenerativeModel": _Spec(
        "google", "vertex", ("model_name",), position=0
    ),
    "litellm.completion": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "litellm.acompletion": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "litellm.text_completion": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "litellm.embedding": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "litellm.aembedding": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "litellm.batch_completion": _Spec(
        None, None, ("model",), position=0, url_keywords=("api_base", "base_url"), prefixed=True
    ),
    "langchain.chat_models.init_chat_model": _Spec(
        None, None, ("model",), position=0, url_keywords=("base_url",), prefixed=True
    ),
    "langchain_openai.ChatOpenAI": _Spec(
        "openai", None, ("model", "model_name"), url_keywords=("base_url", "openai_api_base")
    ),
    "langchain_openai.OpenAI": _Spec(
        "openai", None, ("model", "model_name"), url_keywords=("base_url", "openai_api_base")
    ),
    "langchain_openai.OpenAIEmbeddings": _Spec(
        "openai", None, ("model",), url_keywords=("base_url", "openai_api_base")
    ),
    "langchain_openai.AzureChatOpenAI": _Spec(
        "openai", "azure", ("model", "azure_deployment", "deployment_name")
    ),
    "langchain_anthropic.ChatAnthropic": _Spec(
        "anthropic", None, ("model", "model_name"), url_keywords=("base_url",)
    ),
    "langchain_google_genai.ChatGoogleGenerativeAI": _Spec("google", None, ("model",)),
    "langchain_google_vertexai.ChatVertexAI": _Spec("google", "vertex", ("model", "model_name")),
    "langchain_mistralai.ChatMistralAI": _Spec(
        "mistral", None, ("model", "model_name"), url_keywords=("endpoint",)
    ),
    "langchain_cohere.ChatCohere": _Spec("cohere", None, ("model",)),
    "langchain_groq.ChatGroq": _Spec(None, "groq", ("model", "model_name")),
    "langchain_aws.ChatBedrock": _Spec(None, "bedrock", ("model_id", "model")),
    "langchain_aws.ChatBedrockConverse": _Spec(None, "bedrock", ("model_id", "model")),
    "langchain_community.chat_models.ChatLiteLLM": _Spec(
        None, None, ("model", "model_name"), url_keywords=("api_base",), prefixed=True
    ),
    "distilabel.models.OpenAILLM": _Spec("openai", None, ("model",), url_keywords=("base_url",)),
    "distilabel.models.AzureOpenAILLM": _Spec("openai", "azure", ("model",)),
    "distilabel.models.AnthropicLLM": _Spec("anthropic", None, ("model",), url_keywords=("base_url",)),
    "distilabel.models.MistralLLM": _Spec("mistral", None, ("model",), url_keywords=("endpoint",)),
    "distilabel.models.CohereLLM": _Spec("cohere", None, ("model",), url_keywords=("base_url",)),
    "distilabel.models.GroqLLM": _Spec(None, "groq", ("model",)),
    "distilabel.models.TogetherLLM": _Spec(None, "together", ("model",)),
    "distilabel.models.VertexAILLM": _Spec("google", "vertex", ("model",)),
    "distilabel.models.LiteLLM": _Spec(None, None, ("model",), prefixed=True),
    "distilabel.models.InferenceEndpointsLLM": _Spec(
        None, "huggingface", ("model_id",), url_keywords=("base_url",)
    ),
}
# distilabel's older module path, and langchain_community's copies of the same classes.
for _q in list(_MODEL_CALLS):
    if _q.startswith("distilabel.models."):
        _MODEL_CALLS["distilabel.llms." + _q.rsplit(".", 1)[1]] = _MODEL_CALLS[_q]
_MODEL_CALLS["langchain.chat_models.ChatOpenAI"] = _MODEL_CALLS["langchain_openai.ChatOpenAI"]
_MODEL_CALLS["langchain_community.chat_models.ChatOpenAI"] = _MODEL_CALLS["langchain_openai.ChatOpenAI"]
_MODEL_CALL_NAMES = {
    q.rsplit(".", 1)[1]: q
    for q in _MODEL_CALLS
    if q.rsplit(".", 1)[1] not in ("GenerativeModel", "OpenAI", "completion", "embedding", "LiteLLM")
}

# API methods reached through a client whose construction this file does not show.
_API_SHAPES: dict[tuple[str, ...], str | None] = {
    ("chat", "completions", "create"): None,  # OpenAI-compatible: any provider
    ("chat", "completions", "parse"): None,
    ("completions", "create"): None,
    ("responses", "create"): None,
    ("responses", "parse"): None,
    ("embeddings", "create"): None,
    ("messages", "create"): "anthropic",
    ("messages", "stream"): "anthropic",
    ("models", "generate_content"): "google",
    ("models", "generate_content_stream"): "google",
    ("ChatCompletion", "create"): "openai",
    ("Completion", "create"): "openai",
}
_MODEL_KEYWORDS = ("model", "engine", "modelId", "model_id")
# Environment variables the OpenAI client reads for its base URL.
_OPENAI_URL_ENV = ("OPENAI_BASE_URL", "OPENAI_API_BASE")
# load_dataset's packaged builders: the data is a local or remote file, named by data_files.
_BUILDERS = frozenset(
    {"json", "csv", "parquet", "text", "arrow", "pandas", "imagefolder", "audiofolder", "webdataset", "xml"}
)
# Trainers, configs and argument classes given ids as strings (TRL accepts `model="org/name"`).
_TRAINER_KEYWORDS: dict[str, tuple[Kind, str]] = {
    "model": (Kind.MODEL, "base-model"),
    "model_name_or_path": (Kind.MODEL, "base-model"),
    "teacher_model": (Kind.MODEL, "teacher"),
    "teacher_model_name_or_path": (Kind.MODEL, "teacher"),
    "ref_model": (Kind.MODEL, "teacher"),
    "reward_model": (Kind.MODEL, "teacher"),
    "reward_model_path": (Kind.MODEL, "teacher"),
    "reward_funcs": (Kind.MODEL, "teacher"),
    "dataset_name": (Kind.DATASET, "dataset"),
}


# Calls whose result is a model, pipeline or dataset object: passed on, it is no id.
_OBJECT_MAKERS = frozenset(
    {
        "from_pretrained",
        "from_config",
        "LLM",
        "SentenceTransformer",
        "CrossEncoder",
        "pipeline",
        "get_peft_model",
        "prepare_model_for_kbit_training",
        "load_dataset",
        "load_from_disk",
        "AutoModel",
    }
)


class SourceError(Exception):
    """The source cannot be parsed: its message says why."""


def parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        raise SourceError(f"invalid Python syntax (line {exc.lineno}): {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise SourceError("nested too deeply to parse") from None
    except ValueError as exc:  # NUL bytes
        raise SourceError(f"not Python source ({exc})") from None


def uses(
    source: str,
    file: str,
    table: Table,
    *,
    tree: ast.Module | None = None,
    cells: Sequence[tuple[int, int]] | None = None,
) -> list[Use]:
    """Every use in `source` (a file, or a notebook's code cells joined: `cells` maps each
    line, 1-based, to (cell, line in the cell)). Raises SourceError if it cannot be parsed."""
    hot = Hot(source)
    if tree is None:
        try:
            tree = parse(prune(source, hot))
        except SourceError:
            tree = parse(source)  # the error, as the whole file has it
    module = _Module(source, tree, table, hot)
    ignored = (
        {i + 1 for i, line in enumerate(source.splitlines()) if PRAGMA.search(line)}
        if "licensecheck:" in source
        else set()
    )
    out = []
    for found in module.found():
        line = found.line
        where = Location(file, line)
        if cells is not None and 0 < line <= len(cells):
            cell, cell_line = cells[line - 1]
            where = Location(file, cell_line, cell)
        out.append(
            Use(
                where=where,
                kind=found.kind,
                how=found.how,
                value=found.value,
                ref=found.ref,
                role=found.role,
                via=found.via,
                note=found.note,
                unresolved=found.unresolved,
                local=found.local,
                ignored=bool(ignored & set(found.lines)),
            )
        )
    return out


@dataclass
class _Found:
    line: int
    kind: Kind
    how: str
    value: str | None
    ref: str | None
    role: str
    via: str | None = None
    note: str | None = None
    unresolved: str | None = None
    local: bool = False
    lines: tuple[int, ...] = ()  # lines a pragma may sit on (the call's and the value's)


class _Module(Bindings):
    """One parsed file: its bindings (values.py), then each call judged against them."""

    def __init__(self, source: str, tree: ast.Module, table: Table, hot: Hot) -> None:
        self.table = table
        super().__init__(source, tree, hot)

    # --- pass 2: the calls ---------------------------------------------------------------

    def found(self) -> Iterator[_Found]:
        for call, chain in self.calls:
            yield from self._call(call, chain)

    def _call(self, call: ast.Call, chain: tuple[int, ...]) -> Iterator[_Found]:
        qualified = self._qualified(call.func) or ""
        last = last_name(call.func) or ""
        how = _callee(call.func)
        if last == "from_pretrained":
            yield from self._hub_load(call, chain, qualified, how)
        elif last == "load_dataset" and (qualified.startswith("datasets.") or qualified == "load_dataset"):
            yield from self._load_dataset(call, chain, how)
        elif last == "load_from_disk":
            yield from self._ids(
                call, chain, how, _arg(call, 0, "dataset_path", "path"), Kind.DATASET, "dataset", local=True
            )
        elif last in ("from_json", "from_csv", "from_parquet", "from_text") and "Dataset" in qualified:
            yield from self._ids(
                call, chain, how, _arg(call, 0, "path_or_paths"), Kind.DATASET, "dataset", local=True
            )
        elif last in ("snapshot_download", "hf_hub_download"):
            repo_type = keyword(call, "repo_type")
            types = self.value(repo_type, chain).known if repo_type is not None else ()
            is_data = any(k.text == "dataset" for k in types)
            kind, role = (Kind.DATASET, "dataset") if is_data else (Kind.MODEL, "teacher")
            yield from self._ids(call, chain, how, _arg(call, 0, "repo_id"), kind, role)
        elif qualified in ("vllm.LLM", "vllm.EngineArgs", "vllm.AsyncEngineArgs") or (
            qualified.startswith("vllm.") and last in ("LLM", "EngineArgs", "AsyncEngineArgs")
        ):
            yield from self._ids(call, chain, how, _arg(call, 0, "model"), Kind.MODEL, "teacher")
        elif last in ("SentenceTransformer", "CrossEncoder") and (
            qualified.startswith("sentence_transformers") or qualified == last
        ):
            node = _arg(call, 0, "model_name_or_path", "model_name")
            yield from self._ids(call, chain, how, node, Kind.MODEL, "teacher")
        elif qualified == "transformers.pipeline" or qualified.startswith("transformers.pipelines"):
            yield from self._ids(
                call, chain, how, _arg(call, 1, "model"), Kind.MODEL, "teacher", strings_only=True
            )
        elif qualified in _MODEL_CALLS or (qualified == last and last in _MODEL_CALL_NAMES):
            spec = _MODEL_CALLS[qualified if qualified in _MODEL_CALLS else _MODEL_CALL_NAMES[last]]
            yield from self._model_call(call, chain, spec, how)
        elif qualified == "litellm.Router" or (qualified == "Router" and "litellm" in self.imports.values()):
            yield from self._litellm_router(call, chain)
        elif qualified.startswith("boto3.") and last == "client":
            return  # a client; its calls are judged where they are made
        elif last.endswith(("Trainer", "Config", "Arguments", "Args")):
            yield from self._trainer(call, chain, how)
        elif _keyword_any(call, _MODEL_KEYWORDS) is not None and isinstance(call.func, ast.Attribute):
            yield from self._api_call(call, chain, how)

    def _ids(
        self,
        call: ast.Call,
        chain: tuple[int, ...],
        how: str,
        node: ast.expr | None,
        kind: Kind,
        role: str,
        *,
        local: bool = False,
        strings_only: bool = False,
    ) -> Iterator[_Found]:
        if node is None:
            return
        values = self.value(node, chain)
        lines = (call.lineno, node.lineno)
        for k in values.known:
            ref, is_local = _classify(k.text, kind, self.table, local)
            yield _Found(node.lineno, kind, how, k.text, ref, role, note=k.note, local=is_local, lines=lines)
        report_unknown = not (strings_only and not values.known) and not self._is_object(node, chain)
        if values.unknown is not None and report_unknown:
            yield _Found(
                node.lineno, kind, how, None, None, role, unresolved=values.unknown.reason, lines=lines
            )

    def _is_object(self, node: ast.expr, chain: tuple[int, ...]) -> bool:
        """A model, pipeline or dataset object (made by a loader), not an id."""
        if isinstance(node, ast.Call):
            return last_name(node.func) in _OBJECT_MAKERS
        if not isinstance(node, ast.Name):
            return False
        for scope in reversed(chain):
            found = self.bindings.get((scope, node.id))
            if found:
                return all(
                    isinstance(b.value, ast.Call) and last_name(b.value.func) in _OBJECT_MAKERS for b in found
                )
        return False

    def _hub_load(self, call: ast.Call, chain: tuple[int, ...], qualified: str, how: str) -> Iterator[_Found]:
        if "Peft" in qualified or "peft" in qualified:
            node = _arg(call, 1, "model_id")  # PeftModel.from_pretrained(model, "org/adapter")
        else:
            node = _arg(call, 0, "pretrained_model_name_or_path", "model_name", "model_id")
        yield from self._ids(call, chain, how, node, Kind.MODEL, "teacher")

    def _load_dataset(self, call: ast.Call, chain: tuple[int, ...], how: str) -> Iterator[_Found]:
        path = _arg(call, 0, "path")
        if path is None:
            return
        values = self.value(path, chain)
        builders = [k for k in values.known if k.text.lower() in _BUILDERS]
        others = Values(tuple(k for k in values.known if k.text.lower() not in _BUILDERS), values.unknown)
        if others.known or others.unknown:
            yield from self._values(call, path, others, Kind.DATASET, how, "dataset")
        if builders:
            files = _arg(call, 3, "data_files")
            data_dir = _arg(call, 2, "data_dir")
            target = files if files is not None else data_dir
            if target is None:
                yield _Found(
                    path.lineno,
                    Kind.DATASET,
                    how,
                    None,
                    None,
                    "dataset",
                    unresolved=f"load_dataset('{builders[0].text}') without data_files",
                    lines=(call.lineno,),
                )
                return
            for node in self._file_nodes(target, chain):
                values = self.value(node, chain)
                yield from self._values(call, target, values, Kind.DATASET, how, "dataset", local=True)

    def _file_nodes(self, node: ast.expr, chain: tuple[int, ...]) -> list[ast.expr]:
        """data_files: a path, a list of paths, or a dict of split -> path(s)."""
        container = self._container(node, chain, 0)
        if isinstance(container, ast.Dict):
            out: list[ast.expr] = []
            for v in container.values:
                out += self._file_nodes(v, chain)
            return out
        if isinstance(container, (ast.List, ast.Tuple)):
            return list(container.elts)
        return [node]

    def _values(
        self,
        call: ast.Call,
        node: ast.expr,
        values: Values,
        kind: Kind,
        how: str,
        role: str,
        *,
        local: bool = False,
    ) -> Iterator[_Found]:
        lines = (call.lineno, node.lineno)
        for k in values.known:
            ref, is_local = _classify(k.text, kind, self.table, local)
            yield _Found(node.lineno, kind, how, k.text, ref, role, note=k.note, local=is_local, lines=lines)
        if values.unknown is not None:
            yield _Found(
                node.lineno, kind, how, None, None, role, unresolved=values.unknown.reason, lines=lines
            )

    def _trainer(self, call: ast.Call, chain: tuple[int, ...], how: str) -> Iterator[_Found]:
        for kw in call.keywords:
            if kw.arg in _TRAINER_KEYWORDS:
                kind, role = _TRAINER_KEYWORDS[kw.arg]
                values = self.value(kw.value, chain)
                # A trainer's `model=` is usually an object: only ids given as strings count.
                yield from self._values(call, kw.value, Values(values.known), kind, f"{how}({kw.arg}=)", role)

    # --- API clients ---------------------------------------------------------------------

    def _model_call(
        self,
        call: ast.Call,
        chain: tuple[int, ...],
        spec: _Spec,
        how: str,
    ) -> Iterator[_Found]:
        provider, router, keywords, position, url_keywords, prefixed = spec
        node = _arg(call, position, *keywords) if position is not None else _keyword_any(call, keywords)
        if node is None:
            return
        client = _Client(how, provider, self.table.router(router) if router else None, litellm=prefixed)
        if router is None:
            self._base_url(client, call, url_keywords, chain)
        named = keyword(call, "model_provider")  # init_chat_model("gpt-4o", model_provider="openai")
        if isinstance(named, ast.Constant) and isinstance(named.value, str):
            target = self.table.prefixes.get(named.value.lower())
            if target is not None:
                client.provider, client.litellm = target[0], False
                if target[1] is not None:
                    client.endpoint = self.table.router(target[1])
        yield from self._api_values(call, node, chain, client, how)

    def _litellm_router(self, call: ast.Call, chain: tuple[int, ...]) -> Iterator[_Found]:
        listed = keyword(call, "model_list")
        container = self._container(listed, chain, 0) if listed is not None else None
        if not isinstance(container, (ast.List, ast.Tuple)):
            return
        for item in container.elts:
            params = _dict_get(item, "litellm_params")
            model = _dict_get(params, "model") if params is not None else None
            if model is None:
                continue
            client = _Client("litellm.Router", None, litellm=True)
            base = _dict_get(params, "api_base") if params is not None else None
            if base is not None:
                self._endpoint_from(client, base, chain)
            yield from self._api_values(call, model, chain, client, "litellm.Router(model_list=)")

    def _api_call(self, call: ast.Call, chain: tuple[int, ...], how: str) -> Iterator[_Found]:
        node = _keyword_any(call, _MODEL_KEYWORDS)
        assert node is not None and isinstance(call.func, ast.Attribute)
        root, path = _chain(call.func)
        client = self._client(root, chain, 0) if root is not None else None
        if client is None:
            shape = next((s for s in _API_SHAPES if tuple(path[-len(s) :]) == s), None)
            if shape is None:
                return
            provider = _API_SHAPES[shape]
            client = _Client("a client made elsewhere", provider)
            if provider in (None, "openai"):
                self._openai_env(client, chain)
        yield from self._api_values(call, node, chain, client, how)

    def _api_values(
        self, call: ast.Call, node: ast.expr, chain: tuple[int, ...], client: _Client, how: str
    ) -> Iterator[_Found]:
        values = self.value(node, chain)
        lines = (call.lineno, node.lineno)
        for k in values.known:
            mapped = (
                self.table.prefixed(k.text, client.endpoint)
                if client.litellm
                else self.table.map(k.text, provider=client.provider, endpoint=client.endpoint)
            )
            yield self._api_found(node, how, k, mapped, client, lines)
        if values.unknown is not None:
            via = (
                client.endpoint.name
                if client.endpoint is not None and client.endpoint.router
                else client.host
            )
            yield _Found(
                node.lineno,
                Kind.API,
                how,
                None,
                None,
                "teacher",
                via=via,
                unresolved=values.unknown.reason,
                lines=lines,
            )

    def _api_found(
        self, node: ast.expr, how: str, k: Known, mapped: Mapped, client: _Client, lines: tuple[int, ...]
    ) -> _Found:
        notes = [k.note] if k.note else []
        via = mapped.via
        if via is None and client.host is not None:
            via = client.host
            notes.append(f"its base URL's host {client.host} is not in the router table")
        if client.url_unknown is not None:
            notes.append(f"its base URL is computed ({client.url_unknown}): a router, if any, is unknown")
        if mapped.ref is None:
            notes.append("no provider can be told from this model id")
        return _Found(
            node.lineno,
            Kind.API,
            how,
            k.text,
            mapped.ref,
            "teacher",
            via=via,
            note="; ".join(notes) or None,
            lines=lines,
        )

    def _client(self, node: ast.expr, chain: tuple[int, ...], depth: int) -> _Client | None:
        """The API client an expression holds, if this file shows how it was made."""
        if depth > 8:
            return None
        if isinstance(node, ast.Call):
            return self._constructed(node, chain, depth)
        bindings: list[Binding] | None = None
        if isinstance(node, ast.Name):
            if self.imports.get(node.id) in ("openai", "litellm"):
                client = _Client(node.id, "openai" if self.imports[node.id] == "openai" else None)
                client.litellm = self.imports[node.id] == "litellm"
                if client.provider == "openai":
                    self._module_url(client, chain)
                return client
            for scope in reversed(chain):
                if self.scopes.kind.get(scope) != "class" and (scope, node.id) in self.bindings:
                    bindings = self.bindings[(scope, node.id)]
                    break
        elif isinstance(node, ast.Attribute):
            dotted = dotted_name(node)
            if dotted is not None and dotted.startswith("self."):
                owner = next((self.scopes.cls[s] for s in reversed(chain) if s in self.scopes.cls), None)
                bindings = self.bindings.get((owner, dotted)) if owner is not None else None
            elif dotted is not None:
                bindings = self.bindings.get((0, dotted))
        for b in bindings or ():
            if b.value is not None and b.kind == "assign":
                made = self._client(b.value, chain, depth + 1)
                if made is not None:
                    return made
        return None

    def _constructed(self, call: ast.Call, chain: tuple[int, ...], depth: int) -> _Client | None:
        qualified = self._qualified(call.func) or ""
        last = last_name(call.func) or ""
        if qualified not in _CLIENTS and qualified == last and last in _CLIENT_NAMES:
            qualified = _CLIENT_NAMES[last]
        if qualified in _CLIENTS:
            provider, router, url_keywords = _CLIENTS[qualified]
            client = _Client(last, provider, self.table.router(router) if router else None)
            client.litellm = qualified == "litellm.Router"
            if qualified.startswith("google.genai"):
                vertex = keyword(call, "vertexai")
                if isinstance(vertex, ast.Constant) and vertex.value is True:
                    client.endpoint = self.table.router("vertex")
            if router is None:
                self._base_url(client, call, url_keywords, chain)
            return client
        if qualified.startswith("boto3.") and last == "client":
            service = _arg(call, 0, "service_name")
            if isinstance(service, ast.Constant) and str(service.value).startswith("bedrock"):
                return _Client("boto3 bedrock client", None, self.table.router("bedrock"))
            return None
        # A function of this file that returns a client: `def make_client(): return OpenAI(...)`.
        if isinstance(call.func, ast.Name):
            for fn, fn_chain in self.functions.get(call.func.id, ()):
                inner = (*fn_chain, id(fn))
                for stmt in ast.walk(fn):
                    if isinstance(stmt, ast.Return) and stmt.value is not None:
                        returned = self._client(stmt.value, inner, depth + 1)
                        if returned is not None:
                            return returned
        return None

    def _base_url(
        self, client: _Client, call: ast.Call, keywords: Sequence[str], chain: tuple[int, ...]
    ) -> None:
        node = _keyword_any(call, keywords) if keywords else None
        if node is not None:
            self._endpoint_from(client, node, chain)
        elif client.provider == "openai":
            self._openai_env(client, chain)
            if client.endpoint is None and client.host is None:
                self._module_url(client, chain)

    def _openai_env(self, client: _Client, chain: tuple[int, ...]) -> None:
        for var in _OPENAI_URL_ENV:
            if var in self.env_sets:
                self._endpoint_from(client, self.env_sets[var], (0,))
                return

    def _module_url(self, client: _Client, chain: tuple[int, ...]) -> None:
        """`openai.base_url = …` / `openai.api_base = …` (module-level configuration)."""
        for name in ("openai.base_url", "openai.api_base"):
            found = self.bindings.get((0, name))
            if found and found[0].value is not None:
                self._endpoint_from(client, found[0].value, (0,))
                return
        self._openai_env(client, chain)

    def _endpoint_from(self, client: _Client, node: ast.expr, chain: tuple[int, ...]) -> None:
        values = self.value(node, chain)
        if not values.known:
            if values.unknown is not None:
                client.url_unknown = self._segment(node)
            return
        url = values.known[0].text
        endpoint = self.table.endpoint(url)
        if endpoint is not None:
            client.endpoint = endpoint
        elif host_of(url):
            client.host = host_of(url)


def _classify(text: str, kind: Kind, table: Table, local: bool) -> tuple[str | None, bool]:
    """The manifest form of an id found in a Hub call, and whether it is a path on disk."""
    value = text.strip()
    if local or looks_local(value):
        return value, True
    if kind is Kind.DATASET:
        from licensecheck.manifest import hub_dataset_id

        return hub_dataset_id(value) or value, False
    head, sep, _ = value.partition(":")
    if sep and head.lower() in ("openai", "anthropic", "google", "mistral", "cohere", "xai", "deepseek"):
        return value, False
    match = re.match(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([^/\s?#]+/[^/\s?#]+)", value)
    return (match.group(1) if match else value), False


_LOCAL = re.compile(
    r"^(?:[./~]|[A-Za-z]:[\\/])|\\|/.*/|\.(?:jsonl?|csv|tsv|parquet|arrow|txt|gz|zst|bin|safetensors|pt)$"
)


def looks_local(value: str) -> bool:
    """A path on disk rather than a Hub id: `./x`, `/x`, `~/x`, `a/b/c`, a data file's name."""
    return bool(_LOCAL.search(value)) and not value.startswith(("http://", "https://"))


def _arg(call: ast.Call, position: int | None, *keywords: str) -> ast.expr | None:
    node = _keyword_any(call, keywords)
    if node is not None:
        return node
    if (
        position is not None
        and position < len(call.args)
        and not isinstance(call.args[position], ast.Starred)
    ):
        return call.args[position]
    return None


def _keyword_any(call: ast.Call, names: Sequence[str]) -> ast.expr | None:
    for name in names:
        node = keyword(call, name)
        if node is not None:
            return node
    return None


def _dict_get(node: ast.expr | None, key: str) -> ast.expr | None:
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    if isinstance(node, ast.Call) and last_name(node.func) == "dict":
        return keyword(node, key)
    return None


def _callee(node: ast.expr, depth: int = 0) -> str:
    """A call's function as a reader would name it: `client.chat.completions.create`,
    `OpenAI().chat.completions.create`."""
    if depth > 12:
        return "\u2026"
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_callee(node.value, depth + 1)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{_callee(node.func, depth + 1)}()"
    if isinstance(node, ast.Subscript):
        return f"{_callee(node.value, depth + 1)}[\u2026]"
    return "\u2026"


def _chain(node: ast.Attribute) -> tuple[ast.expr | None, list[str]]:
    """`client.chat.completions.create` -> (client, [chat, completions, create]); the root
    may be a call (`OpenAI().chat…`). The root is the shortest prefix that is a name, an
    attribute of `self` or a call."""
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        if isinstance(current.value, ast.Name) and current.value.id == "self" and len(parts) >= 1:
            # `self.client.chat…`: the client is `self.client`.
            root_attr = parts.pop()
            return ast.Attribute(value=current.value, attr=root_attr, ctx=ast.Load()), list(reversed(parts))
        current = current.value
    if isinstance(current, (ast.Name, ast.Call)):
        return current, list(reversed(parts))
    return None, list(reversed(parts))
