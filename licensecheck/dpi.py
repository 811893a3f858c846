"""The Data Provenance Initiative's annotations, a second catalogue for datasets.

`registry/provenance/dpi.json` (written by `python -m licensecheck.dpi_import`) holds what
the DPI records for each Hugging Face dataset it annotates: licences, the models that wrote
it, dates, and the records it came from. The project's own catalogue always wins: a DPI
entry is read only for a dataset id the catalogue does not list, and the file is loaded on
the first such miss. Where both know a dataset, `explain` shows the DPI's record and where
the two disagree.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from licensecheck.errors import RegistryError
from licensecheck.refs import ModelRef, normalise

if TYPE_CHECKING:
    from licensecheck.registry import DatasetEntry, Registry

FORMAT = 1
PATH = Path("provenance") / "dpi.json"  # under the registry root
NAME = "the Data Provenance Initiative's annotations"
RENAMES = "hub-renames.yaml"  # under provenance/: new Hub names of datasets the DPI knows by old ones
TITLE = "The Data Provenance Initiative's annotations"

# Provider of a `provider:model` reference, by its prefix (API and consumer app alike).
_API_PROVIDERS = {
    "chatgpt": "openai",
    "claude": "anthropic",
    "gemini": "google",
    "bard": "google",
    "grok": "xai",
    "lechat": "mistral",
    "vibe": "mistral",
    "deepseek-app": "deepseek",
    "qwen": "alibaba",
    "qwen-chat": "alibaba",
    "llama-api": "meta",
}
# Provider of a Hub id, by its organisation, where the two names differ.
_HUB_PROVIDERS = {
    "openai-community": "openai",
    "google-t5": "google",
    "meta-llama": "meta",
    "facebook": "meta",
    "codellama": "meta",
    "mistralai": "mistral",
    "qwen": "alibaba",
    "deepseek-ai": "deepseek",
    "nousresearch": "nous-research",
    "xai-org": "xai",
}
_VERSION = re.compile(r"-\d+(\.\d+)*(?=-|$)")


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None  # a registry without the DPI's data (e.g. a test fixture)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegistryError(f"{path}: not readable ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RegistryError(f"{path}: not format {FORMAT} of the DPI data; re-run the importer")
    return doc


def document(registry: Registry) -> dict[str, Any] | None:
    return _load(registry.root / PATH)


def record(registry: Registry, dataset_id: str) -> dict[str, Any] | None:
    """The DPI's record of a Hub dataset id, whatever the project's catalogue says; for a
    name the Hub gave a dataset the DPI knows by its former name, that record."""
    doc = document(registry)
    if doc is None:
        return None
    key = normalise(dataset_id)
    found = doc["datasets"].get(key)
    if found is None and key in former_names(registry):
        found = doc["datasets"].get(former_names(registry)[key])
    return found if isinstance(found, dict) else None


@functools.lru_cache(maxsize=4)
def _renames(path: Path) -> dict[str, str]:
    from licensecheck.yamlio import load_file

    if not path.is_file():
        return {}
    pairs = load_file(path).data.get("renames") or {}
    return {normalise(new): normalise(old) for old, new in pairs.items()}


def former_names(registry: Registry) -> dict[str, str]:
    """Today's Hub name -> the former name the DPI records (provenance/hub-renames.yaml)."""
    return _renames(registry.root / "provenance" / RENAMES)


def source_url(registry: Registry, rec: dict[str, Any]) -> str:
    doc = document(registry)
    assert doc is not None  # the record came from it
    first = rec["records"][0]["file"]
    commit = doc["source"]["files"].get(first, {}).get("commit") or doc["source"]["commit"]
    return f"{doc['source']['repository']}/blob/{commit}/{quote(first)}"


def cited(registry: Registry, rec: dict[str, Any]) -> str:
    """One sentence naming the DPI records an entry comes from."""
    doc = document(registry)
    assert doc is not None
    groups = rec["records"]
    shown = "; ".join(f"{g['collection']} ({g['file']})" for g in groups[:3])
    more = f"; and {len(groups) - 3} more" if len(groups) > 3 else ""
    return (
        f"The facts on {rec['id']} come from {NAME} ({shown}{more}; Data-Provenance-Collection"
        f" at {doc['source']['commit'][:12]}), not from a record this project verified."
    )


def entry(registry: Registry, dataset_id: str) -> DatasetEntry | None:
    """A catalogue entry built from the DPI's record (None: the DPI does not list the id)."""
    from licensecheck.registry import DatasetEntry

    rec = record(registry, dataset_id)
    if rec is None:
        return None
    license_expr: str | None = rec["license"]
    ids = license_expr.split(" AND ") if license_expr else []
    mapped = [registry.terms_for_spdx(i) for i in ids]
    # Every licence mapped: judge its terms directly. Otherwise the licence expression is
    # judged, so what no terms map to stays a gap whatever a manifest declares.
    terms = tuple(dict.fromkeys(t for t in mapped if t)) if all(mapped) else ()
    return DatasetEntry(
        id=rec["id"],
        terms=terms,
        license=license_expr,
        generated_by=tuple(rec["generated_by"]),
        source=source_url(registry, rec),
        gap=_licence_gap(rec),
        generated=_window(rec["generated"]),
        generators_complete=not rec["unmapped_models"],
        provenance=cited(registry, rec) + _renamed(rec, dataset_id),
    )


def _renamed(rec: dict[str, Any], dataset_id: str) -> str:
    if normalise(rec["id"]) == normalise(dataset_id):
        return ""
    return f" It records {dataset_id} under its former Hub name {rec['id']} (provenance/{RENAMES})."


def _window(generated: dict[str, str]) -> tuple[datetime.date | None, datetime.date | None]:
    start, end = (generated.get(k) for k in ("from", "until"))
    return (
        datetime.date.fromisoformat(start) if start else None,
        datetime.date.fromisoformat(end) if end else None,
    )


def _licence_gap(rec: dict[str, Any]) -> str | None:
    """What the DPI could not find: no licence at all, or none for part of the data."""
    name = rec["id"]
    if rec["license"] is None:
        terms = [t for t in rec["dpi_licenses"] if t not in ("", "Unspecified")]
        besides = f" (it lists only {', '.join(terms)}, the terms of a model's provider)" if terms else ""
        return f"{TITLE} record no licence for {name}{besides}; declare one in the manifest."
    if rec["unspecified"]:
        return f"{TITLE} record no licence for part of {name}; declare one in the manifest."
    return None


# --- comparing the project's record with the DPI's -----------------------------------------


def family(licence: str) -> str:
    """A licence without its version: CC-BY-NC-4.0 and CC-BY-NC-3.0 are one family."""
    name = licence.strip().lower().removeprefix("licenseref-").removeprefix("dpi-")
    return _VERSION.sub("", name).removesuffix("-only").removesuffix("-or-later")


def provider(ref: str) -> str:
    """Whose model a reference names: the API's provider, or the Hub organisation's."""
    parsed = ModelRef(ref)
    if parsed.is_api:
        prefix = parsed.provider or ""
        return _API_PROVIDERS.get(prefix, prefix)
    org = normalise(ref).split("/", 1)[0]
    return _HUB_PROVIDERS.get(org, org)


def _licence_ids(expression: str) -> list[str]:
    return [t for t in re.split(r"[\s()]+", expression) if t and t.upper() not in ("AND", "OR", "WITH")]


def own_families(own: DatasetEntry) -> set[str]:
    """The licence families the entry is judged under: its own and its upstream's."""
    upstream = [t for t, _ in own.upstream_terms]
    ids = _licence_ids(own.license) if own.license else [t for t in own.terms if t not in upstream]
    ids += upstream
    return {family(i) for i in ids} or {"unspecified"}


def dpi_families(rec: dict[str, Any]) -> set[str]:
    ids = _licence_ids(rec["license"]) if rec["license"] else []
    return {family(i) for i in ids} or {"unspecified"}


def dpi_providers(rec: dict[str, Any]) -> set[str]:
    return {p for p in rec["providers"] if p != "unnamed"}


def disagreement(own: DatasetEntry, rec: dict[str, Any]) -> list[str]:
    """Where the project's own entry and the DPI's record part ways (licence family, or whose
    models wrote the data); the project's entry is the one judged."""
    out = []
    if own_families(own) != dpi_families(rec):
        ours = own.license or ", ".join(own.terms) or "no licence"
        if own.upstream_terms:
            ours += f" (and upstream: {', '.join(t for t, _ in own.upstream_terms)})"
        theirs = ", ".join(rec["dpi_licenses"]) or "no licence"
        out.append(f"licence: the catalogue records {ours}; the DPI records {theirs}")
    ours_p = {provider(g) for g in own.generated_by}
    if ours_p != dpi_providers(rec):
        gens = ", ".join(own.generated_by) or "none"
        theirs = ", ".join(rec["dpi_models"]) or "none"
        out.append(f"generators: the catalogue records {gens}; the DPI records {theirs}")
    return out


# --- explain -----------------------------------------------------------------------------------


def explain(registry: Registry, ref: str, judged: DatasetEntry) -> dict[str, Any]:
    """The DPI's part of `explain`: its record, which record is judged, and any disagreement."""
    out: dict[str, Any] = {"catalogue": "dpi" if judged.provenance else "project"}
    if judged.released_by:
        out["released_by"] = judged.released_by
    rec = record(registry, ref)
    if rec is None:
        out["dpi"] = None
        return out
    doc = document(registry)
    assert doc is not None
    out["dpi"] = {
        "repository": doc["source"]["repository"],
        "commit": doc["source"]["commit"],
        "url": source_url(registry, rec),
        "records": rec["records"],
        "licenses": rec["dpi_licenses"],
        "models": rec["dpi_models"],
        "generated_by": rec["generated_by"],
        "unmapped_models": rec["unmapped_models"],
        "dates": rec["dates"],
    }
    out["disagreement"] = [] if judged.provenance else disagreement(judged, rec)
    return out


def explain_lines(p: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if p.get("released_by"):
        out.append(
            f"  released by {p['released_by']} itself, whose models wrote it, under {p.get('license')}"
            " (the catalogue's own record): the provider's service terms are not judged for it"
        )
    dpi = p.get("dpi")
    if not dpi:
        return out
    if p.get("catalogue") == "dpi":
        out.append(f"  facts from {NAME} (not verified by this project); the catalogue has no entry")
    groups = dpi["records"]
    shown = "; ".join(f"{g['collection']} ({g['file']}: {', '.join(g['records'][:3])})" for g in groups[:3])
    more = f"; and {len(groups) - 3} more" if len(groups) > 3 else ""
    out.append(f"  DPI record: {shown}{more} at Data-Provenance-Collection@{dpi['commit'][:12]}")
    out.append(f"    DPI licences: {', '.join(dpi['licenses']) or 'none'}")
    if dpi["models"]:
        mapped = ", ".join(dpi["generated_by"]) or "nothing"
        out.append(f"    DPI models: {', '.join(dpi['models'])} (mapped to {mapped})")
    if dpi["unmapped_models"]:
        out.append(f"    not mapped to registry terms: {', '.join(dpi['unmapped_models'])} (needs review)")
    for difference in p.get("disagreement") or ():
        out.append(f"  the DPI differs on the {difference}")
    return out
