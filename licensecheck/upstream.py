"""A dataset that re-publishes others: what its upstream datasets pass on.

A copy or a filtered subset is still the original's data. Re-uploading Alpaca under
CC BY 4.0 does not lift its non-commercial licence, and dialogues ChatGPT wrote stay
ChatGPT's output whatever the mirror's tag says. So a dataset that derives from others
(the catalogue's `derived_from`, a Hub card's `source_datasets`) is judged under every
licence on the way up: each one is a finding, the stricter governs, and each cites the
dataset it comes from. The models that wrote an upstream dataset are judged as
generators of this one, and what is unknown upstream is a needs-review gap here (and, for a
model trained on it, upstream writers not all on record are: see `writers_unknown_upstream`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from licensecheck.refs import normalise
from licensecheck.registry import DatasetEntry, Window

MAX_UPSTREAM = 32  # datasets followed up from one (a catalogued mixture such as Tulu 3 SFT
# lists 18 subsets, each with its own upstream sets); a hostile chain ends here, with a gap

# A name -> its entry, or why it has none (one clause: "its Hub lookup failed: ...").
Find = Callable[[str], "DatasetEntry | str"]


def merged(
    entry: DatasetEntry, sources: Sequence[str], find: Find, above: Callable[[str], Sequence[str]]
) -> DatasetEntry:
    """`entry` with what its `sources` (and theirs, through `above`) pass on, each once."""
    if not sources:
        return entry
    terms, generators = list(entry.terms), list(entry.generated_by)
    inferred = list(entry.inferred)
    upstream_terms = list(entry.upstream_terms)
    gaps = list(entry.standing_gaps)  # its own `gap` stays its own (a declared licence may settle it)
    unnamed = entry.unnamed
    writers_unknown = list(entry.writers_unknown_upstream)
    followed: list[str] = []
    seen = {normalise(entry.id)}
    todo = [(entry.id, name) for name in sources]
    while todo:
        parent, name = todo.pop(0)
        if normalise(name) in seen:
            continue  # each once: a cycle ends
        if len(followed) >= MAX_UPSTREAM:
            gaps.append(f"{entry.id} derives from more than {MAX_UPSTREAM} datasets; the rest were not read.")
            break
        seen.add(normalise(name))
        followed.append(name)
        source = find(name)
        if isinstance(source, str):
            gaps.append(f"{parent} derives from {name}, whose licence is unknown: {source}.")
            writers_unknown.append(name)
            continue
        for t in source.terms:
            if t not in terms:
                terms.append(t)
                upstream_terms.append((t, name))
        generators += [g for g in source.generated_by if g not in generators]
        inferred += [i for i in source.inferred if i[0] not in dict(inferred)]
        unnamed = unnamed or source.unnamed
        gaps += [g for g in source.standing_gaps if g not in gaps]  # a catalogued source's own upstream
        if source.gap:
            gaps.append(f"{parent} derives from {name}: {source.gap}")
        elif source.license and not source.own_terms:
            # Its licence text is read only where it is judged itself (lineage.py): a copy
            # cannot tell what it grants, whatever its sources' terms say.
            gaps.append(f"{parent} derives from {name}, whose licence {source.license} needs review.")
        elif not source.terms:
            gaps.append(f"{parent} derives from {name}, whose licence is not on record.")
        if not source.generators_complete:
            gaps.append(f"Not every model that wrote {name}, from which {entry.id} derives, is on record.")
        if not source.writers_on_record:  # incomplete, or a Hub lookup that failed
            writers_unknown.append(name)
        todo += [(name, s) for s in above(name)]
    return replace(
        entry,
        terms=tuple(terms),
        generated_by=tuple(generators),
        generated=_widest(entry, find, followed),
        generator_windows=_by_generator(entry, find, followed),
        inferred=tuple(inferred),
        unnamed=None if generators else unnamed,
        standing_gaps=tuple(gaps),
        derived_from=tuple(followed),
        upstream_terms=tuple(upstream_terms),
        writers_unknown_upstream=tuple(dict.fromkeys(writers_unknown)),
    )


def _by_generator(entry: DatasetEntry, find: Find, followed: Sequence[str]) -> tuple[tuple[str, Window], ...]:
    """When each generator wrote: the window of the dataset that names it (the widest, if several
    do), so a model that wrote an old upstream set is not judged as if it wrote the new one."""
    windows: dict[str, list[Window]] = {g: [entry.generated] for g in entry.generated_by}
    for name in followed:
        source = find(name)
        if not isinstance(source, str):
            for g in source.generated_by:
                windows.setdefault(g, []).append(source.generated)
    return tuple((g, _span(ws)) for g, ws in windows.items())


def _span(windows: Sequence[Window]) -> Window:
    """From the earliest to the latest date; any window undated: undated."""
    if not windows or any(w == (None, None) for w in windows):
        return (None, None)
    starts = [w[0] for w in windows]
    ends = [w[1] for w in windows]
    start = None if None in starts else min(d for d in starts if d is not None)
    end = None if None in ends else max(d for d in ends if d is not None)
    return (start, end)


def _widest(entry: DatasetEntry, find: Find, followed: Sequence[str]) -> Window:
    """When the data was written: from the earliest to the latest date of this dataset and its
    upstream datasets that models wrote (a copy wrote nothing new). Any of them undated: the
    whole is undated, and is judged as undated data is."""
    windows = [entry.generated] if entry.generated_by else []
    for name in followed:
        source = find(name)
        if not isinstance(source, str) and source.generated_by:
            windows.append(source.generated)
    return _span(windows)
