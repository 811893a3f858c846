"""Quote evidence: every clause the registry quotes is verbatim in its reference text.

Texts the project may pass on (licences that ask to be copied with the work) ship in
`registry/texts/`, and a clause that cites one is checked against it. A provider's terms
of service are not redistributed: each quote from one was checked against the
maintainers' copy, and `registry/quote-checks.yaml` records the SHA-256 of that text and
of every quote checked in it. The tests check each quote against its shipped text, or
against that record, so a quote edited since it was checked fails either way.

    python -m licensecheck.quotes --texts DIR [--write]

checks every quote against the texts in DIR (and registry/texts), prints each problem,
and with --write records the result. Maintainer tooling: nothing on the `check` path
imports it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck.registry import data_root
from licensecheck.yamlio import load_file

SHIPPED = "texts/"  # a reference name that starts so is a file under registry/
RECORD_NAME = "quote-checks.yaml"


@dataclass(frozen=True)
class Quote:
    key: str  # "terms-id@version#clause-id"
    reference: str  # the text it quotes: "texts/…" (shipped) or a file name (not shipped)
    quote: str

    @property
    def shipped(self) -> bool:
        return self.reference.startswith(SHIPPED)

    @property
    def digest(self) -> str:
        return sha256(fold(self.quote))


def fold(text: str) -> str:
    """Whitespace-insensitive: line wrapping in a text or a YAML quote changes nothing."""
    return " ".join(text.split())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body(text: str) -> str:
    """A reference file's text without its provenance header (above a `---` line)."""
    _head, sep, rest = text.partition("\n---\n")
    return rest if sep else text


def registry_root() -> Path:
    return data_root() / "registry"


def quotes(root: Path | None = None) -> Iterator[Quote]:
    """Every clause quote of every terms document that names its reference text."""
    root = root or registry_root()
    for path in sorted((root / "terms").glob("*/*.yaml")):
        data: dict[str, Any] = load_file(path).data
        for clause in data["clauses"]:
            name = clause.get("reference", data.get("reference"))
            if name:
                key = f"{data['id']}@{data['version']}#{clause['id']}"
                yield Quote(key, str(name), str(clause["quote"]))


def read_record(root: Path | None = None) -> dict[str, Any]:
    path = (root or registry_root()) / RECORD_NAME
    data: dict[str, Any] = load_file(path).data if path.is_file() else {}
    return data.get("texts") or {}


def text_of(q: Quote, texts: Path | None, root: Path) -> str | None:
    path = root / q.reference if q.shipped else (texts / q.reference if texts else None)
    if path is None or not path.is_file():
        return None
    return body(path.read_text(encoding="utf-8"))


def check(texts: Path, root: Path | None = None) -> tuple[list[str], dict[str, Any]]:
    """Problems found, and the record of the texts that are not shipped."""
    root = root or registry_root()
    problems: list[str] = []
    record: dict[str, Any] = {}
    today = datetime.date.today().isoformat()
    for q in quotes(root):
        text = text_of(q, texts, root)
        if text is None:
            problems.append(f"{q.key}: reference text {q.reference} not found")
            continue
        if fold(q.quote) not in fold(text):
            problems.append(f"{q.key}: the quote is not verbatim in {q.reference}")
            continue
        if not q.shipped:
            entry = record.setdefault(
                q.reference, {"sha256": sha256(fold(text)), "checked": today, "quotes": {}}
            )
            entry["quotes"][q.key] = q.digest
    return problems, record


def write_record(record: dict[str, Any], root: Path | None = None) -> Path:
    import yaml

    path = (root or registry_root()) / RECORD_NAME
    head = (
        "# Written by `python -m licensecheck.quotes --texts DIR --write`; do not edit by hand.\n"
        "# Each provider text that is not shipped: the SHA-256 of its whitespace-folded body,\n"
        "# the day its quotes were checked verbatim, and the SHA-256 of each folded quote.\n"
    )
    ordered = {name: record[name] for name in sorted(record)}
    path.write_text(head + yaml.safe_dump({"texts": ordered}, sort_keys=True, allow_unicode=True), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m licensecheck.quotes", description=__doc__)
    parser.add_argument("--texts", type=Path, required=True, help="folder of the reference texts")
    parser.add_argument("--write", action="store_true", help="record the result in registry/")
    args = parser.parse_args(argv)
    problems, record = check(args.texts)
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = sum(len(e["quotes"]) for e in record.values())
    print(f"{checked} quotes in {len(record)} texts that are not shipped; {len(problems)} problems")
    if args.write and not problems:
        print(f"wrote {write_record(record)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
