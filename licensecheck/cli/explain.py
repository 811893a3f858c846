"""`licensecheck explain REF`: which terms govern a model or dataset, and why."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from licensecheck.cli.common import EXIT_FAILED, EXIT_OK, emit, emit_json, handles_errors, output_option

if TYPE_CHECKING:
    from licensecheck.lineage import Governing
    from licensecheck.registry import Registry


@click.command()
@click.argument("ref")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--lock",
    "lock_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also use the Hub answers recorded in this lock file (default: ./licensecheck.lock if present).",
)
@output_option()
@handles_errors
def explain(ref: str, output_format: str, output: str | None, lock_file: str | None) -> None:
    """Explain which terms govern REF (a model `org/name` or `provider:model`, or a dataset id).

    Shows the catalogue entry or pattern that matched, the lineage followed and every
    governing terms version with what the engine reads from it; for a dataset, who wrote
    it and the evidence (a Hub card's line, the DPI's record) and the datasets it derives
    from. With a lock file (`licensecheck lock`), the Hub answers it records count too, as
    `check` reads them. Exit 1 when REF is not in the registry (it would need review), 0
    otherwise. Makes no network request.
    """
    from licensecheck.registry import Registry

    registry = Registry()
    payload: dict[str, Any] = {"ref": ref, "registry_version": registry.version}
    registry = _with_lock(registry, lock_file, payload)
    governing = _dataset(registry, ref, payload) if registry.dataset(ref) else _model(registry, ref, payload)
    payload["governing"] = [_governing(registry, g) for g in governing]
    if payload.get("matched") is None:
        payload["did_you_mean"] = registry.near(ref)
    known = bool(payload["governing"]) and not payload["gaps"]
    if output_format == "json":
        emit_json(payload, output)
    else:
        emit("".join(f"{line}\n" for line in _text(payload)), output)
    sys.exit(EXIT_OK if known else EXIT_FAILED)


def _with_lock(registry: Registry, lock_file: str | None, payload: dict[str, Any]) -> Registry:
    """The registry with the Hub answers of a lock file, as `check` would see them offline."""
    from pathlib import Path

    from licensecheck import hubresolve, lock

    path = Path(lock_file) if lock_file else Path(lock.LOCK_NAME)
    if lock_file is None and not path.is_file():
        return registry
    locked = lock.read(path)  # missing or malformed: an input error (exit 2)
    payload["lock"] = str(path)
    return hubresolve.overlay(registry, locked.lookups)


def _dataset(registry: Registry, ref: str, payload: dict[str, Any]) -> list[Governing]:
    """A catalogued dataset, resolved as `check` resolves one the manifest declares nothing about."""
    from licensecheck.lineage import resolve_dataset
    from licensecheck.manifest import Dataset

    resolved = resolve_dataset(
        registry, Dataset(id=ref, path=None, url=None, license=None, generated_by=(), line=None)
    )
    entry = resolved.entry
    assert entry is not None  # the caller found it in the catalogue
    payload.update(
        kind="dataset",
        matched=entry.id,
        terms=list(entry.terms),
        license=entry.license,
        generated_by=list(resolved.generators),
        generated={
            key: day.isoformat()
            for key, day in zip(("from", "until"), resolved.generated, strict=True)
            if day
        },
        source=entry.source,
        gaps=list(resolved.gaps_by_alternative[0]),
        # Who wrote it, as a card says (not verified by hand), and where it says so.
        evidence=[{"generator": ref, "where": said} for ref, said in resolved.evidence],
        unnamed=entry.unnamed,
        derived_from=list(entry.derived_from),
        upstream_terms=[{"terms": t, "from": name} for t, name in entry.upstream_terms],
    )
    from licensecheck import dpi

    payload.update(dpi.explain(registry, ref, entry))
    return list(resolved.alternatives[0])


def _model(registry: Registry, ref: str, payload: dict[str, Any]) -> list[Governing]:
    from licensecheck.lineage import resolve_model

    resolution = resolve_model(registry, ref)
    entry = resolution.entry
    payload.update(
        kind="model",
        matched=resolution.matched,
        match_kind=None if entry is None else ("pattern" if entry.is_pattern else "exact id"),
        families=sorted(resolution.families),
        multimodal=resolution.multimodal,
        gaps=list(resolution.gaps),
        # The data it (or a model it derives from) was trained on, as its card lists it.
        trained_on=list(
            dict.fromkeys(
                name for step in resolution.walk() if step.entry is not None for name in step.entry.datasets
            )
        ),
    )
    return list(resolution.governing)


def _governing(registry: Registry, g: Governing) -> dict[str, Any]:
    from licensecheck.provisions import to_data

    low, high = g.window
    # Only the versions that could govern inside the catalogue's window for these terms.
    series = registry.series(g.terms_id)
    versions = [
        t
        for i, t in enumerate(series)
        if (high is None or t.effective <= high)
        and (low is None or i + 1 == len(series) or series[i + 1].effective > low)
    ]
    return {
        "terms": g.terms_id,
        "lineage": list(g.path),
        "from": low.isoformat() if low else None,
        "until": high.isoformat() if high else None,
        "domicile": list(g.domiciles[0]),
        "except_domicile": list(g.domiciles[1]),
        "versions": [
            {
                "id": t.full_id,
                "name": t.name,
                "effective": t.effective.isoformat(),
                "provisions": {kind: to_data(p) for kind, p in t.provisions.items()},
            }
            for t in versions
        ],
    }


def _text(p: dict[str, Any]) -> list[str]:
    out: list[str] = []
    registry = f"registry {p['registry_version']}"
    if p.get("matched") is None:
        out.append(f"{p['ref']}: not in the registry ({registry}); it would need review.")
        if p.get("did_you_mean"):
            out.append(f"  did you mean {' or '.join(p['did_you_mean'])}?")
    else:
        how = p.get("match_kind") or "dataset id"
        from_dpi = p.get("catalogue") == "dpi"
        where = "the Data Provenance Initiative's annotations" if from_dpi else "the catalogue"
        if str(p.get("source") or "").startswith("hub:"):
            where = f"the Hub's answer recorded in {p.get('lock')}"
        out.append(f"{p['ref']}: matched {how} {p['matched']!r} in {where} ({registry})")
    if p["kind"] == "model" and p.get("families"):
        out.append(f"  family: {', '.join(p['families'])}" + ("   multimodal" if p.get("multimodal") else ""))
    if p["kind"] == "model" and p.get("trained_on"):
        out.append(
            f"  trained on: {', '.join(p['trained_on'])} (the models that wrote that data are judged"
            " as its generators)"
        )
    if p["kind"] == "dataset" and p.get("generated_by"):
        when = p.get("generated") or {}
        dated = f", written {when.get('from', '?')} to {when.get('until', '?')}" if when else ""
        out.append(f"  written by: {', '.join(p['generated_by'])} (each judged as a generator{dated})")
    if p["kind"] == "dataset":
        from licensecheck import dpi

        out += [f"  inferred: {e['generator']} wrote it, as {e['where']}" for e in p.get("evidence") or ()]
        if p.get("unnamed"):
            out.append(f"  the card says a model wrote it but names none: {p['unnamed']}")
        if p.get("derived_from"):
            out.append(
                f"  derives from: {', '.join(p['derived_from'])} (their licences are judged beside"
                " its own, the stricter governs; their generators are its generators)"
            )
        out += dpi.explain_lines(p)
    for gap in p["gaps"]:
        out.append(f"  needs review: {gap}")
    for g in p["governing"]:
        via = " <- ".join(g["lineage"])
        limits = []
        if g.get("from") or g.get("until"):
            limits.append(f"for use from {g.get('from') or 'the start'} until {g.get('until') or 'now'}")
        if g.get("domicile"):
            limits.append(f"for licensees domiciled in {', '.join(g['domicile'])}")
        if g.get("except_domicile"):
            limits.append(f"except for licensees domiciled in {', '.join(g['except_domicile'])}")
        only = f"; only {'; '.join(limits)}" if limits else ""
        out.append(f"  governed by {g['terms']} (through {via}{only})")
        if not g["versions"]:
            out.append("    the registry holds no version of these terms: needs review")
        for v in g["versions"]:
            kinds = ", ".join(v["provisions"]) or "no provisions"
            out.append(f"    {v['id']}  effective {v['effective']}  {v['name']}  [{kinds}]")
    return out
