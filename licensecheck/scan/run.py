"""A scan from start to end: list the files, read each within its bounds, map what they use,
fingerprint the declared local data, and compare it all with the manifest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from licensecheck.manifest import Manifest
from licensecheck.scan import code, compare, configs, data, files, notebooks, prefilter, routers
from licensecheck.scan.compare import DataOutcome, Outcome, Status
from licensecheck.scan.model import Kind, Problem, Use


@dataclass(frozen=True)
class ScanResult:
    root: str  # as the user named it
    manifest: str | None
    outcomes: tuple[Outcome, ...]
    data: tuple[DataOutcome, ...]
    problems: tuple[Problem, ...]
    files: int  # files of interest listed
    read: int  # files that could use a model and were parsed
    truncated: bool  # the file bound was reached: the rest were not read
    data_scanned: bool  # --data: the declared local datasets were fingerprinted
    threshold: float

    @property
    def needs_review(self) -> bool:
        return (
            any(o.status.needs_review for o in self.outcomes)
            or any(d.needs_review for d in self.data)
            or any(p.candidate for p in self.problems)
            or self.truncated
        )


def scan(
    root: Path,
    manifest: Manifest | None,
    *,
    shown_root: str | None = None,
    with_data: bool = False,
    exclude: Sequence[str] = (),
    registry_root: Path | None = None,
    lineage: Mapping[str, Sequence[str]] | None = None,
    stop_at_manifests: bool = True,
) -> ScanResult:
    table = routers.load(registry_root)
    if root.is_file():
        listing = files.Listing((root.name,), (), False)
        root = root.parent
    else:
        listing = files.walk(root, exclude, stop_at_manifests=stop_at_manifests)
    catalogue = _catalogue(root, listing.catalogues)
    found: list[Use] = []
    problems = [
        Problem(f, "a link out of the scanned tree: not read", candidate=False) for f in listing.outside
    ]
    read = 0
    for rel in listing.files:
        uses, problem, parsed = _read(root, rel, table, catalogue)
        found += uses
        read += parsed
        if problem is not None:
            problems.append(problem)
    manifest_dir = Path(manifest.file).resolve().parent if manifest is not None else root.resolve()
    outcomes = compare.compare(found, manifest, table, root=root.resolve(), manifest_dir=manifest_dir)
    outcomes.sort(key=lambda o: (o.use.where, o.use.kind.value))
    datasets: list[DataOutcome] = []
    prints = data.load(registry_root)
    if with_data:
        declared = manifest.datasets if manifest is not None else ()
        datasets = [_fingerprint(d, manifest_dir, prints, lineage or {}) for d in declared if d.path]
        datasets += _undeclared_data(outcomes, root.resolve(), prints)
    return ScanResult(
        root=shown_root if shown_root is not None else str(root),
        manifest=manifest.file if manifest is not None else None,
        outcomes=tuple(outcomes),
        data=tuple(datasets),
        problems=tuple(problems),
        files=len(listing.files),
        read=read,
        truncated=listing.truncated,
        data_scanned=with_data,
        threshold=prints.threshold,
    )


def _read(
    root: Path, rel: str, table: routers.Table, catalogue: configs.Catalogue
) -> tuple[list[Use], Problem | None, int]:
    """The uses in one file, the problem reading it (if any), and 1 if it was parsed."""
    low = rel.lower()
    limit = files.MAX_NOTEBOOK_BYTES if low.endswith(files.NOTEBOOK) else files.MAX_SOURCE_BYTES
    try:
        raw, more = files.read_bounded(root / rel, limit)
    except files.Unreadable as exc:
        return [], Problem(rel, str(exc), candidate=False), 0
    is_config = low.endswith(files.CONFIGS)
    candidate = configs.is_candidate(raw) if is_config else prefilter.is_candidate(raw)
    if not candidate:
        return [], None, 0
    if more:
        limit_text = f"{limit // (1024 * 1024)} MiB"
        return [], Problem(rel, f"larger than {limit_text}: not read", candidate=not is_config), 0
    if low.endswith(files.NOTEBOOK):
        return _notebook(rel, raw, table)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], Problem(rel, f"not UTF-8 text (line {line})", candidate=not is_config), 0
    if is_config:
        try:
            return configs.uses(text, rel, table, catalogue), None, 1
        except configs.ConfigError as exc:
            return [], Problem(rel, f"not read as a config: {exc}", candidate=False), 0
    try:
        return code.uses(text, rel, table), None, 1
    except code.SourceError as exc:
        return [], Problem(rel, str(exc)), 0


def _notebook(rel: str, raw: bytes, table: routers.Table) -> tuple[list[Use], Problem | None, int]:
    try:
        cells = notebooks.read(raw)
    except notebooks.NotebookError as exc:
        return [], Problem(rel, str(exc)), 0
    try:
        uses = code.uses(cells.source, rel, table, cells=cells.lines)
    except code.SourceError as exc:
        return [], Problem(rel, str(exc)), 0
    problem = Problem(rel, "; ".join(cells.skipped)) if cells.skipped else None
    return uses, problem, 1


MAX_UNDECLARED_DATA = 16  # local datasets the code uses but the manifest does not declare, sampled


def _undeclared_data(outcomes: Sequence[Outcome], root: Path, prints: data.Fingerprints) -> list[DataOutcome]:
    """The local data files the code uses and the manifest does not declare, sampled too: their
    marks name the provider whose model wrote them."""
    found: dict[Path, DataOutcome] = {}
    for o in outcomes:
        use = o.use
        if (
            o.status is not Status.UNDECLARED
            or use.kind is not Kind.DATASET
            or not use.local
            or not use.value
        ):
            continue
        if any(ch in use.value for ch in "*?[") or len(found) >= MAX_UNDECLARED_DATA:
            continue
        target = _existing(root, use.where.file, use.value)
        if target is None:
            continue
        if target in found:
            found[target].found_in += (str(use.where),)
            continue
        outcome = DataOutcome(
            dataset=use.ref or use.value, line=None, generators=(), found_in=(str(use.where),)
        )
        for path in data.dataset_files(target):
            outcome.files.append(data.fingerprint(path, path.relative_to(root).as_posix(), prints))
        found[target] = outcome
    for outcome in found.values():
        compare.judge_data(outcome, prints, {})
    return list(found.values())


def _existing(root: Path, file: str, value: str) -> Path | None:
    """The path a data file named in code resolves to, if it exists inside the tree."""
    for base in (root, (root / file).parent):
        try:
            target = (base / value).resolve()
        except (OSError, RuntimeError):
            continue
        inside = target == root or root in target.parents
        if inside and target.exists():
            return target
    return None


def _catalogue(root: Path, names: Sequence[str]) -> configs.Catalogue:
    entries: dict[str, tuple[str, str, bool]] = {}
    for rel in names:
        try:
            raw, more = files.read_bounded(root / rel, files.MAX_SOURCE_BYTES)
        except files.Unreadable:
            continue
        if not more:
            for name, entry in configs.read_catalogue(raw.decode("utf-8", "replace"), rel).items():
                entries.setdefault(name, entry)
    return configs.Catalogue(entries)


def _fingerprint(
    dataset: object, manifest_dir: Path, prints: data.Fingerprints, lineage: Mapping[str, Sequence[str]]
) -> DataOutcome:
    from licensecheck.manifest import Dataset

    assert isinstance(dataset, Dataset) and dataset.path is not None
    outcome = DataOutcome(
        dataset=dataset.path,
        line=dataset.line,
        generators=tuple(g.model.text for g in dataset.generated_by),
    )
    target = (manifest_dir / dataset.path).resolve()
    if not target.exists():
        outcome.problem = "not found"
        return outcome
    for path in data.dataset_files(target):
        try:
            shown = path.relative_to(manifest_dir).as_posix()
        except ValueError:
            shown = str(path)
        outcome.files.append(data.fingerprint(path, shown, prints))
    if not outcome.files:
        outcome.problem = "no data file of a known format (" + ", ".join(data.EXTENSIONS) + ")"
    compare.judge_data(outcome, prints, lineage)
    return outcome


def lineage_of(registry: object) -> dict[str, Sequence[str]]:
    """Each catalogued model's bases (normalised id -> ids): a generator derived from a
    provider's model accounts for that provider's marks too."""
    from licensecheck.refs import normalise
    from licensecheck.registry import Registry

    assert isinstance(registry, Registry)
    return {normalise(m.key): m.base_models for m in registry.models() if not m.is_pattern and m.base_models}
