"""A catalogue file's entries as written (not as the registry reads them), for the tests that
check each entry an issue added resolves as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "registry" / "catalogue"


def entries(file: str, section: str) -> list[dict[str, Any]]:
    """The `section` ("models" or "datasets") of registry/catalogue/`file`."""
    data = yaml.safe_load((CATALOGUE / file).read_text(encoding="utf-8"))
    listed: list[dict[str, Any]] = data[section]
    return listed


def unresolved_datasets(file: str, gap_when_incomplete: bool = False) -> list[str]:
    """What is wrong with the datasets of registry/catalogue/`file` as written, one line each
    (empty: each is the registry's own record, not the DPI's; cites a web source and has a note;
    names only generators and upstream datasets the registry resolves; with `gap_when_incomplete`,
    an incomplete writer list also comes with a gap saying what is missing)."""
    from licensecheck.registry import Registry

    registry = Registry()
    problems: list[str] = []
    for item in entries(file, "datasets"):
        name = item["id"]
        entry = registry.dataset(name)
        if entry is None or entry.id != name or entry.provenance is not None:
            problems.append(f"{name}: not the catalogue's own record")
            continue
        if "legacy_of" in item:
            continue  # the record of its repository, checked where that is listed
        if not str(item.get("source")).startswith(("https://", "http://")) or not item.get("note"):
            problems.append(f"{name}: no web source or no note")
        problems += [
            f"{name}: generator {g} unknown" for g in entry.generated_by if registry.model(g) is None
        ]
        problems += [
            f"{name}: upstream {d} unknown"
            for d in item.get("derived_from", [])
            if registry.dataset(d) is None
        ]
        if gap_when_incomplete and not item.get("generators_complete", True) and not item.get("gap"):
            problems.append(f"{name}: incomplete writers without a gap")
    return problems


def legacy_facts_differ(legacy: str, repo: str) -> list[str]:
    """What the registry holds differently for a legacy single-name dataset id and the repository
    the Hub serves it from (empty: the same facts). Both must be the catalogue's own record, not
    the DPI's; a gap that names the repository is compared with the legacy name in its place."""
    from licensecheck.registry import Registry

    registry = Registry()
    old, new = registry.dataset(legacy), registry.dataset(repo)
    if old is None or new is None:
        return [f"{legacy if old is None else repo}: not catalogued"]
    problems = [f"{e.id}: the DPI's record" for e in (old, new) if e.provenance is not None]
    pairs = {
        "licence": (old.license, new.license),
        "terms": (old.terms, new.terms),
        "upstream terms": (old.upstream_terms, new.upstream_terms),
        "derived from": (old.derived_from, new.derived_from),
        "gaps": (
            tuple(g.replace(repo, legacy) for g in old.standing_gaps),
            tuple(g.replace(repo, legacy) for g in new.standing_gaps),
        ),
    }
    return problems + [f"{what}: {a!r} != {b!r}" for what, (a, b) in pairs.items() if a != b]
