"""Load and index the registry: catalogue, licence ids and versioned terms documents.

The catalogue is read whole (it is small); terms documents are read only when a
subject needs them, so a check's cost grows with the manifest, not the registry.
"""

from __future__ import annotations

import copy
import datetime
import fnmatch
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck.errors import RegistryError
from licensecheck.refs import ModelRef, normalise
from licensecheck.terms import Terms
from licensecheck.yamlio import load_file


def data_root() -> Path:
    """Where registry/ and policies/ are: inside the wheel, or at the top of a checkout."""
    package = Path(__file__).resolve().parent
    shipped = package / "_data"
    if (shipped / "registry").is_dir():
        return shipped
    return package.parent


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


@dataclass(frozen=True)
class DatasetEntry:
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


class Registry:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else data_root() / "registry"
        if not self.root.is_dir():
            raise RegistryError(f"registry not found at {self.root}")
        meta = load_file(self.root / "registry.yaml").data or {}
        self.version = str(meta.get("version", "unknown"))
        self.regions: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in (meta.get("regions") or {}).items()
        }
        self.clouds: tuple[str, ...] = tuple(str(c).lower() for c in meta.get("clouds") or ())
        self._exact: dict[str, ModelEntry] = {}
        self._patterns: list[ModelEntry] = []
        self._datasets: dict[str, DatasetEntry] = {}
        self._licenses: dict[str, str] = {}
        for path in sorted((self.root / "catalogue").glob("*.yaml")):
            self._load_catalogue(path)
        # Longest pattern first: the most specific pattern decides.
        self._patterns.sort(key=lambda e: (-len(e.key.replace("*", "")), e.key.lower()))
        self._series: dict[str, tuple[Terms, ...]] = {}

    # --- catalogue --------------------------------------------------------------

    def _load_catalogue(self, path: Path) -> None:
        data: dict[str, Any] = load_file(path).data or {}
        for m in data.get("models") or []:
            terms, windows, domiciles = _terms_refs(m["terms"])
            entry = ModelEntry(
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
            )
            if entry.is_pattern:
                self._patterns.append(entry)
            else:
                key = normalise(entry.key)
                if key in self._exact and self._exact[key].terms != entry.terms:
                    raise RegistryError(f"{path}: {entry.key} is listed twice with different terms")
                self._exact[key] = entry
        for d in data.get("datasets") or []:
            self._datasets[normalise(d["id"])] = DatasetEntry(
                id=d["id"],
                terms=tuple(d.get("terms") or ()),
                license=d.get("license"),
                generated_by=tuple(d.get("generated_by") or ()),
                source=d.get("source"),
                generated=_dates(d.get("generated") or {}),
                generators_complete=bool(d.get("generators_complete", True)),
                released_by=d.get("released_by"),
            )
        for lic in data.get("licenses") or []:
            if "spdx" in lic:
                self._licenses[f"spdx:{lic['spdx'].lower()}"] = lic["terms"]
            for tag in lic.get("hf") or ():
                self._licenses[f"hf:{tag.lower()}"] = lic["terms"]

    def with_entries(
        self, models: Iterable[ModelEntry] = (), datasets: Iterable[DatasetEntry] = ()
    ) -> Registry:
        """A registry that also lists these exact-id entries (e.g. resolved on the Hub).

        The copy shares the terms cache; the catalogue stays as it is for everyone else.
        """
        overlay = copy.copy(self)
        overlay._exact = {**self._exact, **{normalise(m.key): m for m in models if not m.is_pattern}}
        overlay._datasets = {**self._datasets, **{normalise(d.id): d for d in datasets}}
        return overlay

    def model(self, ref: str) -> ModelEntry | None:
        key = normalise(ref)
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        for entry in self._patterns:
            if fnmatch.fnmatchcase(key, entry.key.lower()):
                return entry
        return None

    def is_cloud(self, via: str) -> bool:
        """Whether a `via` names a cloud platform (`azure`, `aws-bedrock`, ...) from registry.yaml."""
        name = via.strip().lower()
        return any(name == c or name.startswith((f"{c}-", f"{c} ")) for c in self.clouds)

    def dataset(self, dataset_id: str) -> DatasetEntry | None:
        found = self._datasets.get(normalise(dataset_id))
        if found is None:
            # Not in the project's catalogue: the Data Provenance Initiative's record, if any.
            from licensecheck import dpi

            found = dpi.entry(self, dataset_id)
        return found

    def terms_for_spdx(self, license_id: str) -> str | None:
        return self._licenses.get(f"spdx:{license_id.lower()}")

    def terms_for_hub_tag(self, tag: str) -> str | None:
        return self._licenses.get(f"hf:{tag.lower()}")

    def models(self) -> Iterator[ModelEntry]:
        yield from self._exact.values()
        yield from self._patterns

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
        yield from self._datasets.values()

    def license_map(self) -> dict[str, str]:
        return dict(self._licenses)

    # --- terms ------------------------------------------------------------------

    def series_ids(self) -> list[str]:
        return sorted(p.name for p in (self.root / "terms").iterdir() if p.is_dir())

    def series(self, terms_id: str) -> tuple[Terms, ...]:
        """Every version of a licence or terms, oldest first; () if the registry has none."""
        if terms_id not in self._series:
            folder = self.root / "terms" / terms_id
            versions = []
            if folder.is_dir() and "/" not in terms_id and not terms_id.startswith("."):
                for path in sorted(folder.glob("*.yaml")):
                    data = load_file(path).data
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
