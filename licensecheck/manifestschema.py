"""The manifest's JSON Schema (schemas/manifest.schema.json, the published contract), decided in
plain Python on every run, so `check` never imports jsonschema for a valid manifest.

`valid(data)` is True only for a document the schema accepts. Anything else, and anything
this module is unsure of (a 1.0 for a 1, say), is False: the caller then asks jsonschema,
whose errors, with their paths, are the messages a user reads. So this can make a run
faster but never lets more through; tests check it against jsonschema on generated
documents, and it answers only while the shipped schema is the text it was written for
(SCHEMA_SHA256): a schema changed without this module is decided by jsonschema alone.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "manifest.schema.json"
SCHEMA_SHA256 = "5d8ad1a26a4c875bfc4ce8a1c7db30609b14cec34fc5aa2e9f9f34499b220766"

# The schema's patterns, matched as jsonschema matches them (re.search).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$").search
# The Hub's legacy single-name model ids the schema accepts: repositories it moved under
# organisations in 2024 (gpt2 -> openai-community/gpt2) and still serves under the old name. Each
# is catalogued (registry/catalogue/models-models13.yaml); a bare API name (gpt-4o) stays an error.
LEGACY_HUB_MODELS = (
    "albert-base-v2",
    "bert-base-cased",
    "bert-base-multilingual-cased",
    "bert-base-uncased",
    "bert-large-uncased",
    "distilbert-base-uncased",
    "distilbert-base-uncased-finetuned-sst-2-english",
    "distilgpt2",
    "gpt2",
    "gpt2-large",
    "gpt2-medium",
    "gpt2-xl",
    "openai-gpt",
    "roberta-base",
    "roberta-large",
    "t5-11b",
    "t5-3b",
    "t5-base",
    "t5-large",
    "t5-small",
    "xlm-roberta-base",
    "xlm-roberta-large",
)
MODEL_REF_PATTERN = (
    r"^([A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*|[a-z0-9][a-z0-9_.-]*:[^\s:]+(:[0-9]+)?|"
    + "|".join(LEGACY_HUB_MODELS)
    + ")$"
)
_MODEL_REF = re.compile(MODEL_REF_PATTERN).search
_DOMICILE = re.compile(r"^[A-Z]{2,3}$").search
_DATASET_ID = re.compile(r"^[^\s/:]+(/[^\s/:]+)?$").search
_URL = re.compile(r"^https?://\S+$").search
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$").search

_ROOT = frozenset({"licensecheck", "policy", "project", "teachers", "datasets", "waivers"})
_PROJECT = frozenset(
    {"name", "use", "release", "model_kind", "monthly_active_users", "domicile", "student", "organization"}
)
_ORGANIZATION = frozenset({"monthly_active_users", "monthly_revenue_usd"})
_STUDENT = frozenset({"name", "base_model", "base_model_license"})
_TEACHER = frozenset({"model", "via", "purpose", "from", "until", "license"})
_DATASET = frozenset({"id", "path", "url", "license", "generated_by", "generated", "human_written"})
_SOURCES = ("id", "path", "url")
_GENERATED = frozenset({"from", "until"})
_WAIVER = frozenset({"subject", "approved_by", "reason", "expires", "approved_on", "rule", "terms"})
_WAIVER_TEXT = ("subject", "approved_by", "reason")
_USES = ("commercial", "research")
_RELEASES = ("open-weights", "hosted", "internal")
_KINDS = ("general-llm", "code-llm", "classifier", "embedding", "other")
_PURPOSES = ("distillation", "synthetic-data", "judge", "reward-model")


def pinned(path: Path, sha256: str) -> bool:
    """Whether the schema file at `path` is the text a plain-Python validator was written for."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


@functools.cache
def in_force() -> bool:
    """Whether the shipped schema is the one this module decides."""
    return pinned(SCHEMA_PATH, SCHEMA_SHA256)


def valid(data: Any) -> bool:
    """True only if the manifest schema surely accepts `data`."""
    return in_force() and _manifest(data)


def _text(value: Any) -> bool:
    return type(value) is str and len(value) >= 1


def _manifest(data: Any) -> bool:
    if type(data) is not dict or not data.keys() <= _ROOT:
        return False
    version = data.get("licensecheck")
    if type(version) is not int or version != 1 or "project" not in data or not _project(data["project"]):
        return False
    if "policy" in data and not _text(data["policy"]):
        return False
    for name, item_valid in (("teachers", _teacher), ("datasets", _dataset), ("waivers", _waiver)):
        if name in data:
            items = data[name]
            if type(items) is not list or not all(map(item_valid, items)):
                return False
    return True


def _project(p: Any) -> bool:
    if type(p) is not dict or not p.keys() <= _PROJECT:
        return False
    if not (_text(p.get("name")) and p.get("use") in _USES and p.get("release") in _RELEASES):
        return False
    if type(p.get("use")) is not str or type(p.get("release")) is not str:
        return False
    if "model_kind" in p and (type(p["model_kind"]) is not str or p["model_kind"] not in _KINDS):
        return False
    if "monthly_active_users" in p and not _count(p["monthly_active_users"]):
        return False
    if "organization" in p:
        o = p["organization"]
        if type(o) is not dict or not o.keys() <= _ORGANIZATION or not all(map(_count, o.values())):
            return False
    if "domicile" in p and not (type(p["domicile"]) is str and _DOMICILE(p["domicile"])):
        return False
    if "student" in p:
        s = p["student"]
        if type(s) is not dict or not s.keys() <= _STUDENT or not _text(s.get("name")):
            return False
        if "base_model" in s and not _model(s["base_model"]):
            return False
        if "base_model_license" in s and not _text(s["base_model_license"]):
            return False
    return True


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _model(value: Any) -> bool:
    return type(value) is str and _MODEL_REF(value) is not None


def _date(value: Any) -> bool:
    return type(value) is str and _DATE(value) is not None


def _teacher(t: Any) -> bool:
    if type(t) is not dict or not t.keys() <= _TEACHER or not _model(t.get("model")):
        return False
    if "via" in t and not _text(t["via"]):
        return False
    if "license" in t and not _text(t["license"]):
        return False
    if "purpose" in t and (type(t["purpose"]) is not str or t["purpose"] not in _PURPOSES):
        return False
    return all(_date(t[k]) for k in ("from", "until") if k in t)


def _dataset(d: Any) -> bool:
    if type(d) is not dict or not d.keys() <= _DATASET:
        return False
    sources = [k for k in _SOURCES if k in d]
    if len(sources) != 1:
        return False
    if "id" in d and not (type(d["id"]) is str and _DATASET_ID(d["id"])):
        return False
    if "path" in d and not _text(d["path"]):
        return False
    if "url" in d and not (type(d["url"]) is str and _URL(d["url"])):
        return False
    if "license" in d and not _text(d["license"]):
        return False
    if "human_written" in d and type(d["human_written"]) is not bool:
        return False
    if "generated_by" in d:
        generators = d["generated_by"]
        if type(generators) is not list or not all(map(_model, generators)):
            return False
    if "generated" in d:
        g = d["generated"]
        if type(g) is not dict or not g or not g.keys() <= _GENERATED:
            return False
        if not all(_date(v) for v in g.values()):
            return False
    return True


def _waiver(w: Any) -> bool:
    if type(w) is not dict or not w.keys() <= _WAIVER:
        return False
    if not all(_text(w.get(k)) for k in _WAIVER_TEXT) or not _date(w.get("expires")):
        return False
    if "rule" in w and not (type(w["rule"]) is str and _RULE_ID(w["rule"])):
        return False
    if "terms" in w and not _text(w["terms"]):
        return False
    return "approved_on" not in w or _date(w["approved_on"])
