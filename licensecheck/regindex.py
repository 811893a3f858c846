"""The registry compiled once per content, so a run reads no registry YAML.

The catalogue (registry.yaml and catalogue/) is parsed and arranged for look-up: exact ids
by their comparison key, patterns in the order that decides (the most specific first) and
grouped by their literal `org/` or `provider:` prefix, and the licence map. Each terms
series is parsed on its own, when a subject first needs it. Both are plain data,
marshalled and kept in the cache (memo.py's binary entries, under this machine's HMAC
key), each keyed by a sha256 of the files it was built from with the tool and Python
versions: a registry edited by a byte is another key and is built afresh, so a stale index
is never used, and an entry that fails its HMAC (edited, truncated, copied from another
machine) is ignored and rebuilt. A first run parses only what it needs. A process keeps
what it compiled or verified, so a long-lived one (a server, a test suite) does it once.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from licensecheck import memo
from licensecheck.errors import InputError, RegistryError

FORMAT = 3  # 2: `legacy_of` entries resolved when built; 3: they keep only their own fields beside the record
MAX_INDEX_BYTES = 64 * 1024 * 1024  # the shipped registry compiles to well under a megabyte

Index = dict[str, Any]


def data_root() -> Path:
    """Where registry/ and policies/ are: inside the wheel, or at the top of a checkout."""
    package = Path(__file__).resolve().parent
    shipped = package / "_data"
    if (shipped / "registry").is_dir():
        return shipped
    return package.parent


def catalogue_files(root: Path) -> list[tuple[str, str]]:
    """(name relative to `root`, path) of the files the catalogue index is built from, in order."""
    out = [("registry.yaml", str(root / "registry.yaml"))]
    return out + [(f"catalogue/{name}", path) for name, path in _yaml_files(root / "catalogue")]


def series_files(root: Path, series: str) -> list[tuple[str, str]]:
    """(name, path) of each version of one terms series, in order."""
    return _series_files(series, os.path.join(root / "terms", series))


def _series_files(series: str, folder: str) -> list[tuple[str, str]]:
    # Joined as strings: every check lists a hundred series, and Path joins cost more.
    return [(f"terms/{series}/{name}", path) for name, path in _yaml_files(folder)]


def all_files(root: Path) -> list[tuple[str, str]]:
    """Every file a check may read from the registry at `root`: the catalogue and every series."""
    out = catalogue_files(root)
    for series, folder in _dirs(str(root / "terms")):  # a Path's spelling ("x", not "./x")
        out += _series_files(series, folder)
    return out


def _entries(folder: str | Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _yaml_files(folder: str | Path) -> list[tuple[str, str]]:
    return [(e.name, e.path) for e in _entries(folder) if e.name.endswith(".yaml") and e.is_file()]


def _dirs(folder: str | Path) -> list[tuple[str, str]]:
    return [(e.name, e.path) for e in _entries(folder) if e.is_dir()]


def content_digest(files: list[tuple[str, str]]) -> str:
    """sha256 over each file's name and bytes: any edit, addition or removal changes it."""
    digest = hashlib.sha256()
    for name, path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b"\xff unreadable"  # the build names the problem; the key only has to differ
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load(root: Path) -> Index:
    """The compiled catalogue at `root`: from the cache when this machine wrote it for exactly
    these files, else built from the YAML (and remembered). Terms series: `series`."""
    files = catalogue_files(root)
    index: Index = _cached("registry-catalogue", files, lambda: build(root, files))
    index["series_ids"] = [name for name, _ in _dirs(root / "terms")]
    return index


def series(root: Path, series: str) -> list[tuple[str, Any, Any]]:
    """One terms series as each version's (path, data, None), or (path, None, (file, line,
    problem)) for a file that does not load: that error is raised when the series is used."""
    files = series_files(root, series)
    return _cached(f"registry-series-{series}", files, lambda: _series(files))  # type: ignore[no-any-return]


# What this process built or read and verified, by kind and content: a process that opens the
# registry again (a server, a test suite) compiles it once. Kept as marshalled bytes, so each
# caller gets its own copy to change (load() adds to the index it returns).
_IN_PROCESS: dict[tuple[str, str], bytes] = {}
# Bounded: a test suite builds many small registries; only the last few are reused.
_IN_PROCESS_MAX = 8


def forget_in_process() -> None:
    """Drop this process's compiled copies (as a new process starts): the next load reads the
    cache, or the YAML."""
    _IN_PROCESS.clear()


def _cached(kind: str, files: list[tuple[str, str]], make: Callable[[], Any]) -> Any:
    digest = content_digest(files)
    blob = _IN_PROCESS.get((kind, digest))
    if blob is not None:
        return marshal.loads(blob)
    key = memo.key(kind, str(FORMAT), sys.version, str(marshal.version), digest)
    blob = memo.load_bytes("registry-index", key, MAX_INDEX_BYTES)
    if blob is not None:
        try:
            value = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            pass  # vouched for but unreadable: build it again
        else:
            _remember(kind, digest, blob)
            return value
    value = make()
    blob = marshal.dumps(value)
    memo.store_bytes("registry-index", key, blob)
    _remember(kind, digest, blob)
    return value


def _remember(kind: str, digest: str, blob: bytes) -> None:
    while len(_IN_PROCESS) >= _IN_PROCESS_MAX:
        del _IN_PROCESS[next(iter(_IN_PROCESS))]  # the oldest
    _IN_PROCESS[kind, digest] = blob


def _legacy_entry(path: str, d: dict[str, Any], target: dict[str, Any] | None) -> dict[str, Any]:
    """A legacy single-name Hub id (`glue`) with the record of the repository the Hub now serves
    it from (`legacy_of: nyu-mll/glue`): one record, so the two cannot drift apart."""
    if target is None or "legacy_of" in target:
        why = "is not catalogued" if target is None else "is itself a legacy id"
        raise RegistryError(f"{path}: {d['id']}: legacy_of {d['legacy_of']} {why}")
    extra = set(d) - {"id", "legacy_of", "source"}
    if extra:
        listed = ", ".join(sorted(extra))
        raise RegistryError(
            f"{path}: {d['id']}: an entry with legacy_of holds no facts of its own ({listed})"
        )
    # Its own `source`, if any, is where the legacy card was read agreeing with the repository's.
    return {**target, **d}


def build(root: Path, files: list[tuple[str, str]] | None = None) -> Index:
    """Parse the catalogue's YAML into the index (plain data: marshal keeps it exactly)."""
    from licensecheck.refs import normalise
    from licensecheck.yamlio import load_file

    files = catalogue_files(root) if files is None else files
    meta = load_file(root / "registry.yaml").data or {}
    exact: dict[str, dict[str, Any]] = {}
    exact_terms: dict[str, tuple[str, ...]] = {}
    patterns: list[dict[str, Any]] = []
    datasets: dict[str, dict[str, Any]] = {}
    legacy: list[tuple[str, dict[str, Any]]] = []
    licences: dict[str, str] = {}
    for name, path in files:
        if not name.startswith("catalogue/"):
            continue
        data: dict[str, Any] = load_file(path).data or {}
        for m in data.get("models") or []:
            if "pattern" in m:
                patterns.append(m)
                continue
            key = normalise(m.get("id") or m["pattern"])
            terms = terms_ids(m["terms"])
            if key in exact and exact_terms[key] != terms:
                raise RegistryError(f"{path}: {m.get('id')} is listed twice with different terms")
            exact[key], exact_terms[key] = m, terms
        for d in data.get("datasets") or []:
            datasets[normalise(d["id"])] = d
            if "legacy_of" in d:
                legacy.append((path, d))
        for lic in data.get("licenses") or []:
            if "spdx" in lic:
                licences[f"spdx:{lic['spdx'].lower()}"] = lic["terms"]
            for tag in lic.get("hf") or ():
                licences[f"hf:{tag.lower()}"] = lic["terms"]
    for path, d in legacy:
        target = datasets.get(normalise(str(d["legacy_of"])))
        datasets[normalise(d["id"])] = _legacy_entry(path, d, target)
    # Longest pattern first: the most specific pattern decides.
    patterns.sort(key=lambda m: (-len(m["pattern"].replace("*", "")), m["pattern"].lower()))
    return {
        "format": FORMAT,
        "meta": meta,
        "exact": exact,
        "patterns": patterns,
        "pattern_keys": [m["pattern"].lower() for m in patterns],
        "pattern_groups": pattern_groups([m["pattern"].lower() for m in patterns]),
        "datasets": datasets,
        "licenses": licences,
    }


def terms_ids(items: list[Any]) -> tuple[str, ...]:
    """The terms ids of a catalogue entry's `terms:` (ids, or mappings with an `id`)."""
    return tuple(item if isinstance(item, str) else item["id"] for item in items)


def _series(files: list[tuple[str, str]]) -> list[tuple[str, Any, Any]]:
    from licensecheck.yamlio import load_file

    out: list[tuple[str, Any, Any]] = []
    for _, path in files:
        try:
            out.append((path, load_file(path).data, None))
        except InputError as exc:
            out.append((path, None, (exc.file, exc.line, exc.problem)))
    return out


# --- patterns -----------------------------------------------------------------------

WILDCARDS = "*?["


def literal_prefix(pattern: str) -> str:
    """What every id a shell-style pattern matches begins with: the text before its first wildcard."""
    cut = min((i for i in (pattern.find(c) for c in WILDCARDS) if i >= 0), default=len(pattern))
    return pattern[:cut]


def group_of(text: str) -> str | None:
    """`org/` or `provider:` at the start of an id (through its first separator), if any."""
    cut = min((i for i in (text.find("/"), text.find(":")) if i >= 0), default=-1)
    return text[: cut + 1] if cut >= 0 else None


def pattern_groups(patterns: list[str]) -> dict[str, list[int]]:
    """For each group (`org/`, `provider:`), the positions of the patterns an id in it can
    match, in deciding order; "" holds those without a literal group, which any id may match.

    A pattern whose literal prefix holds a separator matches only ids that begin with that
    prefix, hence with its group; every other pattern is a candidate for every id."""
    anywhere = [i for i, p in enumerate(patterns) if group_of(literal_prefix(p)) is None]
    groups: dict[str, list[int]] = {"": anywhere}
    for i, p in enumerate(patterns):
        group = group_of(literal_prefix(p))
        if group is not None:
            groups.setdefault(group, [])
            groups[group].append(i)
    for group, members in groups.items():
        if group:
            groups[group] = sorted({*members, *anywhere})
    return groups
