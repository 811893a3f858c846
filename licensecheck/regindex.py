"""The registry compiled once per content, so a run reads no registry YAML.

Building parses registry.yaml, the catalogue and every terms document, and arranges them
for look-up: exact ids by their comparison key, patterns in the order that decides (the
most specific first) and grouped by their literal `org/` or `provider:` prefix, the
licence map, and each terms series as its own blob, unpacked only when a subject needs
it. The result is plain data, marshalled and kept in the cache (memo.py's binary
entries, under this machine's HMAC key), keyed by a sha256 of every file it was built
from with the tool and Python versions: a registry edited by a byte is another key and
is built afresh, so a stale index is never used, and an entry that fails its HMAC
(edited, truncated, copied from another machine) is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from licensecheck import memo
from licensecheck.errors import InputError, RegistryError
from licensecheck.refs import normalise

FORMAT = 1
MAX_INDEX_BYTES = 64 * 1024 * 1024  # the shipped registry compiles to well under a megabyte

Index = dict[str, Any]


def source_files(root: Path) -> list[tuple[str, str]]:
    """(name relative to `root`, path) of every file the index is built from, in a fixed order."""
    out = [("registry.yaml", str(root / "registry.yaml"))]
    out += [(f"catalogue/{name}", path) for name, path in _yaml_files(root / "catalogue")]
    for series, folder in _dirs(root / "terms"):
        out += [(f"terms/{series}/{name}", path) for name, path in _yaml_files(Path(folder))]
    return out


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _yaml_files(folder: Path) -> list[tuple[str, str]]:
    return [(e.name, e.path) for e in _entries(folder) if e.name.endswith(".yaml") and e.is_file()]


def _dirs(folder: Path) -> list[tuple[str, str]]:
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
    """The compiled registry at `root`: from the cache when this machine wrote it for exactly
    these files, else built from the YAML (and remembered)."""
    files = source_files(root)
    key = memo.key("registry-index", str(FORMAT), sys.version, str(marshal.version), content_digest(files))
    blob = memo.load_bytes("registry-index", key, MAX_INDEX_BYTES)
    if blob is not None:
        try:
            index: Index = marshal.loads(blob)
            if isinstance(index, dict) and index.get("format") == FORMAT:
                return index
        except (ValueError, EOFError, TypeError):
            pass  # vouched for but unreadable: build it again
    index = build(root, files)
    memo.store_bytes("registry-index", key, marshal.dumps(index))
    return index


def build(root: Path, files: list[tuple[str, str]] | None = None) -> Index:
    """Parse the registry's YAML into the index (plain data: marshal keeps it exactly)."""
    from licensecheck.yamlio import load_file

    files = source_files(root) if files is None else files
    meta = load_file(root / "registry.yaml").data or {}
    exact: dict[str, dict[str, Any]] = {}
    exact_terms: dict[str, tuple[str, ...]] = {}
    patterns: list[dict[str, Any]] = []
    datasets: dict[str, dict[str, Any]] = {}
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
        for lic in data.get("licenses") or []:
            if "spdx" in lic:
                licences[f"spdx:{lic['spdx'].lower()}"] = lic["terms"]
            for tag in lic.get("hf") or ():
                licences[f"hf:{tag.lower()}"] = lic["terms"]
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
        "series_ids": [name for name, _ in _dirs(root / "terms")],
        "series": {
            series: marshal.dumps(_series(root, series, files)) for series, _ in _dirs(root / "terms")
        },
    }


def terms_ids(items: list[Any]) -> tuple[str, ...]:
    """The terms ids of a catalogue entry's `terms:` (ids, or mappings with an `id`)."""
    return tuple(item if isinstance(item, str) else item["id"] for item in items)


def _series(root: Path, series: str, files: list[tuple[str, str]]) -> list[tuple[str, Any, Any]]:
    """Each version's (path, data, None), or (path, None, (file, line, problem)) for a file
    that does not load: that error is raised when the series is used, as it was read then."""
    from licensecheck.yamlio import load_file

    prefix = f"terms/{series}/"
    out: list[tuple[str, Any, Any]] = []
    for name, path in files:
        if name.startswith(prefix) and "/" not in name[len(prefix) :]:
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
