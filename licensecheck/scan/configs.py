"""Trainer configs (TRL, Axolotl, LLaMA-Factory, torchtune, OpenRLHF, alignment-handbook, a
LiteLLM proxy's model_list), YAML or JSON: the models, teachers and datasets their keys name.

A file is parsed only if its bytes hold one of the keys below; what it names is classified
as a Hub id, an API model (`gpt-4o`, `openai:gpt-4o`) or a local path. LLaMA-Factory's
dataset names are looked up in the tree's `dataset_info.json`; torchtune's dataset builders
by the source they load. A templated value (`${MODEL}`, `{{ model }}`) is unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from licensecheck.errors import InputError
from licensecheck.scan.code import looks_local
from licensecheck.scan.model import Kind, Location, Use
from licensecheck.scan.routers import API_PROVIDERS, Table
from licensecheck.yamlio import Document, Path_, load_text

# Keys that name a model, and the manifest role a model there plays.
MODEL_KEYS: dict[str, str] = {
    **dict.fromkeys(
        (
            "teacher",
            "teacher_model",
            "teacher_model_name_or_path",
            "teacher_name_or_path",
            "teacher_model_path",
            "teacher_model_id",
            "judge",
            "judge_model",
            "reward_model",
            "reward_model_path",
            "reward_model_name_or_path",
            "reward_pretrain",
            "ref_model",
            "ref_model_name_or_path",
            "ref_pretrain",
            "critic_pretrain",
        ),
        "teacher",
    ),
    **dict.fromkeys(
        (
            "base_model",
            "base_model_name_or_path",
            "model_name_or_path",
            "pretrained_model_name_or_path",
            "pretrain",
            "model_name",
            "model_id",
            "tokenizer_name_or_path",
            "tokenizer_name",
        ),
        "base-model",
    ),
}
# `model:` is too common a key to trust with anything but an unmistakable id.
STRICT_MODEL_KEYS = frozenset({"model"})
DATASET_KEYS = frozenset(
    {
        "dataset",
        "datasets",
        "dataset_name",
        "dataset_path",
        "dataset_id",
        "dataset_name_or_path",
        "dataset_mixer",
        "dataset_mixture",
        "train_dataset",
        "eval_dataset",
        "test_dataset",
        "train_file",
        "validation_file",
        "test_file",
        "train_data",
        "eval_data",
        "prompt_data",
        "pretrain_data",
        "data_path",
        "data_files",
    }
)
_KEYS = sorted({*MODEL_KEYS, *STRICT_MODEL_KEYS, *DATASET_KEYS, "model_list"}, key=len, reverse=True)
CANDIDATE = re.compile(rb"[\"']?\b(?:" + b"|".join(k.encode() for k in _KEYS) + rb")\b[\"']?\s*:")
# torchtune's dataset builders and the Hub dataset each loads unless given another `source`.
TORCHTUNE_SOURCES = {
    "alpaca_dataset": "tatsu-lab/alpaca",
    "alpaca_cleaned_dataset": "yahma/alpaca-cleaned",
    "slimorca_dataset": "Open-Orca/SlimOrca-Dedup",
    "samsum_dataset": "Samsung/samsum",
    "grammar_dataset": "liweili/c4_200m",
}
# Keys inside one dataset's mapping (Axolotl's `path`, torchtune's `source`, TRL's `id`).
_ITEM_KEYS = ("path", "source", "id", "name", "dataset", "hf_hub_url", "data_files")
_TEMPLATE = re.compile(r"\$\{|\{\{|\$[A-Z_]|%\(")
_TUNE_DOWNLOAD = re.compile(r"tune\s+download\s+([A-Za-z0-9][\w.-]*/[\w.-]+)")
_LLAMA_FACTORY = ("stage", "finetuning_type", "template")


_KEY_BYTES = tuple(k.encode() for k in _KEYS)


def is_candidate(data: bytes) -> bool:
    # A substring search first (fast); the pattern then wants the name to be a key.
    return any(k in data for k in _KEY_BYTES) and CANDIDATE.search(data) is not None


class ConfigError(Exception):
    """The file cannot be read as YAML or JSON: its message says why."""


@dataclass(frozen=True)
class Catalogue:
    """LLaMA-Factory's dataset_info.json files in the tree: name -> (Hub id or file, where)."""

    entries: Mapping[str, tuple[str, str, bool]]  # name -> (id or path, catalogue file, is a path)


def read_catalogue(text: str, file: str) -> dict[str, tuple[str, str, bool]]:
    try:
        data = load_text(text, file).data
    except InputError:
        return {}
    out: dict[str, tuple[str, str, bool]] = {}
    if not isinstance(data, dict):
        return out
    folder = PurePosixPath(file).parent
    for name, entry in data.items():
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("hf_hub_url"), str):
            out[name] = (entry["hf_hub_url"], file, False)
        elif isinstance(entry.get("file_name"), str):
            out[name] = ((folder / entry["file_name"]).as_posix(), file, True)
    return out


def uses(text: str, file: str, table: Table, catalogue: Catalogue | None = None) -> list[Use]:
    try:
        doc = load_text(text, file)
    except InputError as exc:
        raise ConfigError(exc.problem if exc.line is None else f"line {exc.line}: {exc.problem}") from None
    found = list(_Reader(doc, file, table, catalogue).walk(doc.data, ()))
    for number, line in enumerate(text.splitlines(), 1):
        match = _TUNE_DOWNLOAD.search(line) if line.lstrip().startswith("#") else None
        if match:
            found.append(
                _model(Location(file, number), "torchtune `tune download` comment", match[1], "base-model")
            )
    return found


def _model(where: Location, how: str, value: str, role: str) -> Use:
    return Use(where, Kind.MODEL, how, value, value, role)


class _Reader:
    def __init__(self, doc: Document, file: str, table: Table, catalogue: Catalogue | None) -> None:
        self.doc = doc
        self.file = file
        self.table = table
        self.catalogue = catalogue
        data = doc.data
        self.llama_factory = isinstance(data, dict) and any(k in data for k in _LLAMA_FACTORY)
        dataset_dir = data.get("dataset_dir") if isinstance(data, dict) else None
        self.dataset_dir = dataset_dir if isinstance(dataset_dir, str) else "data"

    def where(self, path: Path_) -> Location:
        return Location(self.file, self.doc.line(path) or 1)

    def walk(self, data: Any, path: Path_, depth: int = 0) -> Iterator[Use]:
        if depth > 32:
            return
        if isinstance(data, dict):
            for key, value in data.items():
                low = str(key).lower()
                here = (*path, key)
                if low in MODEL_KEYS:
                    yield from self._models(value, here, low, MODEL_KEYS[low], strict=False)
                elif low in STRICT_MODEL_KEYS and not isinstance(value, (dict, list)):
                    yield from self._models(value, here, low, "base-model", strict=True)
                elif low in DATASET_KEYS:
                    yield from self._datasets(value, here, low)
                elif low == "model_list" and isinstance(value, list):
                    yield from self._model_list(value, here)
                else:
                    yield from self.walk(value, here, depth + 1)
        elif isinstance(data, list):
            for i, item in enumerate(data):
                yield from self.walk(item, (*path, i), depth + 1)

    def _models(self, value: Any, path: Path_, key: str, role: str, *, strict: bool) -> Iterator[Use]:
        if isinstance(value, dict):
            yield from self.walk(value, path)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from self._models(item, (*path, i), key, role, strict=strict)
            return
        if not isinstance(value, str) or not value.strip():
            return
        text = value.strip()
        how = f"config key {key}"
        where = self.where(path)
        if _TEMPLATE.search(text):
            yield Use(
                where, Kind.MODEL, how, None, None, role, unresolved=f"`{text}` is filled in at run time"
            )
            return
        if looks_local(text):
            if not strict:
                yield Use(where, Kind.MODEL, how, text, text, role, local=True)
            return
        head, sep, rest = text.partition(":")
        if sep and head.lower() in API_PROVIDERS and rest and "/" not in head:
            mapped = self.table.map(text)
            yield Use(where, Kind.API, how, text, mapped.ref, "teacher", via=mapped.via)
            return
        if "/" in text:
            if re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", text):
                yield _model(where, how, text, role)
            return
        bare = self.table.bare_provider(text)
        if bare is not None:
            mapped = self.table.map(text)
            yield Use(where, Kind.API, how, text, mapped.ref, "teacher", via=mapped.via)
        elif not strict and re.fullmatch(r"[A-Za-z0-9][\w.-]*", text):
            yield _model(where, how, text, role)  # a legacy Hub name (`gpt2`)

    def _datasets(self, value: Any, path: Path_, key: str) -> Iterator[Use]:
        how = f"config key {key}"
        if isinstance(value, dict):
            component = value.get("_component_")
            if isinstance(component, str):
                yield from self._torchtune(value, component, path)
                return
            for k in _ITEM_KEYS:
                if k in value:
                    yield from self._datasets(value[k], (*path, k), key)
                    return
            weights = list(value.values())
            if weights and all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights):
                # alignment-handbook's dataset_mixer: {id: fraction}
                for name in value:
                    yield from self._dataset_text(str(name), (*path, name), how)
            else:
                yield from self.walk(value, path)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from self._datasets(item, (*path, i), key)
            return
        if isinstance(value, str):
            names = [v.strip() for v in value.split(",")] if self.llama_factory else [value.strip()]
            for name in filter(None, names):
                yield from self._dataset_text(name, path, how)

    def _dataset_text(self, text: str, path: Path_, how: str) -> Iterator[Use]:
        where = self.where(path)
        if _TEMPLATE.search(text):
            yield _unresolved_dataset(where, how, f"`{text}` is filled in at run time")
            return
        if self.llama_factory and "/" not in text:
            entry = self.catalogue.entries.get(text) if self.catalogue is not None else None
            if entry is None:
                why = f"LLaMA-Factory dataset `{text}` is not in any dataset_info.json in the tree"
                yield _unresolved_dataset(where, how, why)
                return
            target, catalogue, is_path = entry
            note = f"LLaMA-Factory dataset `{text}`, {catalogue}"
            yield Use(where, Kind.DATASET, how, target, target, "dataset", note=note, local=is_path)
            return
        from licensecheck.manifest import hub_dataset_id

        local = looks_local(text)
        ref = text if local else (hub_dataset_id(text) or text)
        yield Use(where, Kind.DATASET, how, text, ref, "dataset", local=local)

    def _torchtune(self, value: dict[str, Any], component: str, path: Path_) -> Iterator[Use]:
        how = f"torchtune {component}"
        source = value.get("source")
        if isinstance(source, str) and source.strip():
            data_files = value.get("data_files")
            if source.strip() in ("json", "csv", "parquet", "text") and isinstance(data_files, str):
                yield from self._dataset_text(data_files, (*path, "data_files"), how)
            else:
                yield from self._dataset_text(source.strip(), (*path, "source"), how)
            return
        builder = component.rsplit(".", 1)[-1]
        if builder in TORCHTUNE_SOURCES:
            target = TORCHTUNE_SOURCES[builder]
            yield Use(
                self.where(path),
                Kind.DATASET,
                how,
                target,
                target,
                "dataset",
                note="the builder's default source",
            )
        else:
            why = f"torchtune builder {builder} names no source"
            yield _unresolved_dataset(self.where(path), how, why)

    def _model_list(self, value: list[Any], path: Path_) -> Iterator[Use]:
        """A LiteLLM proxy's config: each alias's `litellm_params.model` is the real model."""
        for i, item in enumerate(value):
            params = item.get("litellm_params") if isinstance(item, dict) else None
            model = params.get("model") if isinstance(params, dict) else None
            if not isinstance(model, str):
                continue
            base = params.get("api_base") if isinstance(params, dict) else None
            endpoint = self.table.endpoint(base) if isinstance(base, str) else None
            mapped = self.table.prefixed(model, endpoint)
            where = self.where((*path, i, "litellm_params", "model"))
            if _TEMPLATE.search(model):
                yield Use(
                    where, Kind.API, "LiteLLM model_list", None, None, "teacher", unresolved=f"`{model}`"
                )
                continue
            yield Use(where, Kind.API, "LiteLLM model_list", model, mapped.ref, "teacher", via=mapped.via)


def _unresolved_dataset(where: Location, how: str, why: str) -> Use:
    """A dataset the config names in a way the scan cannot resolve: needs review."""
    return Use(where, Kind.DATASET, how, None, None, "dataset", unresolved=why)
