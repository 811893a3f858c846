"""Data fingerprints: a bounded sample of a local dataset, searched for the marks that
model-written text carries (registry/fingerprints.yaml).

The sample is streaming and bounded: a file of at most `budget` bytes is read whole;
a larger one as `WINDOWS` evenly spaced windows that add up to the budget, the first at the
start of the file, each cut at record boundaries, and the report says so. The raw bytes are
searched for the patterns' keywords first (lower-cased, with `bytes.find`, at memory
speed); only the records that hold one are decoded and matched. Records are JSON Lines,
lines of CSV or text, the elements of a JSON array (whole files up to `JSON_WHOLE`), or
Parquet rows when pyarrow is installed.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck.errors import RegistryError

FINGERPRINTS_FILE = "fingerprints.yaml"
BUDGET = 32 * 1024 * 1024  # bytes sampled per file
WINDOWS = 32  # windows of a file larger than the budget
BLOCK = 8 * 1024 * 1024  # bytes read at once
JSON_WHOLE = 32 * 1024 * 1024  # a JSON (not JSON Lines) file parsed whole up to this size
MAX_RECORD = 1024 * 1024  # a record longer than this is matched on its raw text
MAX_FILES = 64  # files of one dataset directory
MAX_EXAMPLES = 2
COUNT_LIMIT = 256 * 1024 * 1024  # bytes counted for an example's exact record number
EXTENSIONS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".txt", ".parquet", ".jsonl.gz", ".json.gz")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


@dataclass(frozen=True)
class Pattern:
    id: str
    provider: str | None
    kind: str  # self-identification | disclaimer | refusal
    regex: re.Pattern[str]
    keywords: tuple[bytes, ...]  # lower case, UTF-8, and \u-escaped where not ASCII


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    refs: tuple[str, ...]  # API prefixes: openai, chatgpt
    hub: tuple[str, ...]  # Hub organisations, lower case


@dataclass(frozen=True)
class Fingerprints:
    patterns: tuple[Pattern, ...]
    providers: dict[str, Provider]
    threshold: float

    @functools.cached_property
    def keywords(self) -> tuple[bytes, ...]:
        return tuple(dict.fromkeys(k for p in self.patterns for k in p.keywords))


@dataclass(frozen=True)
class Example:
    record: int | None  # 1-based; None when the sample cannot number it exactly
    approximate: bool  # the record number is estimated from the byte offset
    text: str  # the matched text with some context
    pattern: str


@dataclass
class Marks:
    """The marks of one provider (None: stock phrases that name none) in one file."""

    provider: str | None
    records: int = 0  # records carrying at least one such mark
    patterns: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[Example] = field(default_factory=list)

    def per_1000(self, sampled: int) -> float:
        return 1000.0 * self.records / sampled if sampled else 0.0


@dataclass
class FileReport:
    file: str  # as shown (relative to the manifest's directory)
    format: str
    size: int
    bytes_read: int = 0
    records: int = 0  # records sampled
    sampled: str | None = None  # how the file was sampled; None: read whole
    marks: dict[str | None, Marks] = field(default_factory=dict)
    problem: str | None = None
    header: int = 0  # lines before the first record (a CSV header)

    def to_json(self, threshold: float) -> dict[str, object]:
        return {
            "file": self.file,
            "format": self.format,
            "size": self.size,
            "bytes_read": self.bytes_read,
            "records": self.records,
            "sampled": self.sampled,
            "problem": self.problem,
            "marks": [
                {
                    "provider": m.provider,
                    "records": m.records,
                    "per_1000": round(m.per_1000(self.records), 3),
                    "over_threshold": m.per_1000(self.records) >= threshold,
                    "patterns": dict(sorted(m.patterns.items())),
                    "examples": [
                        {
                            "record": e.record,
                            "approximate": e.approximate,
                            "text": e.text,
                            "pattern": e.pattern,
                        }
                        for e in m.examples
                    ],
                }
                for m in self.ordered_marks()
            ],
        }

    def ordered_marks(self) -> list[Marks]:
        return sorted(self.marks.values(), key=lambda m: (m.provider is None, -m.records, m.provider or ""))


@functools.lru_cache(maxsize=4)
def load(root: Path | None = None) -> Fingerprints:
    from licensecheck.registry import data_root
    from licensecheck.yamlio import load_file

    path = (root or data_root() / "registry") / FINGERPRINTS_FILE
    if not path.is_file():  # another registry (--registry) without the file: the shipped one
        path = data_root() / "registry" / FINGERPRINTS_FILE
    data: dict[str, Any] = load_file(path).data or {}
    try:
        fragments = {str(k): str(v).strip() for k, v in (data.get("fragments") or {}).items()}
        patterns = []
        for p in data["patterns"]:
            text = str(p["pattern"])
            for name, fragment in fragments.items():
                text = text.replace(f"<{name}>", fragment)
            patterns.append(
                Pattern(
                    id=str(p["id"]),
                    provider=p.get("provider"),
                    kind=str(p["kind"]),
                    regex=re.compile(text, re.IGNORECASE),
                    keywords=tuple(_keyword_forms(str(k)) for k in p["keywords"]),
                )
            )
        providers = {
            str(key): Provider(
                key=str(key),
                name=str(v["name"]),
                refs=tuple(str(r).lower() for r in v.get("refs") or ()),
                hub=tuple(str(h).lower() for h in v.get("hub") or ()),
            )
            for key, v in (data.get("providers") or {}).items()
        }
        return Fingerprints(tuple(patterns), providers, float(data.get("threshold_per_1000", 1.0)))
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:
        raise RegistryError(f"{path}: malformed fingerprints ({exc})") from None


def _keyword_forms(keyword: str) -> bytes:
    return keyword.lower().encode("utf-8")


def _escaped(keyword: bytes) -> bytes | None:
    """A keyword as JSON writes it with ensure_ascii (`\\u6211\\u662f`), lower case."""
    text = keyword.decode("utf-8")
    if text.isascii():
        return None
    return "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in text).encode()


def text_of(record: Any, limit: int = 10_000) -> str:
    """The strings of a decoded record, joined (keys are not text a model wrote)."""
    out: list[str] = []
    stack = [record]
    while stack and len(out) < limit:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return "\n".join(out)


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


class Matcher:
    """Finds the marks in records: a keyword search over raw bytes, then the patterns over
    the text of the records a keyword hit."""

    def __init__(self, prints: Fingerprints) -> None:
        self.prints = prints
        forms: list[bytes] = []
        for k in prints.keywords:
            forms.append(k)
            escaped = _escaped(k)
            if escaped is not None:
                forms.append(escaped)
        unique = list(dict.fromkeys(forms))
        # A keyword that contains another is found where the other is: one pass fewer.
        self.forms = tuple(k for k in unique if not any(o != k and o in k for o in unique))

    def hits(self, low: bytes) -> list[int]:
        """Offsets in a lower-cased block where a keyword starts."""
        found: set[int] = set()
        for kw in self.forms:
            at = low.find(kw)
            while at != -1:
                found.add(at)
                at = low.find(kw, at + 1)
        return sorted(found)

    def match(self, text: str) -> list[tuple[Pattern, str]]:
        """Every pattern that matches `text`, with the matched span in some context."""
        plain = normalise(text)
        low = plain.lower()
        out = []
        for p in self.prints.patterns:
            if not any(k.decode("utf-8") in low for k in p.keywords):
                continue
            m = p.regex.search(plain)
            if m is not None:
                start, end = max(0, m.start() - 40), min(len(plain), m.end() + 60)
                snippet = (
                    ("\u2026" if start else "") + plain[start:end] + ("\u2026" if end < len(plain) else "")
                )
                out.append((p, snippet))
        return out


def fingerprint(path: Path, shown: str, prints: Fingerprints, *, budget: int = BUDGET) -> FileReport:
    """The marks in one data file (a bounded sample of it)."""
    name = path.name.lower()
    fmt = next((e.lstrip(".") for e in sorted(EXTENSIONS, key=len, reverse=True) if name.endswith(e)), "text")
    report = FileReport(shown, fmt, 0)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            report.problem = "not a regular file"
            return report
        report.size = info.st_size
        matcher = Matcher(prints)
        if fmt == "parquet":
            _parquet(path, report, matcher, budget)
        elif fmt.endswith(".gz"):
            _gzip(path, report, matcher, budget)
        elif fmt == "json" and report.size <= JSON_WHOLE:
            _json_whole(path, report, matcher)
        else:
            if fmt == "json":
                report.sampled = "records counted as lines (JSON too large to parse whole)"
            _lines(path, report, matcher, budget, header=fmt in ("csv", "tsv"))
    except OSError as exc:
        report.problem = f"cannot read: {exc.strerror or exc}"
    return report


def _record(report: FileReport, matcher: Matcher, number: int | None, approx: bool, text: str) -> None:
    seen: set[str | None] = set()
    for pattern, snippet in matcher.match(text):
        marks = report.marks.setdefault(pattern.provider, Marks(pattern.provider))
        marks.patterns[pattern.id] += 1
        if pattern.provider not in seen:
            seen.add(pattern.provider)
            marks.records += 1
            if len(marks.examples) < MAX_EXAMPLES:
                marks.examples.append(Example(number, approx, snippet, pattern.id))


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and len(raw) <= MAX_RECORD:
        try:
            return text_of(json.loads(stripped))
        except (ValueError, RecursionError):
            pass
    return text


def _scan_block(
    block: bytes,
    report: FileReport,
    matcher: Matcher,
    first: int | None,
    offset: int,
    path: Path | None,
    skip_first: bool = False,
) -> None:
    """Records of `block` (whole lines), the first numbered `first` (None: unknown)."""
    lines = block.count(b"\n") + (0 if block.endswith(b"\n") or not block else 1)
    report.records += lines - (1 if skip_first else 0)
    low = block.lower()
    index = 0  # lines before `position`
    position = 0
    last_start = -1
    for hit in matcher.hits(low):
        start = low.rfind(b"\n", 0, hit) + 1
        if start == last_start:
            continue
        index += block.count(b"\n", position, start)
        position = start
        last_start = start
        if skip_first and index == 0:
            continue
        end = low.find(b"\n", hit)
        end = end if end != -1 else len(block)
        if end - start > MAX_RECORD:  # one huge record: the text around the keyword
            raw = block[max(start, hit - 4096) : min(end, hit + 4096)]
        else:
            raw = block[start:end]
        number, approx = (first + index + 1 - report.header, False) if first is not None else (None, False)
        if number is None and path is not None:
            number, approx = _number(path, offset + start, report)
        _record(report, matcher, number, approx, _decode(raw))


def _number(path: Path, offset: int, report: FileReport) -> tuple[int | None, bool]:
    """The record number at a byte offset: counted when near enough, else estimated."""
    if any(len(m.examples) < MAX_EXAMPLES for m in report.marks.values()) or not report.marks:
        if offset <= COUNT_LIMIT:
            count = 0
            with open(path, "rb") as handle:
                left = offset
                while left > 0:
                    chunk = handle.read(min(BLOCK, left))
                    if not chunk:
                        break
                    count += chunk.count(b"\n")
                    left -= len(chunk)
            return count + 1 - report.header, False
        if report.records and report.bytes_read:
            return max(1, int(offset / (report.bytes_read / report.records)) + 1 - report.header), True
    return None, False


def _lines(path: Path, report: FileReport, matcher: Matcher, budget: int, *, header: bool) -> None:
    report.header = 1 if header else 0
    with open(path, "rb") as handle:
        if report.size <= budget:
            _stream(handle, report, matcher, budget, header=header)
            return
        size = report.size
        window = max(budget // WINDOWS, 64 * 1024)
        count = max(1, min(WINDOWS, budget // window))
        stride = size // count
        report.sampled = (
            f"{count} windows of {_size(window)} spread over {_size(size)} (the first from the start)"
        )
        for i in range(count):
            offset = i * stride
            handle.seek(offset)
            block = handle.read(window)
            report.bytes_read += len(block)
            if i:
                cut = block.find(b"\n")
                if cut == -1:
                    continue
                offset += cut + 1
                block = block[cut + 1 :]
            end = block.rfind(b"\n")
            if end == -1:
                continue
            block = block[: end + 1]
            _scan_block(
                block, report, matcher, 0 if i == 0 else None, offset, path, skip_first=header and i == 0
            )


def _stream(handle: Any, report: FileReport, matcher: Matcher, budget: int, *, header: bool) -> None:
    carry = b""
    first = 0
    offset = 0
    skip = header
    while report.bytes_read < budget:
        chunk = handle.read(min(BLOCK, budget - report.bytes_read))
        if not chunk:
            break
        report.bytes_read += len(chunk)
        block = carry + chunk
        end = block.rfind(b"\n")
        if end == -1:
            carry = block
            continue
        whole, carry = block[: end + 1], block[end + 1 :]
        _scan_block(whole, report, matcher, first, offset, None, skip_first=skip)
        skip = False
        first += whole.count(b"\n")
        offset += len(whole)
    if carry:
        _scan_block(carry, report, matcher, first, offset, None, skip_first=skip)
    if report.bytes_read >= budget and report.size > budget:
        report.sampled = f"the first {_size(budget)} of {_size(report.size)}"


def _gzip(path: Path, report: FileReport, matcher: Matcher, budget: int) -> None:
    try:
        with gzip.open(path, "rb") as handle:
            _stream(handle, report, matcher, budget, header=False)
            more = handle.read(1)
    except (OSError, EOFError) as exc:
        report.problem = f"cannot decompress: {exc}"
        return
    if more:
        report.sampled = f"the first {_size(budget)} decompressed"


def _json_whole(path: Path, report: FileReport, matcher: Matcher) -> None:
    from licensecheck.safefile import parse_json

    data = path.read_bytes()
    report.bytes_read = len(data)
    try:
        doc = parse_json(data.decode("utf-8", "replace"))
    except ValueError as exc:
        report.problem = f"not JSON: {exc}"
        return
    records = _records(doc)
    report.records = len(records)
    for number, record in enumerate(records, 1):
        raw = json.dumps(record, ensure_ascii=False).lower().encode("utf-8")
        if any(form in raw for form in matcher.forms):
            _record(report, matcher, number, False, text_of(record))


def _records(doc: Any) -> list[Any]:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        lists = [v for v in doc.values() if isinstance(v, list)]
        if lists:
            return max(lists, key=len)  # {"data": [...]}, {"train": [...]}
        return [doc]
    return []


def _parquet(path: Path, report: FileReport, matcher: Matcher, budget: int) -> None:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        report.problem = "Parquet needs pyarrow: pip install 'licensecheck-ml[parquet]'"
        return
    try:
        parquet = pq.ParquetFile(path)
        meta = parquet.metadata
        groups = meta.num_row_groups
        columns = [f.name for f in parquet.schema_arrow if str(f.type) in ("string", "large_string")]
        if not columns or not groups:
            return
        sizes = [meta.row_group(i).total_byte_size for i in range(groups)]
        starts = [sum(meta.row_group(j).num_rows for j in range(i)) for i in range(groups)]
        take = max(1, min(groups, budget // max(1, sum(sizes) // groups)))
        chosen = sorted({(i * groups) // take for i in range(take)})
        for g in chosen:
            table = parquet.read_row_group(g, columns=columns)
            report.bytes_read += sizes[g]
            rows = table.to_pylist()
            report.records += len(rows)
            for i, row in enumerate(rows):
                text = "\n".join(v for v in row.values() if isinstance(v, str))
                low = text.lower().encode("utf-8")
                if any(form in low for form in matcher.forms):
                    _record(report, matcher, starts[g] + i + 1, False, text)
        if len(chosen) < groups:
            report.sampled = (
                f"{len(chosen)} of {groups} row groups ({report.records} of {meta.num_rows} rows)"
            )
    except Exception as exc:  # pyarrow raises its own hierarchy (ArrowInvalid, …) on bad files
        report.problem = f"cannot read as Parquet: {exc}"


def dataset_files(root: Path) -> Iterator[Path]:
    """The data files of a dataset path: the file itself, or those under a directory."""
    if not root.is_dir():
        yield root  # a file, or something that is none (fingerprint says so)
        return
    count = 0
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(EXTENSIONS) and not name.startswith("."):
                yield Path(current) / name
                count += 1
                if count >= MAX_FILES:
                    return


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
