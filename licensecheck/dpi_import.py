"""Maintainer tool: the Data Provenance Initiative's annotations -> registry/provenance/dpi.json.

    python -m licensecheck.dpi_import CHECKOUT --commit SHA [-o registry/provenance/dpi.json]

CHECKOUT is a local copy of github.com/Data-Provenance-Initiative/Data-Provenance-Collection
(Apache-2.0) at commit SHA. Every record of its per-collection summaries that names a
Hugging Face dataset becomes one entry per dataset id: the DPI's licence and model labels
as written, what they map to in the registry (dpi_labels.py), the dates the DPI gives, and
the records it came from. Nothing is fetched; the same input gives the same bytes.

Nothing on the `check` path imports this module; `licensecheck.dpi` reads its output.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck import dpi_labels as labels

FORMAT = 1
_SUMMARY = "Write the Data Provenance Initiative's annotations as licensecheck's DPI data."
REPOSITORY = "https://github.com/Data-Provenance-Initiative/Data-Provenance-Collection"
# Text, speech and video collections: one JSON object per collection, keyed by record id.
FOLDERS = ("data_summaries", "data_summaries-speech", "data_summaries-video")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "registry" / "provenance" / "dpi.json"

_HUB_URL = re.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/datasets/([^\s;,?#]+)")
_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
_SUBPAGES = frozenset({"tree", "blob", "viewer", "resolve", "raw", "discussions", "commits", "commit"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The DPI's dates of a dataset's first appearance (its metadata script: the first commit of
# the Hub repository; the paper's publication on Semantic Scholar / Papers with Code; GitHub).
_DATES = {"HF Date": "hub_first_commit", "S2 Date": "paper", "PwC Date": "paper", "Github Date": "github"}


class ImportError_(ValueError):
    """The checkout is not what the importer expects (exit 2)."""


@dataclass(frozen=True)
class Record:
    file: str  # path inside the checkout, '/'-separated
    uid: str
    data: dict[str, Any]

    @property
    def collection(self) -> str:
        return str(self.data.get("Collection") or self.data.get("Dataset Name") or self.uid)


def hub_ids(url_field: object) -> list[str]:
    """The Hub dataset ids a "Hugging Face URL" names (org/name, or a legacy canonical name)."""
    out: list[str] = []
    for path in _HUB_URL.findall(url_field if isinstance(url_field, str) else ""):
        parts = [p for p in path.split("/") if p]
        if not parts:
            continue
        dataset = parts[0] if len(parts) == 1 or parts[1] in _SUBPAGES else f"{parts[0]}/{parts[1]}"
        if _HUB_ID.match(dataset) and dataset not in out:
            out.append(dataset)
    return out


def read_records(root: Path) -> Iterator[Record]:
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*.json"), key=lambda p: p.name):
            if path.name.startswith("_"):  # the DPI's templates
                continue
            rel = path.relative_to(root).as_posix()
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ImportError_(f"{rel}: not readable JSON ({exc})") from None
            if not isinstance(data, dict):
                raise ImportError_(f"{rel}: expected an object of records")
            for uid in sorted(data):
                if isinstance(data[uid], dict):
                    yield Record(rel, uid, data[uid])


def blob_id(path: Path) -> str:
    """Git's object id of a file, so each cited file can be matched to a revision."""
    content = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _strings(value: object) -> list[str]:
    return [str(v).strip() for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _licence_labels(record: Record) -> list[str]:
    out = []
    for item in record.data.get("Licenses") or []:
        label = item.get("License") if isinstance(item, dict) else None
        out.append(label.strip() if isinstance(label, str) else "")
    return out or [""]  # no licence listed: nothing was found


def _dates(record: Record) -> dict[str, datetime.date]:
    meta = record.data.get("Inferred Metadata")
    out: dict[str, datetime.date] = {}
    if not isinstance(meta, dict):
        return out
    for key, name in _DATES.items():
        value = meta.get(key)
        if isinstance(value, str) and _DAY.match(value.strip()):
            day = datetime.date.fromisoformat(value.strip())
            out[name] = min(day, out.get(name, day))
    return out


@dataclass
class Dataset:
    """Everything the DPI says about one Hub dataset id, over all records that name it."""

    id: str
    records: list[Record] = field(default_factory=list)

    def add(self, record: Record) -> None:
        self.records.append(record)

    @property
    def licence_labels(self) -> list[str]:
        return sorted({label for r in self.records for label in _licence_labels(r)})

    @property
    def model_labels(self) -> list[str]:
        return sorted({m for r in self.records for m in _strings(r.data.get("Model Generated"))})


@dataclass
class Unknown:
    """Labels the tables do not list: mapped fail-closed, reported so a maintainer adds them."""

    licences: set[str] = field(default_factory=set)
    models: set[str] = field(default_factory=set)


def _licences(ds: Dataset, unknown: Unknown) -> tuple[list[str], bool, list[labels.ModelLabel], list[str]]:
    """SPDX ids of the data licences, whether some record has none, and the provider-terms labels."""
    ids: set[str] = set()
    unspecified = False
    terms: list[labels.ModelLabel] = []
    terms_labels: list[str] = []
    for label in ds.licence_labels:
        provider = labels.provider_terms(label)
        if provider is not None:
            terms.append(provider)
            terms_labels.append(label)
        elif label in labels.NO_LICENCE:
            unspecified = True
        elif (spdx := labels.spdx(label)) is not None:
            ids.add(spdx)
        else:
            if label not in labels.UNMAPPED_LICENCES:
                unknown.licences.add(label)
            ids.add(labels.license_ref(label))
    return sorted(ids), unspecified, terms, terms_labels


def _entry(ds: Dataset, unknown: Unknown) -> dict[str, Any]:
    spdx_ids, unspecified, terms, terms_labels = _licences(ds, unknown)
    models: list[tuple[str, labels.ModelLabel]] = []
    unmapped: list[str] = []
    for label in ds.model_labels:
        if label in labels.NOT_MODELS:
            continue
        known = labels.model(label)
        if known is None:
            unknown.models.add(label)
            known = labels.ModelLabel((), "unnamed")
        models.append((label, known))
    # A provider's terms given as the licence, with no model of that provider named: the label
    # stands for the provider's model (provider level).
    named = {m.provider for _, m in models}
    implied = [(t, m) for t, m in zip(terms_labels, terms, strict=True) if m.provider not in named]
    refs: list[str] = []
    for label, m in [*models, *implied]:
        if not m.refs:
            unmapped.append(label)
        refs += [r for r in m.refs if r not in refs]
    providers = sorted({m.provider for _, m in models} | {m.provider for m in terms})
    out: dict[str, Any] = {
        "id": ds.id,
        "records": _cited(ds.records),
        "dpi_licenses": ds.licence_labels,
        "license": " AND ".join(spdx_ids) or None,
        "unspecified": unspecified,
        "dpi_models": ds.model_labels,
        "generated_by": sorted(refs),
        "implied_by_license": sorted({label for label, _ in implied}),
        "unmapped_models": sorted(set(unmapped)),
        "providers": providers,
    }
    dates = _first_seen(ds.records)
    out["dates"] = {k: v.isoformat() for k, v in sorted(dates.items())}
    out["generated"] = _window([m for _, m in [*models, *implied] if m.refs], dates)
    return out


def _cited(records: Sequence[Record]) -> list[dict[str, Any]]:
    """The records an entry comes from, by file and collection (a collection may cite one
    Hub dataset in hundreds of records)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for r in records:
        grouped.setdefault((r.file, r.collection), []).append(r.uid)
    return [{"file": f, "collection": c, "records": sorted(uids)} for (f, c), uids in sorted(grouped.items())]


def _first_seen(records: Sequence[Record]) -> dict[str, datetime.date]:
    out: dict[str, datetime.date] = {}
    for r in records:
        for name, day in _dates(r).items():
            out[name] = min(day, out.get(name, day))
    return out


def _window(mapped: Sequence[labels.ModelLabel], dates: dict[str, datetime.date]) -> dict[str, str]:
    """When the data was written, as the catalogue records it: from the earliest release of its
    generators (if every one is known) until the dataset's first commit on the Hub (when the
    DPI gives it). A paper's date is not used: a record may cite the paper of its source data.

    A first commit before a generator's release cannot bound the data (the repository predates
    it, or the DPI's label is off): the window then stays open, and every later version of the
    generator's terms is judged too (the worst wins).
    """
    if not mapped:
        return {}
    starts = [m.since for m in mapped]
    known = [d for d in starts if d is not None]
    window = {}
    if known and len(known) == len(starts):
        window["from"] = min(known).isoformat()
    end = dates.get("hub_first_commit")
    if end is not None and all(end >= d for d in known):
        window["until"] = end.isoformat()
    return window


def build(
    root: Path, commit: str, file_commits: dict[str, str] | None = None
) -> tuple[dict[str, Any], Unknown]:
    """The document for a checkout at `commit` (some files may come from another commit)."""
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise ImportError_(f"--commit must be a full 40-digit commit id, not {commit!r}")
    file_commits = dict(file_commits or {})
    datasets: dict[str, Dataset] = {}
    files: set[str] = set()
    for record in read_records(root):
        files.add(record.file)
        for hub_id in hub_ids(record.data.get("Hugging Face URL")):
            datasets.setdefault(hub_id.lower(), Dataset(hub_id)).add(record)
    if not files:
        raise ImportError_(f"{root}: no DPI summaries under {', '.join(FOLDERS)}")
    unknown = Unknown()
    source_files: dict[str, dict[str, str]] = {}
    for f in sorted(files):
        source_files[f] = {"blob": blob_id(root / f)}
        if f in file_commits:
            source_files[f]["commit"] = file_commits.pop(f)
    if file_commits:
        raise ImportError_(f"--file-commit names files the checkout lacks: {', '.join(sorted(file_commits))}")
    doc = {
        "format": FORMAT,
        "source": {
            "repository": REPOSITORY,
            "commit": commit,
            "license": "Apache-2.0",
            "files": source_files,
        },
        "datasets": {key: _entry(datasets[key], unknown) for key in sorted(datasets)},
    }
    return doc, unknown


def render(doc: dict[str, Any]) -> str:
    """Stable bytes: sorted keys, one dataset a line (readable diffs), a final newline."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    head = {k: v for k, v in doc.items() if k != "datasets"}
    rows = [f"  {compact(key)}: {compact(value)}" for key, value in sorted(doc["datasets"].items())]
    body = json.dumps(head, indent=1, sort_keys=True, ensure_ascii=False)
    return body[:-1].rstrip() + ',\n "datasets": {\n' + ",\n".join(rows) + "\n }\n}\n"


def _file_commit(text: str) -> tuple[str, str]:
    path, sep, commit = text.rpartition("=")
    if not sep or not path or not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise argparse.ArgumentTypeError(f"expected PATH=COMMIT (a 40-digit commit id), not {text!r}")
    return path, commit


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m licensecheck.dpi_import", description=_SUMMARY)
    parser.add_argument("checkout", type=Path, help="a local copy of Data-Provenance-Collection")
    parser.add_argument("--commit", required=True, help="the commit CHECKOUT holds (recorded in the output)")
    parser.add_argument(
        "--file-commit",
        type=_file_commit,
        action="append",
        default=[],
        metavar="PATH=COMMIT",
        help="a file taken from another commit than --commit (recorded beside its blob id)",
    )
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        doc, unknown = build(args.checkout, args.commit, dict(args.file_commit))
    except ImportError_ as exc:
        print(f"dpi_import: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(doc), encoding="utf-8")
    entries = doc["datasets"].values()
    print(
        f"dpi_import: {len(doc['datasets'])} Hub dataset ids from {len(doc['source']['files'])} files"
        f" ({sum(1 for e in entries if e['generated_by'] or e['unmapped_models'])} model-written)"
        f" -> {args.output}",
        file=sys.stderr,
    )
    for kind, found in (("licence", unknown.licences), ("model", unknown.models)):
        if found:
            listed = ", ".join(sorted(found))
            print(f"dpi_import: {kind} labels not in dpi_labels.py (needs review): {listed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
