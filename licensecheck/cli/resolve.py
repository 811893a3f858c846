"""`licensecheck resolve REF`: what the Hub says about a repository, and which terms govern it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from licensecheck.cli.common import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_OK,
    emit,
    emit_json,
    handles_errors,
    output_option,
    refuse_overwriting_inputs,
    registry_option,
)

if TYPE_CHECKING:
    from licensecheck.hubrecord import Wanted
    from licensecheck.registry import Registry


@click.command()
@click.argument("ref")
@click.option("--dataset", "is_dataset", is_flag=True, help="REF is a dataset repository.")
@click.option("--offline", is_flag=True, help="Use the disk cache only; make no request to the Hub.")
@click.option("--refresh", is_flag=True, help="Ask the Hub even when the cache holds a fresh answer.")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@registry_option
@output_option()
@handles_errors
def resolve(
    ref: str,
    is_dataset: bool,
    offline: bool,
    refresh: bool,
    output_format: str,
    registry_path: str | None,
    output: str | None,
) -> None:
    """Show what the Hugging Face Hub says about REF and which terms govern it.

    REF is a Hub repository `org/name` (a model; a dataset with --dataset). Ids the
    catalogue lists are not looked up, but lineage beyond them is. Prints each card's
    licence fields, base models and revision, then every governing terms with the
    lineage path that leads to it. Exit 0 when every part is accounted for, 1 when
    something needs review (an unmapped licence, a failed lookup), 2 on bad input.
    """
    from licensecheck import hubresolve
    from licensecheck.huboverlay import close_sources, make_sources
    from licensecheck.hubrecord import Wanted
    from licensecheck.refs import ModelRef
    from licensecheck.registry import Registry

    if ModelRef(ref).is_api or not ref.strip():
        click.echo(f"licensecheck: error: {ref!r} is not a Hub repository id (org/name)", err=True)
        sys.exit(EXIT_INPUT)
    refuse_overwriting_inputs([output], [registry_path])
    registry = Registry(Path(registry_path) if registry_path else None)
    root = Wanted("dataset" if is_dataset else "model", ref)
    sources = make_sources(offline=offline, read_cache=offline or not refresh)
    try:
        found = hubresolve.closure([root], registry, sources)
    finally:
        close_sources(sources)
    overlay = hubresolve.overlay(registry, found.values())
    governing, gaps = _governing(overlay, root)
    hub = []
    for key, answer in found.items():
        item = {"kind": answer.kind, **answer.to_json(), "from": sources.origins.get(key, "hub")}
        hub.append(item)
    payload: dict[str, Any] = {
        "ref": ref,
        "kind": root.kind,
        "registry_version": registry.version,
        "catalogued": not any(k == root.key for k in found),
        "hub": hub,
        "governing": [{"terms": t, "path": list(p)} for t, p in governing],
        "gaps": list(gaps),
    }
    if output_format == "json":
        emit_json(payload, output)
    else:
        emit(_text(payload), output)
    sys.exit(EXIT_FAILED if gaps or not governing else EXIT_OK)


def _governing(registry: Registry, root: Wanted) -> tuple[list[tuple[str, tuple[str, ...]]], tuple[str, ...]]:
    from licensecheck.lineage import resolve_dataset, resolve_model
    from licensecheck.manifest import Dataset

    if root.kind == "model":
        resolution = resolve_model(registry, root.ref)
        return [(g.terms_id, g.path) for g in resolution.governing], resolution.gaps
    dataset = Dataset(id=root.ref, path=None, url=None, license=None, generated_by=(), line=None)
    terms = resolve_dataset(registry, dataset)
    return [(g.terms_id, g.path) for g in terms.alternatives[0]], terms.gaps_by_alternative[0]


def _text(payload: dict[str, Any]) -> str:
    lines = [f"{payload['ref']} ({payload['kind']}, registry {payload['registry_version']})"]
    if payload["catalogued"]:
        lines.append("  listed in the catalogue: not looked up on the Hub")
    for item in payload["hub"]:
        lines.append(f"  {item['ref']}  [from {item['from']}]")
        if "error" in item:
            lines.append(f"    lookup failed: {item['error']}")
            continue
        licence = ", ".join(item["license"]) or "none declared"
        if item["license_name"]:
            licence += f" (license_name {item['license_name']})"
        if item["license_link"]:
            licence += f" <{item['license_link']}>"
        lines.append(f"    licence: {licence}")
        if item["base_models"]:
            relation = f" ({item['relation']})" if item["relation"] else ""
            lines.append(f"    base model: {', '.join(item['base_models'])}{relation}")
        if item["datasets"]:
            lines.append(f"    datasets: {', '.join(item['datasets'])}")
        for e in item.get("provenance", []):
            # What the card says of who wrote the data, each with the card's words.
            what = {"generator": f"written by {e['generator']} (inferred)", "synthetic": "model-written"}
            said = what.get(e["signal"], "written by people")
            lines.append(f"    card says {said}: {e['where']}: \u201c{e['text']}\u201d")
        revision = item["sha"] or "unknown"
        modified = f", modified {item['last_modified']}" if item["last_modified"] else ""
        lines.append(f"    revision: {revision}{modified}; resolved {item['resolved']}")
    lines.append("")
    if payload["governing"]:
        lines.append("Governed by:")
        width = max(len(g["terms"]) for g in payload["governing"])
        for g in payload["governing"]:
            lines.append(f"  {g['terms']:<{width}}  via {' <- '.join(g['path'])}")
    else:
        lines.append("Governed by: no known terms")
    if payload["gaps"]:
        lines.append("Needs review:")
        lines += [f"  - {gap}" for gap in payload["gaps"]]
    return "\n".join(lines) + "\n"
