"""Load and index the registry: catalogue, licence ids and versioned terms documents.

The registry is read compiled (regindex.py: built once per content); catalogue entries
and terms documents become objects only when a subject needs them, so a check's cost
grows with the manifest, not the registry.
"""

from __future__ import annotations

import copy
import datetime
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from licensecheck import regindex
from licensecheck.errors import InputError, RegistryError
from licensecheck.refs import ModelRef, normalise
from licensecheck.regindex import data_root as data_root  # where it always was, for its readers
from licensecheck.terms import Terms

Window = tuple[datetime.date | None, datetime.date | None]
# Where terms govern by the licensee's domicile: (only these, all but these); () = no limit.
Domiciles = tuple[tuple[str, ...], tuple[str, ...]]


def clip(
    window: Window, start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The part of the period [start, end] inside a terms window, or None if they do not meet."""
    low, high = window
    start = max(start, low) if low else start
    end = min(end, high) if high else end
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class ModelEntry:
    """A catalogue entry (or Hub record) for a model id or pattern."""

    key: str  # the exact id or the pattern, as written
    is_pattern: bool
    terms: tuple[str, ...]
    family: str | None
    base_models: tuple[str, ...]
    multimodal: bool | None  # None: not on record (a model known only from the Hub)
    source: str | None
    # terms id -> the period in which those terms governed this model (catalogue `from`/`until`)
    windows: tuple[tuple[str, Window], ...] = ()
    # Why the model's own terms are unknown (e.g. a failed Hub lookup): a needs-review gap.
    gap: str | None = None
    # terms id -> the domiciles those terms govern (catalogue `domicile`/`except_domicile`)
    domiciles: tuple[tuple[str, Domiciles], ...] = ()
    # The data it was trained on, as its Hub card lists it: the models that wrote that data
    # are judged for whoever builds on it (lineage through data).
    datasets: tuple[str, ...] = ()
    # The models its Hub card says wrote its training data ("distilled from GPT-4o"), each
    # with where the card says so; and the card's words when it names none.
    inferred: tuple[tuple[str, str], ...] = ()
    unnamed: str | None = None
    # When the model became available (released): the earliest day it could have written data.
    available: datetime.date | None = None

    def window(self, terms_id: str) -> Window:
        return dict(self.windows).get(terms_id, (None, None))

    def domicile_scope(self, terms_id: str) -> Domiciles:
        return dict(self.domiciles).get(terms_id, ((), ()))


def _terms_refs(
    items: list[Any],
) -> tuple[tuple[str, ...], tuple[tuple[str, Window], ...], tuple[tuple[str, Domiciles], ...]]:
    """Catalogue `terms:` items are ids, or {id, from, until, domicile, except_domicile} for
    terms that governed a period only, or only licensees domiciled in some places."""
    ids: list[str] = []
    windows: list[tuple[str, Window]] = []
    domiciles: list[tuple[str, Domiciles]] = []
    for item in items:
        if isinstance(item, str):
            ids.append(item)
            continue
        ids.append(item["id"])
        start, end = _dates(item)
        windows.append((item["id"], (start, end)))
        scope = (tuple(item.get("domicile") or ()), tuple(item.get("except_domicile") or ()))
        if scope != ((), ()):
            domiciles.append((item["id"], scope))
    return tuple(ids), tuple(windows), tuple(domiciles)


def _dates(item: dict[str, Any]) -> Window:
    start, end = (datetime.date.fromisoformat(item[k]) if item.get(k) else None for k in ("from", "until"))
    return start, end


def _model_entry(m: dict[str, Any]) -> ModelEntry:
    """A catalogue `models:` record as an entry."""
    terms, windows, domiciles = _terms_refs(m["terms"])
    return ModelEntry(
        key=m.get("id") or m["pattern"],
        is_pattern="pattern" in m,
        terms=terms,
        windows=windows,
        domiciles=domiciles,
        family=m.get("family"),
        base_models=tuple(m.get("base_model") or ()),
        multimodal=bool(m.get("multimodal", False)),
        source=m.get("source"),
        gap=m.get("gap"),
        datasets=tuple(m.get("datasets") or ()),
        available=datetime.date.fromisoformat(m["available"]) if m.get("available") else None,
    )


def _matches(key: str, pattern: str) -> bool:
    """fnmatch's answer; a pattern whose one wildcard is a final `*` is a prefix, no regex needed."""
    head = pattern[:-1]
    if pattern.endswith("*") and not any(c in head for c in regindex.WILDCARDS):
        return key.startswith(head)
    import fnmatch

    return fnmatch.fnmatchcase(key, pattern)


@dataclass(frozen=True)
class DatasetEntry:
    """A catalogue entry (or Hub record) for a dataset."""

    id: str
    terms: tuple[str, ...]
    license: str | None
    generated_by: tuple[str, ...]
    source: str | None
    gap: str | None = None  # as ModelEntry.gap
    # When the generators wrote the data: their terms in force then govern.
    generated: Window = (None, None)
    generators_complete: bool = True
    # Generators a Hub card names, each with where the card says so (not verified by hand).
    inferred: tuple[tuple[str, str], ...] = ()
    # The card says a model wrote the data but names none: where it says so.
    unnamed: str | None = None
    # The provider whose models wrote the data, where that provider released it itself.
    released_by: str | None = None
    # Where the facts come from when not this project's record (a sentence, in every finding).
    provenance: str | None = None
    # The datasets it re-publishes (catalogue `derived_from`, a card's `source_datasets`), as
    # followed, and the terms they added: terms id -> the upstream dataset it comes from.
    derived_from: tuple[str, ...] = ()
    upstream_terms: tuple[tuple[str, str], ...] = ()
    # When each generator wrote its part, where that differs from `generated` (a dataset that
    # re-publishes others: each upstream's writers wrote when that upstream was made).
    generator_windows: tuple[tuple[str, Window], ...] = ()
    # What is unknown of what it re-publishes (upstream datasets and licences), and the
    # catalogue's own `gap`: unlike `gap` (what the Hub could not tell of its own licence), a
    # licence the manifest declares for the dataset does not settle these.
    standing_gaps: tuple[str, ...] = ()
    # The upstream datasets whose writers are not all on record (unknown to the registry, or
    # an incomplete writer list): data re-published from them may carry any model's terms.
    writers_unknown_upstream: tuple[str, ...] = ()
    # Not in the registry, and its Hub lookup failed: why (nothing is known of it, writers included).
    lookup_failed: str | None = None

    @property
    def own_terms(self) -> list[str]:
        """The terms of its own licence, not those its upstream datasets passed on."""
        came_from = dict(self.upstream_terms)
        return [t for t in self.terms if t not in came_from]

    @property
    def writers_on_record(self) -> bool:
        """Whether every model that wrote it is known: a complete list, from a lookup that worked."""
        return self.generators_complete and self.lookup_failed is None


def _dataset_entry(d: dict[str, Any]) -> DatasetEntry:
    """A catalogue `datasets:` record as an entry."""
    return DatasetEntry(
        id=d["id"],
        terms=tuple(d.get("terms") or ()),
        license=d.get("license"),
        generated_by=tuple(d.get("generated_by") or ()),
        source=d.get("source"),
        generated=_dates(d.get("generated") or {}),
        generators_complete=bool(d.get("generators_complete", True)),
        released_by=d.get("released_by"),
        derived_from=tuple(d.get("derived_from") or ()),
        standing_gaps=(d["gap"],) if d.get("gap") else (),
    )


class Registry:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else data_root() / "registry"
        if not self.root.is_dir():
            raise RegistryError(f"registry not found at {self.root}")
        index = regindex.load(self.root)  # the YAML, compiled once per content (cached)
        meta = index["meta"]
        self.version = str(meta.get("version", "unknown"))
        self.regions: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in (meta.get("regions") or {}).items()
        }
        self.clouds: tuple[str, ...] = tuple(str(c).lower() for c in meta.get("clouds") or ())
        # Catalogue records (plain data) become entries when first asked for.
        self._exact_data: dict[str, dict[str, Any]] = index["exact"]
        self._pattern_data: list[dict[str, Any]] = index["patterns"]
        self._pattern_keys: list[str] = index["pattern_keys"]
        self._pattern_groups: dict[str, list[int]] = index["pattern_groups"]
        self._dataset_data: dict[str, dict[str, Any]] = index["datasets"]
        self._licenses: dict[str, str] = index["licenses"]
        self._series_ids: list[str] = index["series_ids"]
        self._built: dict[str, ModelEntry] = {}  # exact entries made so far
        self._patterns_built: list[ModelEntry | None] = [None] * len(self._pattern_data)
        # Entries added on top of the catalogue (Hub records): `with_entries`.
        self._extra_models: dict[str, ModelEntry] = {}
        self._extra_datasets: dict[str, DatasetEntry] = {}
        self._datasets_built: dict[str, DatasetEntry] = {}
        self._series: dict[str, tuple[Terms, ...]] = {}

    # --- catalogue --------------------------------------------------------------

    def _exact(self, key: str) -> ModelEntry | None:
        extra = self._extra_models.get(key)
        if extra is not None:
            return extra
        entry = self._built.get(key)
        if entry is None:
            data = self._exact_data.get(key)
            if data is None:
                return None
            entry = self._built[key] = _model_entry(data)
        return entry

    def _pattern(self, i: int) -> ModelEntry:
        entry = self._patterns_built[i]
        if entry is None:
            entry = self._patterns_built[i] = _model_entry(self._pattern_data[i])
        return entry

    def with_entries(
        self, models: Iterable[ModelEntry] = (), datasets: Iterable[DatasetEntry] = ()
    ) -> Registry:
        """A registry that also lists these exact-id entries (e.g. resolved on the Hub).

        The copy shares the terms cache; the catalogue stays as it is for everyone else.
        """
        overlay = copy.copy(self)
        overlay._extra_models = {
            **self._extra_models,
            **{normalise(m.key): m for m in models if not m.is_pattern},
        }
        overlay._extra_datasets = {**self._extra_datasets, **{normalise(d.id): d for d in datasets}}
        return overlay

    def model(self, ref: str) -> ModelEntry | None:
        key = normalise(ref)
        exact = self._exact(key)
        if exact is not None:
            return exact
        group = regindex.group_of(key)
        anywhere = self._pattern_groups[""]
        for i in self._pattern_groups.get(group, anywhere) if group else anywhere:
            if _matches(key, self._pattern_keys[i]):
                return self._pattern(i)
        return None

    def is_cloud(self, via: str) -> bool:
        """Whether a `via` names a cloud platform (`azure`, `aws-bedrock`, ...) from registry.yaml."""
        name = via.strip().lower()
        return any(name == c or name.startswith((f"{c}-", f"{c} ")) for c in self.clouds)

    def dataset(self, dataset_id: str) -> DatasetEntry | None:
        key = normalise(dataset_id)
        extra = self._extra_datasets.get(key)
        if extra is not None:
            return extra
        entry = self._datasets_built.get(key)
        if entry is None:
            data = self._dataset_data.get(key)
            if data is None:
                # Not in the project's catalogue: the Data Provenance Initiative's record, if any.
                from licensecheck import dpi

                return dpi.entry(self, dataset_id)
            entry = _dataset_entry(data)
            if data.get("upstream_licenses"):
                entry = self._with_upstream_licenses(entry, data["upstream_licenses"])
            if entry.derived_from:
                # What it re-publishes comes along (upstream.py); set first, so a cycle ends.
                from licensecheck import upstream

                self._datasets_built[key] = entry
                entry = upstream.merged(entry, entry.derived_from, self._upstream, self._above)
            self._datasets_built[key] = entry
        return entry

    def _with_upstream_licenses(self, entry: DatasetEntry, items: list[dict[str, Any]]) -> DatasetEntry:
        """Licences of what the dataset re-publishes, where that is no catalogued dataset (the
        sources a DPI record lists, an upstream repository): judged beside its own, each
        reached through the upstream it names; one the registry cannot map is a gap."""
        terms, upstream_terms = list(entry.terms), list(entry.upstream_terms)
        gaps = list(entry.standing_gaps)
        for item in items:
            mapped = self.terms_for_spdx(item["license"])
            if mapped is None:
                licensed = f"licensed {item['license']}, which needs review"
                gaps.append(f"{entry.id} re-publishes {item['from']}, {licensed}.")
            elif mapped not in terms:
                terms.append(mapped)
                upstream_terms.append((mapped, item["from"]))
        upstream = tuple(upstream_terms)
        return replace(entry, terms=tuple(terms), upstream_terms=upstream, standing_gaps=tuple(gaps))

    def _upstream(self, name: str) -> DatasetEntry | str:
        found = self.dataset(name)
        return "it is not in the registry" if found is None else found

    def _above(self, name: str) -> tuple[str, ...]:
        return ()  # a catalogued dataset's own entry already holds what its upstream passed on

    def terms_for_spdx(self, license_id: str) -> str | None:
        return self._licenses.get(f"spdx:{license_id.lower()}")

    def terms_for_hub_tag(self, tag: str) -> str | None:
        return self._licenses.get(f"hf:{tag.lower()}")

    def models(self) -> Iterator[ModelEntry]:
        for key in {**self._exact_data, **self._extra_models}:
            entry = self._exact(key)
            if entry is not None:
                yield entry
        for i in range(len(self._pattern_data)):
            yield self._pattern(i)

    def near(self, name: str, limit: int = 3) -> list[str]:
        """Catalogue ids and terms ids spelt like `name` (case aside): for "did you mean"."""
        import difflib

        known = [m.key for m in self.models() if not m.is_pattern] + [d.id for d in self.datasets()]
        known += self.series_ids()
        folded = {k.lower(): k for k in known}
        return [
            folded[k] for k in difflib.get_close_matches(name.lower(), list(folded), n=limit, cutoff=0.75)
        ]

    def api_refs(self) -> set[str]:
        """Every `provider:model` the catalogue names exactly (as a model or a generator)."""
        refs = {m.key for m in self.models() if not m.is_pattern and ModelRef(m.key).is_api}
        refs |= {g for d in self.datasets() for g in d.generated_by if ModelRef(g).is_api}
        return refs

    def datasets(self) -> Iterator[DatasetEntry]:
        for key in {**self._dataset_data, **self._extra_datasets}:
            entry = self.dataset(key)
            if entry is not None:
                yield entry

    def license_map(self) -> dict[str, str]:
        return dict(self._licenses)

    # --- terms ------------------------------------------------------------------

    def series_ids(self) -> list[str]:
        return list(self._series_ids)

    def series(self, terms_id: str) -> tuple[Terms, ...]:
        """Every version of a licence or terms, oldest first; () if the registry has none."""
        if terms_id not in self._series:
            versions = []
            if terms_id in self._series_ids and not terms_id.startswith("."):
                for path, data, error in regindex.series(self.root, terms_id):
                    if error is not None:
                        raise InputError(*error)
                    try:
                        versions.append(Terms.from_data(data))
                    except (KeyError, TypeError, ValueError) as exc:
                        raise RegistryError(f"{path}: malformed terms document ({exc})") from None
            self._series[terms_id] = tuple(sorted(versions, key=lambda t: t.effective))
        return self._series[terms_id]

    def terms(self, full_or_series_id: str) -> Terms | None:
        """`id@version`, or a bare id for its latest version."""
        series_id, _, version = full_or_series_id.partition("@")
        versions = self.series(series_id)
        if not versions:
            return None
        if not version:
            return versions[-1]
        return next((t for t in versions if t.version == version), None)

    def in_force(
        self, terms_id: str, start: datetime.date, end: datetime.date
    ) -> tuple[tuple[Terms, ...], bool]:
        """The versions in force at any time in [start, end], and whether the record covers `start`."""
        versions = self.series(terms_id)
        if not versions:
            return (), False
        before = [t for t in versions if t.effective <= start]
        during = [t for t in versions if start < t.effective <= end]
        if before:
            return (before[-1], *during), True
        # Use began before the first version we hold: judge under what we have, flagged.
        return (tuple(during) if during else (versions[0],)), False

    @functools.cached_property
    def content_hash(self) -> str:
        """sha256 over every registry file, so a report names exactly what it was judged on."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(self.root)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
        return digest.hexdigest()
