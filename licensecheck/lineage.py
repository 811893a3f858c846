"""Which terms govern a model or dataset, and why: catalogue entries, patterns, lineage.

A model is governed by its own terms and by the inherited terms of every model it
was derived from (fine-tune, quantization, merge). A dataset is governed by the
licence its catalogue entry records and by the licence the manifest declares; its
generators are judged separately, as models whose outputs became training data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from licensecheck import licenses
from licensecheck.manifest import Dataset
from licensecheck.refs import normalise
from licensecheck.registry import DatasetEntry, Domiciles, ModelEntry, Registry, Window

if TYPE_CHECKING:
    from licensecheck.scan import routers

MAX_DEPTH = 8
_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Governing:
    """One terms series that governs a subject, reached along `path` (subject first)."""

    terms_id: str
    path: tuple[str, ...]
    # The period these terms governed the subject; (None, None) = always.
    window: Window = (None, None)
    # The licensees these terms govern, by domicile; ((), ()) = everyone.
    domiciles: Domiciles = ((), ())


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Resolution:
    """What a model reference resolved to: its governing terms, gaps, families and lineage."""

    ref: str
    governing: tuple[Governing, ...] = ()
    # Reasons a part of the subject could not be resolved; each is a needs-review finding.
    gaps: tuple[str, ...] = ()
    families: frozenset[str] = frozenset()
    multimodal: bool | None = False  # None: unknown for some model in the lineage, none known to be
    matched: str | None = None  # the catalogue id or pattern that matched
    entry: ModelEntry | None = None  # the catalogue entry or Hub record that matched
    bases: tuple[Resolution, ...] = ()  # the resolutions of the models it was derived from

    @property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """Every derivation followed, (model, the base it was made from), depth first: the one
        walk of the lineage that reports (audit diagram, SPDX export) draw from."""
        return tuple(e for base in self.bases for e in ((self.ref, base.ref), *base.edges))

    def walk(self) -> tuple[Resolution, ...]:
        """This resolution and every one of its lineage, depth first."""
        return (self, *(r for base in self.bases for r in base.walk()))


def resolve_model(registry: Registry, ref: str) -> Resolution:
    return _resolve(registry, ref, (ref,))


def _resolve(registry: Registry, ref: str, path: tuple[str, ...]) -> Resolution:
    entry = registry.model(ref) or _resold(registry, ref)
    where = "" if len(path) == 1 else f" (in the lineage {' <- '.join(path)})"
    if entry is None:
        return Resolution(ref, gaps=(f"{ref} is not in the registry{where}; its terms are unknown.",))
    governing = [Governing(t, path, entry.window(t), entry.domicile_scope(t)) for t in entry.terms]
    gaps: list[str] = []
    if entry.gap is not None:
        gaps.append(f"{entry.gap.rstrip('.')}{where}.")
    elif not entry.terms:
        gaps.append(f"No terms are recorded for {ref}{where}.")  # never let "no terms" pass as none
    families = {entry.family} if entry.family else set()
    multimodal = entry.multimodal
    bases: list[Resolution] = []
    for base in entry.base_models:
        if normalise(base) in (normalise(p) for p in path):
            gaps.append(f"The lineage of {path[0]} loops back to {base}; it cannot be followed.")
            continue
        if len(path) >= MAX_DEPTH:
            gaps.append(f"The lineage of {path[0]} is deeper than {MAX_DEPTH} models.")
            continue
        parent = _resolve(registry, base, (*path, base))
        bases.append(parent)
        gaps.extend(parent.gaps)
        families |= parent.families
        multimodal = _either(multimodal, parent.multimodal)
        for g in parent.governing:
            terms = registry.terms(g.terms_id)
            # Terms that bind derivatives travel down the lineage; permissive ones do not.
            if terms is None or terms.inherited:
                governing.append(g)
    return Resolution(
        ref,
        governing=_unique(governing),
        gaps=tuple(dict.fromkeys(gaps)),
        families=frozenset(families),
        multimodal=multimodal,
        matched=entry.key,
        entry=entry,
        bases=tuple(bases),
    )


def _resold(registry: Registry, ref: str) -> ModelEntry | None:
    """An open-weight model a reseller serves under its Hub id (`together:org/name`): the
    weights' own terms govern its outputs; the reseller's terms come as the cloud note. A
    router's model id (`openrouter:openai/gpt-4o`) is the model it routes to."""
    provider, _, model = ref.partition(":")
    if model and registry.is_cloud(provider) and _HUB_ID.match(model):
        return registry.model(model)
    routed = routed_ref(registry, ref)
    return registry.model(routed) if routed is not None else None


def router_of(registry: Registry, ref: str) -> str | None:
    """The router a reference names as its prefix (`openrouter:openai/gpt-4o`), if any."""
    found = _router(registry, ref)
    return found[1].name if found is not None else None


def routed_ref(registry: Registry, ref: str) -> str | None:
    """Whose model a router-prefixed reference is (`openai:gpt-4o`), or None."""
    found = _router(registry, ref)
    if found is None:
        return None
    table, endpoint = found
    mapped = table.map(ref.partition(":")[2], endpoint=endpoint).ref
    return mapped if mapped is not None and normalise(mapped) != normalise(ref) else None


def _router(registry: Registry, ref: str) -> tuple[routers.Table, routers.Endpoint] | None:
    provider, _, model = ref.partition(":")
    if not model or "/" not in model or "/" in provider or registry.is_cloud(provider):
        return None
    # Only such a reference reads the router table (the scan's data), so `check` of any
    # other manifest never loads it.
    from licensecheck.scan import routers

    table = routers.load(registry.root)
    endpoint = table.router(provider.strip().lower())
    return (table, endpoint) if endpoint is not None and not endpoint.cloud else None


def _either(a: bool | None, b: bool | None) -> bool | None:
    """Multimodal if any model in the lineage is; unknown if none is and one is unknown."""
    if a or b:
        return True
    return None if a is None or b is None else False


def _unique(governing: list[Governing]) -> tuple[Governing, ...]:
    seen: dict[str, Governing] = {}
    for g in governing:
        seen.setdefault(g.terms_id, g)
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class DatasetTerms:
    """The licence options for a dataset: the user may satisfy any one alternative."""

    alternatives: tuple[tuple[Governing, ...], ...]
    gaps_by_alternative: tuple[tuple[str, ...], ...]
    generators: tuple[str, ...]
    # When the generators wrote the data: the manifest's dates, else the catalogue's.
    generated: Window = (None, None)
    entry: DatasetEntry | None = None  # the catalogue entry or Hub record, if any
    declared: Dataset | None = None  # the manifest's entry
    # Generators inferred from a Hub card, each with where the card says so.
    evidence: tuple[tuple[str, str], ...] = ()
    # When each generator wrote, where it differs from `generated` (the catalogue's record of
    # a dataset that re-publishes others); empty when the manifest dates the data itself.
    generator_windows: tuple[tuple[str, Window], ...] = ()


def resolve_dataset(registry: Registry, dataset: Dataset, name: str | None = None) -> DatasetTerms:
    """The licence options of `dataset`; `name` (default: the dataset's) is what texts call it."""
    name = dataset.name if name is None else name
    entry = registry.dataset(dataset.id) if dataset.id else None
    fixed: list[Governing] = []
    fixed_gaps: list[str] = []
    if entry is not None:
        # An upstream dataset's licence is reached through it (`derived_from`, upstream.py).
        came_from = dict(entry.upstream_terms)
        fixed.extend(Governing(t, (name, came_from[t]) if t in came_from else (name,)) for t in entry.terms)
        own_terms = entry.own_terms  # the dataset's own licence
        if entry.gap is not None and dataset.license is None:
            # What the Hub could not tell (a failed lookup, an unmapped licence) matters only
            # when the manifest declares no licence to judge instead.
            fixed_gaps.append(entry.gap)
        # What is unknown upstream is not the dataset's own licence: no declaration settles it.
        fixed_gaps.extend(entry.standing_gaps)
        # Catalogued for its generators, but its licence is not on record (an own gap says so).
        if not own_terms and not entry.license and dataset.license is None and entry.gap is None:
            fixed_gaps.append(f"The registry records no licence for {name}; declare one in the manifest.")
        if not entry.generators_complete:
            fixed_gaps.append(
                f"Not every model that wrote {name} is on record; their terms may restrict training on it."
            )
        if entry.unnamed and not dataset.generated_by:
            fixed_gaps.append(
                f"The card says {name} is model-written but names no generator ({entry.unnamed}); the"
                " terms of the model that wrote it may restrict training on it: declare `generated_by`."
            )
        if entry.license and not own_terms:
            alts = license_alternatives(registry, licenses.parse(entry.license), name)
            # The catalogue's record is a fact about the data, not a choice: take its first option.
            fixed.extend(alts[0][0])
            fixed_gaps.extend(alts[0][1])
    options: list[tuple[list[Governing], list[str]]] = []
    if dataset.license is not None:
        options = license_alternatives(registry, dataset.license, name)
    if not options:
        options = [([], [])]
    alternatives = []
    gaps = []
    for governing, alt_gaps in options:
        all_gaps = fixed_gaps + alt_gaps
        if entry is None and dataset.license is None:
            all_gaps.append(f"{name} is not in the registry and the manifest declares no licence for it.")
        alternatives.append(_unique(fixed + governing))
        gaps.append(tuple(dict.fromkeys(all_gaps)))
    generators = [g.model.text for g in dataset.generated_by]
    generated: Window = (None, None)
    evidence: tuple[tuple[str, str], ...] = ()
    if entry is not None:
        declared = {normalise(g) for g in generators}
        inferred = dict(entry.inferred)
        if dataset.generated_by:
            # The manifest's own account of who wrote the data takes precedence over a card's.
            inferred = {}
        else:
            evidence = tuple(entry.inferred)
        generators += [
            g
            for g in entry.generated_by
            if normalise(g) not in declared and (g in inferred or g not in dict(entry.inferred))
        ]
        generated = entry.generated
    windows = entry.generator_windows if entry is not None else ()
    if dataset.generated_from or dataset.generated_until:
        generated = (dataset.generated_from, dataset.generated_until)
        windows = ()  # the manifest's dates are for all of it
    return DatasetTerms(
        tuple(alternatives), tuple(gaps), tuple(generators), generated, entry, dataset, evidence, windows
    )


def license_alternatives(
    registry: Registry, expression: licenses.LicenseExpression, name: str
) -> list[tuple[list[Governing], list[str]]]:
    """Each alternative of an SPDX expression: the terms that govern under it, and a gap for
    each licence the registry does not hold."""
    out = []
    for alternative in expression.alternatives:
        governing = []
        gaps = []
        for license_id in alternative:
            terms_id = registry.terms_for_spdx(license_id)
            if terms_id is None:
                gaps.append(f"The licence {license_id} of {name} is not in the registry.")
            else:
                governing.append(Governing(terms_id, (name,)))
        out.append((governing, gaps))
    return out
