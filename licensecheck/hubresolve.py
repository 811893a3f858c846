"""Hub ids the catalogue does not list -> catalogue entries, before the engine runs.

The engine stays pure: this module gathers the manifest's Hub repositories that the
registry does not know, follows their `base_model` lineage (depth-limited, each id
once, so cycles end), takes each answer from the lock file, the disk cache or the Hub
(in that order), and hands the results to the registry as exact-id entries. A card's
licence tag maps to terms through the registry's Hub tag map; whatever cannot be
mapped, and every failed lookup, becomes the entry's `gap`, a needs-review finding.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from licensecheck.errors import LicensecheckError
from licensecheck.huboverlay import current_run
from licensecheck.hubrecord import HubFailure, HubRecord, Lookup, Wanted, valid_repo_id
from licensecheck.lineage import MAX_DEPTH
from licensecheck.lock import LOCK_NAME, LockFile
from licensecheck.manifest import Manifest
from licensecheck.refs import ModelRef, normalise
from licensecheck.registry import DatasetEntry, ModelEntry, Registry

if TYPE_CHECKING:  # the HTTP client and the disk cache load only when an answer is not locked
    from licensecheck.hub import HubClient
    from licensecheck.hubcache import HubCache
    from licensecheck.hubsettings import Budget, Settings

Source = Callable[[Sequence[Wanted]], dict[Wanted, Lookup]]


class Progress(Protocol):
    def add(self, count: int) -> None: ...
    def advance(self, wanted: Wanted) -> None: ...


def manifest_wanted(manifest: Manifest) -> list[Wanted]:
    """Every Hub repository the manifest names: teachers, base model, datasets, generators."""
    models: list[ModelRef] = [t.model for t in manifest.teachers]
    student = manifest.project.student
    if student is not None and student.base_model is not None:
        models.append(student.base_model)
    models += [g.model for d in manifest.datasets for g in d.generated_by]
    # Each name asked about once (10,000 datasets may name three generators between them).
    out = [Wanted("model", text) for text in dict.fromkeys(m.text for m in models) if _is_hub_id(text)]
    out += [Wanted("dataset", d.id) for d in manifest.datasets if d.id]
    return list(dict.fromkeys(out))


def _is_hub_id(ref: str) -> bool:
    return not ModelRef(ref).is_api and bool(ref.strip())


MAX_TRAINING_DATASETS = 8


def closure(
    roots: Iterable[Wanted], registry: Registry, source: Source, max_depth: int = MAX_DEPTH
) -> dict[tuple[str, str], Lookup]:
    """Look up every repository the registry does not know, and their bases, level by level.

    Catalogued models are not looked up, but their bases are followed (a catalogue entry may
    name a base it does not list), as are the generators of catalogued datasets. Each id is
    visited once, so a cycle ends; ids deeper than the lineage limit are left to lineage.py,
    which reports them.
    """
    found: dict[tuple[str, str], Lookup] = {}
    seen: set[tuple[str, str]] = set()
    level = list(dict.fromkeys(roots))
    for _depth in range(max_depth):
        ask: list[Wanted] = []
        following: list[Wanted] = []
        for wanted in level:
            if wanted.key in seen:
                continue
            seen.add(wanted.key)
            if wanted.kind == "dataset":
                dataset = registry.dataset(wanted.ref)
                if dataset is None:
                    ask.append(wanted)
                elif _dpi_without_licence(dataset):
                    ask.append(Wanted("dataset", wanted.ref, optional=True))
                if dataset is not None:  # the models the catalogue says wrote it are judged too
                    following += [Wanted("model", g) for g in dataset.generated_by if _is_hub_id(g)]
                continue
            entry = registry.model(wanted.ref)
            if entry is None:
                ask.append(wanted)
            else:
                following += [Wanted("model", b) for b in entry.base_models if _is_hub_id(b)]
        answers = source(ask) if ask else {}
        for wanted in ask:
            answer = answers.get(wanted)
            if answer is None:  # an optional ask the source could not answer (--locked)
                continue
            found[wanted.key] = answer
            if isinstance(answer, HubRecord):
                following += [Wanted("model", b) for b in answer.base_models if _is_hub_id(b)]
                # Lineage through data: who wrote what a model was trained on, and what a
                # dataset re-publishes (its card's source datasets).
                following += [Wanted("dataset", d) for d in _training_data(answer)]
                following += [Wanted("dataset", d) for d in source_datasets(answer, registry)]
        level = [w for w in dict.fromkeys(following) if w.key not in seen]
        if not level:
            break
    return found


def _dpi_without_licence(entry: DatasetEntry) -> bool:
    """A Data Provenance Initiative record that gives no usable licence: online, the Hub's card
    is asked for it (the record's generators still count, see `_with_dpi`)."""
    return entry.provenance is not None and entry.gap is not None


def _training_data(answer: Lookup) -> tuple[str, ...]:
    """The datasets a model's card lists, the first MAX_TRAINING_DATASETS of them (each costs
    Hub requests: a card listing hundreds would spend a run's budget)."""
    if not isinstance(answer, HubRecord) or answer.kind != "model":
        return ()
    return tuple(d for d in answer.datasets if valid_repo_id(d) and "/" in d)[:MAX_TRAINING_DATASETS]


def source_datasets(answer: Lookup, registry: Registry) -> tuple[str, ...]:
    """The datasets a dataset's card says it derives from (`source_datasets`, or `datasets`):
    `extended|org/name` is `org/name`. A name with no namespace counts only when the catalogue
    knows it (`original` is the convention's word for "not derived", no repository)."""
    if not isinstance(answer, HubRecord) or answer.kind != "dataset":
        return ()
    names = (d.removeprefix("extended|").strip() for d in answer.datasets)
    own = normalise(answer.id), normalise(answer.ref)
    kept = (
        d
        for d in names
        if valid_repo_id(d)
        and normalise(d) not in own
        # `original` is the card convention's word for "no source": not asked of the registry.
        and ("/" in d or (d.lower() != "original" and registry.dataset(d) is not None))
    )
    return tuple(dict.fromkeys(kept))[:MAX_TRAINING_DATASETS]


def capped(answer: Lookup, max_parents: int) -> Lookup:
    """A merge of hundreds of parents would fan out into thousands of requests: follow the
    first `max_parents` and record that the rest were not (a needs-review gap)."""
    if not isinstance(answer, HubRecord) or len(answer.base_models) <= max_parents:
        return answer
    problem = (
        f"`base_model` names {len(answer.base_models)} models; only the first {max_parents}"
        " were followed (LICENSECHECK_HUB_MAX_PARENTS)"
    )
    return replace(answer, base_models=answer.base_models[:max_parents], problems=(*answer.problems, problem))


# --- answers -> catalogue entries -------------------------------------------------


def own_terms(record: HubRecord, registry: Registry) -> tuple[tuple[str, ...], str | None]:
    """The terms a card's own licence maps to, and what could not be mapped (a gap) if anything."""
    revision = f" (revision {record.sha[:12]})" if record.sha else ""
    card = f"The Hub card of {record.id}{revision}"
    if not record.licenses:
        return (), f"{card} declares no licence."
    terms: list[str] = []
    unmapped: list[str] = []
    for tag in record.licenses:
        if tag.lower() == "other":
            # `other` names its licence in license_name; the known names share the tag map.
            name = record.license_name
            mapped = registry.terms_for_hub_tag(name) if name else None
            if mapped is None:
                named = f"named '{name}'" if name else "with no license_name"
                link = f", {record.license_link}" if record.license_link else ""
                unmapped.append(f"'other' ({named}{link})")
        else:
            mapped = registry.terms_for_hub_tag(tag)
            if mapped is None:
                unmapped.append(f"'{tag}'")
        if mapped is not None and mapped not in terms:
            terms.append(mapped)
    if not unmapped:
        return tuple(terms), None
    listed = ", ".join(unmapped)
    return tuple(terms), f"{card} declares the licence {listed}, which the registry does not map to terms."


def problems_gap(record: HubRecord) -> str | None:
    """What in the card could not be read: its licence or lineage is not known in full."""
    if not record.problems:
        return None
    revision = f" (revision {record.sha[:12]})" if record.sha else ""
    listed = "; ".join(record.problems)
    return f"The Hub card of {record.id}{revision} cannot be read in full: {listed}."


def record_gap(record: HubRecord, registry: Registry) -> tuple[tuple[str, ...], str | None]:
    """The terms of a card's own licence, and every gap: unmapped licences and unreadable fields."""
    terms, gap = own_terms(record, registry)
    gaps = [g for g in (problems_gap(record), gap) if g]
    return terms, " ".join(gaps) if gaps else None


def failure_gap(failure: HubFailure) -> str:
    return f"{failure.ref} is not in the registry, and its Hub lookup failed: {failure.reason}."


def entries(lookups: Iterable[Lookup], registry: Registry) -> tuple[list[ModelEntry], list[DatasetEntry]]:
    models: list[ModelEntry] = []
    datasets: list[DatasetEntry] = []
    lookups = list(lookups)
    lookups_by_key: dict[tuple[str, str], Lookup] = {(a.kind, normalise(a.ref)): a for a in lookups}
    for answer in lookups:
        renamed = _renamed(answer, registry)
        if isinstance(renamed, ModelEntry):
            models.append(renamed)
            continue
        if isinstance(renamed, DatasetEntry):
            datasets.append(renamed)
            continue
        if isinstance(answer, HubFailure) and answer.kind == "dataset":
            known = registry.dataset(answer.ref)
            if known is not None and known.provenance is not None:
                continue  # the Hub was asked for what the DPI's record lacks: that record stands
        if isinstance(answer, HubFailure):
            terms: tuple[str, ...] = ()
            gap: str | None = failure_gap(answer)
            bases: tuple[str, ...] = ()
        else:
            terms, gap = record_gap(answer, registry)
            bases = answer.base_models
        source = f"hub:{answer.ref}" if isinstance(answer, HubFailure) else _source(answer)
        if answer.kind == "model":
            inferred, unnamed = _card_says(answer) if isinstance(answer, HubRecord) else ((), None)
            models.append(
                ModelEntry(
                    key=answer.ref,
                    is_pattern=False,
                    terms=terms,
                    family=None,
                    base_models=bases,
                    # A derivative keeps its base's modality (the lineage says it); a model
                    # with no recorded base may or may not be multimodal.
                    multimodal=False if bases else None,
                    source=source,
                    gap=gap,
                    datasets=_training_data(answer),
                    inferred=inferred,
                    unnamed=unnamed,
                )
            )
        else:
            generators: tuple[str, ...] = ()
            inferred, unnamed = (), None
            if isinstance(answer, HubRecord):
                inferred, unnamed = _card_says(answer)
                generators = tuple(ref for ref, _ in inferred)
                if answer.gated and gap is None:
                    agreement = "the access agreement it asks for is not in the registry"
                    gap = f"{answer.id} is gated on the Hub; {agreement}."
            entry = DatasetEntry(
                id=answer.ref,
                terms=terms,
                license=None,
                generated_by=generators,
                source=source,
                gap=gap,
                inferred=inferred,
                unnamed=unnamed,
                lookup_failed=answer.reason if isinstance(answer, HubFailure) else None,
            )
            datasets.append(_with_dpi(entry, registry.dataset(answer.ref)))
    return models, _with_sources(datasets, lookups_by_key, registry)


def _renamed(answer: Lookup, registry: Registry) -> ModelEntry | DatasetEntry | None:
    """A repository the Hub now serves under a catalogued id (it follows renames) is that entry."""
    if not isinstance(answer, HubRecord) or normalise(answer.id) == normalise(answer.ref):
        return None
    if answer.problems:  # an answer not read in full cannot vouch for the rename
        return None
    source = f"catalogue entry of {answer.id} (the Hub renamed {answer.ref})"
    if answer.kind == "model":
        model = registry.model(answer.id)
        return None if model is None else replace(model, key=answer.ref, is_pattern=False, source=source)
    dataset = registry.dataset(answer.id)
    return None if dataset is None else replace(dataset, id=answer.ref, source=source)


def _with_sources(
    datasets: list[DatasetEntry], lookups: Mapping[tuple[str, str], Lookup], registry: Registry
) -> list[DatasetEntry]:
    """Each Hub dataset with what its card's source datasets pass on (upstream.py): their
    licences, the models that wrote them, and what is not known of them. Sources are followed
    through their own cards."""
    from licensecheck import upstream

    own = {normalise(d.id): d for d in datasets}

    def find(name: str) -> DatasetEntry | str:
        found = own.get(normalise(name)) or registry.dataset(name)
        if found is not None:
            return found
        answer = lookups.get(("dataset", normalise(name)))
        if isinstance(answer, HubFailure):
            return f"its Hub lookup failed: {answer.reason}"
        return "it was not looked up (the lineage is deeper than the limit)"

    def above(name: str) -> tuple[str, ...]:
        answer = lookups.get(("dataset", normalise(name)))
        return source_datasets(answer, registry) if answer is not None else ()

    return [upstream.merged(d, above(d.id), find, above) for d in datasets]


def _with_dpi(hub: DatasetEntry, dpi: DatasetEntry | None) -> DatasetEntry:
    """The Hub's answer for a dataset the DPI also records: the card's licence, and the
    generators of both (the DPI's annotations of who wrote it are not dropped)."""
    if dpi is None or dpi.provenance is None:
        return hub
    generators = tuple(dict.fromkeys((*hub.generated_by, *dpi.generated_by)))
    return replace(
        hub,
        generated_by=generators,
        generated=dpi.generated,
        generators_complete=dpi.generators_complete,
        unnamed=None if generators else hub.unnamed,
        provenance=f"{dpi.provenance} Its licence is the Hub card's.",
    )


def _card_says(record: HubRecord) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """The generators the card names, each with its evidence; or the evidence that a model
    wrote the data when it names none."""
    if not record.provenance:
        return (), None  # nothing to read: the reader (and its names table) is not loaded
    from licensecheck import cardprovenance

    at = f"the card of {record.id}" + (f" (revision {record.sha[:12]})" if record.sha else "")
    named = cardprovenance.generators(record.provenance)
    inferred = tuple((ref, f"{at}, {e.said}") for ref, e in named.items())
    unnamed = cardprovenance.unnamed(record.provenance)
    return inferred, (f"{at}, {unnamed.said}" if unnamed else None)


def _source(record: HubRecord) -> str:
    return f"hub:{record.id}@{record.sha}" if record.sha else f"hub:{record.id}"


def overlay(registry: Registry, lookups: Iterable[Lookup]) -> Registry:
    models, datasets = entries(lookups, registry)
    if not models and not datasets:
        return registry
    return registry.with_entries(models=models, datasets=datasets)


# --- where answers come from -------------------------------------------------------


class LockMismatch(LicensecheckError):
    """--locked, and the lock file is missing, stale or incomplete: nothing is judged."""


@dataclass
class Sources:
    """Answers from the lock file, then the disk cache, then the Hub (unless offline).

    No HTTP module is imported unless a repository is really to be asked.
    """

    settings: Settings
    lock: LockFile | None = None
    locked: bool = False  # every answer must come from the lock
    cache: HubCache | None = None
    read_cache: bool = True
    progress: Progress | None = None
    client: HubClient | None = None
    budget: Budget | None = None  # shared by every Sources of one run (huboverlay.run_budget)
    # Where each answer came from: "lock", "cache" or "hub".
    origins: dict[tuple[str, str], str] = field(default_factory=dict)

    def __call__(self, wanted: Sequence[Wanted]) -> dict[Wanted, Lookup]:
        out: dict[Wanted, Lookup] = {}
        ask: list[Wanted] = []
        for w in wanted:
            locked = self.lock.get(w) if self.lock is not None else None
            if locked is not None:
                out[w] = locked
                self.origins[w.key] = "lock"
                continue
            if self.locked:
                if w.optional:
                    continue
                raise LockMismatch(
                    f"{LOCK_NAME} does not cover the {w.kind} {w.ref}; run `licensecheck lock`"
                    " (a lookup that failed is never locked: check the id if it keeps failing)"
                )
            cached = None
            if self.cache is not None and self.read_cache:
                _note_cache_read(self.cache, w)
                cached = self.cache.get(w, any_age=self.settings.offline)
            if cached is not None:
                out[w] = cached
                self.origins[w.key] = "cache"
                continue
            ask.append(w)
        if ask:
            out.update(self._ask(ask))
        # Wherever an answer came from, a merge of hundreds is cut to the first parents.
        return {w: capped(answer, self.settings.max_parents) for w, answer in out.items()}

    def _ask(self, wanted: list[Wanted]) -> dict[Wanted, Lookup]:
        if self.settings.offline and self.client is None:  # nothing to ask: no client to load
            from licensecheck.hubsettings import offline_failure

            failed: dict[Wanted, Lookup] = {}
            for w in dict.fromkeys(wanted):
                failed[w] = offline_failure(self.settings, w)
            self.origins.update({w.key: "none (offline)" for w in failed})
            return failed
        if self.client is None:
            from licensecheck.hub import HubClient

            self.client = HubClient(self.settings, budget=self.budget)
        if not self.settings.offline:
            current_run().replayable = False  # the Hub's answers may differ next time
        progress = None if self.settings.offline else self.progress
        if progress is not None:
            progress.add(len(wanted))
        cache = self.cache

        def keep(w: Wanted, answer: Lookup) -> None:  # written while the other lookups wait
            if isinstance(answer, HubRecord) and cache is not None:
                cache.put(answer)

        answers = self.client.fetch_many(wanted, progress.advance if progress is not None else None, keep)
        origin = "none (offline)" if self.settings.offline else "hub"
        self.origins.update({w.key: origin for w in wanted})
        return answers


def _note_cache_read(cache: HubCache, wanted: Wanted) -> None:
    """Tell the run whether this answer depends on a cache entry (then it cannot be replayed),
    or on its absence (then it can, while the entry stays absent)."""
    path = cache.path(wanted)
    run = current_run()
    if os.path.lexists(path):
        run.replayable = False
    else:
        run.absent.append(str(path))
